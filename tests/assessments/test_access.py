"""Every URL of ICLD's pages before the decision (assessments_staff), GET and POST, for every
persona: exactly the access the table gives, a 404 (never a hint that the case exists) or the
login page otherwise. An assessor who declared jäv on the case, and an officer who did, get a
404 on every page of it; coordinators see none of it (so neither scores nor notes)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from assessments.models import Assessment, AssessmentStatus
from assessments.workflow import ASSESSMENT_WORKFLOW
from tests.factories import as_staff
from tests.security.matrix import table_expects, table_outcomes, urls_without_rule

pytestmark = pytest.mark.django_db

NAMESPACE = "assessments_staff"
PERSONAS = [
    "anonymous",
    "outsider",
    "reader",
    "editor",
    "creator",
    "coordinator",
    "staff",  # an administrator with a second factor
    "staff_without_second_factor",
    "officer",  # the case officers' group; not assessing this case
    "officer_with_jav",  # an officer assigned as assessor who declared jäv
    "assessor",  # assigned, no conflict declared
    "assessor_with_jav",
    "unassigned_assessor",
]
OFFICERS = {"staff", "officer"}
ASSESSORS = {"staff", "officer", "officer_with_jav", "assessor", "assessor_with_jav"}
ASSESSORS |= {"unassigned_assessor"}
RULES = {
    ("screening", "GET"): OFFICERS,
    ("screening", "POST"): OFFICERS,
    # Their own list: with jäv declared, the case is not on it.
    ("mine", "GET"): ASSESSORS,
    ("mine", "POST"): "405",
    ("assess", "GET"): {"assessor"},
    ("assess", "POST"): {"assessor"},
    ("case", "GET"): OFFICERS,
    ("case", "POST"): OFFICERS,
}


def test_the_table_has_a_rule_for_every_url_of_the_app():
    assert not urls_without_rule(NAMESPACE, RULES)


@pytest.fixture
def world(case_world, make_officer, make_assessor):
    people = case_world.people
    application = case_world.application
    people["officer"] = make_officer()
    people["officer_with_jav"] = make_officer()
    people["assessor"] = make_assessor()
    people["assessor_with_jav"] = make_assessor()
    people["unassigned_assessor"] = make_assessor()
    by = as_staff(people["officer"])
    for persona in ("assessor", "assessor_with_jav", "officer_with_jav"):
        # Rows as assign_assessor writes them (its rules, e.g. a screening first, are tested in
        # test_assessment): the screening page's table stays that of an unscreened case.
        assessment = Assessment.objects.create(
            application=application, assessor=people[persona], assigned_by=by
        )
        if persona.endswith("_with_jav"):
            ASSESSMENT_WORKFLOW.apply(assessment, "declare_conflict", by=people[persona])
    assert application.assessments.filter(status=AssessmentStatus.CONFLICT).count() == 2
    return case_world


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_exactly_the_access_of_the_table(client, world, persona):
    if persona != "anonymous":
        client.force_login(world.people[persona])
    got = table_outcomes(client, NAMESPACE, RULES, {"pk": world.application.pk})
    assert got == {rule: table_expects(persona, allowed) for rule, allowed in RULES.items()}


def test_the_case_is_not_on_the_list_of_an_assessor_who_declared_jav(client, world):
    client.force_login(world.people["assessor_with_jav"])
    page = client.get(reverse(f"{NAMESPACE}:mine")).content.decode()
    assert str(world.application) not in page
    client.force_login(world.people["assessor"])
    page = client.get(reverse(f"{NAMESPACE}:mine")).content.decode()
    assert str(world.application) in page


def test_an_officer_who_declared_jav_finds_the_application_missing_in_the_admin(client, world):
    application = world.application
    page = f"/admin/applications/application/{application.pk}/change/"
    client.force_login(world.people["officer_with_jav"])
    response = client.get(page)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    listed = client.get("/admin/applications/application/").context["cl"].result_list
    assert application not in listed
    client.force_login(world.people["officer"])
    assert client.get(page).status_code == 200
    assert application in client.get("/admin/applications/application/").context["cl"].result_list
