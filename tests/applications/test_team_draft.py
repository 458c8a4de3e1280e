""" "Save draft" on the team step keeps every row that is complete enough and the incomplete one
with its messages; "Save and continue" needs every row right (issue 18, item 6)."""

import re

import pytest
from django.urls import reverse

from applications.models import Participant
from tests.applications.test_wizard import person
from tests.factories import application_of, make_coordinator

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(client):
    coordinator = make_coordinator()
    client.force_login(coordinator)
    return application_of(coordinator)


def team_data(swedish: list[dict], button: str = "save", initial: int = 0) -> dict:
    data = {
        button: "",
        "swedish-TOTAL_FORMS": len(swedish),
        "swedish-INITIAL_FORMS": initial,
        "partner-TOTAL_FORMS": 0,
        "partner-INITIAL_FORMS": 0,
    }
    for i, row in enumerate(swedish):
        data |= person("swedish", i, **row)
    return data


UNFINISHED = {"name": "Halvfärdig", "category": "", "gender": ""}


def form_data(html: str) -> dict:
    """What the browser sends back from the page: every input, select and textarea of the form."""
    data = {}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html):
        data[name] = value
    for name, body in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', html, re.S):
        data[name] = body.strip()
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.search(r'<option value="([^"]*)"[^>]*selected', body)
        data[name] = chosen.group(1) if chosen else ""
    for name in re.findall(r'<input type="checkbox" name="([^"]+)"[^>]*checked', html):
        data[name] = "on"
    return {k: v for k, v in data.items() if not k.endswith("DELETE")}


def test_a_draft_keeps_the_complete_rows_and_shows_the_unfinished_one(client, draft):
    url = reverse("applications:step", args=[draft.pk, "team"])
    response = client.post(url, team_data([{"name": "Klar Person"}, UNFINISHED]))
    html = response.text
    assert response.status_code == 200
    assert list(Participant.objects.values_list("name", flat=True)) == ["Klar Person"]
    assert "1 person sparades. De här raderna är inte sparade än:" in html
    assert 'value="Halvfärdig"' in html  # what was typed is kept
    assert 'href="#id_swedish-1-category"' in html  # with its message
    assert 'name="swedish-INITIAL_FORMS" value="1"' in html

    # Sent again, finished: the saved row is not saved twice.
    data = form_data(html) | {
        "swedish-1-category": "official",
        "swedish-1-gender": "man",
        "save": "",
    }
    assert client.post(url, data).status_code == 302
    assert sorted(Participant.objects.values_list("name", flat=True)) == [
        "Halvfärdig",
        "Klar Person",
    ]


def test_save_and_continue_saves_nothing_while_a_row_is_unfinished(client, draft):
    url = reverse("applications:step", args=[draft.pk, "team"])
    response = client.post(url, team_data([{"name": "Klar Person"}, UNFINISHED], button="next"))
    assert response.status_code == 200
    assert "Ingenting på den här sidan har sparats" in response.text
    assert not Participant.objects.exists()


def test_a_row_marked_for_removal_goes_even_beside_an_unfinished_one(client, draft):
    url = reverse("applications:step", args=[draft.pk, "team"])
    client.post(url, team_data([{"name": "Går"}]))
    leaving = Participant.objects.get()
    data = team_data([{"name": "Går", "id": leaving.pk, "DELETE": "on"}, UNFINISHED], initial=1)
    assert client.post(url, data).status_code == 200
    assert not Participant.objects.exists()
