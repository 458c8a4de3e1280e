"""The one way the portal makes PDFs: a template rendered in a language, laid out by WeasyPrint.

Slow (a few hundred milliseconds a page), so it runs in Celery tasks, never in a request.
The templates extend `core/pdf/base.html`, which inlines its CSS: the renderer fetches
nothing, neither from the network nor from the disk.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import weasyprint
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from weasyprint.urls import URLFetcher

# Tagged for screen readers: PDF/UA-1, which needs the document's title and language.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}


class RefusingURLFetcher(URLFetcher):
    """Refuses every URL: a name typed into a form must never make the worker fetch anything."""

    def fetch(self, url: str, headers: Mapping[str, str] | None = None):
        raise ValueError(f"the PDF renderer fetches nothing: {url[:100]}")


def css_string(text: str) -> str:
    """`text` as a quoted CSS string, for the `content` of the page margins.

    Also safe inside <style>: a "<" is escaped, so no text can close the element.
    """
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
    return '"' + " ".join(escaped.splitlines()) + '"'


def page_counter(text: str) -> str:
    """A CSS `content` value for a translated "Page %(page)s of %(pages)s".

    The translation decides the word order; the counters go where its placeholders are.
    """
    return (
        css_string(text)
        .replace("%(page)s", '" counter(page) "')
        .replace("%(pages)s", '" counter(pages) "')
    )


def render_pdf(
    *, template: str, context: Mapping[str, Any], language: str, footer: str = ""
) -> bytes:
    """`template` rendered in `language` as a tagged A4 PDF; `footer` goes left on every page."""
    with translation.override(language):
        html = render_to_string(
            template,
            {
                **context,
                "language": language,
                # Trusted CSS for the page margins, written into the template's <style> unescaped.
                "footer_css": css_string(footer),
                "page_counter_css": page_counter(_("Page %(page)s of %(pages)s")),
            },
        )
    return weasyprint.HTML(string=html, url_fetcher=RefusingURLFetcher()).write_pdf(**PDF_OPTIONS)
