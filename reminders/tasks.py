"""The daily sweep that sends deadline reminders."""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterable
from itertools import islice

from celery import shared_task
from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from core.tasks import DATABASE_RETRY

from .services import send_reminders
from .sources import DueReminder

logger = logging.getLogger(__name__)

# Reminders sent in one transaction with three queries (services.send_reminders): a commit
# waits for the disk and a query costs more than rendering an e-mail.
BATCH = 1000


def sources() -> list[Callable[..., Iterable[DueReminder]]]:
    return [import_string(path) for path in settings.REMINDER_SOURCES]


# Again after the database went away: what was sent is recorded.
@shared_task(**DATABASE_RETRY)
def send_due_reminders() -> int:
    """Run every reminder source for today and send what is due; returns how many went out.

    Safe to run twice, also at the same moment: each reminder is sent once
    (services.send_reminder). The e-mails are written to the outbox, so with the broker down
    they go out when `core.tasks.requeue_unsent_email` finds them.
    """
    today = timezone.localdate()
    sent = 0
    # The sweep makes tens of thousands of short-lived objects (rows, findings, e-mails) per
    # batch; the cyclic collector, run every 700 allocations, walked them again and again and
    # took a third of the sweep's CPU. Off during the sweep, and each batch's cycles collected
    # after it: nothing was collected meanwhile, so all of the batch is in the youngest
    # generation and that collection walks only what the batch made.
    collecting = gc.isenabled()
    gc.disable()
    try:
        for source in sources():
            due = iter(source(today))
            while batch := list(islice(due, BATCH)):
                sent += send_reminders(due=batch)
                gc.collect(0)
    finally:
        if collecting:
            gc.enable()
    logger.info("sent %d reminders for %s", sent, today)
    return sent
