"""The one CSV writer: streamed row by row, and safe to open in a spreadsheet.

A cell that a spreadsheet would run as a formula (text starting with =, +, -, @, a tab or a
carriage return) is written with a leading apostrophe: names and texts come from users' input
and must never run on the computer of whoever opens the file.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator

from django.http import StreamingHttpResponse

# Excel reads UTF-8 only with a byte-order mark (å, ä and ö would break without it).
BOM = "\ufeff"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> object:
    """`value` as a CSV cell: None is empty, text a spreadsheet would run gets an apostrophe."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class _Echo:
    """A file whose write() hands back the line, for csv.writer into a generator."""

    def write(self, value: str) -> str:
        return value


def csv_lines(
    header: Iterable[object], rows: Iterable[Iterable[object]], *, bom: bool = False
) -> Iterator[str]:
    """The CSV text of `header` and `rows`, a line at a time, every cell through csv_safe."""
    writer = csv.writer(_Echo())
    yield (BOM if bom else "") + writer.writerow([csv_safe(cell) for cell in header])
    for row in rows:
        yield writer.writerow([csv_safe(cell) for cell in row])


def stream_csv(
    header: Iterable[object],
    rows: Iterable[Iterable[object]],
    *,
    filename: str,
    bom: bool = False,
) -> StreamingHttpResponse:
    """A download of `header` and `rows` that streams: rows are read as they are sent."""
    response = StreamingHttpResponse(
        csv_lines(header, rows, bom=bom), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
