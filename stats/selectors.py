"""The dashboard's figures, each one aggregate query returning plain rows.

Every selector issues the same number of queries whatever the size of the data: the database
groups and counts; Python only fills in the groups that have no rows.

What the filters mean:
- `year` for an application: the year its round closed; for one outside rounds (Förberedelse
  is applied for at any time) the year it was submitted, or created while still a draft.
- `year` for a partnership: it ran that year (started in or before it and had not ended
  before it; no end year means it still runs).
- `year` for a report: the year it is (or was) due.
- `round` applies to applications, their participants and their reports.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Literal

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce, ExtractYear

from applications.models import (
    Application,
    ApplicationRound,
    ApplicationStatus,
    Participant,
)
from partnerships.models import County, Partnership, PartnershipStatus, SwedishOrganisation
from reporting.models import EDITABLE_REPORT_STATUSES, Report, ReportStatus

# Participants of applications ICLD has received: drafts and withdrawn ones are not teams.
RECEIVED_STATUSES = [
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.IN_REVIEW,
    ApplicationStatus.RETURNED,
    ApplicationStatus.APPROVED,
    ApplicationStatus.DECLINED,
]


@dataclass(frozen=True)
class Filters:
    year: int | None = None
    round: ApplicationRound | None = None


@dataclass(frozen=True)
class RoundCount:
    round_name: str | None  # None: outside rounds
    component: str
    status: str
    count: int


@dataclass(frozen=True)
class Approval:
    key: str | None  # a component, or a cluster ("" or None: a country outside the clusters)
    approved: int
    decided: int

    @property
    def rate(self) -> float | None:
        return self.approved / self.decided if self.decided else None


@dataclass(frozen=True)
class PartnershipSpan:
    """Partnerships of one country that share status, start and end year."""

    country_code: str
    country_name_sv: str
    country_name_en: str
    cluster: str
    status: str
    start_year: int
    end_year: int | None
    count: int

    def ran_in(self, year: int) -> bool:
        return self.start_year <= year and (self.end_year is None or self.end_year >= year)


@dataclass(frozen=True)
class CountyCount:
    code: str
    name: str
    organisations: int


@dataclass(frozen=True)
class ReportCount:
    """A component's reports: overdue, open and not yet due, submitted, approved; and how
    many were due before today."""

    component: str
    overdue: int
    open: int
    submitted: int
    approved: int
    due: int


@dataclass(frozen=True)
class ParticipantCount:
    component: str
    category: str
    gender: str
    count: int


def application_year():
    """The year an application belongs to (see the module's docstring)."""
    return Coalesce(
        ExtractYear("round__closes_on"), ExtractYear("submitted_at"), ExtractYear("created_at")
    )


def filtered_applications(filters: Filters) -> QuerySet[Application]:
    applications = Application.objects.all()
    if filters.year is not None:
        applications = applications.alias(year=application_year()).filter(year=filters.year)
    if filters.round is not None:
        applications = applications.filter(round=filters.round)
    return applications


def applications_per_round(filters: Filters) -> list[RoundCount]:
    """How many applications each round has, by component and status."""
    rows = (
        filtered_applications(filters)
        .values("round__name", "component", "status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return [RoundCount(r["round__name"], r["component"], r["status"], r["count"]) for r in rows]


def approval_rates(filters: Filters, *, by: Literal["component", "cluster"]) -> list[Approval]:
    """Approved and decided (approved or declined) applications per component or cluster."""
    groups = {
        "component": F("component"),
        # The partner's country: of the partnership, or of the new partner named in the form.
        "cluster": Coalesce(
            "partnership__partner_organisation__country__cluster", "new_partner_country__cluster"
        ),
    }
    rows = (
        filtered_applications(filters)
        .filter(status__in=[ApplicationStatus.APPROVED, ApplicationStatus.DECLINED])
        .annotate(key=groups[by])
        .values("key")
        .annotate(
            approved=Count("pk", filter=Q(status=ApplicationStatus.APPROVED)), decided=Count("pk")
        )
        .order_by("key")
    )
    return [Approval(r["key"], r["approved"], r["decided"]) for r in rows]


def partnership_spans() -> list[PartnershipSpan]:
    """Partnerships counted per country, status, start and end year: everything the figures
    over the years and per country need, in one grouped query."""
    country = "partner_organisation__country__"
    rows = (
        Partnership.objects.values(
            f"{country}code",
            f"{country}name_sv",
            f"{country}name_en",
            f"{country}cluster",
            "status",
            "start_year",
            "end_year",
        )
        .annotate(count=Count("pk"))
        .order_by(f"{country}code", "start_year", "end_year", "status")
    )
    return [
        PartnershipSpan(
            country_code=r[f"{country}code"],
            country_name_sv=r[f"{country}name_sv"],
            country_name_en=r[f"{country}name_en"],
            cluster=r[f"{country}cluster"],
            status=r["status"],
            start_year=r["start_year"],
            end_year=r["end_year"],
            count=r["count"],
        )
        for r in rows
    ]


def active_partnerships(year: int | None) -> QuerySet[Partnership]:
    """Partnerships active now (year None) or that ran in `year`."""
    if year is None:
        return Partnership.objects.filter(status=PartnershipStatus.ACTIVE)
    return Partnership.objects.filter(
        Q(end_year__isnull=True) | Q(end_year__gte=year), start_year__lte=year
    )


def active_organisations_per_county(filters: Filters) -> list[CountyCount]:
    """Swedish organisations in an active partnership, main or further party, per county.
    Every county is listed, also those with none."""
    active = active_partnerships(filters.year)
    further = Partnership.additional_swedish_organisations.through.objects.filter(
        partnership__in=active
    )
    organisations = SwedishOrganisation.objects.filter(
        Q(pk__in=active.values("swedish_organisation"))
        | Q(pk__in=further.values("swedishorganisation"))
    )
    rows = (
        County.objects.annotate(
            active=Count("organisations", filter=Q(organisations__in=organisations))
        )
        .values("code", "name", "active")
        .order_by("code")
    )
    return [CountyCount(r["code"], r["name"], r["active"]) for r in rows]


def participants_by_gender(filters: Filters) -> list[ParticipantCount]:
    """Participants of received applications (both parties), by component, category, gender."""
    applications = filtered_applications(filters).filter(status__in=RECEIVED_STATUSES)
    rows = (
        Participant.objects.filter(application__in=applications)
        .values("application__component", "category", "gender")
        .annotate(count=Count("pk"))
        .order_by("application__component", "category", "gender")
    )
    return [
        ParticipantCount(r["application__component"], r["category"], r["gender"], r["count"])
        for r in rows
    ]


def filtered_reports(filters: Filters) -> QuerySet[Report]:
    reports = Report.objects.all()
    if filters.year is not None:
        reports = reports.filter(due_date__year=filters.year)
    if filters.round is not None:
        reports = reports.filter(application__round=filters.round)
    return reports


def reports_overdue(*, today: datetime.date, filters: Filters | None = None) -> QuerySet[Report]:
    """Reports past their due date that are neither submitted nor approved (a draft, or one
    returned for completion), oldest due first."""
    return (
        filtered_reports(filters or Filters())
        .filter(status__in=EDITABLE_REPORT_STATUSES, due_date__lt=today)
        .select_related("application__organisation")
        .order_by("due_date", "pk")
    )


def report_counts(filters: Filters, *, today: datetime.date) -> list[ReportCount]:
    """Reports per component of their case, by where they stand on `today`."""
    editable = Q(status__in=EDITABLE_REPORT_STATUSES)
    rows = (
        filtered_reports(filters)
        .values("application__component")
        .annotate(
            overdue=Count("pk", filter=editable & Q(due_date__lt=today)),
            open=Count("pk", filter=editable & Q(due_date__gte=today)),
            submitted=Count("pk", filter=Q(status=ReportStatus.SUBMITTED)),
            approved=Count("pk", filter=Q(status=ReportStatus.APPROVED)),
            due=Count("pk", filter=Q(due_date__lt=today)),
        )
        .order_by("application__component")
    )
    return [
        ReportCount(
            component=r["application__component"],
            overdue=r["overdue"],
            open=r["open"],
            submitted=r["submitted"],
            approved=r["approved"],
            due=r["due"],
        )
        for r in rows
    ]
