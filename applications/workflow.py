"""The application's review workflow as data (core/workflow.py): a coordinator submits or
withdraws, staff start the review and approve, decline or return. One service makes every
staff transition."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_update_with_history

from core.notify import notify
from core.staff import check_staff_decision
from core.workflow import Transition, TransitionTable
from partnerships.models import (
    ComponentHistory,
    PartnerOrganisation,
    Partnership,
    PartnershipStatus,
)

from .access import takes_part
from .models import Application, ApplicationEvent, ApplicationStatus, Participant

S = ApplicationStatus


TRANSITIONS = TransitionTable(
    [
        Transition(
            "submit",
            frozenset({S.DRAFT, S.RETURNED, S.WITHDRAWN}),
            S.SUBMITTED,
            gettext_lazy("Submit"),
            by_staff=False,
        ),
        Transition(
            "withdraw", frozenset({S.SUBMITTED}), S.WITHDRAWN, gettext_lazy("Withdraw"), False
        ),
        Transition(
            "start_review",
            frozenset({S.SUBMITTED}),
            S.IN_REVIEW,
            gettext_lazy("Start the review"),
            by_staff=True,
        ),
        Transition("approve", frozenset({S.IN_REVIEW}), S.APPROVED, gettext_lazy("Approve"), True),
        Transition(
            "decline",
            frozenset({S.IN_REVIEW}),
            S.DECLINED,
            gettext_lazy("Decline"),
            by_staff=True,
            needs_comment=True,
        ),
        Transition(
            "return",
            frozenset({S.IN_REVIEW}),
            S.RETURNED,
            gettext_lazy("Return for completion"),
            by_staff=True,
            needs_comment=True,
        ),
    ],
    statuses=S,
    refusal=gettext_lazy("%(action)s is not possible for an application that is %(status)s."),
)
staff_transitions = TRANSITIONS.staff_transitions
check = TRANSITIONS.check


def record(application: Application, *, by, to: str, comment: str = "") -> None:
    """The audit entry of a change of status; the caller saves the application."""
    ApplicationEvent.objects.create(
        application=application,
        actor=by,
        from_status=application.status,
        to_status=to,
        comment=comment,
    )
    application.status = to


@transaction.atomic
def make_staff_transition(
    *, application: Application, name: str, by, comment: str = ""
) -> Application:
    """Start the review, approve, decline or return: the row locked so that two staff acting
    at once give one decision, an audit entry, and the coordinator told after commit."""
    check_staff_decision(
        by, permission="applications.change_application", own=takes_part(by, application)
    )
    # Lock only the application's own row (of=self): its nullable relations cannot be locked.
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("organisation", "partnership", "new_partner_country")
        .get(pk=application.pk)
    )
    transition = check(application.status, name)
    if not transition.by_staff:
        raise ValidationError(_("Only the applicant can do this."))
    comment = comment.strip()
    if transition.needs_comment and not comment:
        raise ValidationError(_("Write a comment: the coordinator needs to know why."))
    record(application, by=by, to=transition.target, comment=comment)
    application.save(update_fields=["status", "partnership", "updated_at"])
    if transition.target == S.APPROVED:
        _grant(application, by=by)
    elif transition.target == S.DECLINED and application.partnership_id:
        _history(application, granted=False)
    if transition.target in {S.APPROVED, S.DECLINED, S.RETURNED}:
        _tell_coordinator(application, comment)
    return application


def _grant(application: Application, *, by) -> None:
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
    person = application.submitted_by or application.created_by
    notify(
        recipient=person.email,
        template="applications/email/decision",
        context={
            "application": application,
            "comment": comment,
            "url": settings.SITE_URL + reverse("applications:case", args=[application.pk]),
        },
        language=person.language,
    )
