"""Background work of applications: the participant-form and receipt PDFs."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task

from core.tasks import FILE_RETRY, TransactionAwareTask, requeue_missed

from . import participant_form_pdf, receipt_pdf


@shared_task(base=TransactionAwareTask, **FILE_RETRY)
def render_participant_form(version_id: int) -> None:
    """Render one version of a participant form; a version already rendered is left alone."""
    participant_form_pdf.render_version(version_id=version_id)


@shared_task
def render_missing_participant_forms(older_than_minutes: int = 5) -> list[int]:
    """Queue the versions that have no PDF yet (the broker was down when they were made)."""
    waiting = participant_form_pdf.versions_to_render(
        older_than=timedelta(minutes=older_than_minutes)
    )
    return requeue_missed(render_participant_form, waiting)


@shared_task(base=TransactionAwareTask, **FILE_RETRY)
def render_receipt(receipt_id: int) -> None:
    """Render one submission receipt; a receipt already rendered is left alone."""
    receipt_pdf.render_receipt(receipt_id=receipt_id)


@shared_task
def render_missing_receipts(older_than_minutes: int = 5) -> list[int]:
    """Queue the receipts that have no PDF yet (the broker was down when they were made)."""
    waiting = receipt_pdf.receipts_to_render(older_than=timedelta(minutes=older_than_minutes))
    return requeue_missed(render_receipt, waiting)
