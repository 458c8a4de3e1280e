"""Uploads are judged by their content, must agree with their name, and never become paths."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from applications import uploads as attachments
from applications.models import Attachment
from core import uploads
from tests.factories import (
    AttachmentFactory,
    UserFactory,
    application_of,
    docx_bytes,
    make_coordinator,
    odt_bytes,
    pdf_bytes,
    xlsx_bytes,
)


@pytest.fixture(autouse=True)
def english():
    # Messages are asserted in English, the source language, whatever the catalogue says.
    with translation.override("en"):
        yield


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def zip_of(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "x")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("beslut.pdf", pdf_bytes(), uploads.PDF),
        ("Beslut.PDF", pdf_bytes(), uploads.PDF),
        ("plan.docx", docx_bytes(), uploads.DOCX),
        ("budget.xlsx", xlsx_bytes(), uploads.XLSX),
        ("protokoll.odt", odt_bytes(), uploads.ODT),
    ],
)
def test_real_documents_are_accepted(name, content, content_type):
    assert uploads.check_upload(upload(name, content)) == (
        content_type,
        "." + name.split(".")[-1].lower(),
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("zip-in-disguise.pdf", zip_of("a.txt")),
        ("word-in-disguise.pdf", docx_bytes()),
        ("pdf-in-disguise.docx", pdf_bytes()),
        ("excel-as-word.docx", xlsx_bytes()),
        ("word-as-excel.xlsx", docx_bytes()),
        ("odt-as-word.docx", odt_bytes()),
        ("spreadsheet.odt", odt_bytes("application/vnd.oasis.opendocument.spreadsheet")),
        ("zip-without-parts.docx", zip_of("[Content_Types].xml", "other/x.xml")),
        ("both-parts.docx", zip_of("[Content_Types].xml", "word/a.xml", "xl/b.xml")),
        ("html.pdf", b"<html><script>alert(1)</script></html>"),
        ("truncated.docx", docx_bytes()[:200]),
        ("spaced.pdf", b" %PDF-1.4 but not at the start"),
    ],
)
def test_content_that_does_not_match_the_extension_is_refused(name, content):
    with pytest.raises(ValidationError) as error:
        uploads.check_upload(upload(name, content))
    assert "content is not" in error.value.messages[0]


@pytest.mark.parametrize("name", ["beslut.exe", "beslut.pdf.exe", "beslut", "beslut.doc", ".pdf"])
def test_other_extensions_are_refused(name):
    with pytest.raises(ValidationError) as error:
        uploads.check_upload(upload(name, pdf_bytes()))
    assert "Upload a PDF, Word (.docx)" in error.value.messages[0]


def test_a_word_document_with_macros_is_refused():
    content = zip_of("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin")
    with pytest.raises(ValidationError, match="macros"):
        uploads.check_upload(upload("macro.docx", content))


def test_an_11_mb_file_is_refused():
    content = pdf_bytes() + b"0" * (11 * 1024 * 1024)
    with pytest.raises(ValidationError) as error:
        uploads.check_upload(upload("big.pdf", content))
    assert "largest accepted size is 10.0\xa0MB" in error.value.messages[0]


def test_a_file_of_exactly_10_mb_is_accepted():
    content = pdf_bytes()
    content += b"0" * (10 * 1024 * 1024 - len(content))
    assert uploads.check_upload(upload("big.pdf", content))[0] == uploads.PDF


def test_the_size_limit_is_a_setting(settings):
    settings.ATTACHMENT_MAX_BYTES = 100
    with pytest.raises(ValidationError):
        uploads.check_upload(upload("small.pdf", pdf_bytes()))


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError, match="empty"):
        uploads.check_upload(upload("empty.pdf", b""))


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\system32\\beslut.pdf", "beslut.pdf"),
        ("C:\\Users\\anna\\Beslut 2025.pdf", "Beslut 2025.pdf"),
        ("/etc/passwd", "passwd"),
        ("..", ""),
        (".htaccess.pdf", "htaccess.pdf"),
        ("exe\u202efdp.pdf", "exefdp.pdf"),  # a right-to-left override hides the real ending
        ("tab\tand\nnewline.pdf", "tabandnewline.pdf"),
        ("Kommunfullmäktiges beslut.pdf", "Kommunfullmäktiges beslut.pdf"),
    ],
)
def test_a_display_name_keeps_no_path_and_no_control_characters(name, shown):
    assert uploads.display_name(name) == shown


def test_a_long_display_name_is_shortened_keeping_its_extension():
    shown = uploads.display_name("a" * 300 + ".docx")
    assert len(shown) == 200
    assert shown.endswith("a.docx")


@pytest.mark.django_db
class TestTheAttachmentService:
    @pytest.fixture(autouse=True)
    def media(self, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        return tmp_path

    @pytest.fixture
    def coordinator_and_case(self):
        coordinator = make_coordinator()
        application = application_of(coordinator)
        return coordinator, application

    def test_it_stores_the_file_under_a_random_name_with_a_safe_label(
        self, coordinator_and_case, media
    ):
        coordinator, application = coordinator_and_case
        attachment = attachments.add_attachment(
            application=application,
            uploaded_file=upload("..\\..\\etc\\passwd.pdf", pdf_bytes()),
            description="  Beslut  ",
            by=coordinator,
        )
        assert attachment.original_name == "passwd.pdf"
        assert attachment.description == "Beslut"
        assert (attachment.content_type, attachment.size) == (uploads.PDF, len(pdf_bytes()))
        assert attachment.file.name.startswith(f"attachments/{application.pk}/")
        assert "passwd" not in attachment.file.name and ".." not in attachment.file.name
        stored = media / attachment.file.name
        assert stored.resolve().is_relative_to(media.resolve())
        assert stored.read_bytes() == pdf_bytes()

    def test_its_errors_name_the_field(self, coordinator_and_case):
        coordinator, application = coordinator_and_case
        with pytest.raises(ValidationError) as error:
            attachments.add_attachment(
                application=application,
                uploaded_file=upload("x.pdf", zip_of("a")),
                description="",
                by=coordinator,
            )
        assert set(error.value.message_dict) == {"file"}
        with pytest.raises(ValidationError) as error:
            attachments.add_attachment(
                application=application,
                uploaded_file=upload("x.pdf", pdf_bytes()),
                description="x" * 201,
                by=coordinator,
            )
        assert set(error.value.message_dict) == {"description"}
        assert not Attachment.objects.exists()

    def test_nothing_can_be_added_or_removed_once_submitted(self, coordinator_and_case):
        coordinator, application = coordinator_and_case
        attachment = AttachmentFactory(application=application)
        application.status = "submitted"
        application.save()
        with pytest.raises(ValidationError, match="submitted"):
            attachments.add_attachment(
                application=application,
                uploaded_file=upload("x.pdf", pdf_bytes()),
                description="",
                by=coordinator,
            )
        with pytest.raises(ValidationError, match="submitted"):
            attachments.delete_attachment(attachment=attachment, by=coordinator)
        assert Attachment.objects.filter(pk=attachment.pk).exists()

    def test_someone_without_edit_access_is_refused(self, coordinator_and_case):
        _coordinator, application = coordinator_and_case
        with pytest.raises(PermissionDenied):
            attachments.add_attachment(
                application=application,
                uploaded_file=upload("x.pdf", pdf_bytes()),
                description="",
                by=UserFactory(),
            )

    def test_deleting_removes_the_row_and_after_commit_the_file(
        self, coordinator_and_case, media, django_capture_on_commit_callbacks
    ):
        coordinator, application = coordinator_and_case
        attachment = AttachmentFactory(application=application)
        stored = media / attachment.file.name
        assert stored.exists()
        with django_capture_on_commit_callbacks(execute=True):
            attachments.delete_attachment(attachment=attachment, by=coordinator)
        assert not Attachment.objects.filter(pk=attachment.pk).exists()
        assert not stored.exists()
