import datetime

import pytest

from reporting import rules

D = datetime.date


def test_a_final_report_is_due_two_months_after_the_period_across_the_year_boundary():
    (final,) = rules.due_reports(
        component="forberedelse",
        period_start=D(2025, 1, 15),
        period_end=D(2025, 11, 30),
        rule=rules.RuleFacts(final_months_after_end=2),
    )
    assert final.kind == "final"
    assert final.due_date == D(2026, 1, 30)
    assert (final.period_start, final.period_end) == (D(2025, 1, 15), D(2025, 11, 30))


def test_a_due_date_at_a_months_end_falls_on_the_shorter_months_last_day():
    (final,) = rules.due_reports(
        component="breddning",
        period_start=D(2025, 6, 1),
        period_end=D(2025, 12, 31),
        rule=rules.RuleFacts(final_months_after_end=2),
    )
    assert final.due_date == D(2026, 2, 28)


def test_a_three_year_projekt_owes_two_yearly_reports_and_a_final_one():
    reports = rules.due_reports(
        component="projekt",
        period_start=D(2025, 3, 1),
        period_end=D(2028, 2, 29),
        rule=rules.RuleFacts(final_months_after_end=3, yearly_months_after_year=2),
    )
    assert [
        (r.kind, r.project_year, r.period_start, r.period_end, r.due_date) for r in reports
    ] == [
        ("yearly", 1, D(2025, 3, 1), D(2026, 2, 28), D(2026, 4, 28)),
        ("yearly", 2, D(2026, 3, 1), D(2027, 2, 28), D(2027, 4, 28)),
        ("final", 3, D(2025, 3, 1), D(2028, 2, 29), D(2028, 5, 29)),
    ]


def test_a_one_year_projekt_owes_only_the_final_report():
    reports = rules.due_reports(
        component="projekt",
        period_start=D(2025, 1, 1),
        period_end=D(2025, 12, 31),
        rule=rules.RuleFacts(yearly_months_after_year=2),
    )
    assert [r.kind for r in reports] == ["final"]


def test_other_components_owe_no_yearly_reports_even_when_longer_than_a_year():
    reports = rules.due_reports(
        component="styrgrupp",
        period_start=D(2025, 1, 1),
        period_end=D(2026, 12, 31),
        rule=rules.RuleFacts(yearly_months_after_year=2),
    )
    assert [r.kind for r in reports] == ["final"]


def test_a_period_ending_before_it_starts_owes_nothing():
    assert (
        rules.due_reports(
            component="projekt",
            period_start=D(2025, 1, 1),
            period_end=D(2024, 1, 1),
            rule=rules.RuleFacts(),
        )
        == []
    )


def test_project_years_end_with_the_period():
    assert rules.project_years(D(2025, 7, 1), D(2026, 9, 30)) == [
        (D(2025, 7, 1), D(2026, 6, 30)),
        (D(2026, 7, 1), D(2026, 9, 30)),
    ]


def test_a_deviation_above_the_threshold_needs_an_explanation():
    assert rules.needs_explanation(approved=10_000, actual=11_001)
    assert rules.needs_explanation(approved=10_000, actual=8_999)
    assert not rules.needs_explanation(approved=10_000, actual=11_000)
    assert not rules.needs_explanation(approved=10_000, actual=9_000)


def test_any_cost_on_a_line_approved_at_zero_needs_an_explanation():
    assert rules.needs_explanation(approved=0, actual=1)
    assert not rules.needs_explanation(approved=0, actual=0)


def facts(**fields):
    return rules.ReportFacts(
        **{
            "kind": "final",
            "activities": "a",
            "results": "r",
            "democratic_areas": 1,
            "lessons": "l",
            "knowledge_home": "k",
            "participants": 2,
            "visits": 1,
            "costs": [rules.CostFacts("Resor", 100, 100)],
        }
        | fields
    )


def test_a_complete_report_has_no_findings():
    assert rules.check_report(facts()) == []


def test_empty_answers_missing_costs_and_unexplained_deviations_are_errors():
    findings = rules.check_report(
        facts(
            activities=" ",
            participants=0,
            democratic_areas=0,
            costs=[rules.CostFacts("Resor", 100, None), rules.CostFacts("Möten", 100, 500)],
        )
    )
    assert {f.code for f in findings if f.is_error} == {
        "activities",
        "participants",
        "democratic_areas",
        "cost_missing",
        "cost_explanation",
    }


def test_an_explained_deviation_is_fine_and_no_visits_is_only_a_warning():
    findings = rules.check_report(
        facts(visits=0, costs=[rules.CostFacts("Möten", 100, 500, "Fler möten behövdes.")])
    )
    assert [(f.severity, f.code) for f in findings] == [("warning", "visits")]


@pytest.mark.parametrize(
    ("approved", "left_on", "day", "may"),
    [
        (True, None, D(2025, 3, 1), True),  # on the team
        (False, None, D(2025, 3, 1), False),  # never approved by ICLD
        (True, D(2025, 6, 1), D(2025, 3, 1), True),  # a visit before they left
        (True, D(2025, 6, 1), D(2025, 5, 31), True),  # the day before they left
        (True, D(2025, 6, 1), D(2025, 6, 1), False),  # the day they left
        (True, D(2025, 6, 1), D(2025, 9, 1), False),  # after they left
        (False, D(2025, 6, 1), D(2025, 3, 1), False),  # left, and was never approved
    ],
)
def test_a_report_may_claim_a_person_who_left_for_what_they_did_before(approved, left_on, day, may):
    """Seed 004: "ICLD ersätter inte kostnader för andra personer än de som godkänts av ICLD" —
    someone who left through an approved change was approved for the time before it: a report
    names them for a visit dated before their leaving date, never after (issue 14, rule 6)."""
    assert rules.may_claim(approved=approved, left_on=left_on, day=day) is may
