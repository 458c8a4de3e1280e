"""The payments' rules as pure functions: the default plan, a plan's check, the final
settlement against the report's actual costs. Amounts are whole kronor."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


def default_plan(total: int, advance_percent: int) -> list[tuple[str, int]]:
    """An advance of `advance_percent` % of `total` (rounded down to whole kronor) at signing,
    the rest after the approved final report; a part of 0 kronor is left out."""
    advance = total * advance_percent // 100
    parts = [("signing", advance), ("final_report", total - advance)]
    return [(trigger, amount) for trigger, amount in parts if amount > 0]


def plan_matches(amounts: Sequence[int], total: int) -> bool:
    """Whether a plan's instalments add up to the granted total."""
    return sum(amounts) == total


@dataclass(frozen=True)
class Settlement:
    final_payment: int  # what is still paid out after the final report
    repayment: int  # what the grantee pays back
    unpaid: int  # granted but not paid out: costs were lower than the grant


def settle(*, granted: int, paid: int, final_planned: int, actual: int) -> Settlement:
    """After the final report: `paid` kronor went (or are going) out before it, `final_planned`
    is what the plan keeps for after it, `actual` the approved actual costs. The grantee gets
    at most the actual costs and at most the grant: what was paid above the actual costs comes
    back; the final instalment pays what the actual costs still lack, up to its amount."""
    covered = min(actual, granted)
    final_payment = max(0, min(final_planned, covered - paid))
    repayment = max(0, paid - covered)
    return Settlement(
        final_payment=final_payment,
        repayment=repayment,
        unpaid=granted - (paid + final_payment - repayment),
    )
