"""Reads of decisions."""

from __future__ import annotations

from django.db.models import QuerySet, Sum
from django.db.models.functions import Coalesce

from .models import Decision, DecisionLine, DecisionStatus


def current_decision(application) -> Decision | None:
    """The application's current decision (proposed or decided), or None."""
    return (
        Decision.objects.filter(application=application, is_current=True)
        .select_related("proposed_by", "decided_by")
        .first()
    )


def decided_decision(application, *, lines: bool = False) -> Decision | None:
    """The application's current decision once decided (what the applicant's side sees: a
    proposal is ICLD's internal work), with `granted_sum`; `lines` prefetches its lines."""
    queryset = with_totals(
        Decision.objects.filter(
            application=application, is_current=True, status=DecisionStatus.DECIDED
        )
    )
    if lines:
        queryset = queryset.prefetch_related("lines")
    return queryset.first()


def granted_total(decision: Decision) -> int:
    """What the decision grants in all, summed by the database."""
    return DecisionLine.objects.filter(decision=decision).aggregate(
        total=Coalesce(Sum("granted_sek"), 0)
    )["total"]


def requested_total(decision: Decision) -> int:
    return DecisionLine.objects.filter(decision=decision).aggregate(
        total=Coalesce(Sum("requested_sek"), 0)
    )["total"]


def with_totals(queryset: QuerySet[Decision] | None = None) -> QuerySet[Decision]:
    """Decisions annotated with `granted_sum` and `requested_sum` (one query for a list)."""
    queryset = Decision.objects.all() if queryset is None else queryset
    return queryset.annotate(
        granted_sum=Coalesce(Sum("lines__granted_sek"), 0),
        requested_sum=Coalesce(Sum("lines__requested_sek"), 0),
    )


def case_panel(user, application) -> dict | None:
    """The case page's decision panel (applications.panels): once ICLD has decided."""
    if application.status not in ("approved", "declined"):
        return None
    return {"decision": decided_decision(application, lines=True)}
