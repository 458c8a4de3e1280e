"""One formatter of money in core (issue 20, item 4): the reader's language decides the grouping
and where the currency goes; whole kronor have no decimals."""

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from core.money import figure, sek


@pytest.mark.parametrize(
    ("language", "amount", "shown"),
    [
        ("sv", 68_000, "68\xa0000\xa0kr"),
        ("en", 68_000, "SEK\xa068,000"),
        ("sv", 0, "0\xa0kr"),
        ("en", 1_250_000, "SEK\xa01,250,000"),
        ("sv", -6_000, "-6\xa0000\xa0kr"),
        ("sv", Decimal("1234.50"), "1\xa0234,50\xa0kr"),
        ("en", Decimal("68000.00"), "SEK\xa068,000"),
    ],
)
def test_an_amount_reads_the_way_its_language_writes_money(language, amount, shown):
    with translation.override(language):
        assert sek(amount) == shown


def test_a_language_can_be_named_whatever_is_active():
    with translation.override("en"):
        assert sek(68_000, language="sv") == "68\xa0000\xa0kr"
        assert figure(68_000, language="sv") == "68\xa0000"


def test_templates_format_through_the_same_filters():
    template = Template("{% load money %}{{ a|sek }}|{{ a|figure }}|{{ none|sek }}")
    with translation.override("sv"):
        assert template.render(Context({"a": 68_000, "none": None})) == "68\xa0000\xa0kr|68\xa0000|"
    with translation.override("en"):
        assert template.render(Context({"a": 68_000})) == "SEK\xa068,000|68,000|"
