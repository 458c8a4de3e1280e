import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reporting.models import ReportVisit
from tests.reporting.factories import complete_report, granted_case, report_of

pytestmark = pytest.mark.django_db


def add_visits(report, people, count):
    for n in range(count):
        visit = ReportVisit.objects.create(
            report=report,
            date="2025-05-12",
            host="partner",
            place=f"Kisumu {n}",
            learnt="Budgetdialoger.",
            brought_home="Seminarium.",
        )
        visit.travellers.set(people["team"])


@pytest.mark.parametrize("visits", [1, 4])
def test_the_report_page_issues_a_fixed_number_of_queries(
    client, visits, django_assert_num_queries
):
    application, people = granted_case()
    report = complete_report(application, people)
    add_visits(report, people, visits)
    client.force_login(people["coordinator"])
    url = reverse("reporting:report", args=[report.pk])
    client.get(url)  # the session and the user, loaded once
    # 14: the comparison with the grant looks for the decision (none here: one query).
    with django_assert_num_queries(14):
        response = client.get(url)
    page = response.content.decode()
    assert "Två workshoppar om ungas inflytande." in page
    assert "Kisumu 0" in page and "Astrid Lind" in page


def test_the_case_page_links_to_the_reports_of_a_granted_case(client):
    application, people = granted_case()
    report = complete_report(application, people)
    client.force_login(people["reader"])
    page = client.get(reverse("applications:case", args=[application.pk])).content.decode()
    assert reverse("reporting:report", args=[report.pk]) in page
    assert reverse("reporting:case_reports", args=[application.pk]) in page


def test_granting_a_case_creates_its_reports_and_the_page_lists_them(client):
    from applications import workflow
    from tests.factories import make_staff

    application, people = granted_case()
    application.status = "in_review"
    application.save(update_fields=["status"])
    workflow.make_staff_transition(application=application, name="approve", by=make_staff())
    assert application.reports.count() == 2
    client.force_login(people["coordinator"])
    page = client.get(reverse("reporting:case_reports", args=[application.pk])).content.decode()
    for report in application.reports.all():
        assert reverse("reporting:report", args=[report.pk]) in page


def test_visiting_a_granted_cases_reports_creates_nothing(client):
    """A GET only reads (finding 10): a case granted without the transition waits for the
    daily sweep (services.ensure_all_reports)."""
    application, people = granted_case()
    client.force_login(people["coordinator"])
    assert client.get(reverse("reporting:case_reports", args=[application.pk])).status_code == 200
    assert application.reports.count() == 0


def test_a_returned_report_shows_icld_s_comment(client):
    from reporting import workflow
    from tests.factories import make_staff

    application, people = granted_case()
    report = complete_report(application, people, status="submitted")
    workflow.make_staff_transition(
        report=report, name="return", by=make_staff(), comment="Beskriv resultaten mer."
    )
    client.force_login(people["coordinator"])
    page = client.get(reverse("reporting:report", args=[report.pk])).content.decode()
    assert "Beskriv resultaten mer." in page


@pytest.mark.parametrize("visits", [1, 3])
@pytest.mark.parametrize(
    "name,args,queries",
    [
        ("reporting:step", ["content"], 7),
        ("reporting:step", ["participants"], 7),
        ("reporting:step", ["visits"], 9),
        # + the decision the costs are compared with, + the grant each line is held against
        ("reporting:step", ["costs"], 9),
        ("reporting:attachments", [], 6),
        ("reporting:review", [], 11),  # + the grant the costs are held against
    ],
)
def test_each_step_issues_a_fixed_number_of_queries(
    client, visits, name, args, queries, django_assert_num_queries
):
    application, people = granted_case()
    report = complete_report(application, people)
    add_visits(report, people, visits)
    client.force_login(people["coordinator"])
    url = reverse(name, args=[report.pk, *args])
    client.get(url)
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("reports", [1, 3])
def test_the_case_reports_page_issues_a_fixed_number_of_queries(
    client, reports, django_assert_num_queries
):
    from tests.reporting.factories import report_of

    application, people = granted_case(component="forberedelse")
    for year in range(reports):
        report_of(application, kind="yearly", project_year=year + 1)
    client.force_login(people["coordinator"])
    url = reverse("reporting:case_reports", args=[application.pk])
    client.get(url)
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200


def test_the_case_page_marks_an_overdue_report(client):
    application, people = granted_case()
    report_of(application, due_date=timezone.localdate() - datetime.timedelta(days=1))
    client.force_login(people["coordinator"])

    page = client.get(reverse("applications:case", args=[application.pk]))

    assert 'class="badge text-bg-danger"' in page.text
