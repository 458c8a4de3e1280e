"""The visit plan: how many visits, hosted by whom, and how many travel."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from django.utils.translation import gettext_lazy as _

from .finding import Finding, _count, _finding
from .ruleset import DEFAULT_RULES, RuleSet
from .values import PARTIES, WARNING

VISIT_CODES = frozenset(
    {
        "visit_count",
        "visit_hosts",
        "visit_participants",
        "visit_plan_reason",
        "visit_days",
        "visit_travellers_unnamed",
    }
)


class VisitLike(Protocol):
    host: str
    participants: int
    days: int | None
    # How many team members are chosen as the visit's travellers, where known (findings
    # annotate it; a plan judged without the team leaves it out).
    named: int


def check_visits(
    component: str,
    visits: Iterable[VisitLike],
    rules: RuleSet = DEFAULT_RULES,
    *,
    reason: str | None = None,
) -> list[Finding]:
    """Warnings when the visit plan does not fit what the component funds: Förberedelse "två
    möten mellan parterna, ett i vardera land, för cirka fyra deltagare" (seed 004 line 7);
    Breddning "två internationella besök mellan parterna, ett i varje land" (seed 004 line
    48). A plan may differ for a reason: given the `reason` the coordinator wrote (None: not
    asked), a plan that differs without one is a warning asking for it. A visit without its
    days cannot be costed from the norms: a warning too."""
    visits = list(visits)
    findings = _deviations(component, visits, rules)
    # An empty plan is not yet a plan that differs: nothing to give a reason for.
    if findings and visits and reason is not None and not reason.strip():
        findings.append(
            _finding(
                WARNING,
                "visit_plan_reason",
                None,
                _(
                    "The visit plan differs from what this component funds: give the reason "
                    "on the visit plan step."
                ),
                source=findings[0].source,
            )
        )
    undated = sum(1 for v in visits if v.days is None)
    if undated:
        findings.append(
            _finding(
                WARNING,
                "visit_days",
                None,
                _(
                    "Visits without a number of days: %(count)d. Their costs are computed from "
                    "the days, so the budget lacks them."
                ),
                count=undated,
            )
        )
    # Each visit names "which team members travel" (issue 20, item 2): the number stands in
    # for the people until the team exists; name them before the plan is submitted.
    unnamed = sum(1 for v in visits if getattr(v, "named", None) == 0)
    if unnamed:
        findings.append(
            _finding(
                WARNING,
                "visit_travellers_unnamed",
                None,
                _(
                    "Visits without the team members who travel: %(count)d. Their budget "
                    "counts the number you gave; choose the people on the visit plan step "
                    "once the team is filled in, before you submit."
                ),
                count=unnamed,
            )
        )
    return findings


def _deviations(component: str, visits: list[VisitLike], rules: RuleSet) -> list[Finding]:
    count = rules.limit(component, "visits")
    findings = []
    if count.minimum is None and count.maximum is None:
        return findings
    if not count.admits(len(visits)):
        findings += _count(
            None,
            "visit_count",
            len(visits),
            count,
            _("Visits in the visit plan: %(count)d; this component funds %(range)s."),
        )
    # "ett i vardera land": one visit hosted by each party.
    if count.minimum == 2 and {v.host for v in visits} != set(PARTIES) and visits:
        findings.append(
            _finding(
                count.severity,
                "visit_hosts",
                None,
                _("Plan one visit in each country: one hosted by each party."),
                source=count.source,
            )
        )
    size = rules.limit(component, "visit_participants")
    crowded = [v for v in visits if not size.admits(v.participants)]
    if crowded and size.maximum is not None:
        findings.append(
            _finding(
                size.severity,
                "visit_participants",
                None,
                _(
                    "%(count)d visits have more than %(max)d participants; this component "
                    "funds about %(max)d per visit."
                ),
                source=size.source,
                count=len(crowded),
                max=size.maximum,
            )
        )
    return findings
