import datetime

import pytest
from django.urls import reverse

from reporting.models import Report, ReportVisit
from tests.reporting.factories import complete_report, granted_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    application, people = granted_case()
    report = complete_report(application, people, status="submitted")
    ReportVisit.objects.create(
        report=report,
        date="2025-05-12",
        host="partner",
        place="Kisumu",
        learnt="x",
        brought_home="y",
    )
    return report


def test_staff_read_a_report_with_its_visits_costs_and_approve_button(staff_client, report):
    response = staff_client.get(reverse("admin:reporting_report_change", args=[report.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Två workshoppar om ungas inflytande." in page and "Kisumu" in page
    assert reverse("admin:reporting_report_transition", args=[report.pk, "approve"]) in page


@pytest.mark.parametrize(
    "query", ["", "?status=submitted", "?overdue=yes", "?overdue=no", "?kind=final", "?q=KP-2025"]
)
def test_the_report_list_filters_and_searches(staff_client, report, query):
    response = staff_client.get(reverse("admin:reporting_report_changelist") + query)
    assert response.status_code == 200


def test_the_overdue_filter_shows_only_reports_still_to_be_submitted(staff_client, report):
    Report.objects.filter(pk=report.pk).update(status="draft", due_date=datetime.date(2020, 1, 1))
    url = reverse("admin:reporting_report_changelist")
    assert str(report) in staff_client.get(url + "?overdue=yes").content.decode()
    Report.objects.filter(pk=report.pk).update(status="submitted")
    assert str(report) not in staff_client.get(url + "?overdue=yes").content.decode()


def change_data(report, **fields):
    return {
        "due_date": report.due_date.isoformat(),
        "due_date_reason": "",
        **{f"{p}-TOTAL_FORMS": "0" for p in ["visits", "costs", "attachments", "events"]},
        **{f"{p}-INITIAL_FORMS": "0" for p in ["visits", "costs", "attachments", "events"]},
        **fields,
    }


def test_moving_the_due_date_needs_a_reason_and_records_who(staff_client, report):
    url = reverse("admin:reporting_report_change", args=[report.pk])
    response = staff_client.post(url, change_data(report, due_date="2027-06-30"))
    assert response.status_code == 200  # re-rendered with the error
    assert Report.objects.get().due_date == report.due_date
    response = staff_client.post(
        url, change_data(report, due_date="2027-06-30", due_date_reason="Valår: senare möte.")
    )
    assert response.status_code == 302
    saved = Report.objects.get()
    assert saved.due_date == datetime.date(2027, 6, 30)
    assert saved.due_date_changed_by.username == "staff"
    assert saved.due_date_reason == "Valår: senare möte."
    assert "Valår: senare möte." in saved.events.get().comment


def test_returning_from_the_admin_without_a_comment_is_refused(staff_client, report):
    url = reverse("admin:reporting_report_transition", args=[report.pk, "return"])
    response = staff_client.post(url, {"comment": ""})
    assert response.status_code == 200
    assert Report.objects.get().status == "submitted"
    staff_client.post(url, {"comment": "Fyll i resultaten."})
    assert Report.objects.get().status == "returned"


def test_the_submit_transition_is_not_offered_to_staff(staff_client, report):
    url = reverse("admin:reporting_report_transition", args=[report.pk, "submit"])
    assert staff_client.get(url).status_code == 404
