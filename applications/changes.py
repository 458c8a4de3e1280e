"""Participant changes on a granted case: the applicant proposes who leaves and who joins, ICLD
decides. Each service is one transaction with the change's row locked, writes an entry in the
change's history, and queues e-mail and the new participant form after commit.

ICLD reimburses costs only for people it approved, so a person who leaves keeps their row (with
when and through which change they left), and a person who joins is approved by the staff member
who approved the change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.notify import notify
from core.staff import check_staff_decision

from .access import Action, allowed_actions, takes_part
from .models import (
    TEAM_MEMBER_FIELDS,
    Application,
    ApplicationStatus,
    Participant,
    ParticipantChange,
    ParticipantChangeEvent,
    ParticipantChangeStatus,
)
from .participant_forms import create_participant_form_version
from .rules import Finding, ParticipantLike, check_team

C = ParticipantChangeStatus


# --- the programme's rules on the team after a change ------------------------------------------


@dataclass(frozen=True)
class TeamAfterChange:
    """The team's findings before and after a change, and what the change itself brings."""

    before: list[Finding]
    after: list[Finding]

    @property
    def new_errors(self) -> list[Finding]:
        """Errors the change would cause; the ones the team already has are not its fault."""
        before = set(self.before)
        return [f for f in self.after if f.is_error and f not in before]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.after if f.is_error]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.after if not f.is_error]


def team_after_change(
    *,
    component: str,
    team: list[Participant],
    leaving: Participant | None,
    joining: ParticipantLike,
) -> TeamAfterChange:
    """The rules of `component` over `team` as it is and as it would be after the change."""
    after = [p for p in team if leaving is None or p.pk != leaving.pk] + [joining]
    return TeamAfterChange(before=check_team(component, team), after=check_team(component, after))


def findings_for_change(change: ParticipantChange) -> TeamAfterChange:
    """What the rules say of a change against the case's team as it is now."""
    return team_after_change(
        component=change.application.component,
        team=list(change.application.participants.all()),
        leaving=change.leaving,
        joining=change,
    )


# --- services -----------------------------------------------------------------------------------


def _record(change: ParticipantChange, *, by, to: str, comment: str = "") -> None:
    """The history entry of a change of status; the caller saves the change."""
    ParticipantChangeEvent.objects.create(
        change=change, actor=by, from_status=change.status, to_status=to, comment=comment
    )
    change.status = to


def _check_applicant(application: Application, by) -> None:
    if Action.EDIT not in allowed_actions(by, application):
        raise PermissionDenied


@transaction.atomic
def propose_change(
    *,
    application: Application,
    by,
    leaving: Participant | None,
    reason: str,
    person: Mapping[str, object],
) -> ParticipantChange:
    """The applicant proposes that `leaving` (or no one) leaves and `person` joins the team.

    Refused unless the case is granted, and when the team after the change would break one of
    the programme's rules that it meets now.
    """
    _check_applicant(application, by)
    # The case's row lock keeps two proposals for the same person from both getting through.
    application = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    if application.status != ApplicationStatus.APPROVED:
        raise ValidationError(_("The team of a case can be changed only once ICLD has granted it."))
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the team changes."))
    team = list(application.participants.all())
    if leaving is not None:
        if leaving.pk not in {p.pk for p in team}:
            raise ValidationError(_("The person who leaves must be on the case's team."))
        if ParticipantChange.objects.filter(leaving=leaving, status=C.PENDING).exists():
            raise ValidationError(
                _("A change for %(name)s is already waiting for ICLD.") % {"name": leaving.name}
            )
    change = ParticipantChange(
        application=application,
        leaving=leaving,
        reason=reason,
        proposed_by=by,
        **{field: person[field] for field in TEAM_MEMBER_FIELDS if field in person},
    )
    change.full_clean(exclude=["proposed_by", "application"])
    if not change.code_of_conduct:
        # The same rule as for the team of an application (findings.check_completeness).
        raise ValidationError(
            _("Every participant must have been informed of ICLD's code of conduct.")
        )
    new_errors = team_after_change(
        component=application.component, team=team, leaving=leaving, joining=change
    ).new_errors
    if new_errors:
        raise ValidationError([f.message for f in new_errors])
    change.save()
    ParticipantChangeEvent.objects.create(change=change, actor=by, to_status=C.PENDING)
    return change


@transaction.atomic
def withdraw_change(*, change: ParticipantChange, by) -> ParticipantChange:
    """The applicant takes back a proposal ICLD has not decided yet."""
    change = _locked(change)
    _check_applicant(change.application, by)
    _check_pending(change)
    _record(change, by=by, to=C.WITHDRAWN)
    change.save(update_fields=["status"])
    return change


@transaction.atomic
def approve_change(*, change: ParticipantChange, by, comment: str = "") -> ParticipantChange:
    """ICLD approves: the person leaving is marked as left (their row stays: costs already
    incurred remain traceable), the new person joins approved by `by`, and a new version of the
    participant form for the whole team is made and rendered after commit."""
    _check_decider(change, by)
    change = _locked(change)
    _check_pending(change)
    # Every approval on one case waits for the one before it: versions and leavers stay in order.
    application = Application.objects.select_for_update(of=("self",)).get(pk=change.application_id)
    if application.status != ApplicationStatus.APPROVED:
        raise ValidationError(_("The case is no longer granted; its team cannot change."))
    now = timezone.now()
    if change.leaving_id is not None:
        leaving = Participant.with_left.get(pk=change.leaving_id)
        if leaving.left_at is not None:
            raise ValidationError(_("%(name)s has already left the team.") % {"name": leaving.name})
        leaving.left_at = now
        leaving.left_through = change
        leaving.save(update_fields=["left_at", "left_through"])
    Participant.objects.create(
        application=application,
        approved_at=now,
        approved_by=by,
        joined_through=change,
        **{field: getattr(change, field) for field in TEAM_MEMBER_FIELDS},
    )
    _decide(change, by=by, to=C.APPROVED, comment=comment, at=now)
    create_participant_form_version(application=application, change=change)
    return change


@transaction.atomic
def reject_change(*, change: ParticipantChange, by, comment: str) -> ParticipantChange:
    """ICLD rejects the change, saying why; the team stays as it is."""
    _check_decider(change, by)
    comment = comment.strip()
    if not comment:
        raise ValidationError(_("Write a comment: the coordinator needs to know why."))
    change = _locked(change)
    _check_pending(change)
    _decide(change, by=by, to=C.REJECTED, comment=comment, at=timezone.now())
    return change


def _check_decider(change: ParticipantChange, by) -> None:
    own = change.proposed_by_id == by.pk or takes_part(by, change.application)
    check_staff_decision(by, permission="applications.change_participantchange", own=own)


def _locked(change: ParticipantChange) -> ParticipantChange:
    # Only the change's own row: two staff deciding at once give one decision.
    return (
        ParticipantChange.objects.select_for_update(of=("self",))
        .select_related("application", "leaving", "proposed_by")
        .get(pk=change.pk)
    )


def _check_pending(change: ParticipantChange) -> None:
    if not change.is_pending:
        raise ValidationError(
            _("This change is no longer waiting for ICLD: it is %(status)s.")
            % {"status": change.get_status_display().lower()}
        )


def _decide(change: ParticipantChange, *, by, to: str, comment: str, at) -> None:
    _record(change, by=by, to=to, comment=comment)
    change.decided_by = by
    change.decided_at = at
    change.decision_comment = comment
    change.save(update_fields=["status", "decided_by", "decided_at", "decision_comment"])
    _tell_applicants(change)


def _tell_applicants(change: ParticipantChange) -> None:
    """The decision goes to whoever proposed the change and to the case's coordinator."""
    application = change.application
    coordinator = application.submitted_by or application.created_by
    recipients = {person.pk: person for person in (change.proposed_by, coordinator)}
    url = settings.SITE_URL + reverse("applications:case", args=[application.pk])
    for person in recipients.values():
        notify(
            recipient=person.email,
            template="applications/email/participant_change_decision",
            context={"change": change, "application": application, "url": url},
            language=person.language,
        )


# --- the case page ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TeamOverview:
    """A case's people as the case page shows them: approved, waiting for approval (people of
    an undecided application and people proposed in a change), and those who left."""

    approved: list[Participant]
    pending: list[Participant]
    left: list[Participant]
    changes: list[ParticipantChange]
    case_approver: object | None

    @property
    def pending_changes(self) -> list[ParticipantChange]:
        return [c for c in self.changes if c.is_pending]


def team_overview(application: Application) -> TeamOverview:
    """Everyone who is or was on the case's team, and its changes.

    Only a granted case has approved people, people who left and changes: it takes two queries
    (three without the case's events prefetched). Any other case shows its team as it is, from
    `application.participants` (no query when the page prefetched it).
    """
    # People approved with the application were approved by whoever approved the case.
    approval = [e for e in application.events.all() if e.to_status == ApplicationStatus.APPROVED]
    if application.status != ApplicationStatus.APPROVED:
        people, changes = list(application.participants.all()), []
    else:
        people = list(
            Participant.with_left.filter(application=application)
            .select_related("approved_by", "joined_through__decided_by", "left_through__decided_by")
            .order_by("party", "pk")
        )
        changes = list(
            application.participant_changes.select_related("leaving", "proposed_by", "decided_by")
        )
    return TeamOverview(
        approved=[p for p in people if p.approved_at and not p.left_at],
        pending=[p for p in people if not p.approved_at and not p.left_at],
        left=[p for p in people if p.left_at],
        changes=changes,
        case_approver=approval[-1].actor if approval else None,
    )
