import datetime

import pytest

from reporting.models import Report, ReportRule
from reporting.services import ensure_all_reports, ensure_reports
from tests.reporting.factories import granted_case

pytestmark = pytest.mark.django_db
D = datetime.date


def test_a_granted_two_year_projekt_gets_a_yearly_and_a_final_report_from_the_seeded_rule():
    application, _people = granted_case(start=D(2025, 1, 1), end=D(2026, 12, 31))
    ensure_reports(application=application)
    assert list(Report.objects.values_list("kind", "project_year", "due_date")) == [
        ("yearly", 1, D(2026, 2, 28)),
        ("final", 2, D(2027, 2, 28)),
    ]


def test_ensuring_twice_creates_nothing_more_and_keeps_an_adjusted_due_date():
    application, _people = granted_case()
    ensure_reports(application=application)
    Report.objects.filter(kind="final").update(due_date=D(2027, 6, 30))
    assert ensure_reports(application=application) == []
    assert Report.objects.count() == 2
    assert Report.objects.get(kind="final").due_date == D(2027, 6, 30)


def test_the_rule_staff_set_decides_the_due_date():
    ReportRule.objects.filter(component="forberedelse").update(final_months_after_end=4)
    application, _people = granted_case(
        component="forberedelse", start=D(2025, 3, 1), end=D(2026, 2, 28)
    )
    (report,) = ensure_reports(application=application)
    assert report.due_date == D(2026, 6, 28)


def test_a_case_that_is_not_granted_owes_no_reports():
    application, _people = granted_case()
    application.status = "in_review"
    application.save()
    assert ensure_reports(application=application) == []
    assert not Report.objects.exists()


def test_the_daily_sweep_creates_the_reports_of_every_granted_case():
    granted_case(component="forberedelse", start=D(2025, 1, 1), end=D(2025, 12, 31))
    granted_case(component="forberedelse", start=D(2025, 1, 1), end=D(2025, 12, 31))
    assert ensure_all_reports() == 2
    assert ensure_all_reports() == 0
