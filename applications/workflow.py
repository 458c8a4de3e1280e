"""Every change of status of an application and of a participant change, as data on core's
transition table (core/workflow.py): a coordinator submits or withdraws, staff start the review
and approve, decline or return; an applicant proposes or withdraws a participant change, staff
approve or reject it. Each is one transaction with the row locked and an event recorded."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_update_with_history

from core.links import absolute_url
from core.models import User
from core.notify import notify_user
from core.workflow import Transition, TransitionTable, record_event
from partnerships.models import (
    Component,
    ComponentHistory,
    PartnerOrganisation,
    Partnership,
    PartnershipStatus,
)

from . import invitations
from .access import Action, allowed_actions, is_coordinator, takes_part
from .changes import team_after_change
from .findings import findings_for
from .models import (
    TEAM_MEMBER_FIELDS,
    AddressRequest,
    AddressRequestEvent,
    AddressRequestStatus,
    Application,
    ApplicationEvent,
    ApplicationRound,
    ApplicationStatus,
    CaseCounter,
    Participant,
    ParticipantChange,
    ParticipantChangeEvent,
    ParticipantChangeStatus,
)
from .participant_forms import create_participant_form_version
from .receipts import create_receipt
from .rules import has_errors, round_for_submission
from .services import refresh_visit_lines

S = ApplicationStatus
C = ParticipantChangeStatus
DECIDE_APPLICATION = "applications.change_application"
DECIDE_CHANGE = "applications.change_participantchange"


# --- the application ----------------------------------------------------------------------------


def _next_case_number(year: int) -> str:
    """KP-2025-0042: numbered per year, one counter row locked so two submissions never clash."""
    counter, _created = CaseCounter.objects.select_for_update().get_or_create(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"KP-{year}-{counter.last:04d}"


def _prepare_submission(application: Application, *, by: User, comment: str) -> None:
    """The budget follows the norms in force today, the programme's rules hold, the
    application gets its round and case number."""
    today = timezone.localdate()
    # The lines were computed when a step was last saved; a norm that changed since (a new
    # row in force from an earlier day than today) applies to what is submitted, and the
    # receipt keeps the lines with the norm each was computed from. The rules below judge the
    # recomputed budget, e.g. against the ceiling.
    refresh_visit_lines(application=application, day=today)
    findings = findings_for(application)
    if has_errors(findings):
        raise ValidationError([f.message for f in findings if f.severity == "error"])
    if application.component != Component.FORBEREDELSE:
        # Open now, or the next round ahead: submitted between rounds, it queues there. The
        # rules refused it above (no_round) if there is none.
        application.round = round_for_submission(
            application.component, ApplicationRound.objects.all(), today
        )
    if application.case_number is None:
        application.case_number = _next_case_number(today.year)
    application.submitted_at = timezone.now()
    application.submitted_by = by


def _submitted(application: Application, *, by: User, comment: str) -> None:
    create_participant_form_version(application=application)
    receipt = create_receipt(application=application, by=by)
    notify_user(
        by,
        template="applications/email/receipt",
        context={
            "application": application,
            "receipt_url": absolute_url(
                "applications:receipt", application.pk, receipt.number, language=by.language
            ),
        },
        link=("applications:case", application.pk),
    )


def _history(application: Application, *, granted: bool) -> None:
    today = timezone.localdate()
    start = (application.period_start or today).year
    end = max((application.period_end or today).year, start)
    ComponentHistory.objects.create(
        partnership_id=application.partnership_id,
        component=application.component,
        start_year=start,
        end_year=end,
        granted=granted,
    )


def _tell_coordinator(application: Application, comment: str) -> None:
    notify_user(
        application.submitted_by or application.created_by,
        template="applications/email/decision",
        context={"application": application, "comment": comment},
        link=("applications:case", application.pk),
    )


def _granted(application: Application, *, by: User, comment: str) -> None:
    """Approval: the partnership gets the component in its history (a new partnership is
    created now, not while it was only a draft), and the team counts as approved."""
    if application.partnership_id is None:
        partner, _created = PartnerOrganisation.objects.get_or_create(
            country=application.new_partner_country,
            name=application.new_partner_name,
            defaults={
                "type": application.new_partner_type or "municipality",
                "city": application.new_partner_city,
            },
        )
        start = application.period_start or timezone.localdate()
        application.partnership = Partnership.objects.create(
            swedish_organisation=application.organisation,
            partner_organisation=partner,
            start_year=start.year,
            status=PartnershipStatus.ACTIVE,
        )
        application.save(update_fields=["partnership"])
    _history(application, granted=True)
    # Row by row through simple-history's helper: a plain update() would leave no history.
    team = list(application.participants.filter(approved_at__isnull=True))
    now = timezone.now()
    for person in team:
        person.approved_at = now
        person.approved_by = by
    bulk_update_with_history(team, Participant, ["approved_at", "approved_by"], default_user=by)
    _tell_coordinator(application, comment)


def _declined(application: Application, *, by: User, comment: str) -> None:
    if application.partnership_id:
        _history(application, granted=False)
    _tell_coordinator(application, comment)


def _returned(application: Application, *, by: User, comment: str) -> None:
    _tell_coordinator(application, comment)


def _is_coordinator(user: User, application: Application) -> bool:
    return is_coordinator(user, application.organisation_id)


APPLICATION_WORKFLOW = TransitionTable(
    [
        Transition(
            "submit",
            frozenset({S.DRAFT, S.RETURNED, S.WITHDRAWN}),
            S.SUBMITTED,
            gettext_lazy("Submit"),
            may=_is_coordinator,
            refused=gettext_lazy(
                "Only an approved coordinator of the organisation can submit the application."
            ),
            before=_prepare_submission,
            after=_submitted,
        ),
        Transition(
            "withdraw",
            frozenset({S.SUBMITTED}),
            S.WITHDRAWN,
            gettext_lazy("Withdraw"),
            may=_is_coordinator,
            refused=gettext_lazy("Only a coordinator of the organisation can withdraw it."),
        ),
        Transition(
            "start_review",
            frozenset({S.SUBMITTED}),
            S.IN_REVIEW,
            gettext_lazy("Start the review"),
            permission=DECIDE_APPLICATION,
        ),
        Transition(
            "approve",
            frozenset({S.IN_REVIEW}),
            S.APPROVED,
            gettext_lazy("Approve"),
            permission=DECIDE_APPLICATION,
            after=_granted,
        ),
        Transition(
            "decline",
            frozenset({S.IN_REVIEW}),
            S.DECLINED,
            gettext_lazy("Decline"),
            permission=DECIDE_APPLICATION,
            needs_comment=True,
            after=_declined,
        ),
        Transition(
            "return",
            frozenset({S.IN_REVIEW}),
            S.RETURNED,
            gettext_lazy("Return for completion"),
            permission=DECIDE_APPLICATION,
            needs_comment=True,
            after=_returned,
        ),
    ],
    model=Application,
    event=ApplicationEvent,
    refusal=gettext_lazy("%(action)s is not possible for an application that is %(status)s."),
    parties=takes_part,
    select_related=["organisation", "partnership", "new_partner_country"],
)
TRANSITIONS = APPLICATION_WORKFLOW
staff_transitions = APPLICATION_WORKFLOW.staff_transitions
check = APPLICATION_WORKFLOW.check


def submit_application(*, application: Application, by: User, declaration: str = "") -> Application:
    """Check the programme's rules, assign a round and a case number, send the receipt.
    `declaration` is what the submitter confirmed on the organisation's behalf: the submission's
    event keeps it."""
    return APPLICATION_WORKFLOW.apply(application, "submit", by=by, comment=declaration)


def withdraw_application(*, application: Application, by: User) -> Application:
    """A coordinator takes a submitted application back until staff start the review."""
    return APPLICATION_WORKFLOW.apply(application, "withdraw", by=by)


def make_staff_transition(
    *, application: Application, name: str, by: User, comment: str = ""
) -> Application:
    """Start the review, approve, decline or return; the coordinator is told of a decision."""
    return APPLICATION_WORKFLOW.apply(application, name, by=by, comment=comment)


# --- participant changes ------------------------------------------------------------------------
# ICLD reimburses costs only for people it approved, so a person who leaves keeps their row (with
# when and through which change they left), and a person who joins is approved by the staff
# member who approved the change.


def _may_edit(user: User, change: ParticipantChange) -> bool:
    return Action.EDIT in allowed_actions(user, change.application)


def _takes_part(user: User, change: ParticipantChange) -> bool:
    return change.proposed_by_id == user.pk or takes_part(user, change.application)


def _granted_case(pk: int) -> Application:
    # Every decision on one case waits for the one before it: versions and leavers stay in order.
    application = Application.objects.select_for_update(of=("self",)).get(pk=pk)
    if application.status != ApplicationStatus.APPROVED:
        raise ValidationError(_("The case is no longer granted; its team cannot change."))
    return application


def _decided(change: ParticipantChange, *, by: User, comment: str) -> None:
    change.decided_by = by
    change.decided_at = timezone.now()
    change.decision_comment = comment


def _approve(change: ParticipantChange, *, by: User, comment: str) -> None:
    """The person leaving is marked as left (their row stays: costs already incurred remain
    traceable), the new person joins approved by `by`."""
    application = _granted_case(change.application_id)
    _decided(change, by=by, comment=comment)
    if change.leaving_id is not None:
        leaving = Participant.with_left.get(pk=change.leaving_id)
        if leaving.left_at is not None:
            raise ValidationError(_("%(name)s has already left the team.") % {"name": leaving.name})
        leaving.left_at = change.decided_at
        leaving.left_through = change
        leaving.save(update_fields=["left_at", "left_through"])
    Participant.objects.create(
        application=application,
        approved_at=change.decided_at,
        approved_by=by,
        joined_through=change,
        **{field: getattr(change, field) for field in TEAM_MEMBER_FIELDS},
    )


def _tell_applicants(change: ParticipantChange, *, by: User, comment: str) -> None:
    """The decision goes to whoever proposed the change and to the case's coordinator."""
    application = change.application
    coordinator = application.submitted_by or application.created_by
    for person in {p.pk: p for p in (change.proposed_by, coordinator)}.values():
        notify_user(
            person,
            template="applications/email/participant_change_decision",
            context={"change": change, "application": application},
            link=("applications:case", application.pk),
        )


def _approved(change: ParticipantChange, *, by: User, comment: str) -> None:
    """A new version of the participant form for the whole team, rendered after commit."""
    _tell_applicants(change, by=by, comment=comment)
    create_participant_form_version(application=change.application, change=change)


PARTICIPANT_CHANGE_WORKFLOW = TransitionTable(
    [
        Transition(
            "withdraw",
            frozenset({C.PENDING}),
            C.WITHDRAWN,
            gettext_lazy("Withdraw the change"),
            may=_may_edit,
        ),
        Transition(
            "approve",
            frozenset({C.PENDING}),
            C.APPROVED,
            gettext_lazy("Approve the change"),
            permission=DECIDE_CHANGE,
            before=_approve,
            after=_approved,
        ),
        Transition(
            "reject",
            frozenset({C.PENDING}),
            C.REJECTED,
            gettext_lazy("Reject the change"),
            permission=DECIDE_CHANGE,
            needs_comment=True,
            before=_decided,
            after=_tell_applicants,
        ),
    ],
    model=ParticipantChange,
    event=ParticipantChangeEvent,
    refusal=gettext_lazy("This change is no longer waiting for ICLD: it is %(status)s."),
    parties=_takes_part,
    select_related=["application", "leaving", "proposed_by"],
)


@transaction.atomic
def propose_change(
    *,
    application: Application,
    by: User,
    leaving: Participant | None,
    reason: str,
    person: Mapping[str, object],
) -> ParticipantChange:
    """The applicant proposes that `leaving` (or no one) leaves and `person` joins the team.

    Refused unless the case is granted, and when the team after the change would break one of
    the programme's rules that it meets now.
    """
    if Action.EDIT not in allowed_actions(by, application):
        raise PermissionDenied
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
    record_event(ParticipantChangeEvent, change, by=by, to=C.PENDING, from_status="")
    return change


def withdraw_change(*, change: ParticipantChange, by: User) -> ParticipantChange:
    """The applicant takes back a proposal ICLD has not decided yet."""
    return PARTICIPANT_CHANGE_WORKFLOW.apply(change, "withdraw", by=by)


def approve_change(*, change: ParticipantChange, by: User, comment: str = "") -> ParticipantChange:
    return PARTICIPANT_CHANGE_WORKFLOW.apply(change, "approve", by=by, comment=comment)


def reject_change(*, change: ParticipantChange, by: User, comment: str) -> ParticipantChange:
    """ICLD rejects the change, saying why; the team stays as it is."""
    return PARTICIPANT_CHANGE_WORKFLOW.apply(change, "reject", by=by, comment=comment)


# --- joining with another address than the invited one -------------------------------------------
# An invitation is accepted only by an account on which the invited address is verified. Someone
# signed in with another address (a colleague's link, a private address) asks to join on it; a
# coordinator of the case sees both addresses and confirms or refuses, never the asker. Until a
# confirmation the asker sees nothing of the case.

R = AddressRequestStatus


def _may_decide_address(user: User, request: AddressRequest) -> bool:
    return request.requested_by_id != user.pk and Action.MANAGE in allowed_actions(
        user, request.invitation.application
    )


def _join(request: AddressRequest, *, by: User, comment: str) -> None:
    invitation = invitations.find_invitation_by_pk(request.invitation_id, lock=True)
    problem = invitations.invitation_problem(invitation)
    if problem is not None:
        raise ValidationError(problem)
    invitations.use_invitation(invitation=invitation, user=request.requested_by)


def _tell_asker(request: AddressRequest, *, by: User, comment: str) -> None:
    application = request.invitation.application
    notify_user(
        request.requested_by,
        template=f"applications/email/address_request_{request.status}",
        context={"application": application, "request": request},
        link=("applications:case", application.pk)
        if request.status == R.CONFIRMED
        else ("applications:dashboard",),
    )


ADDRESS_REQUEST_WORKFLOW = TransitionTable(
    [
        Transition(
            "confirm",
            frozenset({R.PENDING}),
            R.CONFIRMED,
            gettext_lazy("Confirm and give access"),
            may=_may_decide_address,
            before=_join,
            on_commit=_tell_asker,
        ),
        Transition(
            "refuse",
            frozenset({R.PENDING}),
            R.REFUSED,
            gettext_lazy("Refuse"),
            may=_may_decide_address,
            on_commit=_tell_asker,
        ),
    ],
    model=AddressRequest,
    event=AddressRequestEvent,
    refusal=gettext_lazy("This request has already been decided: it is %(status)s."),
    select_related=["invitation__application", "requested_by"],
)


@transaction.atomic
def ask_to_join(*, token: str, user: User) -> AddressRequest:
    """`user`, signed in with another address than the invited one, asks to join on the link.

    The inviting coordinator is told, with both addresses. Asking again while a request waits
    gives that request."""
    invitation = invitations.find_invitation(token, lock=True)
    if invitation is None:
        raise ValidationError(invitations.INVALID_LINK)
    problem = invitations.invitation_problem(invitation)
    if problem is not None:
        raise ValidationError(problem)
    if invitations.address_problem(invitation, user) is None:
        raise ValidationError(_("The invitation was sent to your address: accept it instead."))
    waiting = invitation.address_requests.filter(requested_by=user, status=R.PENDING).first()
    if waiting is not None:
        return waiting
    request = AddressRequest.objects.create(
        invitation=invitation, requested_by=user, email=user.email
    )
    record_event(AddressRequestEvent, request, by=user, to=R.PENDING, from_status="")
    request.save()
    application = invitation.application
    notify_user(
        invitation.invited_by,
        template="applications/email/address_request",
        context={"application": application, "request": request, "invitation": invitation},
        link=("applications:contributors", application.pk),
    )
    return request


def confirm_address(*, address_request: AddressRequest, by: User) -> AddressRequest:
    """A coordinator of the case confirms the other address: the asker joins on the invitation."""
    return ADDRESS_REQUEST_WORKFLOW.apply(address_request, "confirm", by=by)


def refuse_address(*, address_request: AddressRequest, by: User) -> AddressRequest:
    return ADDRESS_REQUEST_WORKFLOW.apply(address_request, "refuse", by=by)
