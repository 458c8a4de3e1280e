"""Who may open and change a report: every URL for every persona."""

import pytest
from django.urls import reverse

from reporting.models import ReportAttachment
from tests.factories import make_staff
from tests.reporting.factories import granted_case, report_with_files

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "outsider", "reader", "editor", "coordinator", "staff"]


@pytest.fixture
def case():
    application, people = granted_case()
    people["staff"] = make_staff()
    report, attachment = report_with_files(application, people)
    return application, people, report, attachment


def client_for(client, people, persona):
    if persona != "anonymous":
        client.force_login(people[persona])
    return client


def get_urls(application, report, attachment):
    return {
        "case_reports": reverse("reporting:case_reports", args=[application.pk]),
        "report": reverse("reporting:report", args=[report.pk]),
        "step": reverse("reporting:step", args=[report.pk, "content"]),
        "attachments": reverse("reporting:attachments", args=[report.pk]),
        "download": reverse("reporting:attachment_download", args=[report.pk, attachment.pk]),
        "review": reverse("reporting:review", args=[report.pk]),
        "pdf": reverse("reporting:pdf", args=[report.pk]),
    }


# What GET gives each persona: 200 to read, 302 (to the report page) where a reader's step
# would be a form they cannot use, 404 to those without access, login for the anonymous.
GET_EXPECTED = {
    "outsider": 404,
    "reader": 200,
    "editor": 200,
    "coordinator": 200,
    "staff": 200,
}


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    "name", ["case_reports", "report", "step", "attachments", "download", "review", "pdf"]
)
def test_reading_a_report_is_for_the_case_and_staff(client, case, persona, name):
    application, people, report, attachment = case
    url = get_urls(application, report, attachment)[name]
    response = client_for(client, people, persona).get(url)
    if persona == "anonymous":
        assert response.status_code == 302 and "login" in response["Location"]
        return
    expected = GET_EXPECTED[persona]
    if expected == 200 and name in {"step", "attachments"} and persona in {"reader", "staff"}:
        # They may look, not write: the step sends them to the report page.
        assert response.status_code == 302
        assert response["Location"] == reverse("reporting:report", args=[report.pk])
        return
    assert response.status_code == expected


@pytest.mark.parametrize(
    "persona,expected",
    [("outsider", 404), ("reader", 404), ("staff", 404), ("editor", 302), ("coordinator", 302)],
)
def test_only_editors_and_coordinators_save_a_step(client, case, persona, expected):
    _application, people, report, _attachment = case
    response = client_for(client, people, persona).post(
        reverse("reporting:step", args=[report.pk, "content"]),
        {"activities": f"Skrivet av {persona}", "results": "r", "lessons": "l"},
    )
    assert response.status_code == expected
    report.refresh_from_db()
    assert (report.activities == f"Skrivet av {persona}") == (expected == 302)


@pytest.mark.parametrize(
    "persona,expected",
    [
        ("anonymous", 302),
        ("outsider", 404),
        ("reader", 404),
        ("editor", 404),
        ("staff", 404),
        ("coordinator", 302),
    ],
)
def test_only_a_coordinator_submits_and_a_reader_cannot(
    client, case, persona, expected, django_capture_on_commit_callbacks
):
    _application, people, report, _attachment = case
    with django_capture_on_commit_callbacks():
        response = client_for(client, people, persona).post(
            reverse("reporting:submit", args=[report.pk])
        )
    assert response.status_code == expected
    report.refresh_from_db()
    assert (report.status == "submitted") == (persona == "coordinator")


@pytest.mark.parametrize("persona", ["outsider", "reader", "staff"])
def test_those_who_cannot_edit_cannot_remove_an_attachment(client, case, persona):
    _application, people, report, attachment = case
    response = client_for(client, people, persona).post(
        reverse("reporting:delete_attachment", args=[report.pk, attachment.pk])
    )
    assert response.status_code == 404
    assert ReportAttachment.objects.filter(pk=attachment.pk).exists()


def test_an_editor_removes_an_attachment(client, case):
    _application, people, report, attachment = case
    client.force_login(people["editor"])
    client.post(reverse("reporting:delete_attachment", args=[report.pk, attachment.pk]))
    assert not ReportAttachment.objects.exists()


def test_a_submitted_report_can_no_longer_be_edited(client, case):
    _application, people, report, _attachment = case
    report.status = "submitted"
    report.save()
    client.force_login(people["coordinator"])
    response = client.post(
        reverse("reporting:step", args=[report.pk, "content"]), {"activities": "Ändrat"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.activities != "Ändrat"


def test_an_unknown_report_or_step_is_a_404(client, case):
    _application, people, report, _attachment = case
    client.force_login(people["coordinator"])
    assert client.get(reverse("reporting:report", args=[report.pk + 100])).status_code == 404
    assert client.get(reverse("reporting:step", args=[report.pk, "nope"])).status_code == 404
    assert client.get(reverse("reporting:step", args=[report.pk, "review"])).status_code == 404
