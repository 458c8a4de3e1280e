"""Finding 10: a GET never writes. A coordinator opens every GET route of applications,
reporting and case work, on a draft and on a granted case; no query may insert, update or
delete a row (the session is untouched by a plain GET, so nothing is allowed).

The message thread's unread marker (casework.ThreadRead) is moved by a POST the thread page
sends once shown, not by opening the thread."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casework.models import Message
from tests.reporting.factories import granted_case, report_with_files
from tests.security.routes import all_routes

pytestmark = pytest.mark.django_db

NAMESPACES = {"applications", "reporting", "casework"}
WRITES = ("INSERT", "UPDATE", "DELETE")


def writes_of(client, path: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code < 500, path
    return [
        q["sql"] for q in queries.captured_queries if q["sql"].lstrip().upper().startswith(WRITES)
    ]


THREAD = "casework:thread"


def routes():
    return [r for r in all_routes() if r.namespace in NAMESPACES]


def test_no_get_route_writes_on_a_draft_case(client, case_world):
    client.force_login(case_world.people["coordinator"])
    values = case_world.url_values()
    written = {}
    for route in routes():
        if route.namespace == "reporting" and route.name != "reporting:case_reports":
            continue  # a draft has no reports; the granted case below walks them
        path = route.path(values)
        if found := writes_of(client, path):
            written[path] = found
    assert written == {}


def test_no_get_route_writes_on_a_granted_case(client, media):
    application, people = granted_case()
    report, attachment = report_with_files(application, people)
    case_values = {
        "pk": application.pk,
        "step": "content",
        "version": 1,
        "number": 1,
        "attachment_pk": 0,
        "contributor_pk": 0,
        "invitation_pk": 0,
        "change_pk": 0,
        "partnership_pk": application.partnership_id or 0,
        "token": "no-such-token",
        "request_pk": 0,
        "decision": "confirm",
    }
    report_values = {**case_values, "pk": report.pk, "attachment_pk": attachment.pk}
    client.force_login(people["coordinator"])
    written = {}
    for route in routes():
        on_report = route.namespace == "reporting" and route.name != "reporting:case_reports"
        path = route.path(report_values if on_report else case_values)
        if found := writes_of(client, path):
            written[path] = found
    assert written == {}


def test_opening_the_thread_writes_nothing(client, case_world):
    """Even with a message new to the reader, opening the thread leaves its marker alone."""
    Message.objects.create(
        application=case_world.application,
        author=case_world.people["editor"],
        body="Nytt",
    )
    client.force_login(case_world.people["coordinator"])
    (route,) = [r for r in all_routes() if r.name == THREAD]
    assert writes_of(client, route.path(case_world.url_values())) == []
