"""Reports overdue: past the due date and neither submitted nor approved."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from reporting.models import Report
from stats import figures, selectors
from stats.selectors import Filters
from tests.stats.conftest import DAY, TODAY

pytestmark = pytest.mark.django_db


def test_reports_overdue_are_the_late_drafts_and_returned_ones(reports):
    overdue = selectors.reports_overdue(today=TODAY)
    assert list(overdue) == [reports["late_draft"], reports["late_returned"]]
    direct = Report.objects.filter(due_date__lt=TODAY).exclude(status__in=["submitted", "approved"])
    assert overdue.count() == direct.count()
    assert list(selectors.reports_overdue(today=TODAY + 2 * DAY)) == [
        reports["late_draft"],
        reports["late_returned"],
        reports["due_today"],
    ]


def test_the_figure_counts_reports_per_component_by_where_they_stand(reports):
    rows = {r.component: r for r in selectors.report_counts(Filters(), today=TODAY)}
    assert rows["projekt"] == selectors.ReportCount("projekt", 2, 1, 0, 0, 2)
    assert rows["styrgrupp"] == selectors.ReportCount("styrgrupp", 0, 1, 1, 0, 1)
    assert rows["forberedelse"] == selectors.ReportCount("forberedelse", 0, 0, 0, 1, 1)

    figure = figures.reports_overdue(Filters())
    table = {row[0].value: [cell.value for cell in row[1:]] for row in figure.rows}
    # overdue, open, submitted, approved, total, overdue % of due
    assert table["Projekt"] == [2, 1, 0, 0, 3, 100.0]
    assert table[_("All components")] == [2, 2, 1, 1, 6, 50.0]
    assert (
        sum(bar.values[0] for bar in figure.chart.bars)
        == Report.objects.filter(due_date__lt=TODAY, status__in=["draft", "returned"]).count()
    )


def test_the_filters_take_the_due_year_and_the_round_of_the_case(reports, world):
    by_round = selectors.report_counts(Filters(round=world.rounds["2030-01"]), today=TODAY)
    # a1 and a3 are of that round; a7 (Förberedelse) is of none.
    assert [r.component for r in by_round] == ["projekt", "styrgrupp"]
    next_year = selectors.report_counts(Filters(year=(TODAY + 60 * DAY).year), today=TODAY)
    assert sum(r.open + r.overdue + r.submitted + r.approved for r in next_year) == (
        Report.objects.filter(due_date__year=(TODAY + 60 * DAY).year).count()
    )


def test_the_dashboard_and_its_csv_show_the_overdue_reports(staff_client, reports):
    html = staff_client.get(reverse("stats:dashboard")).content.decode()
    section = html.split('id="reports-overdue"')[1].split("</section>")[0]
    assert '<th scope="row">Projekt</th>' in section
    assert _("%(overdue)s overdue") % {"overdue": 2} in section
    body = b"".join(
        staff_client.get(reverse("stats:figure_csv", args=["reports-overdue"])).streaming_content
    ).decode("utf-8-sig")
    assert "Projekt,2,1,0,0,3,100.0" in body
