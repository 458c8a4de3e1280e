"""What the programme's rules find in an application: the bridge from the database to the pure
functions of `rules/`. A fixed number of queries, whatever the size of the team."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable

from django.db.models import Count, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce, Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from costnorms.norms import Rate
from costnorms.selectors import ceilings_in_force
from partnerships.models import Component, Dialogue, DialogueStatus

from .models import Application, ApplicationRound, ApplicationStatus, BudgetLine, Visit
from .rulebook import rule_sets
from .rules import (
    ERROR,
    Finding,
    PastApplication,
    RuleSet,
    check_budget,
    check_eligibility,
    check_team,
    check_visits,
)
from .selectors import named_travellers, requested_sek

PLANNING_FIELDS = [
    "context_swedish",
    "context_partner",
    "shared_challenges",
    "target_group_involvement",
    "exchange_swedish",
    "exchange_partner",
]
# Applications that count as applied for together with this one, or granted before it.
LIVE_STATUSES = [
    ApplicationStatus.DRAFT,
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.IN_REVIEW,
    ApplicationStatus.RETURNED,
]


def check_completeness(*, title: str, purpose: str, unconfirmed_conduct: int) -> list[Finding]:
    """What a complete application needs besides the programme's rules."""
    findings = []
    if not title.strip():
        findings.append(Finding(ERROR, "title_missing", None, _("Give the application a title.")))
    if not purpose.strip():
        findings.append(
            Finding(ERROR, "purpose_missing", None, _("Describe the purpose and the goals."))
        )
    if unconfirmed_conduct:
        findings.append(
            Finding(
                ERROR,
                "code_of_conduct_unconfirmed",
                None,
                _("Every participant must have been informed of ICLD's code of conduct."),
            )
        )
    return findings


def _partnership_key(application: Application) -> tuple:
    """Applications with the same key are of the same partnership (or the same new partner)."""
    if application.partnership_id:
        return ("partnership", application.partnership_id)
    return (
        "new",
        application.organisation_id,
        application.new_partner_name.upper(),
        application.new_partner_country_id,
    )


def _related_applications(applications: list[Application]) -> dict[tuple, list[Application]]:
    """The applications the rules look at besides each one itself, by partnership: live
    Projekt and Styrgrupp applied for alongside, and the approved ones. One query."""
    partnership_ids = {a.partnership_id for a in applications if a.partnership_id}
    new_partners = [a for a in applications if not a.partnership_id]
    candidates = (
        Application.objects.annotate(new_partner_upper=Upper("new_partner_name"))
        .filter(
            Q(partnership_id__in=partnership_ids)
            | Q(
                partnership__isnull=True,
                organisation_id__in={a.organisation_id for a in new_partners},
                new_partner_upper__in={a.new_partner_name.upper() for a in new_partners},
            )
        )
        .filter(
            Q(status__in=LIVE_STATUSES, component__in=[Component.PROJEKT, Component.STYRGRUPP])
            | Q(status=ApplicationStatus.APPROVED)
        )
        .only(*RELATED_FIELDS)
    )
    related = defaultdict(list)
    for application in candidates:
        related[_partnership_key(application)].append(application)
    return related


RELATED_FIELDS = [
    "partnership_id",
    "organisation_id",
    "new_partner_name",
    "new_partner_country_id",
    "component",
    "status",
    "period_start",
    "period_end",
]


_OWN_UNEXPLAINED = Q(visit__isnull=True, explanation="")


def what_the_budget_rules_read() -> dict:
    """Annotations for a query of many applications: the budget's total and its own lines
    without an explanation, read with the applications themselves (judging a chunk of drafts
    then costs no query for the budget)."""
    lines = BudgetLine.objects.filter(application=OuterRef("pk")).order_by().values("application")
    return {
        "budget_sum": requested_sek(),
        "budget_unexplained": Coalesce(
            Subquery(lines.filter(_OWN_UNEXPLAINED).annotate(n=Count("pk")).values("n")), 0
        ),
    }


def _budgets(applications: list[Application]) -> dict[int, tuple[int, int]]:
    """{pk: (total, own lines unexplained)}, from the annotations of
    `what_the_budget_rules_read()` where present, else in one query."""
    budgets = {
        a.pk: (a.budget_sum, a.budget_unexplained)
        for a in applications
        if getattr(a, "budget_sum", None) is not None
    }
    missing = [a.pk for a in applications if a.pk not in budgets]
    if missing:
        for row in (
            BudgetLine.objects.filter(application__in=missing)
            .values("application_id")
            .annotate(total=Sum("amount_sek"), open=Count("pk", filter=_OWN_UNEXPLAINED))
        ):
            budgets[row["application_id"]] = (row["total"], row["open"])
    return budgets


def what_the_rules_read() -> list[Prefetch]:
    """The prefetches `findings_for_many` needs of many applications: the current team and the
    partnership's history, each into a list of its own (`to_attr`: a prefetch into the related
    manager builds a filtered queryset per application, most of the time of a sweep's reads)."""
    return [
        Prefetch("participants", to_attr="current_team"),
        Prefetch("partnership__components", to_attr="component_history"),
    ]


def _team(application: Application) -> list:
    prefetched = getattr(application, "current_team", None)
    return prefetched if prefetched is not None else list(application.participants.all())


def _history(partnership) -> list:
    prefetched = getattr(partnership, "component_history", None)
    return prefetched if prefetched is not None else list(partnership.components.all())


def judged_on(application: Application, today: datetime.date) -> datetime.date:
    """The day whose rule set judges the application: the day it was submitted, or today for
    one the applicant may still change (a draft, or one returned or withdrawn)."""
    if application.is_editable or application.submitted_at is None:
        return today
    return timezone.localdate(application.submitted_at)


def _findings(
    application: Application,
    *,
    related: dict[tuple, list[Application]],
    rounds: list[ApplicationRound],
    today: datetime.date,
    dialogues: set[int],
    visits: list[Visit],
    budget: tuple[int, int],
    ceiling: Rate | None,
    rules: RuleSet,
) -> list[Finding]:
    others = [a for a in related.get(_partnership_key(application), []) if a.pk != application.pk]
    companions = [
        a
        for a in others
        if a.status in LIVE_STATUSES and a.component in {Component.PROJEKT, Component.STYRGRUPP}
    ]
    period = (application.period_start, application.period_end)
    projekt = next((c for c in companions if c.component == Component.PROJEKT), None)
    # The partnership's earlier components: its recorded history and ICLD's decisions.
    history = []
    if application.partnership_id:
        history = [
            PastApplication(
                component=c.component,
                granted=c.granted,
                period_start=datetime.date(c.start_year, 1, 1),
                period_end=datetime.date(c.end_year, 12, 31),
            )
            for c in _history(application.partnership)
        ]
    history += [
        PastApplication(a.component, True, a.period_start, a.period_end)
        for a in others
        if a.status == ApplicationStatus.APPROVED
    ]
    team = _team(application)
    country = application.partner_country
    return sorted(
        [
            *check_completeness(
                title=application.title,
                purpose=application.purpose,
                unconfirmed_conduct=sum(not p.code_of_conduct for p in team),
            ),
            *check_eligibility(
                component=application.component,
                applicant_type=application.organisation.type,
                country_status=country.status if country else None,
                today=today,
                period_start=application.period_start,
                period_end=application.period_end,
                rounds=rounds,
                partnership_history=history,
                styrgrupp_in_same_submission=any(
                    c.component == Component.STYRGRUPP and (c.period_start, c.period_end) == period
                    for c in companions
                ),
                # Its period is checked against the project's (period_differs_from_projekt).
                projekt_in_same_submission=projekt is not None,
                had_dialogue=application.partnership_id in dialogues,
                rules=rules,
                projekt_period=(projekt.period_start, projekt.period_end)
                if projekt and projekt.period_start and projekt.period_end
                else None,
                dialogue_date=application.dialogue_date,
                dialogue_note=application.dialogue_note,
                planning_tool_complete=all(
                    getattr(application, name).strip() for name in PLANNING_FIELDS
                ),
            ),
            *check_team(application.component, team, rules),
            *check_visits(
                application.component, visits, rules, reason=application.visit_plan_reason
            ),
            *check_budget(total=budget[0], unexplained=budget[1], ceiling=ceiling),
        ]
    )


def rule_sets_in_force() -> Callable[[datetime.date], RuleSet]:
    """The rule set in force on a day; the rule sets are read in one query (applications.
    rulebook), and without any stored the default rule set applies."""
    return rule_sets()


def findings_for_many(
    applications: list[Application],
    *,
    today: datetime.date | None = None,
    rounds: list[ApplicationRound] | None = None,
    in_force: Callable[[datetime.date], RuleSet] | None = None,
    ceiling: Callable[[datetime.date, str], Rate | None] | None = None,
) -> dict[int, list[Finding]]:
    """{pk: findings} for many applications in a fixed number of queries, given that their
    organisation and partner country are selected and `what_the_rules_read()` prefetched.
    A caller judging applications chunk by chunk passes the rounds, `rule_sets_in_force()` and
    `costnorms.selectors.ceilings_in_force()` it read once, so each chunk does not read them
    again."""
    if rounds is None:
        rounds = list(ApplicationRound.objects.all())
    related = _related_applications(applications)
    today = today or timezone.localdate()
    partnership_ids = {a.partnership_id for a in applications if a.partnership_id}
    dialogues = set(
        Dialogue.objects.filter(
            partnership_id__in=partnership_ids, status=DialogueStatus.CONFIRMED
        ).values_list("partnership_id", flat=True)
        if partnership_ids
        else ()
    )
    visits = defaultdict(list)
    for visit in (
        Visit.objects.filter(application__in=applications)
        .only("application_id", "host", "participants", "days")
        .annotate(named=named_travellers())
    ):
        visits[visit.application_id].append(visit)
    budgets = _budgets(applications)
    if in_force is None:
        in_force = rule_sets_in_force()
    if ceiling is None:
        ceiling = ceilings_in_force()
    return {
        a.pk: _findings(
            a,
            related=related,
            rounds=rounds,
            today=today,
            dialogues=dialogues,
            visits=visits[a.pk],
            budget=budgets.get(a.pk, (0, 0)),
            ceiling=ceiling(judged_on(a, today), a.component),
            rules=in_force(judged_on(a, today)),
        )
        for a in applications
    }


def team_findings(
    application: Application, people: list, *, today: datetime.date | None = None
) -> list[Finding]:
    """The team rules on `people` (rules.ParticipantLike: the rows as typed on the team step,
    saved or not), by the rule set that judges the application. One query (the rule sets)."""
    day = judged_on(application, today or timezone.localdate())
    return sorted(check_team(application.component, people, rule_sets_in_force()(day)))


def findings_for(application: Application) -> list[Finding]:
    return findings_for_many([application])[application.pk]
