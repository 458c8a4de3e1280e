"""Who may do what with a case. Every case view goes through `get_case`: no access is a 404."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db.models import QuerySet
from django.http import Http404

from core.mfa import has_staff_power
from partnerships.models import Membership, MembershipStatus

from .models import Application, ApplicationStatus, Contributor, ContributorRole


class Action(StrEnum):
    VIEW = "view"
    EDIT = "edit"  # change the content of a draft or returned application
    SUBMIT = "submit"  # submit or withdraw: coordinators of the organisation only
    MANAGE = "manage"  # invite and remove contributors


VIEW_PERMISSION = "applications.view_application"


def is_coordinator(user, organisation_id: int) -> bool:
    return Membership.objects.filter(
        user=user, organisation_id=organisation_id, status=MembershipStatus.APPROVED
    ).exists()


def takes_part(user, application: Application) -> bool:
    """Whether `user` is on the applicant's side of the case: its creator, a contributor, or a
    member (approved or not) of its organisation. Such a person never decides on it as staff."""
    return (
        application.created_by_id == user.pk
        or Contributor.objects.filter(application=application, user=user).exists()
        or Membership.objects.filter(
            user=user, organisation_id=application.organisation_id
        ).exists()
    )


def takes_part_in_case(user, obj) -> bool:
    """Whether `user` takes part in the case `obj` belongs to (its `application`): the
    `parties` of a table whose objects hang off an application (a screening, a decision…)."""
    return takes_part(user, obj.application)


def allowed_actions(user, application: Application) -> set[Action]:
    if not user.is_authenticated:
        return set()
    if is_coordinator(user, application.organisation_id):
        return set(Action)
    # ICLD staff read every case (the review happens in the admin), and change none here:
    # with the permission, in a session that passed the second factor.
    actions: set[Action] = {Action.VIEW} if has_staff_power(user, VIEW_PERMISSION) else set()
    if application.created_by_id == user.pk:
        # A member still waiting for approval may draft, not submit.
        actions |= {Action.VIEW, Action.EDIT}
    role = (
        Contributor.objects.filter(application=application, user=user)
        .values_list("role", flat=True)
        .first()
    )
    if role is not None:
        actions.add(Action.VIEW)
        if role == ContributorRole.EDITOR:
            actions.add(Action.EDIT)
    return actions


@dataclass(frozen=True)
class CaseAccess:
    """A case and what the user may do with it, derived once by `get_case`. Views and
    templates ask it (`case.can_edit`), never the model instance."""

    application: Application
    actions: frozenset[Action]

    def may(self, action: Action) -> bool:
        return action in self.actions

    @property
    def can_edit(self) -> bool:
        """Change the content: the case is a draft (or returned, or withdrawn) and the user
        edits."""
        return self.application.is_editable and Action.EDIT in self.actions

    @property
    def can_submit(self) -> bool:
        """Submit or withdraw, and manage contributors: the organisation's coordinators."""
        return Action.SUBMIT in self.actions

    @property
    def can_change_team(self) -> bool:
        """Propose and withdraw participant changes: a granted case, by those who edit."""
        return self.application.status == ApplicationStatus.APPROVED and Action.EDIT in (
            self.actions
        )


def get_case(user, pk: int, action: Action, queryset: QuerySet | None = None) -> CaseAccess:
    """The case `pk` with what `user` may do with it, if they may do `action`; otherwise 404,
    never a hint it exists."""
    queryset = queryset if queryset is not None else Application.objects.all()
    application = queryset.visible_to(user).filter(pk=pk).first()
    if application is None:
        raise Http404
    case = case_access(user, application)
    if not case.may(action):
        raise Http404
    return case


def case_access(user, application: Application) -> CaseAccess:
    """What `user` may do with a case already in hand (a service checking its caller);
    views find the case with `get_case`."""
    return CaseAccess(application, frozenset(allowed_actions(user, application)))


def may_delete(user, application: Application) -> bool:
    """Who may delete (and bring back) a draft: a coordinator of its organisation, or whoever
    started it."""
    return application.created_by_id == user.pk or is_coordinator(user, application.organisation_id)
