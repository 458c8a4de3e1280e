"""Writing an exporter's rows or files to a file on disk: CSV, XLSX, ZIP or PDF.

Everything but a PDF streams: rows and files are written as they come, never gathered in
memory. A PDF (a table to print, e.g. a round's decision list) is laid out whole by
core.pdf, in the worker like every export.

CSV: UTF-8 with a byte-order mark (so that Excel reads å, ä and ö), fields separated by a
comma and quoted where needed by Python's csv module (RFC 4180; Excel with a Swedish locale
opens it through Data → From Text/CSV, LibreOffice asks for the separator). Dates are ISO
8601; times are local time (Europe/Stockholm) to the minute.

Cells that a spreadsheet would read as a formula (=, +, -, @ first) are written with a
leading apostrophe in CSV and always as text in XLSX: a participant's name must never run
as a formula on a staff member's computer.
"""

from __future__ import annotations

import datetime
import shutil
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import xlsxwriter
from django.utils import timezone, translation

from core.csv import csv_lines
from core.pdf import render_pdf

from .exporters import Cell, Files, Table

Progress = Callable[[int], None]  # called with the number of rows or files written so far


def text(value: Cell) -> str | int:
    """A cell as CSV and XLSX show it: numbers stay numbers, the rest becomes text."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    return str(value)


def _counted(rows: Iterable, progress: Progress) -> Iterable:
    for done, row in enumerate(rows, start=1):
        yield row
        progress(done)


def write_csv(table: Table, path: Path, progress: Progress) -> None:
    rows = ([text(value) for value in row] for row in _counted(table.rows, progress))
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        out.writelines(csv_lines(table.headers, rows))


def write_xlsx(table: Table, path: Path, progress: Progress) -> None:
    # constant_memory writes each row to disk when the next one begins.
    workbook = xlsxwriter.Workbook(
        str(path), {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    try:
        sheet = workbook.add_worksheet()
        bold = workbook.add_format({"bold": True})
        sheet.write_row(0, 0, [str(header) for header in table.headers], bold)
        sheet.freeze_panes(1, 0)
        for number, row in enumerate(_counted(table.rows, progress), start=1):
            for column, value in enumerate(row):
                cell = text(value)
                if isinstance(cell, int):
                    sheet.write_number(number, column, cell)
                elif cell:
                    sheet.write_string(number, column, cell)
    finally:
        workbook.close()


def write_zip(files: Files, path: Path, progress: Progress) -> None:
    # The PDFs are compressed already: stored, not deflated again.
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        for name, open_file in _counted(files.files, progress):
            with open_file() as source, archive.open(name, "w", force_zip64=True) as target:
                shutil.copyfileobj(source, target, 1024 * 1024)


def write_pdf(table: Table, path: Path, progress: Progress) -> None:
    rows = [
        [{"value": text(value), "number": isinstance(text(value), int)} for value in row]
        for row in _counted(table.rows, progress)
    ]
    path.write_bytes(
        render_pdf(
            template="exports/pdf/table.html",
            context={
                "title": table.title,
                "headers": [str(h) for h in table.headers],
                "rows": rows,
                "made": timezone.localtime(),
            },
            language=translation.get_language() or "sv",
            footer=table.title,
        )
    )


def write(result: Table | Files, fmt: str, path: Path, progress: Progress) -> None:
    writers: dict[str, Callable[[Any, Path, Progress], None]] = {
        "csv": write_csv,
        "xlsx": write_xlsx,
        "zip": write_zip,
        "pdf": write_pdf,
    }
    expects = Files if fmt == "zip" else Table
    if fmt not in writers or not isinstance(result, expects):
        raise ValueError(f"cannot write {type(result).__name__} as {fmt!r}")
    writers[fmt](result, path, progress)
