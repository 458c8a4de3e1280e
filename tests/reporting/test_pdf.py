import subprocess

import pytest
from django.urls import reverse

from reporting import workflow
from reporting.models import Report
from reporting.services import render_report_pdf
from tests.reporting.factories import complete_report, granted_case

pytestmark = pytest.mark.django_db


def pdf_text(path: str) -> str:
    text = subprocess.run(["pdftotext", path, "-"], capture_output=True, check=True, text=True)
    return " ".join(text.stdout.split())


@pytest.fixture
def submitted(settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    application, people = granted_case()
    report = complete_report(application, people)
    with django_capture_on_commit_callbacks() as callbacks:
        workflow.submit_report(report=report, by=people["coordinator"])
    return report, people, callbacks


def test_submitting_queues_the_pdf_which_holds_the_reports_text(submitted):
    report, _people, callbacks = submitted
    assert callbacks  # the render task is queued after commit
    rendered = render_report_pdf(report_id=report.pk)
    text = pdf_text(rendered.pdf.path)
    assert "Två workshoppar om ungas inflytande." in text
    assert "Seminarium för kommunstyrelsen." in text
    assert "Astrid Lind" in text
    assert rendered.application.case_number in text
    assert len(rendered.pdf_checksum) == 64


def test_rendering_twice_keeps_the_first_pdf(submitted):
    report, _people, _callbacks = submitted
    first = render_report_pdf(report_id=report.pk)
    second = render_report_pdf(report_id=report.pk)
    assert first.pdf.name == second.pdf.name and first.pdf_checksum == second.pdf_checksum


def test_a_draft_gets_no_pdf(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    application, people = granted_case()
    report = complete_report(application, people)
    assert not render_report_pdf(report_id=report.pk).pdf
    assert not Report.objects.get().pdf


def test_the_pdf_is_downloaded_from_the_report_page_by_a_reader(client, submitted):
    report, people, _callbacks = submitted
    render_report_pdf(report_id=report.pk)
    client.force_login(people["reader"])
    page = client.get(reverse("reporting:report", args=[report.pk])).content.decode()
    assert reverse("reporting:pdf", args=[report.pk]) in page
    response = client.get(reverse("reporting:pdf", args=[report.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_the_sweep_queues_submitted_reports_still_without_a_pdf(submitted):
    import datetime

    from django.db.models import F

    from reporting.services import reports_without_pdf

    report, _people, _callbacks = submitted
    Report.objects.filter(pk=report.pk).update(
        submitted_at=F("submitted_at") - datetime.timedelta(hours=1)
    )
    old = datetime.timedelta(minutes=5)
    assert list(reports_without_pdf(older_than=old)) == [report]
    render_report_pdf(report_id=report.pk)
    assert list(reports_without_pdf(older_than=old)) == []


def test_a_resubmission_gets_a_new_pdf(submitted, django_capture_on_commit_callbacks):
    report, people, _callbacks = submitted
    first = render_report_pdf(report_id=report.pk)
    Report.objects.filter(pk=report.pk).update(status="returned")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_report(report=Report.objects.get(), by=people["coordinator"])
    assert not Report.objects.get().pdf
    assert not first.pdf.storage.exists(first.pdf.name)
