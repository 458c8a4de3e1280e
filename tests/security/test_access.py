"""Every URL of the applications app, GET and POST, for every persona: exactly the access the
table below gives, and a 404 (never a hint that the case exists) or the login page otherwise.

The table is the policy in one place; a new URL of the app fails
`test_the_table_has_a_rule_for_every_url_of_the_app` until someone writes its rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from applications.views.wizard import STEP_BY_SLUG

from .routes import Route, all_routes

pytestmark = pytest.mark.django_db

PERSONAS = [
    "outsider",  # a coordinator of another organisation
    "pending_colleague",  # a member of the case's organisation, not yet approved
    "reader",
    "editor",
    "creator",  # the pending member who drafted the case
    "coordinator",
    "staff",  # ICLD staff: read every case, change none (the review is in the admin)
    "staff_without_second_factor",  # is_staff alone opens nothing
]
SIGNED_IN = frozenset(PERSONAS)
ANYONE = SIGNED_IN | {"anonymous"}
VIEWERS = frozenset({"reader", "editor", "creator", "coordinator", "staff"})
EDITORS = frozenset({"editor", "creator", "coordinator"})
COORDINATOR = frozenset({"coordinator"})
NOT_THIS_METHOD = "405"  # for everyone signed in (the login check comes first)


@dataclass(frozen=True)
class Rule:
    get: frozenset[str] | str
    post: frozenset[str] | str
    public: bool = False  # no login needed at all


RULES = {
    "applications:rounds": Rule(get=ANYONE, post=NOT_THIS_METHOD, public=True),
    "applications:dashboard": Rule(get=SIGNED_IN, post=SIGNED_IN),
    "applications:join_organisation": Rule(get=SIGNED_IN, post=SIGNED_IN),
    # Anyone signed in may start a case; without an organisation they are sent to join one.
    "applications:new": Rule(get=SIGNED_IN, post=SIGNED_IN),
    "applications:case": Rule(get=VIEWERS, post=VIEWERS),
    # A reader or staff opening a step is shown the case page instead.
    "applications:step": Rule(get=VIEWERS, post=EDITORS),
    "applications:review": Rule(get=VIEWERS, post=VIEWERS),
    # The team step's live findings: the rows posted are judged, nothing is saved.
    "applications:team_findings": Rule(get=NOT_THIS_METHOD, post=EDITORS),
    "applications:submit": Rule(get=NOT_THIS_METHOD, post=COORDINATOR),
    "applications:withdraw": Rule(get=NOT_THIS_METHOD, post=COORDINATOR),
    # Anyone who sees a case may ask to copy it; only its organisation's members get a copy.
    "applications:copy": Rule(get=NOT_THIS_METHOD, post=VIEWERS),
    "applications:contributors": Rule(get=COORDINATOR, post=COORDINATOR),
    "applications:contributor_role": Rule(get=NOT_THIS_METHOD, post=COORDINATOR),
    "applications:remove_contributor": Rule(get=NOT_THIS_METHOD, post=COORDINATOR),
    "applications:revoke_invitation": Rule(get=NOT_THIS_METHOD, post=COORDINATOR),
    # Only an account with the invited address verified may accept; none of these has it.
    "applications:accept_invitation": Rule(get="403", post="403"),
    "applications:attachments": Rule(get=VIEWERS, post=EDITORS),
    "applications:attachment_download": Rule(get=VIEWERS, post=VIEWERS),
    "applications:delete_attachment": Rule(get=NOT_THIS_METHOD, post=EDITORS),
    "applications:participant_form": Rule(get=VIEWERS, post=VIEWERS),
    # The receipt of a submission (on this unsubmitted draft: a 404 for those who see it too).
    "applications:receipt": Rule(get=VIEWERS, post=VIEWERS),
    # Proposing is for a granted case; on this draft those who may edit are sent back to it.
    "applications:propose_change": Rule(get=EDITORS, post=EDITORS),
    "applications:withdraw_change": Rule(get=NOT_THIS_METHOD, post=EDITORS),
    # A draft never submitted is deleted (and brought back) by its creator or a coordinator.
    "applications:delete_draft": Rule(
        get=frozenset({"creator", "coordinator"}), post=frozenset({"creator", "coordinator"})
    ),
    "applications:restore_draft": Rule(
        get=NOT_THIS_METHOD, post=frozenset({"creator", "coordinator"})
    ),
    # A partnership's pathway: its organisation's coordinators, and staff (who read it; only a
    # coordinator's POST states a dialogue).
    "applications:pathway": Rule(
        get=frozenset({"coordinator", "staff"}), post=frozenset({"coordinator", "staff"})
    ),
}
# POSTs that change what later requests of the walk find: done last, in this order.
LAST = [
    "applications:withdraw_change",
    "applications:revoke_invitation",
    "applications:remove_contributor",
    "applications:delete_attachment",
    "applications:accept_invitation",
    # Deleting the draft hides it; the undo right after brings it back.
    "applications:delete_draft",
    "applications:restore_draft",
]


def application_routes() -> list[Route]:
    return [r for r in all_routes() if r.namespace == "applications"]


def expected(rule: Rule, method: str, persona: str) -> str:
    allowed = rule.get if method == "GET" else rule.post
    if persona == "anonymous" and not rule.public:
        return "login"
    if isinstance(allowed, str):  # the same status for everyone signed in
        return allowed
    return "ok" if persona in allowed else "404"


def outcome(response) -> str:
    status = response.status_code
    location = response.get("Location", "")
    if status in (403, 404, 405):
        return str(status)
    if status == 302 and location.startswith(reverse("account_login") + "?next="):
        return "login"
    on_site = url_has_allowed_host_and_scheme(location, {"testserver"}) and urlsplit(
        location
    ).netloc in ("", "testserver")
    if 200 <= status < 300 or (300 <= status < 400 and on_site):
        return "ok"
    return f"{status} {location}"


def requests_to_make(case_world) -> list[tuple[str, str, str]]:
    """(method, URL name, path) for every URL of the app, every wizard step included."""
    values = case_world.url_values()
    planned = []
    for method in ("GET", "POST"):
        routes = sorted(
            application_routes(),
            key=lambda r: LAST.index(r.name) if method == "POST" and r.name in LAST else -1,
        )
        for route in routes:
            if route.name == "applications:step":
                steps = [slug for slug, step in STEP_BY_SLUG.items() if step.build]
                paths = [route.path(values | {"step": slug}) for slug in steps]
            else:
                paths = [route.path(values)]
            planned += [(method, route.name, path) for path in paths]
    return planned


def test_the_table_has_a_rule_for_every_url_of_the_app():
    assert sorted({r.name for r in application_routes()}) == sorted(RULES)


@pytest.mark.parametrize("persona", ["anonymous", *PERSONAS])
def test_each_persona_gets_exactly_the_access_of_the_table(client, case_world, persona):
    if persona != "anonymous":
        client.force_login(case_world.people[persona])
    wrong = []
    for method, name, path in requests_to_make(case_world):
        response = client.get(path) if method == "GET" else client.post(path, {})
        want, got = expected(RULES[name], method, persona), outcome(response)
        if got != want:
            wrong.append(f"{method} {path} ({name}): expected {want}, got {got}")
    assert wrong == []
