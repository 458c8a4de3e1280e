"""Links that leave the site (e-mail, calendar feeds): absolute, and in the reader's language."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation


def absolute_url(name: str, *args: object, language: str) -> str:
    """The full address of the URL `name` with `args`, with the language prefix of `language`
    (Swedish has none), whatever language the current request or task runs in."""
    with translation.override(language):
        return settings.SITE_URL + reverse(name, args=args)
