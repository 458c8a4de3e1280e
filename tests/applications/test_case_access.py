"""Every case URL answers 404 to anyone without access (table-driven)."""

import pytest
from django.urls import reverse

from applications.models import Contributor
from partnerships.models import MembershipStatus
from tests.factories import ApplicationFactory, MembershipFactory, UserFactory, make_coordinator

pytestmark = pytest.mark.django_db

STEPS = ["partnership", "content", "planning", "visits", "budget", "team"]
VIEW_URLS = [("applications:case", None), ("applications:review", None)] + [
    ("applications:step", step) for step in STEPS
]
SUBMIT_URLS = ["applications:submit", "applications:withdraw"]
PERSONAS = ["outsider", "pending_colleague", "reader", "editor", "creator", "coordinator"]
CAN_VIEW = {"reader", "editor", "creator", "coordinator"}
CAN_EDIT = {"editor", "creator", "coordinator"}
CAN_SUBMIT = {"coordinator"}


@pytest.fixture
def case_and_people():
    coordinator = make_coordinator()
    organisation = coordinator.memberships.get().organisation
    creator = MembershipFactory(organisation=organisation, status=MembershipStatus.PENDING).user
    application = ApplicationFactory(organisation=organisation, created_by=creator)
    people = {
        "outsider": make_coordinator(),  # a coordinator, but of another organisation
        "pending_colleague": MembershipFactory(organisation=organisation).user,
        "reader": UserFactory(),
        "editor": UserFactory(),
        "creator": creator,
        "coordinator": coordinator,
    }
    Contributor.objects.create(application=application, user=people["reader"], role="reader")
    Contributor.objects.create(application=application, user=people["editor"], role="editor")
    return application, people


def url(name, application, step=None):
    args = [application.pk, step] if step else [application.pk]
    return reverse(name, args=args)


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "step"), VIEW_URLS)
def test_viewing_a_case_needs_access(client, case_and_people, persona, name, step):
    application, people = case_and_people
    client.force_login(people[persona])
    response = client.get(url(name, application, step))
    if persona in CAN_VIEW:
        # A reader who opens an edit step is shown the case page instead.
        assert response.status_code in (200, 302)
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("step", STEPS)
def test_saving_a_step_needs_edit_access(client, case_and_people, persona, step):
    application, people = case_and_people
    client.force_login(people[persona])
    response = client.post(url("applications:step", application, step), {"save": ""})
    if persona in CAN_EDIT:
        assert response.status_code in (200, 302)
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", SUBMIT_URLS)
def test_submitting_and_withdrawing_need_a_coordinator(client, case_and_people, persona, name):
    application, people = case_and_people
    client.force_login(people[persona])
    response = client.post(url(name, application), {"declaration": "on"})
    assert response.status_code == (302 if persona in CAN_SUBMIT else 404)


@pytest.mark.parametrize(("name", "step"), [*VIEW_URLS, *((n, None) for n in SUBMIT_URLS)])
def test_anonymous_visitors_are_asked_to_log_in(client, case_and_people, name, step):
    application, _ = case_and_people
    response = client.get(url(name, application, step))
    assert response.status_code in (302, 405)
    if response.status_code == 302:
        assert "/login/" in response["Location"]


def test_a_reader_sees_the_case_page_but_not_an_edit_step(client, case_and_people):
    application, people = case_and_people
    client.force_login(people["reader"])
    response = client.get(url("applications:step", application, "content"))
    assert response["Location"] == url("applications:case", application)


def test_the_dashboard_lists_only_visible_cases(client, case_and_people):
    application, people = case_and_people
    client.force_login(people["outsider"])
    assert application.title not in client.get(reverse("applications:dashboard")).text
    client.force_login(people["reader"])
    assert application.title in client.get(reverse("applications:dashboard")).text


def test_unknown_case_and_step_are_404(client, case_and_people):
    application, people = case_and_people
    client.force_login(people["coordinator"])
    assert client.get(reverse("applications:case", args=[999999])).status_code == 404
    assert client.get(url("applications:step", application, "nonsense")).status_code == 404
