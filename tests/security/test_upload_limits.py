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
from tests.factories import case_with_people, docx_bytes, pdf_bytes

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


# --- Structure: a PDF's actions, a polyglot, an archive's members (finding 7, the rest) --------


def pdf_with(catalogue_extra: bytes, tail: bytes = b"") -> bytes:
    """pdf_bytes() with entries added to its catalogue, and bytes after it."""
    return pdf_bytes().replace(b"/Type /Catalog", b"/Type /Catalog " + catalogue_extra, 1) + tail


def zip_with(members: list[tuple[str, bytes]]) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members:
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_plus(*members: tuple[str, bytes]) -> bytes:
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    return zip_with([(i.filename, source.read(i)) for i in source.infolist()] + list(members))


HOSTILE = [
    (
        "skript.pdf",
        pdf_with(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
        "runs a program",
    ),
    ("start.pdf", pdf_with(b"/OpenAction << /S /Launch /F (cmd.exe) >>"), "runs a program"),
    # A name spelt with #-escapes is the same name to a PDF reader.
    ("dold.pdf", pdf_with(b"/OpenAction << /S /J#61vaScript /JS (x) >>"), "runs a program"),
    (
        "bilaga.pdf",
        pdf_with(b"/Names << /EmbeddedFiles << /Names [(a.exe) 9 0 R] >> >>"),
        "runs a program",
    ),
    ("sida.pdf", pdf_with(b"", b"\n<html><script>alert(1)</script></html>"), "web page"),
    ("bomb.docx", docx_plus(("word/media/big.bin", b"\0" * (51 * 1024 * 1024))), "unpacks to"),
    ("manga.docx", docx_plus(*[(f"word/x{n}.xml", b"x") for n in range(1001)]), "too many"),
    ("resa.docx", docx_plus(("../../evil.sh", b"x")), "outside the document"),
    ("rot.docx", docx_plus(("/etc/cron.d/x", b"x")), "outside the document"),
]


@pytest.mark.parametrize(("name", "content", "message"), HOSTILE)
def test_a_file_whose_structure_is_hostile_is_refused(name, content, message):
    with pytest.raises(ValidationError, match=message):
        check_upload(SimpleUploadedFile(name, content))


def test_the_refusal_is_next_to_the_field_with_the_input_kept(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    application, people = case_with_people()
    client.force_login(people["editor"])
    url = reverse("applications:attachments", args=[application.pk])
    name, content, message = HOSTILE[0]
    response = client.post(
        url, {"file": SimpleUploadedFile(name, content), "description": "Beslut i KS"}
    )
    assert response.status_code == 200
    assert message in str(response.context["form"].errors["file"])
    assert 'value="Beslut i KS"' in response.text
    assert not Attachment.objects.exists()


def test_the_swedish_message_is_swedish():
    with translation.override("sv"):
        with pytest.raises(ValidationError) as refused:
            check_upload(SimpleUploadedFile(*HOSTILE[0][:2]))
        message = str(refused.value)
    assert "program" in message and "runs" not in message


@pytest.mark.parametrize(("name", "content", "message"), HOSTILE[::3])
def test_the_anonymous_network_upload_refuses_them_too(
    client, settings, tmp_path, name, content, message
):
    from networks.models import InterestRegistration
    from tests.factories import NetworkFactory
    from tests.networks.conftest import english as english_url
    from tests.networks.test_network_pages import valid_post

    settings.MEDIA_ROOT = tmp_path
    network = NetworkFactory()
    response = client.post(
        english_url("networks:register", network.pk),
        valid_post(decision=SimpleUploadedFile(name, content)),
    )
    assert response.status_code == 200
    assert message in response.text
    assert not InterestRegistration.objects.exists()
