"""Mina ärenden: what is going on, what is done, readable on a phone."""

import re

import pytest
from django.urls import reverse

from applications.models import ApplicationStatus
from tests.factories import ApplicationFactory, application_of

pytestmark = pytest.mark.django_db


def tables(html: str) -> dict[str, str]:
    """Each table by its caption."""
    return {
        re.sub(r"\s+", " ", caption).strip(): body
        for caption, body in re.findall(r"<caption>(.*?)</caption>(.*?)</table>", html, re.S)
    }


def test_a_withdrawn_case_is_listed_with_the_earlier_ones_not_as_going_on(client, coordinator):
    organisation = coordinator.memberships.get().organisation
    ApplicationFactory(organisation=organisation, created_by=coordinator, title="Pågående")
    ApplicationFactory(
        organisation=organisation,
        created_by=coordinator,
        title="Återkallad",
        status=ApplicationStatus.WITHDRAWN,
    )
    client.force_login(coordinator)
    found = tables(client.get(reverse("applications:dashboard")).text)
    assert "Pågående" in found["Pågående ansökningar"]
    assert "Återkallad" not in found["Pågående ansökningar"]
    assert "Återkallad" in found["Tidigare ansökningar"]


def test_the_status_comes_right_after_the_case_and_stays_on_a_phone(client, coordinator):
    application_of(coordinator)
    client.force_login(coordinator)
    html = client.get(reverse("applications:dashboard")).text
    headers = re.findall(r'<th scope="col"( class="[^"]*")?>([^<]+)</th>', html)
    assert [label for _c, label in headers][:2] == ["Ärende", "Status"]
    assert not headers[1][0]  # never hidden on small screens


def test_reports_due_are_listed_with_their_due_dates_soonest_first(client):
    import datetime

    from tests.reporting.factories import granted_case, report_of

    application, people = granted_case()
    report_of(application, kind="yearly", project_year=1, due_date=datetime.date(2025, 8, 31))
    report_of(application, due_date=datetime.date(2026, 8, 31))
    report_of(application, kind="yearly", project_year=3, status="approved")
    client.force_login(people["coordinator"])
    found = tables(client.get(reverse("applications:dashboard")).text)
    due = found["Redovisningar att lämna"]
    assert due.index("31 augusti 2025") < due.index("31 augusti 2026")
    assert "Försenad" in due and "projektår 3" not in due


def test_my_cases_issue_the_same_queries_for_one_report_due_as_for_five(
    client, django_assert_num_queries
):
    import datetime

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.reporting.factories import granted_case, report_of

    application, people = granted_case()
    report_of(application, kind="yearly", project_year=1, due_date=datetime.date(2025, 8, 31))
    client.force_login(people["coordinator"])
    url = reverse("applications:dashboard")
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for year in range(2, 6):
        report_of(application, kind="yearly", project_year=year)
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(url)
