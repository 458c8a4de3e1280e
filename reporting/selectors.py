"""Reads of reports: the report page, a case's reports, and the facts the rules check."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.models import Application, BudgetLine, Participant, Visit
from decisions.models import DecisionLine, DecisionStatus
from decisions.selectors import decided_decision

from . import rules
from .models import EDITABLE_REPORT_STATUSES, Report, ReportVisit


def report_queryset() -> QuerySet[Report]:
    return Report.objects.select_related(
        "application__organisation",
        "application__new_partner_country",
        "application__partnership__partner_organisation__country",
        "submitted_by",
    )


def report_page_queryset() -> QuerySet[Report]:
    """Everything the report page shows, in a fixed number of queries."""
    return report_queryset().prefetch_related(
        "democratic_areas",
        Prefetch("participants", queryset=Participant.with_left.order_by("party", "pk")),
        Prefetch(
            "visits",
            queryset=ReportVisit.objects.prefetch_related(
                Prefetch("travellers", queryset=Participant.with_left.order_by("pk"))
            ),
        ),
        "costs__budget_line",
        "attachments",
        "events__actor",
    )


def reports_due_for(user) -> QuerySet[Report]:
    """The reports still to be written on the cases a user can see, soonest due first."""
    return (
        Report.objects.filter(
            application__in=Application.objects.visible_to(user),
            status__in=EDITABLE_REPORT_STATUSES,
        )
        .select_related("application")
        .order_by("due_date", "pk")
    )


def case_reports(application: Application) -> list[Report]:
    return list(application.reports.order_by("due_date", "pk"))


def claimable_participants(application_id: int) -> QuerySet[Participant]:
    """Who a report may name: the case's approved team, with those who left (for what they
    did before they left; the forms check the day)."""
    return Participant.with_left.filter(
        application_id=application_id, approved_at__isnull=False
    ).order_by("party", "pk")


def budget_lines(application_id: int) -> list[BudgetLine]:
    return list(BudgetLine.objects.filter(application_id=application_id).order_by("pk"))


def granted_of_lines(application_id: int, lines: list[BudgetLine]) -> dict[int, int]:
    """{budget line pk: what the case's decision grants it} (rules.granted_by_line): the amount
    a report's actual cost is held against ("compares actual costs … with the granted
    amounts", issue 20 item 6). A case approved before decisions were recorded has no decision:
    its lines are granted as budgeted. One query."""
    granted = dict(
        DecisionLine.objects.filter(
            decision__application_id=application_id,
            decision__is_current=True,
            decision__status=DecisionStatus.DECIDED,
        ).values_list("category", "granted_sek")
    )
    if not granted:
        return {line.pk: line.amount_sek for line in lines}
    return rules.granted_by_line(
        [
            rules.CostLine(line.pk, line.category, line.description, None, line.amount_sek, None)
            for line in lines
        ],
        granted,
    )


def report_facts(report: Report) -> rules.ReportFacts:
    """The report as plain data for rules.check_report."""
    costs = {c.budget_line_id: c for c in report.costs.all()}
    lines = budget_lines(report.application_id)
    granted = granted_of_lines(report.application_id, lines)
    return rules.ReportFacts(
        kind=report.kind,
        activities=report.activities,
        results=report.results,
        democratic_areas=report.democratic_areas.count(),
        lessons=report.lessons,
        knowledge_home=report.knowledge_home,
        participants=report.participants.count(),
        visits=report.visits.count(),
        costs=[
            rules.CostFacts(
                description=str(line),
                approved=granted[line.pk],
                actual=costs[line.pk].actual_sek if line.pk in costs else None,
                explanation=costs[line.pk].explanation if line.pk in costs else "",
            )
            for line in lines
        ],
        period_end=report.period_end,
        today=timezone.localdate(),
        early_submission_allowed=report.early_submission_allowed,
    )


def grant_comparison(report: Report) -> rules.GrantComparison | None:
    """The report's actual costs per budget line, planned visit and category beside what the
    case's decision granted, or None before a decision (five queries). The visits are numbered
    as the application's budget step numbers them."""
    decision = decided_decision(report.application, lines=True)
    if decision is None:
        return None
    costs = {c.budget_line_id: c.actual_sek for c in report.costs.all()}
    numbers = {
        pk: number
        for number, pk in enumerate(
            Visit.objects.filter(application_id=report.application_id)
            .order_by("pk")
            .values_list("pk", flat=True),
            start=1,
        )
    }
    lines = BudgetLine.objects.filter(application_id=report.application_id).select_related("visit")

    def visit_label(line: BudgetLine) -> str | None:
        if line.visit is None:
            return None
        return _("Visit %(number)s: %(host)s hosts, %(months)s") % {
            "number": numbers[line.visit_id],
            "host": line.visit.get_host_display(),
            "months": line.visit.months,
        }

    return rules.compare_with_grant(
        [
            rules.CostLine(
                key=line.pk,
                category=line.category,
                description=line.computed.description if line.computed else line.description,
                visit=visit_label(line),
                budgeted=line.amount_sek,
                actual=costs.get(line.pk),
            )
            for line in lines.order_by("pk")
        ],
        granted={line.category: line.granted_sek for line in decision.lines.all()},
        category_names=dict(BudgetLine.Category.choices),
    )


def case_panel(user, application: Application) -> dict | None:
    """The case page's reports panel (applications.panels): a granted case's reports."""
    if application.status != "approved":
        return None
    return {"reports": case_reports(application)}


def dashboard_panel(user, _none) -> dict:
    """ "Mina ärenden"'s panel (applications.panels): the reports still to be written."""
    return {"due": list(reports_due_for(user))}
