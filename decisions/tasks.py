"""Background work of decisions: the decision letter."""

from __future__ import annotations

from celery import shared_task

from core.tasks import TransactionAwareTask


@shared_task(
    base=TransactionAwareTask,
    autoretry_for=(OSError,),
    retry_backoff=10,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=6,
)
def render_decision_letter(decision_id: int) -> None:
    """Render a decided decision's letter and send it; one done already is left alone."""
    from . import letters

    letters.render_and_send(decision_id=decision_id)
