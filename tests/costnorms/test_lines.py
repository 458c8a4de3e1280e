"""The pure computation of a visit's lines from the norms: no database."""

import datetime

import pytest
from django.utils import translation

from costnorms.norms import (
    INTERPRETER,
    PER_DIEM,
    SWEDEN,
    Line,
    Norms,
    Rate,
    VisitFacts,
    lines_for_visit,
    missing_norms,
)

JAN = datetime.date(2026, 1, 1)
MARCH = datetime.date(2026, 3, 1)

NORMS = Norms(
    day=datetime.date(2026, 4, 1),
    per_diem={"KE": Rate(1_200, JAN), SWEDEN: Rate(300, JAN)},
    accommodation={"KE": Rate(1_400, JAN), SWEDEN: Rate(1_500, MARCH)},
    international={"KE": Rate(10_000, JAN)},
    domestic={"KE": Rate(1_000, JAN)},
    fees={"interpreter_day": Rate(6_000, JAN)},
    place_names={"KE": ("Kenya", "Kenya")},
)


def kenya(**facts) -> VisitFacts:
    return VisitFacts(
        **{"host": "KE", "travellers_from": SWEDEN, "travellers": 3, "days": 4, "interpreter": True}
        | facts
    )


def test_a_visit_abroad_costs_the_journey_domestic_travel_per_diem_nights_and_interpreter():
    lines = lines_for_visit(kenya(), NORMS)
    assert [(line.kind, line.category, line.amount_sek) for line in lines] == [
        ("international_travel", "travel", 3 * 10_000),
        ("domestic_travel", "travel", 3 * 1_000),
        ("per_diem", "travel", 3 * 4 * 1_200),
        ("accommodation", "accommodation", 3 * 3 * 1_400),
        ("interpreter", "interpretation", 4 * 6_000),
    ]
    assert all(isinstance(line.amount_sek, int) for line in lines)


def test_each_line_explains_its_arithmetic_and_its_norm_in_swedish():
    with translation.override("sv"):
        per_diem = next(li for li in lines_for_visit(kenya(), NORMS) if li.kind == PER_DIEM)
        assert per_diem.explanation == (
            "3 personer × 4 dygn × 1\xa0200\xa0kr traktamente (norm för Kenya från 2026-01-01)"
        )
        assert per_diem.description == "Traktamente i Kenya"


def test_each_line_explains_itself_in_english_too():
    with translation.override("en"):
        interpreter = next(li for li in lines_for_visit(kenya(), NORMS) if li.kind == INTERPRETER)
        assert (
            interpreter.explanation
            == "4 days × SEK\xa06,000 interpreter (ICLD's fee from 2026-01-01)"
        )


def test_a_visit_to_sweden_uses_swedens_norms_and_the_partner_countrys_journey():
    lines = lines_for_visit(
        kenya(host=SWEDEN, travellers_from="KE", travellers=2, days=3, interpreter=False), NORMS
    )
    assert [(line.kind, line.place, line.amount_sek) for line in lines] == [
        ("international_travel", "KE", 2 * 10_000),
        ("per_diem", SWEDEN, 2 * 3 * 300),
        ("accommodation", SWEDEN, 2 * 2 * 1_500),
    ]
    with translation.override("sv"):
        assert "(norm för Sverige från 2026-03-01)" in lines[-1].explanation


@pytest.mark.parametrize(
    ("facts", "kinds"),
    [
        (
            {"days": 1, "interpreter": False},
            ["international_travel", "domestic_travel", "per_diem"],
        ),
        ({"travellers": 0}, []),
        ({"days": 0}, []),
    ],
)
def test_a_day_visit_has_no_nights_and_nobody_travelling_costs_nothing(facts, kinds):
    assert [line.kind for line in lines_for_visit(kenya(**facts), NORMS)] == kinds


def test_a_country_without_norms_gives_no_lines_and_names_what_is_missing():
    facts = kenya(host="UG")
    assert [line.kind for line in lines_for_visit(facts, NORMS)] == ["interpreter"]
    assert missing_norms(facts, NORMS) == ["international_travel", "per_diem", "accommodation"]
    assert missing_norms(kenya(), NORMS) == []


def test_a_stored_basis_gives_the_same_line_back():
    for line in lines_for_visit(kenya(), NORMS):
        assert Line.from_basis(line.basis()) == line
