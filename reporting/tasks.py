"""Background work of reporting: the reports of granted cases, and the PDFs."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task

from core.tasks import FILE_RETRY, TransactionAwareTask, requeue_missed

from . import services


@shared_task(base=TransactionAwareTask, **FILE_RETRY)
def render_report_pdf(report_id: int) -> None:
    """Render a submitted report's PDF; one already rendered is left alone."""
    services.render_report_pdf(report_id=report_id)


@shared_task
def ensure_all_reports() -> int:
    """Create the reports every granted case owes (daily; idempotent)."""
    return services.ensure_all_reports()


@shared_task
def render_missing_report_pdfs(older_than_minutes: int = 5) -> list[int]:
    """Queue the submitted reports that have no PDF yet (the broker was down at submission)."""
    waiting = services.reports_without_pdf(older_than=timedelta(minutes=older_than_minutes))
    return requeue_missed(render_report_pdf, waiting)
