"""Where a finding comes from: the link to the programme text that says it, on the page of the
programme's rules (pages:rules), whose anchors are the keys of rules.SOURCES."""

from django import template
from django.urls import reverse

from ..rules import SOURCES

register = template.Library()


@register.filter
def source_url(finding) -> str:
    key = getattr(finding, "source", "")
    if key not in SOURCES:
        return ""
    return f"{reverse('pages:rules')}#rule-{key}"
