"""Links that leave the site (e-mail, calendar feeds): absolute, and in the reader's language."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.urls import reverse
from django.utils import translation


def absolute_url(name: str, *args: object, language: str) -> str:
    """The full address of the URL `name` with `args`, with the language prefix of `language`
    (Swedish has none), whatever language the current request or task runs in."""
    with translation.override(language):
        return settings.SITE_URL + reverse(name, args=args)


# A pk no table reaches, reversed in place of the real one (absolute_urls).
_STAND_IN = 987654321987


def absolute_urls(name: str, *, language: str) -> Callable[[int], str]:
    """`absolute_url(name, pk, language=language)` for many pks with one reverse (a sweep makes
    thousands of links): the address is reversed once with a stand-in pk, which each pk
    replaces. For URLs whose only argument is an integer pk."""
    head, _, tail = absolute_url(name, _STAND_IN, language=language).rpartition(str(_STAND_IN))
    return lambda pk: f"{head}{int(pk)}{tail}"
