"""Bad uploads through the real upload page are refused with a clear message, and nothing is
stored: no row, no file, and above all nothing at a path the uploaded name made up."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from applications.models import Attachment
from tests.factories import case_with_people, docx_bytes, pdf_bytes

pytestmark = pytest.mark.django_db

PASSWD = b"root:x:0:0:root:/root:/bin/bash\n"


@pytest.fixture
def media(settings, tmp_path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


@pytest.fixture
def editor_and_case(client, media):
    application, people = case_with_people()
    client.force_login(people["editor"])
    return application


def stored_files(root: Path) -> list[Path]:
    return [path for path in root.parent.rglob("*") if path.is_file()]


def post(client, application, upload: SimpleUploadedFile):
    with translation.override("en"):
        url = reverse("applications:attachments", args=[application.pk])
    return client.post(url, {"file": upload, "description": "Beslut i kommunfullmäktige"})


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        # The right extension, the wrong content.
        ("beslut.pdf", docx_bytes(), "but its content is not PDF"),
        ("plan.docx", pdf_bytes(), "but its content is not"),
        ("beslut.pdf", b"<html><script>alert(1)</script></html>", "but its content is not"),
        ("beslut.pdf", b"MZ\x90\x00" + b"\x00" * 200, "but its content is not"),
        # Too large.
        (
            "stor.pdf",
            pdf_bytes() + b"0" * (10 * 1024 * 1024 + 1024),
            "the largest accepted size is",
        ),
        # Path-like names: whatever they point at, their content decides, and it is refused.
        ("../../etc/passwd.pdf", PASSWD, "but its content is not"),
        ("..\\..\\windows\\win.ini.pdf", PASSWD, "but its content is not"),
        ("/etc/passwd", PASSWD, "Upload a PDF"),
        # A NUL byte that could cut the name short in a lower layer.
        ("beslut.pdf\x00.exe", pdf_bytes(), "Upload a PDF"),
        ("evil\x00.pdf", PASSWD, "but its content is not"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_a_bad_upload_is_refused_with_a_message_and_nothing_is_stored(
    client, editor_and_case, media, name, content, message
):
    response = post(client, editor_and_case, SimpleUploadedFile(name, content))

    assert response.status_code == 200  # the page again, with the message
    assert message in str(response.context["form"].errors)
    assert message in response.text  # shown on the page, not only known to the form
    assert Attachment.objects.count() == 0
    assert stored_files(media) == []


def test_a_real_pdf_with_a_path_like_name_is_stored_only_under_a_random_name(
    client, editor_and_case, media
):
    response = post(
        client, editor_and_case, SimpleUploadedFile("../../etc/passwd.pdf", pdf_bytes())
    )

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.original_name == "passwd.pdf"  # a label, never a path
    stored = stored_files(media)
    assert len(stored) == 1
    assert stored[0].is_relative_to(media)
    assert "passwd" not in str(stored[0]) and ".." not in attachment.file.name


def test_an_upload_by_someone_who_may_only_read_stores_nothing(client, media):
    application, people = case_with_people()
    client.force_login(people["reader"])

    response = post(client, application, SimpleUploadedFile("beslut.pdf", pdf_bytes()))

    assert response.status_code == 404
    assert Attachment.objects.count() == 0
    assert stored_files(media) == []
