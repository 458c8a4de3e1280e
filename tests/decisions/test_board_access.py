"""Every URL of the round board (decisions_staff), GET and POST, for every persona: the
board's permission and a second factor, or a 404 (the login page for the anonymous)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from applications.models import ApplicationRound
from tests.factories import make_officer, make_staff
from tests.security.conftest import case_world, client, make_account, media  # noqa: F401
from tests.security.matrix import table_expects, table_outcomes, urls_without_rule

pytestmark = pytest.mark.django_db

NAMESPACE = "decisions_staff"
PERSONAS = [
    "anonymous",
    "outsider",
    "reader",
    "editor",
    "creator",
    "coordinator",
    "staff",
    "staff_without_second_factor",
    "officer",
    "assessor",  # scores only: no board
]
BOARD = {"staff", "officer"}
RULES = {
    ("rounds", "GET"): BOARD,
    ("rounds", "POST"): "405",
    # An empty POST is a batch with nothing ticked: the form's errors (400) for those allowed.
    ("round_board", "GET"): BOARD,
    ("round_board", "POST"): BOARD,
}


def test_the_table_has_a_rule_for_every_url_of_the_app():
    assert not urls_without_rule(NAMESPACE, RULES)


def expected(persona: str, name: str, method: str) -> str:
    allowed = RULES[(name, method)]
    if allowed == "405" and persona != "staff_without_second_factor":
        return "405"  # refused before anyone is asked to log in
    # An allowed empty POST is a batch with nothing ticked: the form's errors (400).
    return table_expects(persona, allowed, ok="400" if method == "POST" else "ok")


@pytest.fixture
def world(case_world):  # noqa: F811
    officer = make_officer()
    assessor = make_staff(is_superuser=False)
    assessor.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="assessments", codename="change_score")
    )
    case_world.people.update(officer=officer, assessor=assessor)
    today = timezone.localdate()
    round_ = ApplicationRound.objects.create(
        name="2026-03",
        opens_on=today,
        closes_on=today + datetime.timedelta(days=9),
        components=["projekt"],
    )
    return case_world, round_


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_exactly_the_access_of_the_table(client, world, persona):  # noqa: F811
    people, round_ = world[0].people, world[1]
    if persona != "anonymous":
        client.force_login(people[persona])
    got = table_outcomes(client, NAMESPACE, RULES, {"pk": round_.pk})
    assert got == {(name, method): expected(persona, name, method) for name, method in RULES}
