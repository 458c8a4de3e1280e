"""Background work of decisions: the decision letter."""

from __future__ import annotations

from datetime import timedelta

from celery import shared_task

from core.tasks import FILE_RETRY, TransactionAwareTask, requeue_missed

from . import letters


@shared_task(base=TransactionAwareTask, **FILE_RETRY)
def render_decision_letter(decision_id: int) -> None:
    """Render a decided decision's letter and send it; one done already is left alone."""
    letters.render_and_send(decision_id=decision_id)


@shared_task
def send_waiting_letters(older_than_minutes: int = 5) -> list[int]:
    """Queue the decided decisions whose letter is not rendered or sent yet (broker was down)."""
    waiting = letters.letters_waiting(older_than=timedelta(minutes=older_than_minutes))
    return requeue_missed(render_decision_letter, waiting)
