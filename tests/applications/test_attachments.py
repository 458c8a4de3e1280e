"""Step 6, attachments: who may list, upload, download and remove, and what a download sends."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from applications.models import Attachment
from tests.factories import (
    AttachmentFactory,
    case_with_people,
    docx_bytes,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db

PERSONAS = ["outsider", "pending_colleague", "reader", "editor", "creator", "coordinator"]
CAN_VIEW = {"reader", "editor", "creator", "coordinator"}
CAN_EDIT = {"editor", "creator", "coordinator"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def case_and_people():
    application, people = case_with_people()
    attachment = AttachmentFactory(application=application, uploaded_by=people["coordinator"])
    return application, attachment, people


def page_url(application, language: str = "sv") -> str:
    with translation.override(language):
        return reverse("applications:attachments", args=[application.pk])


def download_url(attachment) -> str:
    return reverse(
        "applications:attachment_download", args=[attachment.application_id, attachment.pk]
    )


def delete_url(attachment) -> str:
    return reverse(
        "applications:delete_attachment", args=[attachment.application_id, attachment.pk]
    )


def pdf(name: str = "Beslut.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_attachments_page_is_shown_to_everyone_who_sees_the_case(
    client, case_and_people, persona
):
    application, attachment, people = case_and_people
    client.force_login(people[persona])
    response = client.get(page_url(application))
    if persona not in CAN_VIEW:
        assert response.status_code == 404
        return
    assert response.status_code == 200
    assert attachment.original_name in response.text
    assert download_url(attachment) in response.text
    can_edit = persona in CAN_EDIT
    assert ('enctype="multipart/form-data"' in response.text) == can_edit
    assert (delete_url(attachment) in response.text) == can_edit
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_uploading_needs_edit_access(client, case_and_people, persona):
    application, _attachment, people = case_and_people
    client.force_login(people[persona])
    response = client.post(page_url(application), {"file": pdf(), "description": "Beslut"})
    if persona in CAN_EDIT:
        assert response.status_code == 302
        assert application.attachments.count() == 2
    else:
        assert response.status_code == 404
        assert application.attachments.count() == 1


@pytest.mark.parametrize("persona", PERSONAS)
def test_downloading_needs_access_to_the_case(client, case_and_people, persona):
    _application, attachment, people = case_and_people
    client.force_login(people[persona])
    response = client.get(download_url(attachment))
    assert response.status_code == (200 if persona in CAN_VIEW else 404)


@pytest.mark.parametrize("persona", PERSONAS)
def test_removing_needs_edit_access(client, case_and_people, persona):
    _application, attachment, people = case_and_people
    client.force_login(people[persona])
    response = client.post(delete_url(attachment))
    assert response.status_code == (302 if persona in CAN_EDIT else 404)
    assert Attachment.objects.filter(pk=attachment.pk).exists() == (persona not in CAN_EDIT)


def test_anonymous_visitors_are_asked_to_log_in(client, case_and_people):
    application, attachment, _people = case_and_people
    for url in (page_url(application), download_url(attachment)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login") + "?next=")
    assert client.post(delete_url(attachment)).status_code == 302
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_an_attachment_of_another_case_is_not_found(client, case_and_people):
    application, _attachment, people = case_and_people
    elsewhere = AttachmentFactory()
    client.force_login(people["coordinator"])
    url = reverse("applications:attachment_download", args=[application.pk, elsewhere.pk])
    assert client.get(url).status_code == 404
    url = reverse("applications:delete_attachment", args=[application.pk, elsewhere.pk])
    assert client.post(url).status_code == 404
    assert Attachment.objects.filter(pk=elsewhere.pk).exists()


def test_unknown_ids_are_not_found(client, case_and_people):
    application, attachment, people = case_and_people
    client.force_login(people["coordinator"])
    assert client.get(reverse("applications:attachments", args=[999999])).status_code == 404
    url = reverse("applications:attachment_download", args=[application.pk, 999999])
    assert client.get(url).status_code == 404
    url = reverse("applications:delete_attachment", args=[999999, attachment.pk])
    assert client.post(url).status_code == 404


def test_a_download_is_sent_as_an_attachment_that_no_one_caches_or_sniffs(client, case_and_people):
    _application, attachment, people = case_and_people
    client.force_login(people["reader"])
    response = client.get(download_url(attachment))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Disposition"] == 'attachment; filename="Kommunstyrelsens beslut.pdf"'
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Length"] == str(len(pdf_bytes()))


def test_a_download_keeps_a_swedish_name_rfc_6266_style(client, case_and_people):
    application, _attachment, people = case_and_people
    attachment = AttachmentFactory(
        application=application, original_name='Fullmäktiges "beslut".pdf'
    )
    client.force_login(people["coordinator"])
    disposition = client.get(download_url(attachment))["Content-Disposition"]
    assert "filename*=utf-8''Fullm%C3%A4ktiges%20%22beslut%22.pdf" in disposition


def test_a_missing_file_is_not_found_rather_than_an_error(client, case_and_people, media):
    _application, attachment, people = case_and_people
    (media / attachment.file.name).unlink()
    client.force_login(people["coordinator"])
    assert client.get(download_url(attachment)).status_code == 404


def test_an_editor_uploads_a_word_document_and_sees_it_listed(client, case_and_people):
    application, _attachment, people = case_and_people
    client.force_login(people["editor"])
    document = SimpleUploadedFile("Projektplan.docx", docx_bytes())
    response = client.post(
        page_url(application, "en"), {"file": document, "description": "Plan"}, follow=True
    )
    assert response.status_code == 200
    added = application.attachments.get(original_name="Projektplan.docx")
    assert added.uploaded_by == people["editor"]
    assert added.content_type.endswith("wordprocessingml.document")
    assert "Projektplan.docx has been attached." in response.text


def test_the_upload_form_is_labelled_and_hints_the_accepted_types(client, case_and_people):
    application, _attachment, people = case_and_people
    client.force_login(people["coordinator"])
    text = client.get(page_url(application)).text
    assert 'accept=".pdf,.docx,.xlsx,.odt,application/pdf,' in text
    assert re.search(r'<label\s+for="id_file"', text)
    assert re.search(r'<label\s+for="id_description"', text)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "This field is required."),
        ({"description": "Beslut"}, "This field is required."),
        ({"file": "not a file"}, "This field is required."),
        ({"file": "ZIP"}, "content is not"),
        ({"file": "PDF_AS_DOCX"}, "content is not"),
        ({"file": "BIG"}, "largest accepted size"),
        ({"file": "EXE"}, "Upload a PDF"),
        ({"file": "PDF", "description": "x" * 201}, "at most 200 characters"),
    ],
)
def test_bad_uploads_re_render_the_page_with_a_message(client, case_and_people, data, message):
    application, _attachment, people = case_and_people
    files = {
        "ZIP": SimpleUploadedFile("decision.pdf", docx_bytes()),
        "PDF_AS_DOCX": SimpleUploadedFile("decision.docx", pdf_bytes()),
        "BIG": SimpleUploadedFile("big.pdf", pdf_bytes() + b"0" * (10 * 1024 * 1024 + 1024)),
        "EXE": SimpleUploadedFile("decision.exe", pdf_bytes()),
        "PDF": pdf(),
    }
    data = {key: files.get(value, value) for key, value in data.items()}
    client.force_login(people["coordinator"])
    response = client.post(page_url(application, "en"), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert message in str(form.errors)
    assert 'class="invalid-feedback' in response.text
    assert application.attachments.count() == 1


def test_a_submitted_application_lists_attachments_but_offers_no_upload(client, case_and_people):
    application, attachment, people = case_and_people
    application.status = "submitted"
    application.save()
    client.force_login(people["coordinator"])
    response = client.get(page_url(application))
    assert attachment.original_name in response.text
    assert "multipart/form-data" not in response.text
    assert client.get(download_url(attachment)).status_code == 200
    response = client.post(page_url(application, "en"), {"file": pdf()})
    assert response.status_code == 200
    assert "can no longer be added" in response.text
    assert application.attachments.count() == 1
    with translation.override("en"):
        response = client.post(delete_url(attachment), follow=True)
    assert "can no longer be removed" in response.text
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_the_page_needs_the_same_number_of_queries_for_1_and_20_attachments(
    client, case_and_people, django_assert_num_queries
):
    application, _attachment, people = case_and_people
    client.force_login(people["editor"])
    with CaptureQueriesContext(connection) as one:
        client.get(page_url(application))
    for _ in range(19):
        AttachmentFactory(application=application)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(page_url(application))
    downloads = [
        reverse("applications:attachment_download", args=[application.pk, a.pk])
        for a in application.attachments.all()
    ]
    assert len(downloads) == 20
    assert all(url in response.text for url in downloads)
