"""Demo reports for the granted demo cases: one approved, one submitted, a draft being written
and an overdue one, so that every report page and the admin's filters have something to show."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from applications.demo import DEMO_COORDINATOR_EMAIL, demo_staff
from applications.models import Application, ApplicationStatus
from core.models import User
from partnerships.models import DemocraticArea

from .models import Report, ReportCost, ReportEvent, ReportStatus
from .services import ensure_reports

TEXTS = {
    "activities": "Två workshoppar i varje land och en gemensam studieresa.",
    "results": "En plan för ungas inflytande har antagits av båda fullmäktige.",
    "democratic_results": "Fler unga deltar i budgetdialoger; medborgarpanel i partnerkommunen.",
    "lessons": "Förankring hos politiken tidigt gör genomförandet lättare.",
    "knowledge_home": "Seminarium för kommunstyrelsen och en artikel på intranätet.",
}


def _fill(report: Report, areas: list[DemocraticArea]) -> None:
    for name, text in TEXTS.items():
        setattr(report, name, text)
    report.save()
    report.democratic_areas.set(areas)
    team = report.application.participants.filter(approved_at__isnull=False)
    report.participants.set(team)
    ReportCost.objects.bulk_create(
        ReportCost(report=report, budget_line=line, actual_sek=line.amount_sek)
        for line in report.application.budget_lines.all()
    )


def _move(report: Report, *, by: User, to: str, when: datetime.datetime, comment: str = "") -> None:
    ReportEvent.objects.create(
        report=report, actor=by, from_status=report.status, to_status=to, comment=comment
    )
    report.status = to
    if to == ReportStatus.SUBMITTED:
        report.submitted_at, report.submitted_by = when, by
    report.save()


@transaction.atomic
def seed_reports(*, limit: int = 12) -> dict[str, int]:
    """Reports of the first granted demo cases, in every state; a second run adds none."""
    cases = list(
        Application.objects.filter(
            status=ApplicationStatus.APPROVED,
            period_start__isnull=False,
            period_end__isnull=False,
            reports__isnull=True,
        )
        .exclude(organisation__memberships__user__email=DEMO_COORDINATOR_EMAIL)
        .select_related("created_by")
        # The earliest periods: their reports fall due in the past or soon, as in real life.
        .order_by("period_start", "pk")[:limit]
    )
    if not cases:
        return {"reports": 0}
    staff = demo_staff()
    areas = list(DemocraticArea.objects.all()[:2])
    today = timezone.localdate()
    now = timezone.now()
    created = []
    for application in cases:
        created += ensure_reports(application=application)
    states = ["approved", "submitted", "draft", "overdue"]
    for index, report in enumerate(created):
        state = states[index % len(states)]
        coordinator = report.application.created_by
        if state == "overdue":
            report.due_date = today - datetime.timedelta(days=20)
            report.due_date_reason = ""
            report.activities = TEXTS["activities"]
            report.save()
            continue
        _fill(report, areas)
        if state in {"approved", "submitted"}:
            _move(report, by=coordinator, to=ReportStatus.SUBMITTED, when=now)
        if state == "approved":
            _move(report, by=staff, to=ReportStatus.APPROVED, when=now)
    # The demo coordinator's own granted case has its reports to write, still empty.
    own = (
        Application.objects.filter(
            status=ApplicationStatus.APPROVED,
            organisation__memberships__user__email=DEMO_COORDINATOR_EMAIL,
            period_start__isnull=False,
            period_end__isnull=False,
            reports__isnull=True,
        )
        .order_by("period_start", "pk")
        .first()
    )
    if own is not None:
        created += ensure_reports(application=own)
    return {"reports": len(created)}
