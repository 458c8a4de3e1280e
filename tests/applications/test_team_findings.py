"""The team step's findings, next to each party's rows: as the coordinator types (the rows posted
to the team-findings endpoint, nothing saved) and, without JavaScript, after "save".

Seed 004 (Förberedelse): "Teamet ska bestå av två politiker, företrädesvis från majoritet
respektive opposition, och en eller två tjänstepersoner från varje partner, varav en är
samordnare".
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from applications.models import ApplicationStatus, Participant
from tests.applications.test_wizard import FORBEREDELSE_TEAM, step_url, team_post
from tests.factories import application_of, make_coordinator

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    coordinator = make_coordinator()
    application = application_of(
        coordinator,
        component="forberedelse",
    )
    return application, coordinator


def findings_url(application) -> str:
    return reverse("applications:team_findings", args=[application.pk])


class _Codes(HTMLParser):
    """The data-code attributes inside the element with a given id."""

    def __init__(self, block: str) -> None:
        super().__init__()
        self.block, self.depth, self.found, self.codes = block, 0, False, set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.depth or attrs.get("id") == self.block:
            self.found = True
            if tag not in {"br", "input", "meta", "img"}:
                self.depth += 1
            if "data-code" in attrs:
                self.codes.add(attrs["data-code"])

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1


def codes_in(html: str, block: str) -> set[str]:
    """The finding codes inside the element with id `block`."""
    parser = _Codes(block)
    parser.feed(html)
    assert parser.found, f"no #{block} in {html[:500]}"
    return parser.codes


# Two politicians, a coordinating official and one more official: men and women alternate.
TEAM = [*FORBEREDELSE_TEAM, {"category": "official"}]
ONE_POLITICIAN = [
    {"category": "politician", "political_side": "majority"},
    {"category": "official", "is_coordinator": "on"},
]


def test_the_rows_as_typed_are_judged_and_nothing_is_saved(client, draft):
    application, coordinator = draft
    client.force_login(coordinator)
    response = client.post(findings_url(application), team_post(ONE_POLITICIAN, TEAM))
    assert response.status_code == 200
    html = response.text
    assert "politician_count" in codes_in(html, "findings-swedish")
    assert codes_in(html, "findings-partner") == {"team_ok"}
    assert "politician_count" in codes_in(html, "team-findings-summary")
    assert 'href="#party-swedish"' in html
    assert html.count('hx-swap-oob="true"') == 3
    assert not Participant.objects.exists()


def test_fixing_the_row_clears_the_finding(client, draft):
    application, coordinator = draft
    client.force_login(coordinator)
    fixed = client.post(findings_url(application), team_post(TEAM, TEAM)).text
    assert codes_in(fixed, "findings-swedish") == {"team_ok"}
    assert codes_in(fixed, "team-findings-summary") == set()


def test_a_row_marked_for_removal_and_an_empty_new_row_do_not_count(client, draft):
    application, coordinator = draft
    client.force_login(coordinator)
    data = team_post([*TEAM, {"category": "politician"}], TEAM)
    data["swedish-4-DELETE"] = "on"
    data["swedish-TOTAL_FORMS"] = 6  # the sixth row was added and left empty
    html = client.post(findings_url(application), data).text
    assert codes_in(html, "findings-swedish") == {"team_ok"}


def test_a_finding_links_to_the_programme_text(client, draft):
    application, coordinator = draft
    client.force_login(coordinator)
    html = client.post(findings_url(application), team_post(ONE_POLITICIAN, [])).text
    assert "Varför: programmets regel" in html


def test_without_javascript_the_same_findings_appear_after_save(client, draft):
    application, coordinator = draft
    client.force_login(coordinator)
    response = client.post(step_url(application, "team"), team_post(ONE_POLITICIAN, []))
    assert response.status_code == 302
    page = client.get(response["Location"]).text
    assert "politician_count" in codes_in(page, "findings-swedish")
    assert "team_missing" in codes_in(page, "findings-partner")
    assert "team_missing" in codes_in(page, "team-findings-summary")


def test_an_empty_team_step_says_nothing_yet(client, draft):
    application, coordinator = draft
    client.force_login(coordinator)
    page = client.get(step_url(application, "team")).text
    assert codes_in(page, "findings-swedish") == set()
    assert codes_in(page, "team-findings-summary") == set()


@pytest.mark.parametrize("rows", [2, 12])
def test_the_endpoint_issues_the_same_queries_whatever_the_team_size(
    client, draft, django_assert_num_queries, rows
):
    application, coordinator = draft
    client.force_login(coordinator)
    data = team_post([{"category": "official"}] * rows, TEAM)
    # session, user, the case, the membership check, the rule sets in force
    with django_assert_num_queries(5):
        assert client.post(findings_url(application), data).status_code == 200


def test_a_submitted_case_has_no_live_findings(client, draft):
    application, coordinator = draft
    application.status = ApplicationStatus.SUBMITTED
    application.save()
    client.force_login(coordinator)
    assert client.post(findings_url(application), team_post([], [])).status_code == 404


def test_someone_outside_the_case_gets_a_404(client, draft):
    application, _coordinator = draft
    client.force_login(make_coordinator())
    assert client.post(findings_url(application), team_post([], [])).status_code == 404


# --- who may be in a team (issue 14, rule 5), through the team step ------------------------------

PROJEKT_GROUP = [
    {"category": "official", "is_project_leader": "on"},
    {"category": "official"},
    {"category": "official"},
]


@pytest.mark.parametrize(
    ("component", "team", "extra", "code"),
    [
        # Seed 004: "Representanter från civilsamhällsorganisationer kan också ingå I teamet" —
        # civil society is the only addition to a Preparation team.
        ("forberedelse", TEAM, {"category": "academia"}, "category_not_admitted:academia"),
        ("forberedelse", TEAM, {"category": "business"}, "category_not_admitted:business"),
        # Seed 004: "I styrgruppen ska företrädare för den politiska majoriteten och oppositionen
        # … ingå": a politician in the Projekt group belongs in the steering group.
        (
            "projekt",
            PROJEKT_GROUP,
            {"category": "politician", "political_side": "majority"},
            "category_not_admitted:politician",
        ),
    ],
)
def test_a_person_the_team_does_not_admit_is_a_finding_as_typed_and_after_save(
    client, draft, component, team, extra, code
):
    """Seed 004 names who makes up each team; anyone else is an error on the team step, live and
    (without JavaScript) after "save", and a civil-society member in their place is not."""
    application, coordinator = draft
    application.component = component
    application.save(update_fields=["component"])
    client.force_login(coordinator)

    live = client.post(findings_url(application), team_post([*team, extra], team)).text
    assert code in codes_in(live, "findings-swedish")
    assert code in codes_in(live, "team-findings-summary")
    assert code not in codes_in(live, "findings-partner")

    saved = client.post(step_url(application, "team"), team_post([*team, extra], team))
    page = client.get(saved["Location"]).text
    assert code in codes_in(page, "findings-swedish")

    civil = client.post(
        findings_url(application), team_post([*team, {"category": "civil_society"}], team)
    ).text
    assert not {c for c in codes_in(civil, "findings-swedish") if c.startswith("category_")}
