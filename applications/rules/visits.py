"""The visit plan: how many visits, hosted by whom, and how many travel."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from django.utils.translation import gettext_lazy as _

from .finding import Finding, _count, _finding
from .ruleset import DEFAULT_RULES, RuleSet
from .values import PARTIES

VISIT_CODES = frozenset({"visit_count", "visit_hosts", "visit_participants"})


class VisitLike(Protocol):
    host: str
    participants: int


def check_visits(
    component: str, visits: Iterable[VisitLike], rules: RuleSet = DEFAULT_RULES
) -> list[Finding]:
    """Warnings when the visit plan does not fit what the component funds: Förberedelse "två
    möten mellan parterna, ett i vardera land, för cirka fyra deltagare"; Breddning "två
    internationella besök mellan parterna, ett i varje land" (seed 004)."""
    visits = list(visits)
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
            _("The visit plan has %(count)d visits; this component funds %(range)s."),
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
