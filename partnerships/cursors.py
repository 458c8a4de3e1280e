"""Keyset (cursor) pagination for the open-data API.

A cursor is the sort key of the last row a client has seen, `[sort, value, id]` as base64
JSON; the next page is the rows after it in the sort order. Unlike an offset, the database
walks the index from that key, so page 400 is as fast as page 1, and rows inserted before the
cursor never shift a page (no row is skipped or repeated while a client reads).
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import get_language


class BadCursor(ValueError):
    pass


@dataclass(frozen=True)
class Cursor:
    value: Any
    id: int


def _keys() -> dict[str, tuple[str, str, bool, type]]:
    """sort value -> (model lookup, column of record_rows, descending, value type); each sort
    ends on the primary key (filters.sort_order), which breaks ties."""
    country = "country_name_en" if get_language() == "en" else "country_name_sv"
    return {
        "-start_year": ("start_year", "start_year", True, int),
        "start_year": ("start_year", "start_year", False, int),
        "swedish": ("swedish_organisation__name", "swedish_name", False, str),
        "country": (f"partner_organisation__country__{country[8:]}", country, False, str),
    }


def encode(row: dict[str, Any], *, sort: str) -> str:
    _lookup, column, _descending, _type = _keys()[sort]
    raw = json.dumps([sort, row[column], row["id"]], ensure_ascii=False, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode(text: str | None, *, sort: str) -> Cursor | None:
    """The position a cursor names, None for the first page; BadCursor for anything that is
    not a cursor of this sort (edited, truncated, from another sort)."""
    if text is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        cursor_sort, value, pk = json.loads(raw.decode())
    except (binascii.Error, UnicodeDecodeError, ValueError, TypeError) as error:
        raise BadCursor(text) from error
    _lookup, _column, _descending, value_type = _keys()[sort]
    valid = (
        cursor_sort == sort
        and isinstance(value, value_type)
        and not isinstance(value, bool)
        and isinstance(pk, int)
        and not isinstance(pk, bool)
        and abs(pk) < 2**63
        and (value_type is not int or abs(value) < 2**31)
    )
    if not valid:
        raise BadCursor(text)
    return Cursor(value, pk)


def after(queryset: QuerySet, cursor: Cursor | None, *, sort: str) -> QuerySet:
    """The rows of `queryset` (ordered by `sort`) that come after `cursor`."""
    if cursor is None:
        return queryset
    lookup, _column, descending, _type = _keys()[sort]
    beyond = f"{lookup}__lt" if descending else f"{lookup}__gt"
    return queryset.filter(
        Q(**{beyond: cursor.value}) | Q(**{lookup: cursor.value, "pk__gt": cursor.id})
    )
