"""The report's cost step against the grant (issue 20, item 6): actual costs per budget line,
per planned visit and per category beside what the decision granted, the differences shown, and
every total recomputed here from the database."""

import re

import pytest
from django.db.models import Sum
from django.urls import reverse

from applications.models import BudgetLine, Visit
from decisions.models import DecisionLine
from reporting import rules
from reporting.models import ReportCost
from reporting.selectors import grant_comparison
from tests.reporting.factories import (
    BudgetLineFactory,
    decided_grant,
    granted_case,
    report_of,
)

pytestmark = pytest.mark.django_db
NAMES = dict(BudgetLine.Category.choices)


def line(key, category, budgeted, actual, visit=None):
    return rules.CostLine(key, category, f"line {key}", visit, budgeted, actual)


def test_a_total_is_apportioned_exactly_by_the_largest_remainder():
    assert rules.apportion(100, [1, 1, 1]) == [34, 33, 33]
    assert rules.apportion(90_000, [40_000, 60_000]) == [36_000, 54_000]
    assert rules.apportion(7, [0, 0]) == [4, 3]
    assert rules.apportion(5, []) == []
    for total, weights in [(1, [3, 3, 3]), (99_999, [7, 11, 13, 17]), (0, [5, 5])]:
        shares = rules.apportion(total, weights)
        assert sum(shares) == total and all(share >= 0 for share in shares)


def test_a_category_granted_lower_grants_each_of_its_lines_its_share():
    comparison = rules.compare_with_grant(
        [
            line(1, "travel", 40_000, 30_000, visit="Besök 1"),
            line(2, "travel", 60_000, 65_000, visit="Besök 2"),
            line(3, "meetings", 10_000, None),
        ],
        granted={"travel": 90_000, "meetings": 10_000, "accommodation": 5_000},
        category_names=NAMES,
    )
    by_line = {row.label: (row.granted, row.actual, row.difference) for row in comparison.lines}
    assert by_line == {
        "line 1": (36_000, 30_000, -6_000),
        "line 2": (54_000, 65_000, 11_000),
        "line 3": (10_000, 0, -10_000),
    }
    assert [(v.label, v.budgeted, v.granted, v.actual) for v in comparison.visits] == [
        ("Besök 1", 40_000, 36_000, 30_000),
        ("Besök 2", 60_000, 54_000, 65_000),
    ]
    # A category granted without a line of its own still counts in the grant.
    assert [(c.label, c.granted, c.actual) for c in comparison.categories] == [
        (NAMES["travel"], 90_000, 95_000),
        (NAMES["accommodation"], 5_000, 0),
        (NAMES["meetings"], 10_000, 0),
    ]
    total = comparison.total
    assert (total.budgeted, total.granted, total.actual, total.difference) == (
        110_000,
        105_000,
        95_000,
        -10_000,
    )


@pytest.fixture
def decided(client):
    application, people = granted_case()
    travel, meetings = people["lines"]
    # The applicant asked for 40 000 + 25 000 of travel and 10 000 of meetings; ICLD grants
    # 52 000 of travel and all of the meetings.
    second = BudgetLineFactory(application=application, amount_sek=25_000, description="Tåg")
    decision = decided_grant(
        application, {"travel": (65_000, 52_000), "meetings": (10_000, 10_000)}
    )
    report = report_of(application)
    ReportCost.objects.create(report=report, budget_line=travel, actual_sek=41_000)
    ReportCost.objects.create(report=report, budget_line=meetings, actual_sek=8_000)
    client.force_login(people["coordinator"])
    return report, decision, [travel, second, meetings]


def cells(page: str, heading: str) -> list[str]:
    """The figures of the table row whose header is `heading`, as shown."""
    row = re.search(rf"<th scope=\"row\">{re.escape(str(heading))}</th>(.*?)</tr>", page, re.S)
    return [re.sub(r"\s", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1))]


def test_the_cost_step_shows_the_grant_beside_the_actual_costs(client, decided):
    report, decision, _lines = decided
    page = client.get(reverse("reporting:step", args=[report.pk, "costs"])).content.decode()
    assert 'id="grant-comparison"' in page
    granted = dict(decision.lines.values_list("category", "granted_sek"))
    actual = dict(
        ReportCost.objects.filter(report=report)
        .values("budget_line__category")
        .annotate(total=Sum("actual_sek"))
        .values_list("budget_line__category", "total")
    )
    for category in ("travel", "meetings"):
        shown = cells(page, NAMES[category])
        expected = [granted[category], actual.get(category, 0)]
        assert [int(re.sub(r"\D", "", c) or 0) for c in shown[1:3]] == expected
    # The total row: what the decision grants and what was spent, both from the database.
    total = re.search(r"<tfoot>(.*?)</tfoot>", page, re.S).group(1)
    figures = [int(re.sub(r"\D", "", c) or 0) for c in re.findall(r"<td[^>]*>(.*?)</td>", total)]
    budgeted = BudgetLine.objects.filter(application=report.application).aggregate(
        s=Sum("amount_sek")
    )["s"]
    spent = ReportCost.objects.filter(report=report).aggregate(s=Sum("actual_sek"))["s"]
    granted_total = DecisionLine.objects.filter(decision=decision).aggregate(s=Sum("granted_sek"))[
        "s"
    ]
    # Spent less than granted: the difference is negative.
    assert figures[:3] == [budgeted, granted_total, spent]
    assert figures[3] == granted_total - spent and "-" in total


def test_every_lines_share_adds_up_to_its_category_grant(decided):
    report, decision, _lines = decided
    comparison = grant_comparison(report)
    shares = {row.label: row.granted for row in comparison.lines}
    for category, granted in decision.lines.values_list("category", "granted_sek"):
        members = BudgetLine.objects.filter(application=report.application, category=category)
        assert sum(shares[line.description] for line in members) == granted
    assert comparison.total.granted == sum(decision.lines.values_list("granted_sek", flat=True))


def test_before_a_decision_nothing_is_compared(client):
    application, people = granted_case()
    report = report_of(application)
    client.force_login(people["coordinator"])
    page = client.get(reverse("reporting:step", args=[report.pk, "costs"])).content.decode()
    assert grant_comparison(report) is None
    assert 'id="grant-comparison"' not in page


def test_the_comparison_costs_a_fixed_number_of_queries(decided, django_assert_num_queries):
    report, _decision, _lines = decided
    with django_assert_num_queries(5):
        grant_comparison(report)
    BudgetLineFactory.create_batch(3, application=report.application)
    visit = planned_visit(report.application)
    BudgetLineFactory.create_batch(2, application=report.application, visit=visit)
    with django_assert_num_queries(5):
        grant_comparison(report)


def planned_visit(application, host="partner"):
    return Visit.objects.create(
        application=application,
        host=host,
        months="Mars 2025",
        participants=3,
        days=4,
        learning_goals="Medborgardialog.",
    )


def test_each_planned_visits_costs_add_up_its_lines(decided):
    report, _decision, (travel, second, meetings) = decided
    first, other = planned_visit(report.application, "swedish"), planned_visit(report.application)
    BudgetLine.objects.filter(pk=travel.pk).update(visit=first)
    BudgetLine.objects.filter(pk__in=[second.pk, meetings.pk]).update(visit=other)
    comparison = grant_comparison(report)
    shown = {row.label: (row.budgeted, row.granted, row.actual) for row in comparison.visits}
    granted_of = {row.label: row.granted for row in comparison.lines}
    for number, visit in enumerate([first, other], start=1):
        lines = BudgetLine.objects.filter(visit=visit)
        label = next(label for label in shown if label.startswith(f"Besök {number}:"))
        assert shown[label] == (
            lines.aggregate(s=Sum("amount_sek"))["s"],
            sum(granted_of[line.description] for line in lines),
            ReportCost.objects.filter(report=report, budget_line__visit=visit).aggregate(
                s=Sum("actual_sek")
            )["s"]
            or 0,
        )
    assert sum(v.granted for v in comparison.visits) == comparison.total.granted
