"""The report's review workflow as data on core's transition table: a coordinator submits,
staff approve or return it with a comment."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy

from applications.access import Action, allowed_actions, takes_part_in_case
from core.models import User
from core.notify import notify_user
from core.workflow import Transition, TransitionTable
from payments.services import final_report_approved

from . import rules
from .models import Report, ReportEvent, ReportKind, ReportStatus
from .selectors import report_facts
from .tasks import render_report_pdf

S = ReportStatus
DECIDE_REPORT = "reporting.change_report"


def _may_submit(user: User, report: Report) -> bool:
    return Action.SUBMIT in allowed_actions(user, report.application)


def _prepare_submission(report: Report, *, by: User, comment: str) -> None:
    """Nothing missing; a resubmission gets a new PDF: the old one showed what was returned."""
    errors = [f for f in rules.check_report(report_facts(report)) if f.is_error]
    if errors:
        raise ValidationError([str(f.message) for f in errors])
    report.submitted_at = timezone.now()
    report.submitted_by = by
    if report.pdf:
        old_pdf = report.pdf.name
        storage = report.pdf.storage
        transaction.on_commit(lambda: storage.delete(old_pdf))
    report.pdf = ""
    report.pdf_checksum = ""
    report.pdf_rendered_at = None


def _render_pdf(report: Report, *, by: User, comment: str) -> None:
    render_report_pdf.delay(report.pk)


def _settle_grant(report: Report) -> None:
    """An approved final report closes the grant: payments releases the final instalment for
    what the actual costs still lack and records what was paid above them as a repayment.
    The final report covers the whole period (rules.due_reports), so its costs are the grant's
    actual costs."""
    if report.kind != ReportKind.FINAL:
        return
    actual = report.costs.aggregate(total=Coalesce(Sum("actual_sek"), 0))["total"]
    final_report_approved(report.application, actual_sek=actual, approved_at=timezone.now())


def _approved(report: Report, *, by: User, comment: str) -> None:
    _settle_grant(report)
    _tell_coordinator(report, by=by, comment=comment)


def _tell_coordinator(report: Report, *, by: User, comment: str) -> None:
    application = report.application
    notify_user(
        report.submitted_by or application.submitted_by or application.created_by,
        template="reporting/email/decision",
        context={"report": report, "comment": comment},
        link=("reporting:report", report.pk),
    )


REPORT_WORKFLOW = TransitionTable(
    [
        Transition(
            "submit",
            frozenset({S.DRAFT, S.RETURNED}),
            S.SUBMITTED,
            gettext_lazy("Submit the report"),
            may=_may_submit,
            before=_prepare_submission,
            on_commit=_render_pdf,
        ),
        Transition(
            "approve",
            frozenset({S.SUBMITTED}),
            S.APPROVED,
            gettext_lazy("Approve the report"),
            permission=DECIDE_REPORT,
            after=_approved,
        ),
        Transition(
            "return",
            frozenset({S.SUBMITTED}),
            S.RETURNED,
            gettext_lazy("Return the report for completion"),
            permission=DECIDE_REPORT,
            needs_comment=True,
            after=_tell_coordinator,
        ),
    ],
    model=Report,
    event=ReportEvent,
    refusal=gettext_lazy("%(action)s is not possible for a report that is %(status)s."),
    parties=takes_part_in_case,
    select_related=["application__organisation"],
)
TRANSITIONS = REPORT_WORKFLOW
staff_transitions = REPORT_WORKFLOW.staff_transitions
check = REPORT_WORKFLOW.check


def submit_report(*, report: Report, by: User) -> Report:
    """Submit a draft or returned report: nothing missing, by a coordinator of the case; its
    PDF is rendered after commit."""
    return REPORT_WORKFLOW.apply(report, "submit", by=by)


def make_staff_transition(*, report: Report, name: str, by: User, comment: str = "") -> Report:
    """Approve or return; the coordinator is told."""
    return REPORT_WORKFLOW.apply(report, name, by=by, comment=comment)
