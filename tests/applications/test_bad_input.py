"""Garbage posted to every form of the application gets a page with a message, never a 500."""

import pytest
from django.urls import reverse

from tests.factories import application_of, make_coordinator

pytestmark = pytest.mark.django_db

TOO_LONG = "x" * 5000
GARBAGE = [
    {},
    {"title": TOO_LONG, "new_partner_name": TOO_LONG, "component": TOO_LONG},
    {"component": "nonsense", "partnership": "999999", "new_partner_country": "abc"},
    {"period_start": "31/31/2025", "period_end": "yesterday", "sdgs": ["0", "18", "x"]},
    {"democratic_areas": ["999999", "x"], "dialogue_date": "-1"},
    {"swedish-TOTAL_FORMS": "x", "partner-TOTAL_FORMS": "-5"},
    {
        "swedish-TOTAL_FORMS": "1",
        "swedish-INITIAL_FORMS": "0",
        "swedish-0-category": "king",
        "swedish-0-gender": "?",
        "swedish-0-id": "999999",
        "partner-TOTAL_FORMS": "0",
        "partner-INITIAL_FORMS": "0",
    },
    {
        "visits-TOTAL_FORMS": "1",
        "visits-INITIAL_FORMS": "0",
        "visits-0-participants": "-3",
        "visits-0-methods": ["flying"],
        "visits-0-host": "moon",
    },
    {
        "budget-TOTAL_FORMS": "1",
        "budget-INITIAL_FORMS": "0",
        "budget-0-amount_sek": "1e99",
        "budget-0-category": "yacht",
    },
    {"budget-TOTAL_FORMS": "5000", "budget-INITIAL_FORMS": "0"},
]
STEPS = ["partnership", "content", "planning", "visits", "budget", "team"]


@pytest.fixture
def coordinator_and_case():
    coordinator = make_coordinator()
    application = application_of(coordinator)
    return coordinator, application


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("data", GARBAGE)
def test_garbage_on_a_step_is_answered_without_a_500(client, coordinator_and_case, step, data):
    coordinator, application = coordinator_and_case
    client.force_login(coordinator)
    url = reverse("applications:step", args=[application.pk, step])
    response = client.post(url, {**data, "save": ""})
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert "Ingenting på den här sidan har sparats" in response.text


@pytest.mark.parametrize("data", GARBAGE[:5])
@pytest.mark.parametrize("name", ["applications:new", "applications:join_organisation"])
def test_garbage_on_starting_forms_is_answered_without_a_500(
    client, coordinator_and_case, name, data
):
    coordinator, _ = coordinator_and_case
    client.force_login(coordinator)
    response = client.post(reverse(name), {**data, "organisation": "999999", "language": "xx"})
    assert response.status_code == 200
    assert 'class="invalid-feedback' in response.text


def test_copying_to_an_unknown_component_is_refused_with_a_message(client, coordinator_and_case):
    coordinator, application = coordinator_and_case
    client.force_login(coordinator)
    response = client.post(
        reverse("applications:copy", args=[application.pk]), {"component": "x"}, follow=True
    )
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("applications:case", args=[application.pk])
