"""Uploaded files: which are accepted, judged by their content (the case's attachments, the
reports' attachments, the networks' decisions).

A file is accepted when its bytes are a PDF, a Word or Excel document (Office Open XML) or an
OpenDocument text, and its name's extension says the same; its name carries no program's
extension inside (setup.exe.pdf); a PDF has no JavaScript, launch action or embedded file and no
web page inside (a polyglot); an archive has at most ARCHIVE_MAX_MEMBERS parts, unpacks to at
most ARCHIVE_MAX_INFLATED_BYTES and has no part outside itself ("..", a root or drive). The uploaded name is only ever a
label: the model stores the file under a random name, and the label keeps no path.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
import zlib
from pathlib import PurePosixPath
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ODT = "application/vnd.oasis.opendocument.text"

CONTENT_TYPES = {".pdf": PDF, ".docx": DOCX, ".xlsx": XLSX, ".odt": ODT}
KIND_NAMES = {
    PDF: _("PDF"),
    DOCX: _("Word (.docx)"),
    XLSX: _("Excel (.xlsx)"),
    ODT: _("OpenDocument text (.odt)"),
}
# For the file input's `accept` attribute: a hint to the browser's file picker, not a check.
ACCEPT = ",".join([*CONTENT_TYPES, *CONTENT_TYPES.values()])
DISPLAY_NAME_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 200
# Inner extensions of programs, scripts and pages that a file's name must not carry.
DISGUISING_EXTENSIONS = frozenset(
    [
        ".exe",
        ".com",
        ".scr",
        ".bat",
        ".cmd",
        ".msi",
        ".dll",
        ".ps1",
        ".vbs",
        ".js",
        ".jar",
        ".sh",
        ".app",
        ".lnk",
        ".html",
        ".htm",
        ".svg",
        ".hta",
        ".docm",
        ".xlsm",
    ]
)
# An Office or OpenDocument file has some dozens of parts and unpacks to a few MB; a zip bomb
# has thousands, or unpacks to gigabytes (the sizes its directory declares, which are also
# what Python's zipfile will inflate at most).
ARCHIVE_MAX_MEMBERS = 1000
ARCHIVE_MAX_INFLATED_BYTES = 50 * 1024 * 1024
# PDF names that make a reader run something or carry a file: checked in the raw bytes and in
# the inflated streams (object streams can hide them), with #xx escapes decoded. A bounded
# scan, not a parser (no PDF library is a dependency): a name in a page's text is not a name
# token, but a false refusal is possible and is answered with "save it again as plain PDF".
PDF_ACTIVE_NAMES = frozenset([b"JavaScript", b"JS", b"Launch", b"EmbeddedFile", b"EmbeddedFiles"])
PDF_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]+)")
PDF_STREAM = re.compile(rb"stream\r?\n")
PDF_INFLATED_MAX_BYTES = ARCHIVE_MAX_INFLATED_BYTES
# What makes a browser or a mail client treat the bytes as a page (a PDF/HTML polyglot).
HTML_MARKERS = re.compile(rb"<(?:html|script|body|iframe|svg|!doctype\s+html)[\s>/]", re.I)
# An ODF `mimetype` entry holds a short media type; anything bigger is not one.
MIMETYPE_ENTRY_MAX_BYTES = 100


def max_bytes() -> int:
    return settings.ATTACHMENT_MAX_BYTES


def display_name(name: str) -> str:
    """The uploaded name as a label: no folders, no control characters, at most 200 characters."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    # Control and format characters (e.g. right-to-left override) can disguise an extension.
    name = "".join(ch for ch in name if not unicodedata.category(ch).startswith("C"))
    name = name.strip().lstrip(".").strip()
    if len(name) > DISPLAY_NAME_MAX_LENGTH:
        suffix = PurePosixPath(name).suffix[:10]
        name = name[: DISPLAY_NAME_MAX_LENGTH - len(suffix)] + suffix
    return name


def sniff(file: IO[bytes]) -> str | None:
    """The accepted content type that the file's bytes are, or None."""
    file.seek(0)
    head = file.read(5)
    file.seek(0)
    if head == b"%PDF-":
        return PDF
    if head[:4] != b"PK\x03\x04":
        return None
    try:
        with zipfile.ZipFile(file) as archive:
            return _sniff_archive(archive)
    # A damaged, encrypted or exotic archive is simply not a document we accept.
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError, OSError, ValueError):
        return None
    finally:
        file.seek(0)


def _check_members(entries: list[zipfile.ZipInfo]) -> None:
    if len(entries) > ARCHIVE_MAX_MEMBERS:
        raise ValidationError(
            _("The document has too many parts (more than %(count)s); it is not accepted."),
            params={"count": ARCHIVE_MAX_MEMBERS},
        )
    if sum(entry.file_size for entry in entries) > ARCHIVE_MAX_INFLATED_BYTES:
        raise ValidationError(
            _("The document unpacks to more than %(max)s; it is not accepted."),
            params={"max": filesizeformat(ARCHIVE_MAX_INFLATED_BYTES)},
        )
    for entry in entries:
        name = entry.filename.replace("\\", "/")
        if name.startswith("/") or ":" in name or ".." in name.split("/"):
            raise ValidationError(
                _(
                    "The document has a part stored outside the document (a path with “..” "
                    "or from the root); it is not accepted."
                )
            )


def _sniff_archive(archive: zipfile.ZipFile) -> str | None:
    entries = archive.infolist()
    _check_members(entries)
    # OpenDocument: the first entry is `mimetype`, holding the media type and nothing else.
    if entries and entries[0].filename == "mimetype":
        first = entries[0]
        if (
            first.file_size <= MIMETYPE_ENTRY_MAX_BYTES
            and archive.read(first).strip() == ODT.encode()
        ):
            return ODT
        return None
    names = {entry.filename for entry in entries}
    if "[Content_Types].xml" not in names:
        return None
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ValidationError(_("Documents with macros are not accepted."))
    word = any(name.startswith("word/") for name in names)
    excel = any(name.startswith("xl/") for name in names)
    if word and not excel:
        return DOCX
    if excel and not word:
        return XLSX
    return None


def _pdf_names(data: bytes) -> set[bytes]:
    names = set()
    for match in PDF_NAME.finditer(data):
        name = match.group(1)
        if b"#" in name:
            name = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), name)
        names.add(name)
    return names & PDF_ACTIVE_NAMES


def _pdf_streams(data: bytes):
    """Each stream's bytes inflated (those that are not Flate come out as they are), within
    PDF_INFLATED_MAX_BYTES in all."""
    budget = PDF_INFLATED_MAX_BYTES
    for match in PDF_STREAM.finditer(data):
        if budget <= 0:
            return
        end = data.find(b"endstream", match.end())
        raw = data[match.end() : end if end >= 0 else len(data)]
        try:
            inflated = zlib.decompressobj().decompress(raw, budget)
        except zlib.error:
            continue
        budget -= len(inflated)
        yield inflated


def _check_pdf(file: IO[bytes]) -> None:
    file.seek(0)
    data = file.read()
    file.seek(0)
    if HTML_MARKERS.search(data):
        raise ValidationError(_("The file also contains a web page; it is not accepted."))
    if _pdf_names(data) or any(_pdf_names(stream) for stream in _pdf_streams(data)):
        raise ValidationError(
            _(
                "The PDF contains JavaScript, an action that runs a program, or embedded "
                "files. Save it again as a plain PDF (for example by printing it to PDF)."
            )
        )


def check_upload(uploaded_file: UploadedFile) -> tuple[str, str]:
    """The content type and extension of an acceptable file; ValidationError otherwise."""
    limit = max_bytes()
    if uploaded_file.size > limit:
        raise ValidationError(
            _("The file is %(size)s; the largest accepted size is %(max)s."),
            params={"size": filesizeformat(uploaded_file.size), "max": filesizeformat(limit)},
        )
    if not uploaded_file.size:
        raise ValidationError(_("The file is empty."))
    name = PurePosixPath(display_name(uploaded_file.name))
    extension = name.suffix.lower()
    if any(suffix.lower() in DISGUISING_EXTENSIONS for suffix in name.suffixes[:-1]):
        # "setup.exe.pdf": whoever downloads it may see, or a mail filter act on, the inner one.
        raise ValidationError(
            _("The file's name has two extensions; rename it so that it ends only in its own.")
        )
    expected = CONTENT_TYPES.get(extension)
    if expected is None:
        raise ValidationError(
            _("Upload a PDF, Word (.docx), Excel (.xlsx) or OpenDocument text (.odt) file.")
        )
    if sniff(uploaded_file) != expected:
        raise ValidationError(
            _(
                "The file's name ends in “%(extension)s” but its content is not %(kind)s. "
                "Save it again in that format, or give it the right extension."
            ),
            params={"extension": extension, "kind": KIND_NAMES[expected]},
        )
    if expected == PDF:
        _check_pdf(uploaded_file)
    return expected, extension
