"""Private files (attachments, PDFs) sent to the browser that may see them."""

from __future__ import annotations

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404


def file_download(file: FieldFile, *, filename: str, content_type: str) -> FileResponse:
    """`file` as a download; 404 when its stored file is gone (deleted, a restore without
    media), never a server error."""
    if not file:
        raise Http404
    try:
        handle = file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    # Never let a browser guess a type and render an uploaded file as a page.
    response["X-Content-Type-Options"] = "nosniff"
    return response


def upload_download(upload) -> FileResponse:
    """An uploaded file kept with what it was sent as (`file`, `original_name`, `content_type`:
    an application's, a report's or a message's attachment) as a download under its own name."""
    return file_download(
        upload.file, filename=upload.original_name, content_type=upload.content_type
    )
