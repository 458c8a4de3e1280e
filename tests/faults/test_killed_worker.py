"""A worker killed mid-export (SIGKILL, the OOM killer) leaves a job 'running' whose progress
stops; the sweep hands it to another worker, which finishes it from the start.

Mid-export is made certain, not raced: the test holds the row locks of every form after the
first few, so the worker stops at the first of them (it renders a form under its row lock)
and is killed while it waits there."""

from __future__ import annotations

import datetime
import signal
import time
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from exports import services, tasks
from exports.exporters import latest_forms
from exports.models import ExportJob, ExportStatus
from tests.conftest import start_worker
from tests.exports.conftest import make_case, make_round
from tests.factories import make_staff

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]

CASES = 8
FREE = 3  # forms the worker may render before it waits for a lock the test holds


def waiting_for_us() -> bool:
    """Another session waits for a lock this test's transaction holds.

    Asked of pg_locks, which is read live: pg_stat_activity is a snapshot taken at its first
    read in a transaction, so a worker that connected after the first look was never seen."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks"
            " WHERE NOT granted AND pg_backend_pid() = ANY(pg_blocking_pids(pid))"
        )
        return cursor.fetchone()[0] > 0


@pytest.fixture
def shared_media(settings, tmp_path, monkeypatch) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setenv("MEDIA_ROOT", str(settings.MEDIA_ROOT))
    return settings.MEDIA_ROOT


def test_an_export_whose_worker_was_killed_is_finished_by_another(
    shared_media, celery_worker, reference_data, tmp_path
):
    if connection.vendor != "postgresql":
        pytest.skip("holds row locks, which SQLite does not have")
    round_ = make_round("2026-01")
    # Forms without their PDF: the ZIP renders each on the way, slow enough to be killed.
    for number in range(CASES):
        make_case(round_, 10 + number, names=[f"Person {number}", "Joseph Otieno"], rendered=False)
    job = services.request_export(
        kind="participant_forms_zip",
        parameters={"round": round_.pk, "round_name": round_.name, "format": "zip"},
        by=make_staff(username="handlaggare"),
    )

    with transaction.atomic():
        # The export's order; the worker renders FREE forms, then waits at the next one's lock.
        held = list(latest_forms(round_.pk).select_for_update(of=("self",))[FREE:])
        assert len(held) == CASES - FREE
        # The first render of a fresh machine builds its font cache: allow for it.
        celery_worker.wait_for(waiting_for_us, timeout=180, what="the worker to reach a held form")
        celery_worker.proc.send_signal(signal.SIGKILL)
        celery_worker.proc.wait()
        # A killed client's query would go on once the lock is free: end it, as PostgreSQL
        # does when it notices the client is gone.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_locks"
                " WHERE NOT granted AND pg_backend_pid() = ANY(pg_blocking_pids(pid))"
            )
    job.refresh_from_db()
    assert job.status == ExportStatus.RUNNING
    assert job.progress_done <= FREE
    assert not job.file

    # Not yet stalled: the sweep leaves a job that moved a moment ago alone.
    assert tasks.requeue_stalled_exports() == []
    # EXPORT_STALLED_MINUTES later (the sweep runs each minute), it is handed out again.
    stalled = timezone.now() - datetime.timedelta(minutes=settings.EXPORT_STALLED_MINUTES + 1)
    ExportJob.objects.filter(pk=job.pk).update(progress_at=stalled)
    second = start_worker(tmp_path, name="second-worker")
    try:
        started = time.monotonic()
        assert tasks.requeue_stalled_exports() == [job.pk]
        second.wait_for(
            lambda: ExportJob.objects.filter(pk=job.pk, status=ExportStatus.DONE).exists(),
            timeout=60,
            what="the export taken over",
        )
        took = time.monotonic() - started
    finally:
        second.stop()
    job.refresh_from_db()
    assert job.progress_done == job.progress_total == CASES
    with zipfile.ZipFile(job.file.path) as archive:
        assert len(archive.namelist()) == CASES
    print(f"export taken over and finished in {took:.1f} s after the sweep")
