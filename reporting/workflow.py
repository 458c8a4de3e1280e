"""The report's review workflow as data, with the same shape as the application's: a
coordinator submits, staff approve or return it with a comment."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applications.access import Action, allowed_actions, takes_part
from core.notify import enqueue, notify
from core.staff import check_staff_decision
from core.workflow import Transition, TransitionTable

from . import rules
from .models import Report, ReportEvent, ReportStatus

S = ReportStatus

TRANSITIONS = TransitionTable(
    [
        Transition(
            "submit",
            frozenset({S.DRAFT, S.RETURNED}),
            S.SUBMITTED,
            gettext_lazy("Submit the report"),
            by_staff=False,
        ),
        Transition(
            "approve",
            frozenset({S.SUBMITTED}),
            S.APPROVED,
            gettext_lazy("Approve the report"),
            by_staff=True,
        ),
        Transition(
            "return",
            frozenset({S.SUBMITTED}),
            S.RETURNED,
            gettext_lazy("Return the report for completion"),
            by_staff=True,
            needs_comment=True,
        ),
    ],
    statuses=S,
    refusal=gettext_lazy("%(action)s is not possible for a report that is %(status)s."),
)
staff_transitions = TRANSITIONS.staff_transitions
check = TRANSITIONS.check


def _record(report: Report, *, by, to: str, comment: str = "") -> None:
    ReportEvent.objects.create(
        report=report, actor=by, from_status=report.status, to_status=to, comment=comment
    )
    report.status = to


def _locked(report: Report) -> Report:
    return (
        Report.objects.select_for_update(of=("self",))
        .select_related("application__organisation")
        .get(pk=report.pk)
    )


@transaction.atomic
def submit_report(*, report: Report, by) -> Report:
    """Submit a draft or returned report: nothing missing, by a coordinator of the case; its
    PDF is rendered after commit."""
    from .selectors import report_facts
    from .tasks import render_report_pdf

    report = _locked(report)
    if Action.SUBMIT not in allowed_actions(by, report.application):
        raise PermissionDenied
    check(report.status, "submit")
    errors = [f for f in rules.check_report(report_facts(report)) if f.is_error]
    if errors:
        raise ValidationError([str(f.message) for f in errors])
    _record(report, by=by, to=S.SUBMITTED)
    report.submitted_at = timezone.now()
    report.submitted_by = by
    # A resubmission gets a new PDF: the old one showed what was returned.
    if report.pdf:
        old_pdf = report.pdf.name
        storage = report.pdf.storage
        transaction.on_commit(lambda: storage.delete(old_pdf))
    report.pdf = ""
    report.pdf_checksum = ""
    report.pdf_rendered_at = None
    report.save(
        update_fields=[
            "status",
            "submitted_at",
            "submitted_by",
            "pdf",
            "pdf_checksum",
            "pdf_rendered_at",
            "updated_at",
        ]
    )
    transaction.on_commit(lambda: enqueue(render_report_pdf, report.pk))
    return report


@transaction.atomic
def make_staff_transition(*, report: Report, name: str, by, comment: str = "") -> Report:
    """Approve or return: the row locked so that two staff acting at once give one decision,
    an audit entry, and the coordinator told."""
    check_staff_decision(
        by, permission="reporting.change_report", own=takes_part(by, report.application)
    )
    report = _locked(report)
    transition = check(report.status, name)
    if not transition.by_staff:
        raise ValidationError(_("Only the applicant can do this."))
    comment = comment.strip()
    if transition.needs_comment and not comment:
        raise ValidationError(_("Write a comment: the coordinator needs to know why."))
    _record(report, by=by, to=transition.target, comment=comment)
    report.save(update_fields=["status", "updated_at"])
    _tell_coordinator(report, comment)
    return report


def _tell_coordinator(report: Report, comment: str) -> None:
    application = report.application
    person = report.submitted_by or application.submitted_by or application.created_by
    notify(
        recipient=person.email,
        template="reporting/email/decision",
        context={
            "report": report,
            "comment": comment,
            "url": settings.SITE_URL + reverse("reporting:report", args=[report.pk]),
        },
        language=person.language,
    )
