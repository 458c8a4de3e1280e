"""A coordinator drafts, fixes and submits an application, step by step."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applications.findings import PLANNING_FIELDS
from applications.models import Application, ApplicationStatus, Participant
from core.models import OutgoingEmail
from partnerships.models import Country, DemocraticArea
from tests.factories import ParticipantFactory, application_of, make_coordinator

pytestmark = pytest.mark.django_db


def step_url(application, step):
    return reverse("applications:step", args=[application.pk, step])


def person(prefix, i, **fields):
    data = {
        "name": f"Person {prefix} {i}",
        "organisation": "Org",
        "position": "Handläggare",
        "category": "official",
        "political_side": "",
        "gender": "woman" if i % 2 else "man",
        "email": "",
        "motivation": "Erfaren av medborgardialog.",
        "code_of_conduct": "on",
    } | fields
    out = {}
    for key, value in data.items():
        if key in {"is_coordinator", "is_project_leader"} and not value:
            continue
        out[f"{prefix}-{i}-{key}"] = value
    return out


def team_post(swedish: list[dict], partner: list[dict]) -> dict:
    data = {"save": ""}
    for prefix, rows in (("swedish", swedish), ("partner", partner)):
        data |= {
            f"{prefix}-TOTAL_FORMS": len(rows),
            f"{prefix}-INITIAL_FORMS": 0,
            f"{prefix}-MIN_NUM_FORMS": 0,
            f"{prefix}-MAX_NUM_FORMS": 1000,
        }
        for i, row in enumerate(rows):
            data |= person(prefix, i, **row)
    return data


DECLARED = {"declaration": "on"}  # the submitter confirms on behalf of the organisation

FORBEREDELSE_TEAM = [
    {"category": "politician", "political_side": "majority"},
    {"category": "politician", "political_side": "opposition"},
    {"category": "official", "is_coordinator": "on"},
]


@pytest.fixture
def coordinator(reference_data):
    from partnerships.models import SwedishOrganisation

    return make_coordinator(SwedishOrganisation.objects.get(code="0180"))


def test_a_coordinator_starts_fills_and_submits_a_forberedelse(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("applications:new"),
        {
            "organisation": coordinator.memberships.get().organisation_id,
            "component": "forberedelse",
            "language": "sv",
        },
    )
    assert not Application.objects.exists()  # stored by the first step's save

    kenya = Country.objects.get(code="KE")
    response = client.post(
        response["Location"],
        {
            "component": "forberedelse",
            "new_partner_name": "Kisumu County Government",
            "new_partner_country": kenya.pk,
            "new_partner_type": "municipality",
            "new_partner_city": "Kisumu",
            "next": "",
        },
    )
    application = Application.objects.get()
    assert response["Location"] == step_url(application, "content")
    today = datetime.date.today()
    client.post(
        step_url(application, "content"),
        {
            "title": "Unga röster",
            "purpose": "Stärka ungas inflytande.",
            "democratic_areas": [DemocraticArea.objects.get(slug="participation").pk],
            "sdgs": ["5", "16"],
            "target_group": "Unga 15–25 år",
            "period_start": today.isoformat(),
            "period_end": (today + datetime.timedelta(days=365)).isoformat(),
            "next": "",
        },
    )
    client.post(
        step_url(application, "planning"),
        dict.fromkeys(PLANNING_FIELDS, "Svar") | {"next": ""},
    )
    # A team that breaks two rules: one politician too few on each side.
    broken = team_post(FORBEREDELSE_TEAM[1:], FORBEREDELSE_TEAM[1:])
    assert client.post(step_url(application, "team"), broken).status_code == 302
    review = client.get(reverse("applications:review", args=[application.pk]))
    assert review.text.count('data-code="politician_count"') == 2
    failed = client.post(reverse("applications:submit", args=[application.pk]), DECLARED)
    assert failed.status_code == 302
    assert Application.objects.get().status == ApplicationStatus.DRAFT

    Participant.objects.all().delete()
    client.post(step_url(application, "team"), team_post(FORBEREDELSE_TEAM, FORBEREDELSE_TEAM))
    review = client.get(reverse("applications:review", args=[application.pk]))
    assert 'data-code="politician_count"' not in review.text
    submitted = client.post(reverse("applications:submit", args=[application.pk]), DECLARED)
    application.refresh_from_db()
    assert submitted["Location"] == reverse("applications:case", args=[application.pk])
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.case_number == f"KP-{today.year}-0001"
    assert application.submitted_by == coordinator
    receipt = OutgoingEmail.objects.get(recipient=coordinator.email)
    assert application.case_number in receipt.subject


def test_a_step_with_bad_input_keeps_the_input_and_says_what_to_fix(client, coordinator):
    application = application_of(coordinator)
    client.force_login(coordinator)
    response = client.post(
        step_url(application, "content"),
        {
            "title": "Behålls",
            "purpose": "Min text",
            "period_start": "not a date",
            "period_end": "2020-01-01",
            "sdgs": ["99"],
            "save": "",
        },
    )
    assert response.status_code == 200
    assert "Behålls" in response.text and "Min text" in response.text
    assert "Fyll i ett giltigt datum" in response.text
    application.refresh_from_db()
    assert application.title == "Unga röster i Kisumu"  # nothing half-saved


def test_team_rows_keep_what_was_typed_when_one_row_is_invalid(client, coordinator):
    application = application_of(coordinator)
    client.force_login(coordinator)
    rows = [{"name": "Kvar Kvarsson"}, {"motivation": ""}]
    response = client.post(step_url(application, "team"), team_post(rows, []))
    assert response.status_code == 200
    assert "Kvar Kvarsson" in response.text
    assert "Detta fält måste fyllas i" in response.text
    # "Save draft" keeps the complete row (test_team_draft.py); the other waits on the page.
    assert [p.name for p in Participant.objects.all()] == ["Kvar Kvarsson"]


def test_adding_a_row_without_javascript_saves_and_offers_an_empty_row(client, coordinator):
    application = application_of(coordinator)
    client.force_login(coordinator)
    data = team_post([{"name": "Första"}], []) | {"add_swedish": ""}
    del data["save"]
    response = client.post(step_url(application, "team"), data)
    assert response.status_code == 302
    assert "?add=swedish" in response["Location"]
    page = client.get(response["Location"])
    assert 'name="swedish-TOTAL_FORMS" value="2"' in page.text
    assert Participant.objects.get().name == "Första"


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


# session, user, case, membership check, contributor role, participants per party, …
# … and the findings: visits and the rule sets in force (a dialogue only with a partnership;
# the team step judges its rows by the rule sets too);
# the case page also counts its thread's messages, new ones too (casework), and its receipts;
# the budget's lines and the ceilings in force (costnorms) for the budget's findings.
# Check your answers also reads the visits, attachments and democratic areas.
PAGE_QUERIES = {"team": 7, "review": 15, "case": 18}


@pytest.mark.parametrize("page", list(PAGE_QUERIES))
def test_case_pages_issue_the_same_queries_for_1_and_20_people(client, coordinator, page):
    application = application_of(coordinator)
    client.force_login(coordinator)
    url = {
        "team": step_url(application, "team"),
        "review": reverse("applications:review", args=[application.pk]),
        "case": reverse("applications:case", args=[application.pk]),
    }[page]
    ParticipantFactory(application=application)
    with_1 = queries_for(client, url)
    ParticipantFactory.create_batch(19, application=application, party="partner")
    assert queries_for(client, url) == with_1 == PAGE_QUERIES[page]


def test_a_submitted_application_can_be_withdrawn_and_submitted_again(client, coordinator):
    application = application_of(
        coordinator,
        status=ApplicationStatus.SUBMITTED,
        case_number="KP-2026-0007",
    )
    client.force_login(coordinator)
    client.post(reverse("applications:withdraw", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    assert client.get(step_url(application, "content")).status_code == 200
    assert application.events.get().to_status == ApplicationStatus.WITHDRAWN


def test_a_submitted_application_cannot_be_edited(client, coordinator):
    application = application_of(
        coordinator,
        status=ApplicationStatus.SUBMITTED,
    )
    client.force_login(coordinator)
    response = client.post(step_url(application, "content"), {"title": "Ändrad", "save": ""})
    assert response["Location"] == reverse("applications:case", args=[application.pk])
    application.refresh_from_db()
    assert application.title != "Ändrad"


def test_starting_from_an_earlier_application_copies_team_and_planning(client, coordinator):
    earlier = application_of(
        coordinator,
        status=ApplicationStatus.APPROVED,
        context_swedish="Vår kontext",
    )
    ParticipantFactory.create_batch(3, application=earlier)
    client.force_login(coordinator)
    client.post(reverse("applications:copy", args=[earlier.pk]), {"component": "projekt"})
    draft = Application.objects.exclude(pk=earlier.pk).get()
    assert (draft.component, draft.status, draft.context_swedish) == (
        "projekt",
        ApplicationStatus.DRAFT,
        "Vår kontext",
    )
    assert draft.participants.count() == 3
