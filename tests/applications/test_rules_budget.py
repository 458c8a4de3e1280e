"""The budget's pure rules (applications.rules.budget): a visit's facts for the cost norms, the
ceiling and the explanations. No database."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import translation

from applications.rules import BUDGET_CODES, budget_total, check_budget, unexplained, visit_facts
from costnorms.norms import SWEDEN, Rate, VisitFacts

CEILING = Rate(200_000, datetime.date(2026, 1, 1))


@dataclass
class V:
    host: str
    participants: int | None = 3
    days: int | None = 4
    interpreter: bool = True


def test_a_visit_hosted_in_sweden_brings_the_partners_team_and_the_other_way_round():
    assert visit_facts(V("swedish"), "KE") == VisitFacts(SWEDEN, "KE", 3, 4, True)
    assert visit_facts(V("partner"), "KE") == VisitFacts("KE", SWEDEN, 3, 4, True)


def test_a_visit_is_not_costed_before_its_country_travellers_and_days_are_known():
    assert visit_facts(V("partner"), None) is None
    assert visit_facts(V("partner", participants=None), "KE") is None
    assert visit_facts(V("partner", days=None), "KE") is None


@dataclass
class L:
    amount_sek: int
    explanation: str = ""
    visit_id: int | None = None


def test_a_budget_over_the_ceiling_is_an_error_that_gives_the_figures():
    findings = check_budget(total=212_500, unexplained=0, ceiling=CEILING)
    assert [(f.code, f.severity) for f in findings] == [("budget_over_ceiling", "error")]
    with translation.override("en"):
        message = str(findings[0].message)
    assert "212,500" in message and "12,500" in message and "200,000" in message
    assert "2026-01-01" in message


def test_a_budget_at_the_ceiling_or_without_one_is_fine():
    assert check_budget(total=200_000, unexplained=0, ceiling=CEILING) == []
    assert check_budget(total=9_000_000, unexplained=0, ceiling=None) == []


def test_own_lines_without_an_explanation_are_counted_and_computed_lines_explain_themselves():
    lines = [
        L(5_000),
        L(3_000, explanation="   "),
        L(9_000, visit_id=7),
        L(1_000, explanation="Affischer, offert 1 000 kr."),
    ]
    assert budget_total(lines) == 18_000
    assert unexplained(lines) == 2
    findings = check_budget(total=18_000, unexplained=2, ceiling=CEILING)
    assert [f.code for f in findings] == ["budget_line_unexplained"]
    assert "2" in str(findings[0].message)


def test_every_budget_code_is_reachable():
    findings = check_budget(total=300_000, unexplained=1, ceiling=CEILING)
    assert {f.code for f in findings} == BUDGET_CODES
