"""Every URL of the round board (decisions_staff), GET and POST, for every persona: the
board's permission and a second factor, or a 404 (the login page for the anonymous)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from applications.models import ApplicationRound
from core.staff import STAFF_GROUP
from tests.factories import make_staff
from tests.security.conftest import case_world, client, make_account, media  # noqa: F401
from tests.security.matrix import classify as staff_outcome
from tests.security.routes import all_routes

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
    names = {r.name for r in all_routes() if r.namespace == NAMESPACE}
    assert names == {f"{NAMESPACE}:{name}" for name, _method in RULES}


def expected(persona: str, name: str, method: str) -> str:
    allowed = RULES[(name, method)]
    if persona == "staff_without_second_factor":
        return "mfa"  # /admin/ asks for the second factor before anything else
    if allowed == "405":
        return "405"  # refused before anyone is asked to log in
    if persona == "anonymous":
        return "login"
    if isinstance(allowed, str):
        return allowed
    if persona in allowed:
        return "400" if method == "POST" else "ok"
    return "404"


@pytest.fixture
def world(case_world):  # noqa: F811
    officer = make_staff(is_superuser=False)
    officer.groups.add(Group.objects.get(name=STAFF_GROUP))
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
    routes = {r.name: r for r in all_routes() if r.namespace == NAMESPACE}
    got, want = {}, {}
    for name, method in RULES:
        path = routes[f"{NAMESPACE}:{name}"].path({"pk": round_.pk})
        response = client.post(path, {}) if method == "POST" else client.get(path)
        result = staff_outcome(response)
        got[(name, method)] = result.split(" ")[0]
        want[(name, method)] = expected(persona, name, method)
    assert got == want
