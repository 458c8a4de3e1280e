"""The programme's rules for reports, as pure functions over plain data: when reports are due,
when a cost needs an explanation, and what is missing before a report can be submitted."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from applications.rules import ERROR, WARNING, Finding, add_months

FINAL, YEARLY = "final", "yearly"
PROJEKT = "projekt"
# A cost more than this share away from the approved amount (either way) must be explained.
DEVIATION_THRESHOLD = 0.10
# Used when staff have not set a rule for a component: two months after the end.
DEFAULT_FINAL_MONTHS = 2
DEFAULT_YEARLY_MONTHS = 2


def may_claim(*, approved: bool, left_on: datetime.date | None, day: datetime.date) -> bool:
    """Whether a report may name a participant for what happened on `day`: ICLD "reimburses
    costs only for persons it has approved" (DOMAIN), and someone who left through an approved
    change still counts for what they did before they left — a visit dated before their leaving
    date, or a report period that began before it."""
    return approved and (left_on is None or day < left_on)


@dataclass(frozen=True)
class RuleFacts:
    final_months_after_end: int = DEFAULT_FINAL_MONTHS
    yearly_months_after_year: int | None = None


@dataclass(frozen=True)
class DueReport:
    kind: str
    project_year: int
    period_start: datetime.date
    period_end: datetime.date
    due_date: datetime.date


def project_years(
    start: datetime.date, end: datetime.date
) -> list[tuple[datetime.date, datetime.date]]:
    """The project years of a period: twelve months each from the start, the last one ending
    with the period (1 Mar 2025 – 31 Aug 2027 → Mar 25–Feb 26, Mar 26–Feb 27, Mar 27–Aug 27)."""
    years = []
    year_start = start
    while year_start <= end:
        year_end = min(add_months(year_start, 12) - datetime.timedelta(days=1), end)
        years.append((year_start, year_end))
        year_start = year_end + datetime.timedelta(days=1)
    return years


def due_reports(
    *, component: str, period_start: datetime.date, period_end: datetime.date, rule: RuleFacts
) -> list[DueReport]:
    """The reports a granted component owes: a final report on the whole period, due
    `final_months_after_end` months after it ends, and for a multi-year Project a yearly report
    on every project year but the last (the final report covers that one)."""
    if period_end < period_start:
        return []
    years = project_years(period_start, period_end)
    reports = []
    if component == PROJEKT and rule.yearly_months_after_year is not None and len(years) > 1:
        for number, (year_start, year_end) in enumerate(years[:-1], start=1):
            reports.append(
                DueReport(
                    kind=YEARLY,
                    project_year=number,
                    period_start=year_start,
                    period_end=year_end,
                    due_date=add_months(year_end, rule.yearly_months_after_year),
                )
            )
    reports.append(
        DueReport(
            kind=FINAL,
            project_year=len(years),
            period_start=period_start,
            period_end=period_end,
            due_date=add_months(period_end, rule.final_months_after_end),
        )
    )
    return reports


def needs_explanation(
    *, approved: int, actual: int, threshold: float = DEVIATION_THRESHOLD
) -> bool:
    """Whether a cost deviates from the amount approved for its line (what the decision granted
    it, `granted_by_line`) by more than `threshold` of it. Any cost on a line approved at 0
    deviates."""
    if approved == 0:
        return actual != 0
    return abs(actual - approved) > threshold * approved


@dataclass(frozen=True)
class CostFacts:
    description: str
    approved: int
    actual: int | None  # None: not filled in yet
    explanation: str = ""


@dataclass(frozen=True)
class ReportFacts:
    kind: str
    activities: str
    results: str
    democratic_areas: int
    lessons: str
    knowledge_home: str
    participants: int
    visits: int
    costs: Sequence[CostFacts]
    # When the report may go in: not before the last day of its period (a yearly report's
    # year, a final report's whole period) unless staff allowed it early.
    period_end: datetime.date | None = None
    today: datetime.date | None = None
    early_submission_allowed: bool = False


def _error(code: str, message, **params) -> Finding:
    return Finding(ERROR, code, None, message % params if params else message)


def check_report(facts: ReportFacts) -> list[Finding]:
    """What must be fixed (errors) or is worth a look (warnings) before submitting."""
    findings = []
    texts = [
        ("activities", facts.activities, _("Describe the activities carried out.")),
        ("results", facts.results, _("Describe the results against the goals.")),
        ("lessons", facts.lessons, _("Describe the lessons learnt.")),
        (
            "knowledge_home",
            facts.knowledge_home,
            _("Describe how the knowledge was brought home."),
        ),
    ]
    findings += [_error(code, message) for code, value, message in texts if not value.strip()]
    if not facts.democratic_areas:
        findings.append(
            _error("democratic_areas", _("Choose the core democratic areas the results concern."))
        )
    if not facts.participants:
        findings.append(_error("participants", _("Tick the participants who took part.")))
    for cost in facts.costs:
        if cost.actual is None:
            findings.append(
                _error(
                    "cost_missing",
                    _("Give the actual cost of “%(line)s”."),
                    line=cost.description,
                )
            )
        elif not cost.explanation.strip() and needs_explanation(
            approved=cost.approved, actual=cost.actual
        ):
            findings.append(
                _error(
                    "cost_explanation",
                    _("Explain why the cost of “%(line)s” deviates from what ICLD granted for it."),
                    line=cost.description,
                )
            )
    if not facts.visits:
        findings.append(Finding(WARNING, "visits", None, _("No partner visits are reported.")))
    if too_early(facts):
        message = (
            _(
                "The period this report covers ends on %(end)s: the final report can be "
                "submitted from that day. ICLD can allow it earlier; write to them why."
            )
            if facts.kind == FINAL
            else _(
                "The project year this report covers ends on %(end)s: the yearly report can be "
                "submitted from that day. ICLD can allow it earlier; write to them why."
            )
        )
        findings.append(_error("too_early", message, end=facts.period_end.isoformat()))
    return findings


def too_early(facts: ReportFacts) -> bool:
    """Whether the report would be submitted before the last day of the period it covers."""
    if facts.period_end is None or facts.today is None or facts.early_submission_allowed:
        return False
    return facts.today < facts.period_end


# ---------------------------------------------------------------------------------------------
# Actual costs against the grant
# ---------------------------------------------------------------------------------------------


def apportion(total: int, weights: Sequence[int]) -> list[int]:
    """`total` whole kronor shared in proportion to `weights` (largest remainder), so that the
    shares add up to `total` exactly: 100 over (1, 1, 1) → 34, 33, 33. No weights: no shares;
    weights that are all 0 share it equally."""
    if not weights:
        return []
    if not any(weights):
        weights = [1] * len(weights)
    whole = sum(weights)
    shares = [total * weight // whole for weight in weights]
    # The kronor left over go to the largest remainders, the first line on a tie.
    order = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
    for i in order[: total - sum(shares)]:
        shares[i] += 1
    return shares


@dataclass(frozen=True)
class CostLine:
    """One line of the budget applied for and what the report says it cost: `visit` names the
    planned visit the line was computed for (None: a line of the coordinator's own)."""

    key: int
    category: str
    description: str
    visit: str | None
    budgeted: int
    actual: int | None  # None: not filled in yet


@dataclass(frozen=True)
class Compared:
    """Granted, actual and the difference (actual − granted: below 0 is less spent) of one
    line, visit, category or the whole."""

    label: str
    budgeted: int
    granted: int
    actual: int

    @property
    def difference(self) -> int:
        return self.actual - self.granted


@dataclass(frozen=True)
class GrantComparison:
    lines: tuple[Compared, ...]
    visits: tuple[Compared, ...]
    categories: tuple[Compared, ...]
    total: Compared

    @property
    def tables(self) -> list[tuple[tuple[Compared, ...], str, str]]:
        """(rows, the heading of their first column, the caption), as the page shows them."""
        return [
            (self.categories, _("Budget category"), _("Per budget category")),
            (self.visits, _("Planned visit"), _("Per planned visit")),
            (self.lines, _("Budget line"), _("Per budget line")),
        ]


def granted_by_line(lines: Sequence[CostLine], granted: Mapping[str, int]) -> dict[int, int]:
    """{line key: what the decision grants the line}. The decision grants per category; a
    line's share of it is its category's grant apportioned over the category's lines by their
    budgeted amounts (a category granted at 90 % grants each of its lines 90 %), so the lines
    add up to their category's grant exactly."""
    granted_of: dict[int, int] = {}
    for category in {line.category for line in lines}:
        members = [line for line in lines if line.category == category]
        shares = apportion(granted.get(category, 0), [line.budgeted for line in members])
        granted_of |= {line.key: share for line, share in zip(members, shares, strict=True)}
    return granted_of


def compare_with_grant(
    lines: Sequence[CostLine], granted: dict[str, int], category_names: dict[str, str]
) -> GrantComparison:
    """The report's actual costs beside what the decision granted (`granted_by_line`), so
    lines and visits add up to their categories, and categories to the grant."""
    granted_of = granted_by_line(lines, granted)

    def compared(label: str, members: Sequence[CostLine], grant: int | None = None) -> Compared:
        return Compared(
            label=label,
            budgeted=sum(line.budgeted for line in members),
            granted=sum(granted_of[line.key] for line in members) if grant is None else grant,
            actual=sum(line.actual or 0 for line in members),
        )

    visits = list(dict.fromkeys(line.visit for line in lines if line.visit is not None))
    categories = [c for c in category_names if c in granted or any(x.category == c for x in lines)]
    return GrantComparison(
        lines=tuple(compared(line.description, [line]) for line in lines),
        visits=tuple(
            compared(visit, [line for line in lines if line.visit == visit]) for visit in visits
        ),
        categories=tuple(
            compared(
                category_names[category],
                [line for line in lines if line.category == category],
                granted.get(category, 0),
            )
            for category in categories
        ),
        total=compared("", lines, sum(granted.values())),
    )
