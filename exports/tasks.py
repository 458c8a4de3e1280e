"""Background work of exports: producing a job's file."""

from __future__ import annotations

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from core.tasks import TransactionAwareTask, requeue_missed

from . import production
from .models import ExportJob, ExportStatus

logger = logging.getLogger(__name__)

# Worth another try: the database connection, the disk or the media storage. Anything else
# (a bug, bad parameters) fails the job at once with its message.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, OSError)


@shared_task(base=TransactionAwareTask, bind=True, max_retries=5)
def run_export(self, job_id: int) -> None:
    """Produce one export job; a finished job is not produced again."""
    try:
        production.produce_export(job_id=job_id)
    except TRANSIENT_ERRORS as error:
        if self.request.retries >= self.max_retries:
            production.fail_export(job_id=job_id, error=error)
            return
        logger.warning("export %s: %s; trying again", job_id, error)
        raise self.retry(exc=error, countdown=min(600, 10 * 2**self.request.retries)) from error
    except Exception as error:
        logger.exception("export %s failed", job_id)
        production.fail_export(job_id=job_id, error=error)


@shared_task
def requeue_queued_exports(older_than_minutes: int = 5) -> list[int]:
    """Queue the jobs still waiting (the broker was down when they were requested)."""
    cutoff = timezone.now() - timedelta(minutes=older_than_minutes)
    waiting = ExportJob.objects.filter(status=ExportStatus.QUEUED, created_at__lt=cutoff)
    return requeue_missed(run_export, waiting, limit=100)


@shared_task
def requeue_stalled_exports(stalled_minutes: int | None = None) -> list[int]:
    """Queue again the running jobs whose progress has not moved for EXPORT_STALLED_MINUTES:
    their worker was killed (its message comes back only after the broker's visibility
    timeout). The new run takes the job over from the start; should the old run still be
    alive, its next progress update is refused and it stops (production.ProgressWriter)."""
    minutes = settings.EXPORT_STALLED_MINUTES if stalled_minutes is None else stalled_minutes
    cutoff = timezone.now() - timedelta(minutes=minutes)
    stalled = ExportJob.objects.filter(status=ExportStatus.RUNNING, progress_at__lt=cutoff)
    return requeue_missed(run_export, stalled, limit=100)
