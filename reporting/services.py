"""Writes of reports: creating the reports a granted case owes, saving the coordinator's
answers, attachments, and rendering the PDF."""

from __future__ import annotations

import datetime
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.access import Action, allowed_actions, takes_part
from applications.models import Application, ApplicationStatus
from core.models import User
from core.staff import check_staff_decision
from core.uploads import check_upload, display_name
from core.wizard import save_locked
from core.workflow import record_event

from . import rules
from .models import Report, ReportAttachment, ReportEvent, ReportKind, ReportRule
from .pdf import REPORT_PDF

logger = logging.getLogger(__name__)


def rule_for(component: str) -> rules.RuleFacts:
    rule = ReportRule.objects.filter(component=component).first()
    if rule is None:
        return rules.RuleFacts()
    return rules.RuleFacts(
        final_months_after_end=rule.final_months_after_end,
        yearly_months_after_year=rule.yearly_months_after_year,
    )


@transaction.atomic
def ensure_reports(*, application: Application) -> list[Report]:
    """Create the reports a granted case owes that do not exist yet; idempotent.

    Existing reports are left as they are: staff may have moved their due dates."""
    if application.status != ApplicationStatus.APPROVED or not (
        application.period_start and application.period_end
    ):
        return []
    created = []
    due = rules.due_reports(
        component=application.component,
        period_start=application.period_start,
        period_end=application.period_end,
        rule=rule_for(application.component),
    )
    for item in due:
        # The unique constraint and get_or_create's savepoint: two visits at once create
        # each report once.
        report, was_created = Report.objects.get_or_create(
            application=application,
            kind=item.kind,
            project_year=item.project_year,
            defaults={
                "period_start": item.period_start,
                "period_end": item.period_end,
                "due_date": item.due_date,
            },
        )
        if was_created:
            created.append(report)
    return created


def reports_on_grant(application: Application, *, by: User, comment: str, **details) -> None:
    """Hook of applications' "approve" transition: the granted case's reports exist at once."""
    ensure_reports(application=application)


@transaction.atomic
def reports_follow_period(*, application_id: int) -> list[Report]:
    """The case's period moved (the agreement signed by both, or extended by an amendment):
    the reports still to be written cover the new period and fall due by it. A report staff
    gave another due date, or one already with ICLD, stays as it is; a report the longer
    period adds is created."""
    application = Application.objects.get(pk=application_id)
    if not (application.period_start and application.period_end):
        return []
    due = rules.due_reports(
        component=application.component,
        period_start=application.period_start,
        period_end=application.period_end,
        rule=rule_for(application.component),
    )

    def key(kind: str, year: int) -> tuple:
        # A case has one final report, numbered by its last project year, which may change.
        return (kind,) if kind == ReportKind.FINAL else (kind, year)

    reports = {
        key(r.kind, r.project_year): r
        for r in Report.objects.select_for_update().filter(application=application)
    }
    moved = []
    for item in due:
        report = reports.get(key(item.kind, item.project_year))
        if report is None:  # a project year the longer period adds
            moved.append(
                Report.objects.create(
                    application=application,
                    kind=item.kind,
                    project_year=item.project_year,
                    period_start=item.period_start,
                    period_end=item.period_end,
                    due_date=item.due_date,
                )
            )
            continue
        if not report.is_editable or report.due_date_changed_at is not None:
            continue
        report.period_start, report.period_end = item.period_start, item.period_end
        report.due_date, report.project_year = item.due_date, item.project_year
        report.save(
            update_fields=["period_start", "period_end", "due_date", "project_year", "updated_at"]
        )
        moved.append(report)
    return moved


def period_moved(obj, *, by, comment: str, **details) -> None:
    """Hook of the agreement's "countersign" and the amendment's "approve" (agreements)."""
    agreement = getattr(obj, "agreement", obj)
    reports_follow_period(application_id=agreement.application_id)


def ensure_all_reports() -> int:
    """The reports of every granted case that has none yet (the daily sweep)."""
    cases = Application.objects.filter(
        status=ApplicationStatus.APPROVED,
        period_start__isnull=False,
        period_end__isnull=False,
        reports__isnull=True,
    ).order_by("pk")
    return sum(len(ensure_reports(application=case)) for case in cases.iterator())


def _locked_for_staff_change(
    report: Report, *, by: User, reason: str, missing
) -> tuple[Report, str]:
    """The checks of a staff change to a report that the case must explain: the permission, no
    part in the case, a reason (`missing` says what to write); then the report's row locked."""
    check_staff_decision(
        by, permission="reporting.change_report", own=takes_part(by, report.application)
    )
    reason = reason.strip()
    if not reason:
        raise ValidationError(missing)
    return Report.objects.select_for_update(of=("self",)).get(pk=report.pk), reason


@transaction.atomic
def adjust_due_date(*, report: Report, due_date: datetime.date, reason: str, by: User) -> Report:
    """Staff move a report's due date: who, when and why are kept on the report and in its
    history."""
    report, reason = _locked_for_staff_change(
        report,
        by=by,
        reason=reason,
        missing=_("Say why the due date changes: the case keeps the reason."),
    )
    record_event(
        ReportEvent,
        report,
        by=by,
        to=report.status,
        comment=_("Due date moved from %(old)s to %(new)s: %(reason)s")
        % {"old": report.due_date.isoformat(), "new": due_date.isoformat(), "reason": reason},
    )
    report.due_date = due_date
    report.due_date_reason = reason
    report.due_date_changed_by = by
    report.due_date_changed_at = timezone.now()
    report.save(
        update_fields=[
            "due_date",
            "due_date_reason",
            "due_date_changed_by",
            "due_date_changed_at",
            "updated_at",
        ]
    )
    return report


def reports_without_pdf(*, older_than: datetime.timedelta):
    """Submitted reports whose PDF is still missing (the broker was down when they came in)."""
    return Report.objects.filter(
        submitted_at__isnull=False, pdf="", submitted_at__lt=timezone.now() - older_than
    ).order_by("pk")


def _lock_editable(report: Report, by: User) -> Report:
    if Action.EDIT not in allowed_actions(by, report.application):
        raise PermissionDenied
    locked = Report.objects.select_for_update(of=("self",)).get(pk=report.pk)
    if not locked.is_editable:
        raise ValidationError(_("The report has been submitted and can no longer be changed."))
    return locked


def save_step(*, report: Report, forms, by: User) -> Report:
    """Save one step's valid forms, the report locked: nothing changes under a submission."""
    if Action.EDIT not in allowed_actions(by, report.application):
        raise PermissionDenied
    save_locked(
        Report,
        report.pk,
        forms,
        editable=lambda locked: locked.is_editable,
        refused=_("The report has been submitted and can no longer be changed."),
    )
    return report


@transaction.atomic
def add_attachment(*, report: Report, uploaded_file: UploadedFile, by: User) -> ReportAttachment:
    """Store an accepted file on the report (core.uploads judges the file)."""
    content_type, _extension = check_upload(uploaded_file)
    report = _lock_editable(report, by)
    return ReportAttachment.objects.create(
        report=report,
        file=uploaded_file,
        original_name=display_name(uploaded_file.name),
        content_type=content_type,
        size=uploaded_file.size,
        uploaded_by=by,
    )


@transaction.atomic
def delete_attachment(*, attachment: ReportAttachment, by: User) -> None:
    _lock_editable(attachment.report, by)
    ReportAttachment.objects.filter(pk=attachment.pk).delete()
    storage, name = attachment.file.storage, attachment.file.name
    # The file goes only once the row is surely gone; a rollback keeps both (as uploads.py).
    transaction.on_commit(lambda: storage.delete(name))


def render_report_pdf(*, report_id: int) -> Report | None:
    """Render the submitted report's PDF once; a report that has its PDF is left as it is."""
    return REPORT_PDF.render_once(report_id)


@transaction.atomic
def allow_early_submission(*, report: Report, reason: str, by: User) -> Report:
    """Staff let a report be submitted before its period ends: who, when and why are kept on
    the report and in its history."""
    report, reason = _locked_for_staff_change(
        report,
        by=by,
        reason=reason,
        missing=_("Say why the report may be submitted before its period ends."),
    )
    record_event(
        ReportEvent,
        report,
        by=by,
        to=report.status,
        comment=_("Submission before the period ends allowed: %(reason)s") % {"reason": reason},
    )
    report.early_submission_reason = reason
    report.early_submission_allowed_by = by
    report.early_submission_allowed_at = timezone.now()
    report.save(
        update_fields=[
            "early_submission_reason",
            "early_submission_allowed_by",
            "early_submission_allowed_at",
            "updated_at",
        ]
    )
    return report
