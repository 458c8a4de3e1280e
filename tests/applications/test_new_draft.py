"""A draft is created by its first saved step, not by choosing a component (issue 18, item 7:
"Drafts: created on first save, not on a click"): a coordinator who opens the wizard and
leaves leaves nothing behind; the first "Spara" stores the draft with what was typed."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from applications.models import Application
from tests.concurrency import at_once
from tests.factories import (
    CountryFactory,
    MunicipalityFactory,
    PartnershipFactory,
    make_coordinator,
)

pytestmark = pytest.mark.django_db

STEP_ONE = {
    "component": "forberedelse",
    "new_partner_name": "Kisumu County Government",
    "new_partner_type": "municipality",
    "new_partner_city": "Kisumu",
}


@pytest.fixture
def country():
    return CountryFactory()


def start(client, coordinator, component: str = "forberedelse") -> str:
    """Send the new-application form; the address of the first step it leads to."""
    response = client.post(
        reverse("applications:new"),
        {
            "organisation": coordinator.memberships.get().organisation_id,
            "component": component,
            "language": "sv",
        },
    )
    assert response.status_code == 302
    return response["Location"]


def test_choosing_a_component_stores_nothing_and_leads_to_the_first_step(client, coordinator):
    client.force_login(coordinator)
    first = start(client, coordinator, "projekt")
    assert first.startswith(reverse("applications:new_step"))
    page = client.get(first)
    assert page.status_code == 200
    assert "data-new-draft" in page.text
    assert 'value="projekt" selected' in page.text
    assert Application.objects.count() == 0  # leaving now leaves nothing behind


def test_the_first_save_creates_the_draft_with_what_was_typed(client, coordinator, country):
    client.force_login(coordinator)
    first = start(client, coordinator)
    response = client.post(first, STEP_ONE | {"new_partner_country": country.pk, "save": ""})
    draft = Application.objects.get()
    assert response["Location"] == reverse("applications:step", args=[draft.pk, "partnership"])
    assert (draft.organisation, draft.created_by, draft.language) == (
        coordinator.memberships.get().organisation,
        coordinator,
        "sv",
    )
    assert (draft.component, draft.new_partner_name, draft.new_partner_country) == (
        "forberedelse",
        "Kisumu County Government",
        country,
    )
    assert draft.history.get().history_user == coordinator  # audited from the start
    # "Spara och fortsätt" leads on to step 2 of the draft just made.
    second = client.post(first, STEP_ONE | {"next": ""})
    newest = Application.objects.latest("pk")
    assert second["Location"] == reverse("applications:step", args=[newest.pk, "content"])


def test_bad_input_on_the_first_step_is_kept_and_stores_nothing(client, coordinator, country):
    client.force_login(coordinator)
    partnership = PartnershipFactory(
        swedish_organisation=coordinator.memberships.get().organisation
    )
    first = start(client, coordinator)
    response = client.post(
        first,
        STEP_ONE | {"partnership": partnership.pk, "new_partner_country": country.pk, "next": ""},
    )
    assert response.status_code == 200
    assert "inte båda" in response.text  # an existing partnership or a new partner, not both
    assert 'value="Kisumu County Government"' in response.text
    assert "<title>Fel: 1 fel – " in response.text
    assert Application.objects.count() == 0


@pytest.mark.parametrize(
    "query",
    [
        {"organisation": "nonsense", "component": "projekt", "language": "sv"},
        {"organisation": "0", "component": "no-such-component", "language": "xx"},
    ],
)
def test_nonsense_in_the_address_is_shown_as_errors_not_a_500(client, coordinator, query):
    client.force_login(coordinator)
    response = client.get(reverse("applications:new_step"), query)
    assert response.status_code == 200
    assert "<title>Fel: " in response.text
    response = client.post(reverse("applications:new_step") + "?organisation=0", STEP_ONE)
    assert response.status_code == 200
    assert Application.objects.count() == 0


def test_no_one_starts_a_draft_for_an_organisation_they_do_not_belong_to(client, coordinator):
    other = MunicipalityFactory()
    client.force_login(coordinator)
    query = {"organisation": other.pk, "component": "forberedelse", "language": "sv"}
    url = reverse("applications:new_step")
    response = client.post(
        f"{url}?organisation={other.pk}&component=forberedelse&language=sv", STEP_ONE | {"save": ""}
    )
    assert response.status_code == 200  # the choice is refused, with its error
    assert client.get(url, query).status_code == 200
    assert Application.objects.count() == 0


def test_the_address_alone_without_a_choice_leads_back_to_the_form(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("applications:new_step"))
    assert response["Location"] == reverse("applications:new")


def test_anonymous_is_asked_to_log_in_first(client):
    response = client.get(reverse("applications:new_step"))
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_first_step_sent_twice_gives_one_draft(client, coordinator, country):
    """A double click on "Spara" (or a resend) sends the page's one-time key twice."""
    client.force_login(coordinator)
    first = start(client, coordinator)
    key = re.search(r'name="start_key" value="([0-9a-f-]+)"', client.get(first).text).group(1)
    sent = STEP_ONE | {"new_partner_country": country.pk, "start_key": key, "save": ""}
    once, twice = client.post(first, sent), client.post(first, sent)
    draft = Application.objects.get()
    assert (
        once["Location"]
        == twice["Location"]
        == reverse("applications:step", args=[draft.pk, "partnership"])
    )
    # Another page (another key, or none or a broken one) is another draft.
    client.post(first, sent | {"start_key": "not-a-key"})
    assert Application.objects.count() == 2


def test_a_key_of_someone_else_makes_a_draft_of_ones_own(client, coordinator, country):
    client.force_login(coordinator)
    first = start(client, coordinator)
    key = re.search(r'name="start_key" value="([0-9a-f-]+)"', client.get(first).text).group(1)
    sent = STEP_ONE | {"new_partner_country": country.pk, "start_key": key, "save": ""}
    client.post(first, sent)
    other = make_coordinator()
    client.force_login(other)
    response = client.post(start(client, other), sent)
    # Their own draft, never a way to the first coordinator's (the key is taken: a new one).
    assert response.status_code in (200, 302)
    assert not Application.objects.filter(created_by=other, start_key=key).exists()


@pytest.mark.django_db(transaction=True)
def test_the_first_step_sent_twice_at_the_same_moment_gives_one_draft(coordinator, country):
    """A double click that the browser sends before the first answer: both requests carry the
    page's key; the second waits on the key's unique index and is given the draft the first
    made (create_draft's IntegrityError path), not a server error and not a second draft."""
    clients = [Client(), Client()]
    for one in clients:
        one.force_login(coordinator)
    first = start(clients[0], coordinator)
    page = clients[0].get(first).text
    key = re.search(r'name="start_key" value="([0-9a-f-]+)"', page).group(1)
    sent = STEP_ONE | {"new_partner_country": country.pk, "start_key": key, "save": ""}
    led_to = []
    outcomes = at_once(lambda one: led_to.append(one.post(first, sent)["Location"]), clients)
    assert outcomes == ["approved", "approved"]
    draft = Application.objects.get()
    assert led_to == [reverse("applications:step", args=[draft.pk, "partnership"])] * 2
    assert draft.new_partner_name == STEP_ONE["new_partner_name"]
