"""The daily retention sweep (privacy/retention.py), run by Celery beat."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import OperationalError
from django.utils import timezone

from . import retention

logger = logging.getLogger(__name__)


@shared_task(
    # Transient: the database went away. Running again is safe: each step re-checks its rows.
    autoretry_for=(OperationalError,),
    retry_backoff=60,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=6,
)
def apply_retention() -> dict[str, int]:
    result = retention.sweep(now=timezone.now())
    logger.info(
        "retention: %d drafts warned, %d warnings withdrawn, %d drafts deleted, "
        "%d deleted drafts purged, %d participants anonymised, %d delivered e-mails pruned, "
        "%d exports expired",
        result.warned,
        result.forgiven,
        result.deleted,
        result.purged,
        result.anonymised,
        result.pruned,
        result.expired,
    )
    return vars(result)
