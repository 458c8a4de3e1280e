"""Every casework URL, for every persona: exactly the access the table gives, a 404 (never a
hint that the case exists) or the login page otherwise; the rows follow
tests/security/test_access.py's table, which covers the applications namespace."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from casework.models import Message, MessageAttachment, MessageKind
from tests.factories import pdf_bytes
from tests.security.routes import all_routes
from tests.security.test_access import outcome

pytestmark = pytest.mark.django_db

PERSONAS = [
    "anonymous",
    "outsider",
    "pending_colleague",
    "reader",
    "editor",
    "creator",
    "coordinator",
    "staff",
    "staff_without_second_factor",
    "officer",
]
VIEWERS = {"reader", "editor", "creator", "coordinator", "staff", "officer"}
WRITERS = {"editor", "creator", "coordinator", "staff", "officer"}
STAFF = {"staff", "officer"}
# (route, method) -> who gets "ok"; anonymous always gets the login page.
RULES = {
    ("casework:thread", "GET"): VIEWERS,
    ("casework:thread", "POST"): WRITERS,
    ("casework:thread_read", "GET"): "405",
    ("casework:thread_read", "POST"): VIEWERS,
    ("casework:message_attachment", "GET"): VIEWERS,
    ("casework:message_attachment", "POST"): "405",
    ("casework_staff:queue", "GET"): STAFF,
    ("casework_staff:queue", "POST"): "405",
}


def test_the_table_has_a_rule_for_every_url_of_the_app():
    names = {r.name for r in all_routes() if r.namespace in ("casework", "casework_staff")}
    assert names == {name for name, _method in RULES}


def staff_outcome(response) -> str:
    """The security table's outcome, with "mfa" for /admin/ asking for the second factor."""
    location = response.get("Location", "").split("?")[0]
    if response.status_code == 302 and location in (
        reverse("mfa_reauthenticate"),
        reverse("mfa_activate_totp"),
    ):
        return "mfa"
    return outcome(response)


def expected(persona, route, method):
    allowed = RULES[(route, method)]
    if persona == "staff_without_second_factor" and route == "casework_staff:queue":
        return "mfa"  # /admin/ asks for the second factor before anything else
    if (route, method) == ("casework_staff:queue", "POST"):
        return "405"  # refused before anyone is asked to log in
    if persona == "anonymous":
        return "login"
    if isinstance(allowed, str):
        return allowed
    return "ok" if persona in allowed else "404"


@pytest.fixture
def world(case_world, make_officer):
    case_world.people["officer"] = make_officer()
    application = case_world.application
    message = Message.objects.create(
        application=application, author=case_world.people["coordinator"], body="Hej"
    )
    attachment = MessageAttachment.objects.create(
        message=message,
        file=ContentFile(pdf_bytes("Bilaga"), name="b.pdf"),
        original_name="b.pdf",
        content_type="application/pdf",
        size=10,
        uploaded_by=case_world.people["coordinator"],
    )
    return case_world, attachment


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_exactly_the_access_of_the_table(client, world, persona):
    case_world, attachment = world
    if persona != "anonymous":
        client.force_login(case_world.people[persona])
    routes = {r.name: r for r in all_routes() if r.namespace in ("casework", "casework_staff")}
    values = {"pk": case_world.application.pk, "attachment_pk": attachment.pk}
    got, want = {}, {}
    for (name, method), _allowed in RULES.items():
        path = routes[name].path(values)
        data = {"body": "Ett meddelande"} if method == "POST" else None
        response = client.post(path, data) if method == "POST" else client.get(path)
        got[(name, method)] = staff_outcome(response)
        want[(name, method)] = expected(persona, name, method)
    assert got == want


def test_an_internal_notes_file_is_a_404_for_the_coordinators_side(client, world):
    case_world, attachment = world
    Message.objects.filter(pk=attachment.message_id).update(kind=MessageKind.NOTE)
    url = reverse("casework:message_attachment", args=[case_world.application.pk, attachment.pk])
    for persona, status in [("coordinator", 404), ("reader", 404), ("officer", 200)]:
        client.force_login(case_world.people[persona])
        assert client.get(url).status_code == status
