"""Reads before the decision: a screening with its reasons; what the decision reads of the
officer's recommendation."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Permission
from django.db.models import Q, QuerySet

from applications.models import Application
from core.mfa import has_staff_power
from core.models import User

from .models import (
    Assessment,
    AssessmentStatus,
    Criterion,
    Recommendation,
    RecommendationStatus,
    Score,
    Screening,
)


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


def rubric(component: str) -> list[Criterion]:
    """The component's criteria in use, in their order."""
    return list(Criterion.objects.filter(component=component, active=True).order_by("order", "pk"))


def assessments_of(application: Application) -> list[Assessment]:
    """The application's assessors and where each stands (no scores: visible_scores says which
    a reader may see)."""
    return list(application.assessments.select_related("assessor").order_by("assigned_at", "pk"))


def may_assess() -> QuerySet[User]:
    """Who can be made an assessor: active staff with the scoring permission (directly, through
    a group, or as a superuser)."""
    permission = Permission.objects.filter(
        content_type__app_label="assessments", codename="change_score"
    )
    return (
        User.objects.filter(is_active=True, is_staff=True)
        .filter(
            Q(is_superuser=True)
            | Q(user_permissions__in=permission)
            | Q(groups__permissions__in=permission)
        )
        .distinct()
        .order_by("first_name", "last_name", "email")
    )


def my_assessments(user) -> list[Assessment]:
    """The assessments `user` is assigned to and may open (none on which they declared jäv)."""
    return list(
        user.assessments.exclude(status=AssessmentStatus.CONFLICT)
        .filter(application__deleted_at__isnull=True)
        .select_related("application__organisation", "application__round")
        .order_by("status", "assigned_at", "pk")
    )


def recommendation_of(application: Application) -> Recommendation | None:
    """The officer's recommendation as it stands (a draft too), its amounts prefetched."""
    return (
        Recommendation.objects.filter(application=application)
        .prefetch_related("amounts")
        .select_related("officer")
        .first()
    )
