"""What a worker does to an export job: claim it, produce its file with progress, finish or
fail it. `tasks.run_export` calls `produce_export`; staff's side is in `services`."""

from __future__ import annotations

import hashlib
import logging
import tempfile
import time
import uuid
from pathlib import Path

from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation

from core.notify import notify_user

from . import writers
from .exporters import EXPORTERS
from .models import ExportJob, ExportStatus

logger = logging.getLogger(__name__)

# Progress is written at most this often (seconds) or after this many rows, whichever first.
PROGRESS_INTERVAL = 1.0
PROGRESS_BATCH = 1000


class Superseded(Exception):
    """Another run took the job over (this one was thought dead): stop without a trace."""


def _locked_unfinished(job_id: int) -> ExportJob | None:
    """The job, its row locked, unless it is finished or gone."""
    job = (
        ExportJob.objects.select_for_update(of=("self",))
        .select_related("requested_by")
        .filter(pk=job_id)
        .first()
    )
    return None if job is None or job.is_finished else job


def _claim(job_id: int) -> ExportJob | None:
    """Take the job for this run, from the start; None if it is finished or gone."""
    with transaction.atomic():
        job = _locked_unfinished(job_id)
        if job is None:
            return None
        # A job found running was left by a run that died: it starts over from nothing.
        job.status = ExportStatus.RUNNING
        job.run_id = uuid.uuid4()
        job.started_at = job.progress_at = timezone.now()
        job.progress_done = job.progress_total = 0
        job.error = ""
        job.save(
            update_fields=[
                "status",
                "run_id",
                "started_at",
                "progress_at",
                "progress_done",
                "progress_total",
                "error",
            ]
        )
        return job


class ProgressWriter:
    """Writes the job's progress now and then, not on every row, and notices a takeover."""

    def __init__(self, job: ExportJob) -> None:
        self.job = job
        self.written = 0
        self.at = time.monotonic()

    def _save(self, **fields: int) -> None:
        updated = ExportJob.objects.filter(pk=self.job.pk, run_id=self.job.run_id).update(
            progress_at=timezone.now(), **fields
        )
        if not updated:
            raise Superseded

    def total(self, total: int) -> None:
        self._save(progress_total=total)

    def __call__(self, done: int) -> None:
        if done - self.written >= PROGRESS_BATCH or time.monotonic() - self.at >= PROGRESS_INTERVAL:
            self._save(progress_done=done)
            self.written, self.at = done, time.monotonic()


def produce_export(*, job_id: int) -> ExportJob | None:
    """Produce the job's file. A finished job is left as it is; a job left running by a dead
    run is done again from the start. Returns the job, or None if there was nothing to do."""
    job = _claim(job_id)
    if job is None:
        return None
    exporter = EXPORTERS[job.kind]
    fmt = job.format
    try:
        with tempfile.TemporaryDirectory(prefix="export-") as folder:
            path = Path(folder) / f"export.{fmt}"
            progress = ProgressWriter(job)
            with translation.override(job.requested_by.language):
                result = exporter.produce(
                    {**job.parameters, "job": job.pk, "requested_by": job.requested_by}
                )
                progress.total(result.total)
                writers.write(result, fmt, path, progress)
            return _finish(job, path)
    except Superseded:
        logger.info("export %s was taken over by another run", job.pk)
        return None


def _checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as data:
        while chunk := data.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _finish(job: ExportJob, path: Path) -> ExportJob:
    checksum, size = _checksum(path), path.stat().st_size
    with transaction.atomic():
        locked = (
            ExportJob.objects.select_for_update(of=("self",))
            .select_related("requested_by")
            .get(pk=job.pk)
        )
        if locked.run_id != job.run_id:
            raise Superseded
        with path.open("rb") as data:
            locked.file.save(job.download_name, File(data), save=False)
        locked.checksum, locked.size = checksum, size
        locked.status = ExportStatus.DONE
        locked.progress_done = locked.progress_total
        locked.finished_at = timezone.now()
        locked.save()
        _tell_requester(locked)
    logger.info("export %s done (%d bytes)", job.pk, size)
    return locked


def fail_export(*, job_id: int, error: BaseException) -> None:
    """Mark the job failed with a message staff can act on, and tell the requester."""
    with transaction.atomic():
        job = _locked_unfinished(job_id)
        if job is None:
            return
        job.status = ExportStatus.FAILED
        job.finished_at = timezone.now()
        job.error = f"{type(error).__name__}: {error}"[:2000]
        job.save(update_fields=["status", "finished_at", "error"])
        exporter = EXPORTERS.get(job.kind)
        if exporter is not None and exporter.on_failure is not None:
            exporter.on_failure(job)
        _tell_requester(job)


def _tell_requester(job: ExportJob) -> None:
    notify_user(
        job.requested_by,
        template="exports/email/export_finished",
        context={"job": job},
        link=("admin:exports_exportjob_change", job.pk),
    )
