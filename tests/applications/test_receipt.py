"""The receipt of a submission: the whole application snapshotted when it is submitted (every
step, both teams, the visits, the budget, the attachments' names), a PDF/UA of it rendered in a
worker, linked from the receipt e-mail and kept on the case page (issue 14, "Receipt of what was
submitted")."""

from __future__ import annotations

import datetime
import hashlib
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from applications.models import ApplicationStatus, SubmissionReceipt
from applications.receipt_pdf import receipts_to_render, render_receipt
from applications.workflow import submit_application, withdraw_application
from core.models import OutgoingEmail
from tests.applications.test_participant_form import pdf_catalog_says_language, pdf_text
from tests.factories import (
    forberedelse_with_plan,
    make_coordinator,
    valid_forberedelse,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(reference_data, media):
    application = forberedelse_with_plan(title="Unga röster i Kisumu")
    coordinator = application.created_by
    return submit_application(application=application, by=coordinator), coordinator


def test_a_submission_snapshots_the_whole_application(submitted):
    application, coordinator = submitted
    receipt = SubmissionReceipt.objects.get(application=application)
    s = receipt.snapshot
    assert receipt.number == 1 and receipt.submitted_by == coordinator
    assert s["case_number"] == application.case_number
    assert s["content"]["title"] == "Unga röster i Kisumu"
    assert s["planning"]["shared_challenges"] == "Gemensamt planerat."
    assert s["partner"]["country"] == "Kenya"
    assert [v["learning_goals"] for v in s["visits"]] == ["Medborgarbudget i praktiken."]
    assert [(b["description"], b["amount"]) for b in s["budget"]] == [("Flyg", 42000)]
    assert [a["name"] for a in s["attachments"]] == ["Kommunstyrelsens beslut.pdf"]
    assert sorted(p["name"] for p in s["team"]) == sorted(
        application.participants.values_list("name", flat=True)
    )


def test_the_receipt_email_links_to_the_receipt(submitted):
    application, _coordinator = submitted
    body = OutgoingEmail.objects.get(subject__startswith="Kvitto").body
    assert reverse("applications:receipt", args=[application.pk, 1]) in body


def test_the_pdf_is_rendered_once_from_the_snapshot_tagged_and_in_the_case_language(
    submitted,
):
    application, _coordinator = submitted
    receipt = SubmissionReceipt.objects.get()
    # Changed after the submission (as by staff): the receipt keeps what was sent.
    application.participants.update(name="Någon annan")
    rendered = render_receipt(receipt_id=receipt.pk)
    data = Path(rendered.file.path).read_bytes()
    text = pdf_text(rendered.file.path)
    assert application.case_number in text and "Unga röster i Kisumu" in text
    # The amount grouped the Swedish way (core.money; pdf_text joins the no-break space).
    assert "Kommunstyrelsens beslut.pdf" in text and "42 000" in text
    assert "Medborgarbudget i praktiken." in text
    assert "Någon annan" not in text
    assert receipt.snapshot["team"][0]["name"] in text
    assert "Ärendenummer" in text  # the case's language, Swedish
    # Who sent it on the organisation's behalf (the declaration is theirs).
    assert f"Inskickad av {application.submitted_by.get_full_name()}" in text
    assert pdf_catalog_says_language(data, "sv")
    info = subprocess.run(["pdfinfo", rendered.file.path], capture_output=True, text=True).stdout
    assert "Tagged:          yes" in info
    assert rendered.checksum == hashlib.sha256(data).hexdigest()
    # A second run leaves it as it is.
    assert render_receipt(receipt_id=receipt.pk).checksum == rendered.checksum
    assert not receipts_to_render(older_than=datetime.timedelta(0)).exists()


def test_a_second_submission_gets_the_next_receipt_and_the_first_keeps_what_it_was(submitted):
    application, coordinator = submitted
    application = withdraw_application(application=application, by=coordinator)
    application.title = "Unga röster, andra gången"
    application.save()
    submit_application(application=application, by=coordinator)
    first, second = SubmissionReceipt.objects.order_by("number")
    assert (first.number, second.number) == (1, 2)
    assert first.snapshot["content"]["title"] == "Unga röster i Kisumu"
    assert second.snapshot["content"]["title"] == "Unga röster, andra gången"


def test_the_case_page_keeps_the_receipt_and_those_who_see_the_case_download_it(client, submitted):
    application, coordinator = submitted
    url = reverse("applications:receipt", args=[application.pk, 1])
    client.force_login(coordinator)
    # Before the worker has made it, the link says so on the case page.
    response = client.get(url)
    assert response.status_code == 302
    page = client.get(response["Location"]).text
    assert "Kvittot förbereds" in page and 'data-receipt="1"' in page

    render_receipt(receipt_id=SubmissionReceipt.objects.get().pk)
    page = client.get(reverse("applications:case", args=[application.pk])).text
    assert f'href="{url}"' in page
    download = client.get(url)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert application.case_number in download["Content-Disposition"]

    client.force_login(make_coordinator())
    assert client.get(url).status_code == 404


def test_a_draft_has_no_receipt(client, reference_data):
    application = valid_forberedelse()
    assert application.status == ApplicationStatus.DRAFT
    client.force_login(application.created_by)
    assert client.get(reverse("applications:receipt", args=[application.pk, 1])).status_code == 404
