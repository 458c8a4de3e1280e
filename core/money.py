"""Money as its reader reads it: the one formatter of amounts for pages, documents, e-mails and
the admin. Swedish "68 000 kr", English "SEK 68,000": the digit grouping is the language's
(Django's formats), the currency where each language puts it, joined by no-break spaces so an
amount never breaks over two lines. Whole kronor show no decimals, a Decimal with öre two.
Amounts are int or Decimal, never float; exports for machines (CSV, SIE) keep plain numbers."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from django.db import models
from django.utils import translation
from django.utils.formats import number_format
from django.utils.functional import lazy

NBSP = "\xa0"


def figure(amount: int | Decimal, *, language: str | None = None) -> str:
    """The amount's digits grouped the reader's way, no currency: 68 000 / 68,000 (a table
    whose column says the currency)."""
    places = 0 if Decimal(amount) == Decimal(amount).to_integral_value() else 2
    with translation.override(language or translation.get_language()):
        return number_format(amount, places, force_grouping=True)


def sek(amount: int | Decimal, *, language: str | None = None) -> str:
    """The amount in kronor in the reader's language (or `language`): "68 000 kr" in Swedish,
    "SEK 68,000" in English."""
    language = language or translation.get_language() or "sv"
    digits = figure(amount, language=language)
    if language.startswith("sv"):
        return f"{digits}{NBSP}kr"
    return f"SEK{NBSP}{digits}"


# For messages built at import time and shown later, in the language active then.
sek_lazy = lazy(sek, str)


def money_column(model: type[models.Model], field: str) -> Callable[[models.Model], str]:
    """A column of an admin list showing `model.field` as money in the reader's language,
    headed by the field's own name and sorted by it (the admin shows a bare 68000 otherwise)."""

    def column(obj: models.Model) -> str:
        return sek(getattr(obj, field))

    # What admin.display sets, without importing the admin into a module models import.
    column.short_description = model._meta.get_field(field).verbose_name
    column.admin_order_field = field
    column.__name__ = f"{field}_as_money"
    return column
