"""The budget: a planned visit's facts for the cost norms, and what a budget may not be (over
the component's ceiling, a line of one's own that does not say what it is for)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from django.utils.translation import gettext_lazy as _

from core.money import sek_lazy
from costnorms.norms import SWEDEN, Rate, VisitFacts

from .finding import Finding, _error
from .values import SWEDISH

BUDGET_CODES = frozenset({"budget_over_ceiling", "budget_line_unexplained"})

# The amounts are written the reader's way when the message is shown (1 200 kr / SEK 1,200).
_sek = sek_lazy


class PlannedVisit(Protocol):
    host: str
    participants: int | None  # how many travel
    days: int | None
    interpreter: bool


def travelling(*, named: int, participants: int | None) -> int | None:
    """How many the budget counts on a visit: the team members chosen as its travellers, or,
    while none are chosen (the team may not exist yet), the number the plan gives."""
    return named or participants


def visit_facts(
    visit: PlannedVisit, partner_country: str | None, *, named: int = 0
) -> VisitFacts | None:
    """What the norms need to know of a planned visit: a visit hosted by the Swedish party
    takes place in Sweden and the partner's team travels; one hosted by the partner takes place
    in the partner's country and the Swedish team travels; `named` of the team are chosen as
    its travellers (`travelling`). None while the partner country, the number who travel or the
    days are not known yet."""
    persons = travelling(named=named, participants=visit.participants)
    if not partner_country or not persons or not visit.days:
        return None
    place, travellers_from = (
        (SWEDEN, partner_country) if visit.host == SWEDISH else (partner_country, SWEDEN)
    )
    return VisitFacts(
        host=place,
        travellers_from=travellers_from,
        travellers=persons,
        days=visit.days,
        interpreter=visit.interpreter,
    )


class BudgetLineLike(Protocol):
    amount_sek: int
    explanation: str
    visit_id: int | None  # set on a line computed for a visit


def budget_total(lines: Iterable[BudgetLineLike]) -> int:
    return sum(line.amount_sek or 0 for line in lines)


def unexplained(lines: Iterable[BudgetLineLike]) -> int:
    """How many of the coordinator's own lines do not say what they are for (a line computed
    for a visit explains itself from the norms)."""
    return sum(
        1 for line in lines if line.visit_id is None and not (line.explanation or "").strip()
    )


def check_budget(*, total: int, unexplained: int, ceiling: Rate | None) -> list[Finding]:
    """Errors: the budget's `total` above the component's ceiling in force (with the figures),
    and `unexplained` lines of the coordinator's own."""
    findings = []
    if ceiling is not None and total > ceiling.amount_sek:
        findings.append(
            _error(
                "budget_over_ceiling",
                _(
                    "The budget totals %(total)s, %(over)s above this component's "
                    "ceiling of %(ceiling)s (in force from %(date)s). Lower the budget."
                ),
                total=_sek(total),
                over=_sek(total - ceiling.amount_sek),
                ceiling=_sek(ceiling.amount_sek),
                date=ceiling.valid_from.isoformat(),
            )
        )
    if unexplained:
        findings.append(
            _error(
                "budget_line_unexplained",
                _(
                    "Budget lines of your own without an explanation: %(count)d. Say what each "
                    "pays for and how you reached the amount."
                ),
                count=unexplained,
            )
        )
    return findings
