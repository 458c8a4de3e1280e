"""The officer's recommendation and what the decision reads of it
(assessments.selectors.recommendation_for)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from assessments.models import RecommendationEvent
from assessments.selectors import recommendation_for, recommended_amounts
from assessments.services import recommend
from casework.services import assign_officer
from tests.factories import as_staff

pytestmark = pytest.mark.django_db


def test_the_decision_reads_the_recorded_recommendation(case, officer):
    application, _people = case
    assert recommendation_for(application) is None
    assign_officer(applications=[application], officer=officer, by=as_staff(officer))
    recommend(
        application=application,
        by=as_staff(officer),
        outcome="grant",
        summary="Väl förankrad i båda organisationerna.",
        amounts={"travel": 120_000, "accommodation": 45_500, "other": None},
    )
    found = recommendation_for(application)
    assert found.outcome == "grant"
    assert found.amounts == {"travel": 120_000, "accommodation": 45_500}
    assert found.proposed_total == 165_500  # recomputed from the rows
    assert found.officer_id == officer.pk
    assert recommended_amounts(application) == {"travel": 120_000, "accommodation": 45_500}
    assert RecommendationEvent.objects.get().to_status == "recommended"


def test_only_the_responsible_officer_recommends(case, officer, make_officer):
    application, _people = case
    colleague = make_officer()
    assign_officer(applications=[application], officer=colleague, by=as_staff(officer))
    with pytest.raises(ValidationError):
        recommend(
            application=application,
            by=as_staff(officer),
            outcome="decline",
            summary="Svag förankring.",
            amounts={},
        )
    assert recommendation_for(application) is None


def test_a_decline_proposes_no_amounts(case, officer):
    application, _people = case
    assign_officer(applications=[application], officer=officer, by=as_staff(officer))
    recommend(
        application=application,
        by=as_staff(officer),
        outcome="decline",
        summary="Svag förankring.",
        amounts={"travel": 1000},
    )
    found = recommendation_for(application)
    assert (found.outcome, found.proposed_total, found.amounts) == ("decline", 0, {})
