"""Producing an export: progress in batches, once only, over again after a crash, failures
told to the requester, and the real worker taking a job from the broker to done."""

from __future__ import annotations

import datetime
import uuid
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import OutgoingEmail
from exports import exporters, production, services, tasks
from exports.models import ExportJob, ExportStatus
from tests.factories import ParticipantFactory

from .conftest import make_job

ZIP = {"format": "zip", "round_name": "2026-01"}


def participants_job(world) -> ExportJob:
    return make_job(
        world.staff,
        kind="participants",
        parameters={"round": None, "round_name": "", "format": "csv"},
    )


def job_updates(context) -> list[str]:
    return [
        q["sql"]
        for q in context.captured_queries
        if q["sql"].startswith('UPDATE "exports_exportjob"')
    ]


@pytest.mark.django_db
def test_progress_is_written_in_batches_not_once_per_row(world, monkeypatch):
    for _ in range(40):
        ParticipantFactory(application=world.cases[0])
    monkeypatch.setattr(production, "PROGRESS_INTERVAL", 3600)
    job = participants_job(world)

    with CaptureQueriesContext(connection) as context:
        production.produce_export(job_id=job.pk)

    job.refresh_from_db()
    assert job.progress_total == job.progress_done == 46
    # Taking the job, its total, and the finish: no update per row.
    assert len(job_updates(context)) == 3


@pytest.mark.django_db
def test_progress_shows_while_the_rows_are_written(world, monkeypatch):
    monkeypatch.setattr(production, "PROGRESS_INTERVAL", 3600)
    monkeypatch.setattr(production, "PROGRESS_BATCH", 2)
    seen = []
    original = production.ProgressWriter._save

    def spy(self, **fields):
        original(self, **fields)
        seen.append(ExportJob.objects.values_list("progress_done", "progress_total").get())

    monkeypatch.setattr(production.ProgressWriter, "_save", spy)

    production.produce_export(job_id=participants_job(world).pk)

    assert seen == [(0, 6), (2, 6), (4, 6), (6, 6)]


@pytest.mark.django_db
def test_a_finished_job_is_not_produced_again(world, mailoutbox):
    job = participants_job(world)
    production.produce_export(job_id=job.pk)
    job.refresh_from_db()
    done = (job.file.name, job.finished_at, job.checksum)

    assert production.produce_export(job_id=job.pk) is None

    job.refresh_from_db()
    assert (job.file.name, job.finished_at, job.checksum) == done
    assert OutgoingEmail.objects.filter(recipient=world.staff.email).count() == 1
    assert len(list(Path(job.file.path).parent.iterdir())) == 1  # no second file


@pytest.mark.django_db
def test_a_job_left_running_by_a_dead_worker_starts_over_cleanly(world):
    job = participants_job(world)
    stale = uuid.uuid4()
    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.RUNNING, run_id=stale, progress_done=99, progress_total=120, error="x"
    )

    production.produce_export(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == ExportStatus.DONE
    assert job.progress_done == job.progress_total == 6
    assert job.run_id != stale and job.error == ""


@pytest.mark.django_db
def test_a_run_taken_over_by_another_stops_and_leaves_no_file(world, monkeypatch):
    job = participants_job(world)
    original = production.writers.write

    def write_then_lose_the_job(result, fmt, path, progress):
        production._claim(job.pk)  # another worker got the same job meanwhile
        original(result, fmt, path, progress)

    monkeypatch.setattr(production.writers, "write", write_then_lose_the_job)
    monkeypatch.setattr(production, "PROGRESS_INTERVAL", 0)

    assert production.produce_export(job_id=job.pk) is None

    job.refresh_from_db()
    assert job.status == ExportStatus.RUNNING and not job.file


@pytest.mark.django_db
def test_an_error_marks_the_job_failed_and_tells_the_requester_in_their_language(
    world, monkeypatch
):
    def broken(parameters):
        raise ValueError("the reports table is missing")

    kind = exporters.EXPORTERS["participants"]
    monkeypatch.setitem(
        exporters.EXPORTERS,
        "participants",
        exporters.Exporter("participants", broken, kind.formats, False),
    )
    job = participants_job(world)

    tasks.run_export.apply(args=[job.pk])

    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED
    assert job.error == "ValueError: the reports table is missing"
    email = OutgoingEmail.objects.get(recipient=world.staff.email)
    assert email.language == "en"
    assert "failed" in email.subject
    assert f"/admin/exports/exportjob/{job.pk}/change/" in email.body


@pytest.mark.django_db
def test_a_transient_error_is_tried_again_and_then_the_job_is_done(world, monkeypatch):
    calls = []
    produce = production.produce_export

    def flaky(*, job_id):
        calls.append(job_id)
        if len(calls) < 3:
            raise OSError("media storage unreachable")
        return produce(job_id=job_id)

    monkeypatch.setattr(production, "produce_export", flaky)
    job = participants_job(world)

    tasks.run_export.apply(args=[job.pk])

    job.refresh_from_db()
    assert len(calls) == 3
    assert job.status == ExportStatus.DONE


@pytest.mark.django_db
def test_a_transient_error_that_never_passes_fails_the_job_in_the_end(world, monkeypatch):
    def down(*, job_id):
        raise OSError("media storage unreachable")

    monkeypatch.setattr(production, "produce_export", down)
    job = participants_job(world)

    tasks.run_export.apply(args=[job.pk])

    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED
    assert "media storage unreachable" in job.error


@pytest.mark.django_db
def test_the_sweep_queues_jobs_the_broker_missed(world, monkeypatch):
    queued = []
    monkeypatch.setattr(tasks.run_export, "delay", queued.append)
    old = make_job(world.staff)
    ExportJob.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    make_job(world.staff)  # just asked for: its own task is on the way
    make_job(world.staff, status=ExportStatus.DONE)

    assert tasks.requeue_queued_exports() == [old.pk]
    assert queued == [old.pk]


# --- through the broker, in a real worker -------------------------------------------------------


@pytest.fixture
def worker_media(media, monkeypatch):
    """The worker process writes and reads the same media folder as the test."""
    monkeypatch.setenv("MEDIA_ROOT", str(media))
    return media


@pytest.mark.redis
def test_the_worker_takes_a_round_zip_to_done_and_a_second_run_does_not_redo_it(
    worker_media, celery_worker, world
):
    job = services.request_export(
        kind="participant_forms_zip",
        parameters={"round": world.round.pk, **ZIP},
        by=world.staff,
    )

    def finished(pk: int) -> bool:
        return ExportJob.objects.filter(pk=pk, status=ExportStatus.DONE).exists()

    celery_worker.wait_for(lambda: finished(job.pk), what="the export")
    job.refresh_from_db()
    assert job.progress_total == job.progress_done == 2
    assert job.size == Path(job.file.path).stat().st_size
    first = (job.file.name, job.finished_at, job.checksum)

    tasks.run_export.delay(job.pk)
    # The worker takes one task at a time, in order: once a later job is done, so is the rerun.
    later = services.request_export(
        kind="applications",
        parameters={"round": None, "round_name": "", "format": "csv"},
        by=world.staff,
    )
    celery_worker.wait_for(lambda: finished(later.pk), what="the later export")

    job.refresh_from_db()
    assert (job.file.name, job.finished_at, job.checksum) == first
    assert OutgoingEmail.objects.filter(subject__contains="Participant forms").count() == 1
