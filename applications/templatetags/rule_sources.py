"""Where a finding comes from: the link to the programme text that says it (rules.SOURCES)."""

from django import template
from django.urls import NoReverseMatch, reverse

from ..rules import SOURCES

register = template.Library()


@register.filter
def source_url(finding) -> str:
    source = SOURCES.get(getattr(finding, "source", ""))
    if source is None:
        return ""
    try:
        url = reverse(source.page)
    except NoReverseMatch:
        return ""
    return f"{url}#{source.anchor}" if source.anchor else url
