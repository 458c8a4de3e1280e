"""What each kind of export contains: one small function per kind, in a registry.

An exporter receives the job's parameters (a dict: ``round`` — an ApplicationRound id or None
— ``format`` and any filters the kind takes) and returns either

- a :class:`Table`: translated column headers, the number of rows, and an iterable of rows
  (lists of str, int, date, datetime or None); ``exports.writers`` writes it as CSV or XLSX; or
- a :class:`Files`: the number of files and an iterable of ``(name in the ZIP, file)``;
  ``exports.writers`` puts them in a ZIP.

Besides the job's own parameters it receives ``job`` (the job's id) and ``requested_by`` (the
user). It is called inside ``translation.override(<the requester's language>)``, so ``gettext`` and
``get_FOO_display()`` give labels in the requester's language. Rows are produced lazily
(``.iterator()``) so that exports of any size run in constant memory; the writer counts them
for the progress bar.

Adding a kind (e.g. ``reports``, already declared in ``ExportKind`` so it needs no
migration) is one function here::

    @register(ExportKind.REPORTS, formats=TABLE_FORMATS)
    def reports(parameters: Mapping[str, Any]) -> Table:
        queryset = Report.objects.select_related(...).order_by("pk")
        return Table(
            headers=[_("Case number"), _("Due"), _("Status")],
            total=queryset.count(),
            rows=([r.application.case_number, r.due_on, r.get_status_display()]
                  for r in queryset.iterator(chunk_size=CHUNK)),
        )

The "New export" page offers every registered kind; ``needs_round=True`` makes the round
required there.
"""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from applications import participant_form_pdf
from applications.models import (
    DECIDED_STATUSES,
    Application,
    ApplicationEvent,
    ApplicationRound,
    ApplicationStatus,
    Participant,
    ParticipantFormVersion,
)
from applications.selectors import requested_sek
from decisions import board as round_board
from payments import export as payment_export
from payments import services as payment_services
from reporting.models import Report

from .models import ExportFormat, ExportKind

Cell = str | int | datetime.date | datetime.datetime | None
CHUNK = 500
TABLE_FORMATS = (ExportFormat.CSV, ExportFormat.XLSX)
# A table to print as well: for a meeting, a spreadsheet or a PDF.
DOCUMENT_FORMATS = (ExportFormat.XLSX, ExportFormat.PDF)
ZIP_FORMATS = (ExportFormat.ZIP,)


@dataclass(frozen=True)
class Table:
    headers: Sequence[str]
    total: int
    rows: Iterable[Sequence[Cell]]
    title: str = ""  # the heading of a PDF


@dataclass(frozen=True)
class Files:
    total: int
    # (name in the archive, a function that opens the file for reading in binary mode)
    files: Iterable[tuple[str, Callable[[], IO[bytes]]]]


@dataclass(frozen=True)
class Exporter:
    kind: str
    produce: Callable[[Mapping[str, Any]], Table | Files]
    formats: tuple[str, ...]
    needs_round: bool
    # What a failed job of this kind gives back (e.g. the payments it took), with the job.
    on_failure: Callable[[Any], None] | None = None

    @property
    def label(self) -> str:
        return ExportKind(self.kind).label


EXPORTERS: dict[str, Exporter] = {}


def register(
    kind: ExportKind,
    *,
    formats: tuple[str, ...] = TABLE_FORMATS,
    needs_round: bool = False,
    on_failure: Callable[[Any], None] | None = None,
) -> Callable:
    def decorator(produce: Callable[[Mapping[str, Any]], Table | Files]):
        EXPORTERS[kind.value] = Exporter(kind.value, produce, formats, needs_round, on_failure)
        return produce

    return decorator


def _in_round(queryset: QuerySet, parameters: Mapping[str, Any], case: str = "") -> QuerySet:
    """Rows of cases that reached ICLD (they have a case number), of the job's round if it
    names one; `case` is the path from the queryset's model to the application."""
    queryset = queryset.filter(**{f"{case}case_number__isnull": False})
    if parameters.get("round"):
        queryset = queryset.filter(**{f"{case}round_id": parameters["round"]})
    return queryset


# --- participant forms of a round, as one ZIP ------------------------------------------------


def latest_forms(round_id: int) -> QuerySet[ParticipantFormVersion]:
    """The current participant form (the latest version) of each case of the round."""
    latest = (
        ParticipantFormVersion.objects.filter(application=OuterRef("application"))
        .order_by("-version")
        .values("version")[:1]
    )
    return (
        ParticipantFormVersion.objects.filter(
            application__round_id=round_id, application__case_number__isnull=False
        )
        .filter(version=Subquery(latest))
        .select_related("application")
        .order_by("application__case_number")
    )


def _opened_pdf(version: ParticipantFormVersion) -> Callable[[], IO[bytes]]:
    def open_pdf() -> IO[bytes]:
        rendered = version
        if not version.file:
            # Rendered now rather than failing the export; the render function renders a
            # version once, also when its own task is running at the same moment.
            rendered = participant_form_pdf.render_version(version_id=version.pk)
        return rendered.file.open("rb")

    return open_pdf


@register(ExportKind.PARTICIPANT_FORMS_ZIP, formats=ZIP_FORMATS, needs_round=True)
def participant_forms_zip(parameters: Mapping[str, Any]) -> Files:
    forms = latest_forms(parameters["round"])
    return Files(
        total=forms.count(),
        files=(
            (f"{version.application.case_number}_v{version.version}.pdf", _opened_pdf(version))
            for version in forms.iterator(chunk_size=CHUNK)
        ),
    )


# --- applications ------------------------------------------------------------------------------

GENDERS = list(Participant.Gender)


def applications_queryset(parameters: Mapping[str, Any]) -> QuerySet[Application]:
    decided = (
        ApplicationEvent.objects.filter(application=OuterRef("pk"), to_status__in=DECIDED_STATUSES)
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    people = {
        f"people_{gender.value}": Count("participants", filter=Q(participants__gender=gender))
        for gender in GENDERS
    }
    return (
        _in_round(Application.objects.all(), parameters)
        .select_related(
            "round",
            "organisation__county",
            "new_partner_country",
            "partnership__partner_organisation__country",
        )
        .annotate(
            budget_total=requested_sek(),
            last_decision_at=Subquery(decided),
            **people,
        )
        .order_by("case_number")
    )


@register(ExportKind.APPLICATIONS)
def applications(parameters: Mapping[str, Any]) -> Table:
    queryset = applications_queryset(parameters)
    headers = [
        _("Case number"),
        _("Round"),
        _("Component"),
        _("Status"),
        _("Applicant organisation"),
        _("County"),
        _("Partner organisation"),
        _("Partner country"),
        _("Cluster"),
        _("Start"),
        _("End"),
        _("Submitted"),
        _("Decided"),
        _("Budget total (SEK)"),
        *[_("Participants: %(gender)s") % {"gender": gender.label} for gender in GENDERS],
    ]

    def rows() -> Iterator[list[Cell]]:
        for application in queryset.iterator(chunk_size=CHUNK):
            country = application.partner_country
            yield [
                application.case_number,
                application.round.name if application.round else "",
                application.get_component_display(),
                application.get_status_display(),
                application.organisation.name,
                application.organisation.county.name,
                application.partner_name,
                country.name if country else "",
                country.get_cluster_display() if country else "",
                application.period_start,
                application.period_end,
                application.submitted_at,
                application.last_decision_at,
                application.budget_total,
                *[getattr(application, f"people_{gender.value}") for gender in GENDERS],
            ]

    return Table(headers=headers, total=queryset.count(), rows=rows())


# --- participants (personal data: staff only) --------------------------------------------------


def participants_queryset(parameters: Mapping[str, Any]) -> QuerySet[Participant]:
    # People approved before participants recorded their approver were approved with the
    # case: by whoever approved it, the actor of the case's latest approval.
    approver = (
        ApplicationEvent.objects.filter(
            application=OuterRef("application"), to_status=ApplicationStatus.APPROVED
        )
        .order_by("-created_at")
        .values("actor__username")[:1]
    )
    return (
        # Those who left stay in the export: costs incurred while they were approved count.
        _in_round(Participant.with_left.all(), parameters, case="application__")
        .select_related("application", "approved_by")
        .annotate(case_approver=Subquery(approver))
        .order_by("application__case_number", "party", "pk")
    )


def _approver(person: Participant) -> str:
    if not person.approved_at:
        return ""
    return person.approved_by.username if person.approved_by else person.case_approver or ""


@register(ExportKind.PARTICIPANTS)
def participants(parameters: Mapping[str, Any]) -> Table:
    queryset = participants_queryset(parameters)
    headers = [
        _("Case number"),
        _("Party"),
        _("Name"),
        _("Organisation"),
        _("Job title"),
        _("Category"),
        _("Political side"),
        _("Role"),
        _("Gender"),
        _("Approved at"),
        _("Approved by"),
        _("Left the team"),
    ]

    def rows() -> Iterator[list[Cell]]:
        for person in queryset.iterator(chunk_size=CHUNK):
            roles = [
                label
                for label, holds in (
                    (_("Coordinator"), person.is_coordinator),
                    (_("Project leader"), person.is_project_leader),
                )
                if holds
            ]
            yield [
                person.application.case_number,
                person.get_party_display(),
                person.name,
                person.organisation,
                person.position,
                person.get_category_display(),
                person.get_political_side_display(),
                ", ".join(roles),
                person.get_gender_display(),
                person.approved_at,
                _approver(person),
                person.left_at,
            ]

    return Table(headers=headers, total=queryset.count(), rows=rows())


# --- reports (reporting) -----------------------------------------------------------------------


def reports_queryset(parameters: Mapping[str, Any]) -> QuerySet[Report]:
    actual = (
        Report.objects.filter(pk=OuterRef("pk"))
        .annotate(total=Sum("costs__actual_sek"))
        .values("total")
    )
    return (
        _in_round(Report.objects.all(), parameters, case="application__")
        .select_related("application__organisation", "submitted_by")
        .annotate(actual_sek=Subquery(actual, output_field=IntegerField()))
        .order_by("application__case_number", "due_date", "pk")
    )


@register(ExportKind.REPORTS, formats=TABLE_FORMATS)
def reports(parameters: Mapping[str, Any]) -> Table:
    queryset = reports_queryset(parameters)
    headers = [
        _("Case number"),
        _("Organisation"),
        _("Component"),
        _("Report"),
        _("Project year"),
        _("Period from"),
        _("Period to"),
        _("Due"),
        _("Status"),
        _("Submitted at"),
        _("Actual costs (SEK)"),
    ]
    rows = (
        [
            report.application.case_number,
            report.application.organisation.name,
            report.application.get_component_display(),
            report.get_kind_display(),
            report.project_year,
            report.period_start,
            report.period_end,
            report.due_date,
            report.get_status_display(),
            report.submitted_at,
            report.actual_sek,
        ]
        for report in queryset.iterator(chunk_size=CHUNK)
    )
    return Table(headers=headers, total=queryset.count(), rows=rows)


# --- payments to ICLD's finance system (payments) ----------------------------------------------


def _release_payments(job) -> None:
    payment_services.release_export(job_id=job.pk, by=job.requested_by)


def _opened(data: bytes) -> Callable[[], IO[bytes]]:
    return lambda: io.BytesIO(data)


@register(ExportKind.PAYMENTS, formats=ZIP_FORMATS, on_failure=_release_payments)
def payments(parameters: Mapping[str, Any]) -> Files:
    """The approved payments not yet sent to finance, and the repayments due, as one ZIP of a
    CSV and an SIE 4 file of the same vouchers; they count as sent from then (a failed job
    gives them back). A few hundred rows at most, so the two files are made in memory."""
    by = parameters["requested_by"]
    taken, repaid = payment_services.claim_for_export(job_id=parameters["job"], by=by)
    today = timezone.localdate()
    stem = f"payments-{today:%Y%m%d}-{parameters['job']}"
    sie_file = payment_export.sie_bytes(taken, repaid, generated_by=by.email, on=today)
    files = [
        (f"{stem}.csv", _opened(payment_export.csv_bytes(taken, repaid))),
        (f"{stem}.se", _opened(sie_file)),
    ]
    return Files(total=len(files), files=files)


# --- the decision list of a round, for the decision meeting -----------------------------------


@register(ExportKind.DECISION_LIST, formats=DOCUMENT_FORMATS, needs_round=True)
def decision_list(parameters: Mapping[str, Any]) -> Table:
    """The round's applications under review with the officer's recommendation and the
    requested and proposed amounts (decisions.board.decision_list, what the board shows)."""
    round_ = ApplicationRound.objects.get(pk=parameters["round"])
    queryset = round_board.decision_list(round_)
    headers = [
        _("Case number"),
        _("Applicant organisation"),
        _("Component"),
        _("Title"),
        _("Case officer"),
        _("Recommendation"),
        _("Requested (SEK)"),
        _("Proposed (SEK)"),
        _("Summary of the assessment"),
    ]

    def rows() -> Iterator[list[Cell]]:
        for application in queryset.iterator(chunk_size=CHUNK):
            officer = getattr(getattr(application, "case_officer", None), "officer", None)
            recommendation = getattr(application, "recommendation", None)
            recorded = recommendation is not None and recommendation.status == "recommended"
            yield [
                application.case_number,
                application.organisation.name,
                application.get_component_display(),
                application.title,
                (officer.get_full_name() or officer.email) if officer else "",
                recommendation.get_outcome_display() if recorded else "",
                application.requested_sek,
                application.proposed_sek if recorded else None,
                recommendation.summary if recorded else "",
            ]

    return Table(
        headers=headers,
        total=queryset.count(),
        rows=rows(),
        title=_("Decision list, round %(round)s") % {"round": round_.name},
    )
