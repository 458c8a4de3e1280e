"""The daily retention sweep (privacy/retention.py), run by Celery beat."""

from __future__ import annotations

import logging

from celery import shared_task
from django.utils import timezone

from core.tasks import DATABASE_RETRY

from . import retention

logger = logging.getLogger(__name__)


# Again after the database went away: each step re-checks its rows.
@shared_task(**DATABASE_RETRY)
def apply_retention() -> dict[str, int]:
    result = retention.sweep(now=timezone.now())
    logger.info(
        "retention: %d drafts warned, %d warnings withdrawn, %d drafts deleted, "
        "%d deleted drafts purged, %d participants anonymised, %d delivered e-mails pruned, "
        "%d exports expired, %d unused invitations' addresses forgotten",
        result.warned,
        result.forgiven,
        result.deleted,
        result.purged,
        result.anonymised,
        result.pruned,
        result.expired,
        result.forgotten,
    )
    return vars(result)
