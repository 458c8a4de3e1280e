"""A new submission gets its case officer by the rules staff set in the admin (the first that
matches, by order: component, the partner country's cluster, round), or the round's lead; a
resubmission keeps its officer; the assignment log says which rule did it."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from applications import workflow
from applications.models import ApplicationRound
from casework.models import Assignment, AssignmentRule, CaseOfficer, RoundLead
from partnerships.models import Cluster, Component
from tests.factories import as_staff
from tests.screening import screen_admissible

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(reference_data):
    from tests.factories import valid_forberedelse

    today = datetime.date.today()
    autumn = ApplicationRound.objects.create(
        name="2026-09",
        opens_on=today - datetime.timedelta(days=10),
        closes_on=today + datetime.timedelta(days=10),
        components=[Component.FORBEREDELSE],
    )
    # A Förberedelse keeps the round it has (it is applied for at any time); the partner is in
    # Kenya, an East African cluster country.
    return valid_forberedelse(round=autumn)


def submit(application):
    return workflow.submit_application(application=application, by=application.created_by)


def officer_of(application):
    found = CaseOfficer.objects.filter(application=application).select_related("officer")
    return found.first().officer if found.exists() else None


def test_the_first_matching_rule_by_order_assigns_and_the_log_names_it(draft, make_officer):
    anna, bo, cecilia = make_officer(), make_officer(), make_officer()
    AssignmentRule.objects.create(order=1, component=Component.PROJEKT, officer=anna)
    AssignmentRule.objects.create(order=2, cluster=Cluster.LATIN_AMERICA, officer=anna)
    by_cluster = AssignmentRule.objects.create(order=3, cluster=Cluster.EAST_AFRICA, officer=bo)
    AssignmentRule.objects.create(order=4, officer=cecilia)
    submit(draft)
    assert officer_of(draft) == bo
    (log,) = Assignment.objects.filter(application=draft)
    assert (log.officer, log.previous, log.assigned_by, log.rule) == (bo, None, None, by_cluster)


def test_a_rule_without_an_officer_leaves_the_case_for_the_rounds_lead(draft, make_officer):
    lead, other = make_officer(), make_officer()
    RoundLead.objects.create(round=draft.round, officer=lead)
    AssignmentRule.objects.create(order=1, component=Component.FORBEREDELSE)
    AssignmentRule.objects.create(order=2, officer=other)
    submit(draft)
    assert officer_of(draft) == lead


def test_with_no_rule_matching_the_round_lead_has_it_and_without_one_nobody(
    draft, make_officer, reference_data
):
    from tests.factories import valid_forberedelse

    lead = make_officer()
    AssignmentRule.objects.create(order=1, round=None, cluster=Cluster.LATIN_AMERICA, officer=lead)
    RoundLead.objects.create(round=draft.round, officer=lead)
    submit(draft)
    assert officer_of(draft) == lead
    assert Assignment.objects.get(application=draft).rule is None

    roundless = valid_forberedelse()
    submit(roundless)
    assert officer_of(roundless) is None
    assert not Assignment.objects.filter(application=roundless).exists()


def test_a_rule_whose_officer_left_the_group_or_the_rounds_lead_missing_is_passed(
    draft, make_officer
):
    gone, here = make_officer(), make_officer()
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    AssignmentRule.objects.create(order=1, officer=gone)
    AssignmentRule.objects.create(order=2)  # the round's lead, but the round has none
    AssignmentRule.objects.create(order=3, officer=here)
    submit(draft)
    assert officer_of(draft) == here


def test_a_resubmitted_case_keeps_its_officer(draft, make_officer):
    first, rule_officer = make_officer(), make_officer()
    submit(draft)
    assert officer_of(draft) is None
    staff = as_staff(make_officer())
    from casework.services import assign_officer

    assign_officer(applications=[draft], officer=first, by=staff)
    AssignmentRule.objects.create(order=1, officer=rule_officer)
    screen_admissible(draft, by=staff)
    workflow.make_staff_transition(application=draft, name="return", by=staff, comment="Mer")
    draft.refresh_from_db()
    submit(draft)
    assert officer_of(draft) == first
    assert Assignment.objects.filter(application=draft).count() == 1


def test_staff_set_rules_and_a_rounds_lead_in_the_admin(client, draft, make_officer):
    officer = make_officer()
    client.force_login(officer)
    add = client.post(
        reverse("admin:casework_assignmentrule_add"),
        {"order": "5", "component": "", "cluster": Cluster.EAST_AFRICA, "officer": officer.pk},
    )
    assert add.status_code == 302, add.content.decode()[:2000]
    rule = AssignmentRule.objects.get()
    assert (rule.cluster, rule.officer) == (Cluster.EAST_AFRICA, officer)
    listing = client.get(reverse("admin:casework_assignmentrule_changelist"))
    assert listing.status_code == 200
    round_page = client.get(
        reverse("admin:applications_applicationround_change", args=[draft.round.pk])
    )
    assert round_page.status_code == 200
    page = round_page.content.decode()
    assert "lead-0-officer" in page
    submit(draft)
    assert officer_of(draft) == officer
