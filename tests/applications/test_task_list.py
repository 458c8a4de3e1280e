"""The task list on a draft's case page: each step with its status, reachable in any order
(GOV.UK's task list; issue 18, item 2)."""

import re

import pytest
from django.urls import reverse

from applications.models import Application
from applications.progress import STEP_OF_CODE
from applications.rules import BUDGET_CODES, ELIGIBILITY_CODES, TEAM_CODES, VISIT_CODES
from tests.factories import ParticipantFactory, application_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(coordinator):
    # The factory's draft names a new partner and a title: step 1 done, step 2 begun.
    return application_of(coordinator)


def statuses(client, application) -> dict[str, str]:
    html = client.get(reverse("applications:case", args=[application.pk])).text
    return dict(re.findall(r'data-task="([a-z]+)" data-status="([a-z_]+)"', html))


def test_each_step_says_where_it_stands(client, coordinator, draft):
    client.force_login(coordinator)
    assert statuses(client, draft) == {
        "partnership": "completed",
        "content": "in_progress",  # a title, no purpose or period yet
        "planning": "not_started",
        "visits": "not_started",
        "budget": "not_started",
        "attachments": "not_started",
        "team": "not_started",
        "review": "cannot_start",  # the rules still find errors
    }


def test_a_step_the_rules_find_fault_with_has_problems_and_says_which(client, coordinator, draft):
    """Seed 004: "Teamet ska bestå av två politiker, företrädesvis från majoritet respektive
    opposition" — a team of one official has problems."""
    ParticipantFactory(application=draft, name="Ensam Tjänsteperson")
    client.force_login(coordinator)
    assert statuses(client, draft)["team"] == "problems"
    html = client.get(reverse("applications:case", args=[draft.pk])).text
    team = re.search(r'<li[^>]*data-task="team".*?</li>', html, re.S).group(0)
    assert "politiker" in team  # the finding, in the row of the step that fixes it


def test_every_step_of_the_list_links_to_its_page(client, coordinator, draft):
    client.force_login(coordinator)
    html = client.get(reverse("applications:case", args=[draft.pk])).text
    for slug in ["partnership", "content", "planning", "visits", "budget", "team"]:
        assert f'href="{reverse("applications:step", args=[draft.pk, slug])}"' in html
    assert f'href="{reverse("applications:attachments", args=[draft.pk])}"' in html


def test_a_submitted_case_has_no_task_list(client, coordinator, draft):
    draft.status = "submitted"
    draft.save()
    client.force_login(coordinator)
    assert "data-task-list" not in client.get(reverse("applications:case", args=[draft.pk])).text


def test_the_first_saved_step_leads_to_the_task_list_by_its_breadcrumb(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("applications:new"),
        {
            "organisation": coordinator.memberships.get().organisation_id,
            "component": "projekt",
            "language": "sv",
        },
    )
    saved = client.post(response["Location"], {"component": "projekt", "save": ""})
    page = client.get(saved["Location"]).text
    task_list = reverse("applications:case", args=[Application.objects.get().pk])
    assert f'href="{task_list}">Uppgiftslista' in page
    assert "data-task-list" in client.get(task_list).text


def test_every_finding_of_the_rules_names_the_step_that_fixes_it():
    codes = TEAM_CODES | ELIGIBILITY_CODES | VISIT_CODES | BUDGET_CODES | {"title_missing"}
    assert codes - set(STEP_OF_CODE) == set()
