"""Reads before the decision: a screening with its reasons; what the decision reads of the
officer's recommendation."""

from __future__ import annotations

from dataclasses import dataclass

from applications.models import Application

from .models import Recommendation, RecommendationStatus, Screening


def screening_of(application: Application) -> Screening | None:
    return (
        Screening.objects.filter(application=application)
        .prefetch_related("reasons", "events__actor")
        .first()
    )


@dataclass(frozen=True)
class RecommendationSummary:
    """What the decision reads of the officer's recommendation (whole kronor)."""

    outcome: str  # Outcome: "grant" or "decline"
    proposed_total: int
    amounts: dict[str, int]  # {BudgetLine.Category: kronor}
    summary: str
    officer_id: int


def recommendation_for(application: Application) -> RecommendationSummary | None:
    """The officer's recommendation once recorded (not a draft), or None; two queries."""
    found = (
        Recommendation.objects.filter(
            application=application, status=RecommendationStatus.RECOMMENDED
        )
        .prefetch_related("amounts")
        .first()
    )
    if found is None:
        return None
    amounts = {a.category: a.amount_sek for a in found.amounts.all()}
    return RecommendationSummary(
        outcome=found.outcome,
        proposed_total=sum(amounts.values()),
        amounts=amounts,
        summary=found.summary,
        officer_id=found.officer_id,
    )


def recommended_amounts(application: Application) -> dict[str, int] | None:
    """{category: kronor} of the recorded recommendation, or None (what decisions' proposal
    starts from: decisions.services.recommended_amounts)."""
    found = recommendation_for(application)
    return None if found is None else found.amounts


def visible_scores(user, application: Application) -> list:
    """The scores `user` may read on `application`: their own always; the others' only once
    they have submitted theirs (or, as an officer not assessing it, always). One query."""
    from core.mfa import has_staff_power

    from .models import AssessmentStatus, Score

    scores = Score.objects.filter(assessment__application=application).select_related(
        "assessment__assessor", "criterion"
    )
    own = application.assessments.filter(assessor=user).values_list("status", flat=True).first()
    if own == AssessmentStatus.SUBMITTED or (
        own is None and has_staff_power(user, "assessments.change_recommendation")
    ):
        return list(scores)
    if own in (None, AssessmentStatus.CONFLICT):
        return []
    return list(scores.filter(assessment__assessor=user))
