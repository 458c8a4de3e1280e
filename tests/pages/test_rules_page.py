"""The page of the programme's rules: every rule a finding can cite has its anchor there, says
what it means in Swedish and English, and quotes the line of ICLD's page it comes from — so every
finding's "why" link leads somewhere that explains it."""

import re
from pathlib import Path

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


# ICLD's pages as the project keeps them, beside the checkout (../shared from /work/main,
# ../../shared from a worktree); a clone without them skips the check.
_ROOT = Path(__file__).resolve().parents[2]
SEEDS = next(
    (
        p / "shared" / "seeds"
        for p in (_ROOT.parent, _ROOT.parent.parent)
        if (p / "shared" / "seeds").is_dir()
    ),
    _ROOT.parent / "shared" / "seeds",
)


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.skipif(not SEEDS.is_dir(), reason="ICLD's seed pages are not beside the checkout")
@pytest.mark.parametrize("key", sorted(SOURCES))
def test_every_rules_quote_is_a_line_of_its_seed_page(key):
    """The page of rules shows each quote as ICLD's own words: it must be on the seed page it
    names, word for word (a "…" marks where the quote leaves words out)."""
    source = SOURCES[key]
    page = _plain((SEEDS / f"{source.seed}.txt").read_text(encoding="utf-8"))
    for part in filter(None, (_plain(p) for p in source.quote.split("…"))):
        assert part in page, f"{key}: {part!r} is not on {source.seed}"
