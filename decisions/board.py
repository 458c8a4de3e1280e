"""Reads of the round board: a round's applications with what the decision meeting needs
(officer, screening, recommendation, requested and proposed amounts, the current decision),
its counts by status and by officer, and the drafts still open with what blocks them (as the
deadline reminders compute it). A fixed number of queries however large the round."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from applications.models import Application, ApplicationRound, ApplicationStatus
from applications.reminders import open_drafts
from applications.rules import Finding
from applications.selectors import requested_sek
from assessments.models import ProposedAmount, RecommendationStatus
from casework.selectors import QUEUE_SOURCES, waiting_by_officer
from core.models import User

from .models import Decision

# Rows of the round's applications per page, and open drafts listed (the heading counts all).
PAGE_SIZE = 100
DRAFT_ROWS = 50


def round_cases(round_: ApplicationRound) -> QuerySet[Application]:
    """The applications submitted into `round_`, each with `requested_sek` (its budget),
    `proposed_sek` (the recorded recommendation's amounts), `decision_status` (its current
    decision's, or None) and its officer, screening and recommendation selected."""
    proposed = (
        ProposedAmount.objects.filter(
            recommendation__application=OuterRef("pk"),
            recommendation__status=RecommendationStatus.RECOMMENDED,
        )
        .values("recommendation")
        .annotate(total=Sum("amount_sek"))
        .values("total")
    )
    decision = Decision.objects.filter(application=OuterRef("pk"), is_current=True).values(
        "status"
    )[:1]
    return (
        Application.objects.live()
        .filter(round=round_)
        .select_related("organisation", "case_officer__officer", "screening", "recommendation")
        .annotate(
            requested_sek=requested_sek(),
            proposed_sek=Coalesce(Subquery(proposed, output_field=IntegerField()), 0),
            decision_status=Subquery(decision),
        )
        .order_by("case_number", "pk")
    )


def decision_list(round_: ApplicationRound) -> QuerySet[Application]:
    """What the decision meeting decides on: the round's applications under review."""
    return round_cases(round_).filter(status=ApplicationStatus.IN_REVIEW)


@dataclass(frozen=True)
class OfficerLoad:
    """What one officer (or nobody yet) is responsible for in a round: its applications, then
    each kind of thing on its cases that waits for ICLD (Board.load_columns' order)."""

    name: str  # "" for nobody yet
    counts: list[int]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class Board:
    round: ApplicationRound
    by_status: list[tuple[str, int]]  # (status label, count), in the statuses' order
    load_columns: list[Promise]  # "Applications", then each queue source's title
    by_officer: list[OfficerLoad]  # most work first
    drafts_total: int
    drafts: list[tuple[Application, list[Finding]]]
    cases: Page


def _by_officer(cases: QuerySet[Application], round_: ApplicationRound) -> list[OfficerLoad]:
    """Applications per case officer and, per responsible officer, the participant changes,
    reports and payments waiting on the round's cases: one query for the applications, one
    per kind of item (casework.waiting_by_officer), one for the officers' names."""
    applications = dict(
        cases.order_by()
        .values("case_officer__officer")
        .annotate(n=Count("pk"))
        .values_list("case_officer__officer", "n")
    )
    items = waiting_by_officer(round=round_, deleted_at__isnull=True)
    columns = [applications, *(items[source.key] for source in QUEUE_SOURCES)]
    pks = {pk for column in columns for pk in column}
    people = User.objects.in_bulk({pk for pk in pks if pk is not None})

    def name(pk: int | None) -> str:
        person = people.get(pk)
        return (person.get_full_name() or person.email) if person else ""

    loads = [OfficerLoad(name(pk), [column.get(pk, 0) for column in columns]) for pk in pks]
    return sorted(loads, key=lambda load: (-load.total, load.name))


def board(round_: ApplicationRound, *, today: datetime.date, page: int | str = 1) -> Board:
    cases = Application.objects.live().filter(round=round_)
    statuses = dict(
        cases.order_by().values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    by_status = [
        (label, statuses[value]) for value, label in ApplicationStatus.choices if value in statuses
    ]
    drafts_total, drafts = open_drafts(round_, today=today, limit=DRAFT_ROWS)
    paginator = Paginator(round_cases(round_), PAGE_SIZE, allow_empty_first_page=True)
    return Board(
        round=round_,
        by_status=by_status,
        load_columns=[_("Applications"), *(source.title for source in QUEUE_SOURCES)],
        by_officer=_by_officer(cases, round_),
        drafts_total=drafts_total,
        drafts=drafts,
        cases=paginator.get_page(page),
    )
