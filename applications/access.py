"""Who may do what with a case. Every case view goes through `get_case`: no access is a 404."""

from __future__ import annotations

from enum import StrEnum

from django.db.models import QuerySet
from django.http import Http404

from core.mfa import has_staff_power
from partnerships.models import Membership, MembershipStatus

from .models import Application, Contributor, ContributorRole


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


def get_case(user, pk: int, action: Action, queryset: QuerySet | None = None) -> Application:
    """The case `pk` if `user` may do `action` with it; otherwise 404, never a hint it exists."""
    queryset = queryset if queryset is not None else Application.objects.all()
    application = queryset.visible_to(user).filter(pk=pk).first()
    actions = allowed_actions(user, application) if application is not None else set()
    if action not in actions:
        raise Http404
    application.allowed_actions = actions
    return application


def may_delete(user, application: Application) -> bool:
    """Who may delete (and bring back) a draft: a coordinator of its organisation, or whoever
    started it."""
    return application.created_by_id == user.pk or is_coordinator(user, application.organisation_id)
