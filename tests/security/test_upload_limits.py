"""Finding 7 of the security review (in part): a body over the limit is refused before it is
read, and a file name with a program's extension inside is refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from applications.models import Attachment
from core.uploads import check_upload
from tests.factories import case_with_people, pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    # Messages are asserted in English, the source language, whatever the catalogue says.
    with translation.override("en"):
        yield


@pytest.mark.parametrize("name", ["setup.exe.pdf", "faktura.JS.pdf", "sida.html.docx"])
def test_a_name_with_a_programs_extension_inside_is_refused(name):
    with pytest.raises(ValidationError, match="two extensions"):
        check_upload(SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf"))


def test_dots_in_an_ordinary_name_are_fine():
    assert check_upload(SimpleUploadedFile("rapport.2026.v2.pdf", pdf_bytes()))[1] == ".pdf"


def test_a_body_over_the_limit_is_refused_from_its_length_before_it_is_read(
    client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.REQUEST_MAX_BYTES = 1000
    application, people = case_with_people()
    client.force_login(people["coordinator"])
    url = reverse("applications:attachments", args=[application.pk])
    response = client.post(
        url,
        {"file": SimpleUploadedFile("stor.pdf", pdf_bytes() + b"0" * 2000), "description": "x"},
    )
    assert response.status_code == 413
    assert not Attachment.objects.exists()
    assert list(tmp_path.rglob("*")) == []


def test_a_length_that_is_not_a_number_is_refused(client):
    response = client.generic("POST", "/", b"", CONTENT_LENGTH="-1")
    assert response.status_code == 413
