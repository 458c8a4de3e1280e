"""The visit plan (applications.rules.check_visits): warnings when it does not fit what the
component funds. No database."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from applications.rules import COMPONENTS, VISIT_CODES, check_visits


@dataclass(frozen=True)
class V:
    host: str
    participants: int = 4
    days: int | None = 4
    named: int | None = None  # team members ticked as travelling; None: no team yet


S, P = "swedish", "partner"


@pytest.mark.parametrize(
    ("visits", "expected"),
    [
        ([V(S), V(P)], set()),
        ([V(S, 3), V(P, 2)], set()),
        ([], {"visit_count"}),
        ([V(S)], {"visit_count", "visit_hosts"}),
        ([V(S), V(P), V(S)], {"visit_count"}),
        ([V(S), V(S)], {"visit_hosts"}),
        ([V(S, 6), V(P)], {"visit_participants"}),
        ([V(S, 5), V(P, 5)], {"visit_participants"}),
    ],
)
def test_a_forberedelse_plans_two_meetings_one_in_each_country_for_about_four(visits, expected):
    """Seed 004: "finansieringen är anpassad för två möten mellan parterna, ett i vardera land,
    för cirka fyra deltagare" — a plan that differs is a warning ("cirka"), never a block."""
    findings = check_visits("forberedelse", visits)
    assert {f.code for f in findings} == expected
    assert all(f.severity == "warning" for f in findings)


@pytest.mark.parametrize(
    ("visits", "expected"),
    [
        ([V(S, 8), V(P, 8)], set()),  # no number of participants is given for a Breddning
        ([V(P)], {"visit_count", "visit_hosts"}),
        ([V(P), V(P)], {"visit_hosts"}),
        ([V(S), V(P), V(P)], {"visit_count"}),
    ],
)
def test_a_breddning_plans_two_international_visits_one_in_each_country(visits, expected):
    """Seed 004: "finansieringen möjliggör två internationella besök mellan parterna, ett i
    varje land"."""
    findings = check_visits("breddning", visits)
    assert {f.code for f in findings} == expected
    assert all(f.severity == "warning" for f in findings)


@pytest.mark.parametrize("component", ["projekt", "styrgrupp", "spridning"])
def test_other_components_plan_their_visits_freely(component):
    """Seed 004: "ICLD:s finansiering möjliggör ömsesidiga internationella resor varje år" —
    no fixed number for a Projekt, Styrgrupp or Spridning."""
    assert check_visits(component, []) == []
    assert check_visits(component, [V(S, 20)] * 5) == []


def test_every_visit_code_is_reachable():
    found = set()
    for component in COMPONENTS:
        for visits in ([], [V(S, 9)], [V(S), V(S)], [V(S, 4, None)], [V(S, named=0)]):
            found |= {f.code for f in check_visits(component, visits, reason="")}
    assert found == VISIT_CODES


@pytest.mark.parametrize("component", ["forberedelse", "breddning"])
def test_a_plan_that_differs_asks_for_the_reason_until_it_is_given(component):
    """Seed 004 lines 7 and 48: the funding is sized for two visits, one in each country; a
    plan that differs is allowed ("cirka"), with the reason the coordinator gives."""
    differing = [V(S), V(S), V(P)]
    asked = check_visits(component, differing, reason="")
    assert "visit_plan_reason" in {f.code for f in asked}
    assert all(f.severity == "warning" for f in asked)
    answered = check_visits(component, differing, reason="Två besök i Sverige: ny nämnd.")
    assert "visit_plan_reason" not in {f.code for f in answered}
    assert "visit_count" in {f.code for f in answered}  # the deviation itself stays visible
    # A plan that fits asks for nothing; nor does one not yet made.
    assert check_visits(component, [V(S), V(P)], reason="") == []
    assert "visit_plan_reason" not in {f.code for f in check_visits(component, [], reason="")}


def test_a_visit_without_its_days_is_a_warning_because_it_cannot_be_costed():
    findings = check_visits("projekt", [V(S), V(P, 3, None)], reason="")
    assert [(f.code, f.severity) for f in findings] == [("visit_days", "warning")]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Visits in the visit plan: 1; this component funds 2."),
        ("sv", "Besök i besöksplanen: 1; denna komponent finansierar 2."),
    ],
)
def test_the_count_of_visits_reads_right_for_one_visit(language, expected):
    """Seen on check-your-answers: "The visit plan has 1 visits" in English."""
    from django.utils import translation

    finding = next(f for f in check_visits("forberedelse", [V(S)]) if f.code == "visit_count")
    with translation.override(language):
        assert str(finding.message) == expected
