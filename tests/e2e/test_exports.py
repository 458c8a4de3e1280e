"""Staff start a ZIP of a round's participant forms from the round's admin page, watch its
progress and download it."""

from __future__ import annotations

import zipfile

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from playwright.sync_api import expect

from exports.models import ExportJob, ExportStatus
from tests.accessibility import assert_accessible
from tests.browser_login import SECRET, log_in_with_totp
from tests.exports.conftest import make_case, make_round
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def shared_media(settings, tmp_path, monkeypatch):
    """One media folder for the live server and the worker process."""
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setenv("MEDIA_ROOT", str(settings.MEDIA_ROOT))
    return settings.MEDIA_ROOT


@pytest.mark.redis
def test_staff_export_a_rounds_participant_forms_and_download_the_zip(
    shared_media, celery_worker, page, live_server, tmp_path
):
    round_ = make_round("2026-01")
    make_case(round_, 12, names=["Åsa Öberg", "Joseph Otieno"])
    # Its PDF is not made yet: the export renders it on the way.
    make_case(round_, 13, names=["Grace Achieng", "Märta Ek"], rendered=False)
    make_case(make_round("2026-02"), 40, names=["Other Round Person"])
    staff = UserFactory(email="handlaggare@icld.se", is_staff=True, is_superuser=True)
    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)
    TOTP.activate(staff, SECRET)

    log_in_with_totp(page, staff.email)
    page.goto(f"/admin/applications/applicationround/{round_.pk}/change/")
    page.locator("a[href*='kind=participant_forms_zip']").click()
    assert page.locator("#id_kind").input_value() == "participant_forms_zip"
    assert page.locator("#id_round").input_value() == str(round_.pk)
    assert_accessible(page)
    page.locator("#content-main input[type=submit]").click()

    job = ExportJob.objects.get()
    page.wait_for_url(f"**/admin/exports/exportjob/{job.pk}/change/")
    assert page.locator("progress#export-progress").is_visible()
    assert page.get_by_role("status").inner_text()
    assert_accessible(page)

    # The page follows the job by itself and shows the link once the worker is done.
    link = page.locator(f"a[href$='/admin/exports/exportjob/{job.pk}/download/']")
    link.wait_for(timeout=60_000)
    assert ExportJob.objects.get().status == ExportStatus.DONE
    assert page.locator("progress#export-progress").get_attribute("value") == "2"
    assert_accessible(page)
    with page.expect_download() as download:
        link.click()
    saved = tmp_path / "download.zip"
    download.value.save_as(saved)
    assert download.value.suggested_filename == f"participant-forms-2026-01-{job.pk}.zip"
    with zipfile.ZipFile(saved) as archive:
        assert archive.namelist() == ["ICLD-2026-0012_v2.pdf", "ICLD-2026-0013_v2.pdf"]


def test_the_job_page_follows_the_job_and_shows_the_link_when_it_is_done(page, live_server):
    staff = UserFactory(email="handlaggare@icld.se", is_staff=True, is_superuser=True)
    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)
    TOTP.activate(staff, SECRET)
    job = ExportJob.objects.create(
        kind="applications",
        parameters={"round": None, "round_name": "", "format": "csv"},
        requested_by=staff,
        status=ExportStatus.RUNNING,
        progress_total=40,
    )
    log_in_with_totp(page, staff.email)
    page.goto(f"/admin/exports/exportjob/{job.pk}/change/")
    bar = page.locator("progress#export-progress")
    assert bar.get_attribute("value") == "0"

    ExportJob.objects.filter(pk=job.pk).update(progress_done=10)
    expect(bar).to_have_attribute("value", "10")  # the CSP allows no evaluated script
    expect(page.get_by_role("status")).to_contain_text("25")

    ExportJob.objects.filter(pk=job.pk).update(
        status=ExportStatus.DONE, progress_done=40, file="exports/x", size=3
    )
    page.locator(f"a[href$='/admin/exports/exportjob/{job.pk}/download/']").wait_for()
    assert bar.get_attribute("value") == "40"
