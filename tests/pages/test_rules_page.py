"""The page of the programme's rules: every rule a finding can cite has its anchor there, says
what it means in Swedish and English, and quotes the line of ICLD's page it comes from — so every
finding's "why" link leads somewhere that explains it."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from applications.rules import SOURCES, Finding
from applications.templatetags.rule_sources import source_url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "language, heading",
    [("sv", "Förberedelsens team"), ("en", "The Preparation team")],
)
def test_every_rule_has_its_anchor_summary_and_quote(client, language, heading):
    with translation.override(language):
        page = client.get(reverse("pages:rules"))
    assert page.status_code == 200
    html = page.text
    anchors = set(re.findall(r'<section id="rule-([a-z_]+)"', html))
    assert anchors == set(SOURCES)
    assert heading in html
    for source in SOURCES.values():
        assert source.quote[:40] in html
    assert html.count('lang="sv"') >= len(SOURCES)  # the quotes are marked Swedish


def test_a_findings_why_link_points_at_its_rule_on_the_page():
    finding = Finding("error", "politician_count", "swedish", "…", source="forberedelse")
    with translation.override("sv"):
        assert source_url(finding) == reverse("pages:rules") + "#rule-forberedelse"
    assert source_url(Finding("error", "title_missing", None, "…")) == ""


def test_the_about_page_links_to_the_rules(client):
    assert reverse("pages:rules") in client.get(reverse("pages:about")).text
