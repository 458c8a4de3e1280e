"""A worker killed mid-export (SIGKILL, the OOM killer) leaves a job 'running' whose progress
stops; the sweep hands it to another worker, which finishes it from the start."""

from __future__ import annotations

import datetime
import signal
import time
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from exports import services, tasks
from exports.models import ExportJob, ExportStatus
from tests.conftest import start_worker
from tests.exports.conftest import make_case, make_round
from tests.factories import make_staff

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]

# Enough forms that the first progress (written after a second, exports.production) comes well
# before the last one, also on a loaded machine, where the test polls late.
CASES = 40


@pytest.fixture
def shared_media(settings, tmp_path, monkeypatch) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setenv("MEDIA_ROOT", str(settings.MEDIA_ROOT))
    return settings.MEDIA_ROOT


@pytest.mark.xfail(
    strict=False,
    reason="Timing (stop 26): on a fast machine the worker can finish every form before the "
    "kill lands; to be made deterministic",
)
def test_an_export_whose_worker_was_killed_is_finished_by_another(
    shared_media, celery_worker, reference_data, tmp_path
):
    round_ = make_round("2026-01")
    # Forms without their PDF: the ZIP renders each on the way, slow enough to be killed.
    for number in range(CASES):
        make_case(round_, 10 + number, names=[f"Person {number}", "Joseph Otieno"], rendered=False)
    job = services.request_export(
        kind="participant_forms_zip",
        parameters={"round": round_.pk, "round_name": round_.name, "format": "zip"},
        by=make_staff(username="handlaggare"),
    )

    def moving() -> bool:
        return ExportJob.objects.filter(pk=job.pk, progress_done__gte=1).exists()

    celery_worker.wait_for(moving, what="the first forms")
    celery_worker.proc.send_signal(signal.SIGKILL)
    celery_worker.proc.wait()
    job.refresh_from_db()
    assert job.status == ExportStatus.RUNNING
    assert job.progress_done < CASES

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
