"""Granted cases with their reports, for the reporting tests."""

from __future__ import annotations

import datetime
import itertools

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from tests.factories import ParticipantFactory, case_with_people

_numbers = itertools.count(1)


class BudgetLineFactory(DjangoModelFactory):
    class Meta:
        model = "applications.BudgetLine"

    category = "travel"
    description = factory.Sequence(lambda n: f"Resor {n}")
    amount_sek = 40_000


def granted_case(
    *,
    component: str = "projekt",
    # A period that has ended, so that its final report may be submitted (rules.too_early).
    start: datetime.date = datetime.date(2024, 7, 1),
    end: datetime.date = datetime.date(2026, 6, 30),
):
    """An approved case with an approved team of two, one unapproved and one departed person,
    two budget lines, and the case's people by persona name (tests.factories.case_with_people)."""
    application, people = case_with_people(
        component=component,
        status="approved",
        case_number=f"KP-2025-{next(_numbers):04d}",
        period_start=start,
        period_end=end,
        language="sv",
    )
    now = timezone.now()
    people["team"] = [
        ParticipantFactory(application=application, name="Astrid Lind", approved_at=now),
        ParticipantFactory(
            application=application, name="Otieno Ouma", party="partner", approved_at=now
        ),
    ]
    people["unapproved"] = ParticipantFactory(application=application, name="Nils Ny")
    people["departed"] = ParticipantFactory(
        application=application, name="Greta Gått", approved_at=now, left_at=now
    )
    people["lines"] = [
        BudgetLineFactory(application=application, amount_sek=40_000, description="Resor"),
        BudgetLineFactory(
            application=application, category="meetings", amount_sek=10_000, description="Möten"
        ),
    ]
    return application, people


def decided_grant(application, lines: dict[str, tuple[int, int]]):
    """ICLD's decision granting `application`: per budget category, (requested, granted) SEK."""
    from decisions.models import Decision, DecisionLine, DecisionStatus, Outcome
    from tests.factories import UserFactory

    decision = Decision.objects.create(
        application=application,
        status=DecisionStatus.DECIDED,
        outcome=Outcome.GRANTED,
        proposed_by=UserFactory(is_staff=True),
        decided_by=UserFactory(is_staff=True),
        decided_at=timezone.now(),
    )
    for category, (requested, granted) in lines.items():
        DecisionLine.objects.create(
            decision=decision, category=category, requested_sek=requested, granted_sek=granted
        )
    return decision


def report_of(application, **fields):
    from reporting.models import Report

    defaults = {
        "kind": "final",
        "project_year": 2,
        "period_start": application.period_start,
        "period_end": application.period_end,
        "due_date": datetime.date(2027, 2, 28),
    }
    return Report.objects.create(application=application, **(defaults | fields))


def complete_report(application, people, **fields):
    """A final report that meets every rule: content, areas, participants and costs."""
    from partnerships.models import DemocraticArea
    from reporting.models import ReportCost

    report = report_of(
        application,
        activities="Två workshoppar om ungas inflytande.",
        results="Ett ungdomsråd i Kisumu.",
        democratic_results="Fler unga deltar i beslut.",
        lessons="Förankring tar tid.",
        knowledge_home="Seminarium för kommunstyrelsen.",
        **fields,
    )
    report.democratic_areas.set(DemocraticArea.objects.all()[:1])
    report.participants.set(people["team"])
    for line in people["lines"]:
        ReportCost.objects.create(report=report, budget_line=line, actual_sek=line.amount_sek)
    return report


def report_with_files(application, people):
    """`complete_report` with its PDF and an attachment (a PDF the coordinator uploaded)."""
    from django.core.files.base import ContentFile

    from reporting.models import ReportAttachment
    from tests.factories import pdf_bytes

    report = complete_report(application, people)
    attachment = ReportAttachment(
        report=report,
        original_name="Protokoll.pdf",
        content_type="application/pdf",
        size=100,
        uploaded_by=people["coordinator"],
    )
    attachment.file.save("x.pdf", ContentFile(pdf_bytes()), save=True)
    report.pdf.save("r.pdf", ContentFile(pdf_bytes("Rapport")), save=True)
    return report, attachment
