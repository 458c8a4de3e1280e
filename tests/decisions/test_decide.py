"""The decision: the officer proposes, another person with `decide_grant` decides; the
application follows through its own table; nobody decides their own case or their own proposal."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from applications.models import ApplicationStatus, Contributor
from decisions import selectors, services, workflow
from decisions.models import Decision, DecisionEvent, DecisionStatus, Outcome

pytestmark = pytest.mark.django_db


def test_the_proposal_is_prefilled_from_the_requested_amounts(officer, in_review):
    decision = services.propose(
        application=in_review, by=officer, outcome=Outcome.GRANTED, granted={"travel": 50_000}
    )
    lines = {line.category: (line.requested_sek, line.granted_sek) for line in decision.lines.all()}
    assert lines == {
        "travel": (65_000, 50_000),
        "accommodation": (24_000, 24_000),
        "interpretation": (11_000, 11_000),
    }
    assert selectors.granted_total(decision) == 85_000 == decision.granted_total
    assert selectors.requested_total(decision) == 100_000
    assert selectors.current_decision(in_review) == decision
    assert decision.period_start == in_review.period_start
    assert list(decision.events.values_list("from_status", "to_status")) == [("", "proposed")]


def test_a_decision_maker_decides_and_the_application_is_granted(officer, decider, in_review):
    decision = services.propose(
        application=in_review, by=officer, outcome=Outcome.GRANTED, conditions="Rapport i tid."
    )
    decided = workflow.decide(decision=decision, by=decider)
    assert decided.status == DecisionStatus.DECIDED
    assert decided.decided_by == decider and decided.decided_at is not None
    in_review.refresh_from_db()
    assert in_review.status == ApplicationStatus.APPROVED
    assert in_review.events.last().actor == decider
    assert DecisionEvent.objects.filter(decision=decision, to_status="decided").exists()


def test_a_decline_needs_reasons_and_declines_the_application(officer, decider, in_review):
    with pytest.raises(ValidationError):
        services.propose(application=in_review, by=officer, outcome=Outcome.DECLINED)
    decision = services.propose(
        application=in_review, by=officer, outcome=Outcome.DECLINED, reasons="Saknar förankring."
    )
    assert decision.granted_total == 0
    workflow.decide(decision=decision, by=decider)
    in_review.refresh_from_db()
    assert in_review.status == ApplicationStatus.DECLINED
    assert in_review.events.last().comment == "Saknar förankring."


def test_an_officer_without_the_permission_cannot_decide(officer, in_review):
    decision = services.propose(application=in_review, by=officer, outcome=Outcome.GRANTED)
    other = type(officer).objects.get(pk=officer.pk)
    with pytest.raises(PermissionDenied):
        workflow.decide(decision=decision, by=other)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.PROPOSED


def test_the_proposer_does_not_also_decide(decider, in_review):
    decision = services.propose(application=in_review, by=decider, outcome=Outcome.GRANTED)
    with pytest.raises(ValidationError, match=r"another decision-maker|annan beslutsfattare"):
        workflow.decide(decision=decision, by=decider)
    in_review.refresh_from_db()
    assert in_review.status == ApplicationStatus.IN_REVIEW


def test_nobody_decides_a_case_they_take_part_in(officer, decider, in_review):
    decision = services.propose(application=in_review, by=officer, outcome=Outcome.GRANTED)
    Contributor.objects.create(application=in_review, user=decider, role="reader")
    with pytest.raises(ValidationError):
        workflow.decide(decision=decision, by=decider)
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.PROPOSED


def test_one_current_decision_per_application(officer, decider, in_review):
    first = services.propose(application=in_review, by=officer, outcome=Outcome.GRANTED)
    with pytest.raises(ValidationError):
        services.propose(application=in_review, by=officer, outcome=Outcome.GRANTED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(application=in_review, outcome=Outcome.GRANTED, proposed_by=officer)
    workflow.withdraw(decision=first, by=officer, comment="Fel belopp.")
    first.refresh_from_db()
    assert first.status == DecisionStatus.WITHDRAWN and not first.is_current
    second = services.propose(application=in_review, by=officer, outcome=Outcome.GRANTED)
    assert selectors.current_decision(in_review) == second


def test_others_attach_to_the_decision(officer, decider, in_review):
    seen = []

    def hook(decision, **kwargs):
        seen.append(decision.pk)

    workflow.DECISION_WORKFLOW.also_after("decide", hook)
    try:
        decision = services.propose(application=in_review, by=officer, outcome=Outcome.GRANTED)
        workflow.decide(decision=decision, by=decider)
    finally:
        workflow.DECISION_WORKFLOW._also_after["decide"].remove(hook)
    assert seen == [decision.pk]
