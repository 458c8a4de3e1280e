"""{% load money %}: `{{ amount|sek }}` (68 000 kr / SEK 68,000) and `{{ amount|figure }}`
(68 000 / 68,000, for a column that names the currency), both core.money's."""

from django import template

from core import money

register = template.Library()


@register.filter
def sek(amount) -> str:
    return "" if amount in (None, "") else money.sek(amount)


@register.filter
def figure(amount) -> str:
    return "" if amount in (None, "") else money.figure(amount)
