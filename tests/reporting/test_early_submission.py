"""A report goes in once its period has ended; before that only when ICLD allowed it, with a
reason kept on the report and in its history."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reporting import rules, workflow
from reporting.models import Report
from tests.factories import make_staff
from tests.reporting.factories import complete_report, granted_case
from tests.reporting.test_admin import change_data
from tests.reporting.test_rules import facts

END = datetime.date(2028, 6, 30)


@pytest.mark.parametrize(
    ("kind", "today", "allowed", "early"),
    [
        ("final", datetime.date(2026, 12, 2), False, True),
        ("final", END - datetime.timedelta(days=1), False, True),
        ("final", END, False, False),
        ("final", datetime.date(2026, 12, 2), True, False),
        ("yearly", datetime.date(2026, 12, 2), False, True),
        ("yearly", END + datetime.timedelta(days=1), False, False),
    ],
)
def test_a_report_is_too_early_before_the_last_day_of_its_period(kind, today, allowed, early):
    checked = facts(kind=kind, period_end=END, today=today, early_submission_allowed=allowed)
    codes = [f.code for f in rules.check_report(checked) if f.is_error]
    assert ("too_early" in codes) is early


@pytest.fixture
def running(db):
    """A case whose period ends in 2028, with a complete final report."""
    application, people = granted_case(
        start=datetime.date(2025, 7, 1), end=datetime.date(2028, 6, 30)
    )
    return complete_report(application, people, project_year=3), people


def test_a_final_report_cannot_be_submitted_two_years_before_its_period_ends(running):
    report, people = running
    with pytest.raises(ValidationError) as error:
        workflow.submit_report(report=report, by=people["coordinator"])
    assert "2028-06-30" in " ".join(error.value.messages)
    assert Report.objects.get().status == "draft"


def test_the_report_page_says_so_before_the_coordinator_tries(client, running):
    report, people = running
    client.force_login(people["coordinator"])
    page = client.get(reverse("reporting:review", args=[report.pk])).text
    assert "2028-06-30" in page and "ICLD kan tillåta det tidigare" in page


def test_staff_allow_it_with_a_reason_and_then_it_can_be_submitted(
    staff_client, running, django_capture_on_commit_callbacks
):
    report, people = running
    url = reverse("admin:reporting_report_change", args=[report.pk])
    refused = staff_client.post(url, change_data(report, allow_early_submission="on"))
    assert refused.status_code == 200 and not Report.objects.get().early_submission_allowed

    reason = "Projektet avslutas i förtid: partnern har lämnat programmet."
    done = staff_client.post(
        url, change_data(report, allow_early_submission="on", early_submission_reason=reason)
    )
    assert done.status_code == 302
    report.refresh_from_db()
    assert report.early_submission_allowed_by.username == "staff"
    assert reason in report.events.get().comment

    with django_capture_on_commit_callbacks():
        workflow.submit_report(report=report, by=people["coordinator"])
    assert Report.objects.get().status == "submitted"


def test_allowing_it_needs_a_reason(running):
    from reporting.services import allow_early_submission

    report, _people = running
    with pytest.raises(ValidationError):
        allow_early_submission(report=report, reason=" ", by=make_staff())
