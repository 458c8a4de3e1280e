"""Background work of agreements: the document to sign, and the sealed signed copy."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task

from core.tasks import FILE_RETRY, TransactionAwareTask, requeue_missed

from . import documents


@shared_task(base=TransactionAwareTask, **FILE_RETRY)
def render_agreement(agreement_id: int) -> None:
    """Render an agreement's document to sign; one rendered already is left alone."""
    documents.render_document(agreement_id=agreement_id)


@shared_task(base=TransactionAwareTask, **FILE_RETRY)
def seal_agreement(agreement_id: int) -> None:
    """Make the countersigned agreement's signed copy, seal it, and put it into force."""
    documents.seal_and_enforce(agreement_id=agreement_id)


@shared_task
def requeue_agreements(older_than_minutes: int = 5) -> list[int]:
    """Queue what the broker missed: agreements without their document or their seal."""
    age = timedelta(minutes=older_than_minutes)
    return requeue_missed(render_agreement, documents.waiting_for_document(age)) + requeue_missed(
        seal_agreement, documents.waiting_for_seal(age)
    )
