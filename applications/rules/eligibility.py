"""Eligibility: the applicant, the partner country, prerequisites and the period."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .finding import Finding, _error, _finding
from .rounds import RoundLike, _check_round
from .ruleset import DEFAULT_LIMITS, DEFAULT_RULES, RuleSet
from .values import (
    APPLICANT_TYPES,
    BREDDNING,
    COMPONENTS,
    CONTINUING,
    COUNTRY_STATUSES,
    FORBEREDELSE,
    FORMER,
    PROJEKT,
    SPRIDNING,
    STYRGRUPP,
)

ELIGIBILITY_CODES = frozenset(
    {
        "applicant_type_ineligible",
        "country_missing",
        "country_continuing_new_partnership",
        "country_former",
        "styrgrupp_missing",
        "projekt_missing",
        "existing_styrgrupp_missing",
        "dialogue_missing",
        "dialogue_in_future",
        "planning_tool_incomplete",
        "no_round",
        "period_missing",
        "period_end_before_start",
        "period_too_short",
        "period_too_long",
        "period_differs_from_projekt",
    }
)


@dataclass(frozen=True)
class PastApplication:
    """An earlier application of the same partnership, as far as the rules care."""

    component: str
    granted: bool
    period_start: datetime.date | None = None
    period_end: datetime.date | None = None


# (fewest, most) months a component's period may last: the defaults of the rule set's
# "period_months" limits. Förberedelse "usually one year" and Breddning six months get some
# slack; Projekt is 1–3 years; a Styrgrupp runs for the same period as its Projekt.
PERIOD_MONTHS: dict[str, tuple[int, int]] = {
    c: (limit.minimum, limit.maximum)
    for (c, key), limit in DEFAULT_LIMITS.items()
    if key == "period_months" and limit.minimum is not None
}


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 →
    28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def _check_applicant(applicant_type: str) -> list[Finding]:
    if applicant_type in APPLICANT_TYPES:
        return []
    return [
        _error(
            "applicant_type_ineligible",
            _(
                "Only municipalities, regions, district committees, municipal and regional "
                "federations, joint committees and municipal cooperation organisations may "
                "apply."
            ),
            source="applicant",
        )
    ]


def has_worked_in_country(history: Iterable[PastApplication], *, had_dialogue: bool) -> bool:
    """Whether a partnership may go on in a continuing country: "kommuner sedan tidigare har en
    dialog eller genomförda/pågående Förberedelser eller Projekt" (seed 002)."""
    return had_dialogue or any(
        a.granted and a.component in (FORBEREDELSE, PROJEKT) for a in history
    )


def country_finding(
    country_status: str | None,
    history: Iterable[PastApplication] = (),
    *,
    had_dialogue: bool = False,
) -> Finding | None:
    """What the partner country's status means for a new application, or None when it may go
    ahead. Usable as soon as the country is chosen (step 1 of the wizard)."""
    if country_status is None:
        return _error("country_missing", _("Choose the partner's country."), source="countries")
    if country_status not in COUNTRY_STATUSES:
        raise ValueError(f"unknown country status: {country_status!r}")
    if country_status == FORMER:
        return _error(
            "country_former",
            _("The partner's country has left the programme; it takes no new applications."),
            source="countries",
        )
    # A continuing country keeps partnerships that have already worked there, not new ones.
    if country_status == CONTINUING and not has_worked_in_country(
        history, had_dialogue=had_dialogue
    ):
        return _error(
            "country_continuing_new_partnership",
            _(
                "In the partner's country only partnerships that have already had a dialogue "
                "with ICLD, a Preparation or a Project may continue; a new partnership is not "
                "eligible."
            ),
            source="countries",
        )
    return None


def _covers(past: PastApplication, start: datetime.date | None, end: datetime.date | None) -> bool:
    # Where a period is not known yet the period rules report it; here it does not block.
    if None in (past.period_start, past.period_end, start, end):
        return True
    return past.period_start <= start and end <= past.period_end


def _check_prerequisites(
    component: str,
    *,
    history: Sequence[PastApplication],
    styrgrupp_in_same_submission: bool,
    projekt_in_same_submission: bool,
    dialogue_date: datetime.date | None,
    dialogue_note: str,
    planning_tool_complete: bool,
    period_start: datetime.date | None,
    period_end: datetime.date | None,
    today: datetime.date,
) -> list[Finding]:
    findings = []
    granted = [a for a in history if a.granted]
    granted_styrgrupper = [a for a in granted if a.component == STYRGRUPP]
    # A project needs a steering group running for the same period: one applied for together
    # with it, or one already granted for (at least) the project's period.
    if (
        component == PROJEKT
        and not styrgrupp_in_same_submission
        and not any(_covers(s, period_start, period_end) for s in granted_styrgrupper)
    ):
        findings.append(
            _error(
                "styrgrupp_missing",
                _(
                    "A Project needs a Steering group for the same period: apply for one "
                    "together with the project."
                ),
                source="projekt_styrgrupp",
            )
        )
    # The other way round: a steering group steers a project ("Projekt förutsätter att det finns
    # en tillhörande styrgrupp som löper under motsvarande tid", seed 004) — one applied for
    # together with it, or one already granted for the steering group's period.
    if (
        component == STYRGRUPP
        and not projekt_in_same_submission
        and not any(
            a.component == PROJEKT and _covers(a, period_start, period_end) for a in granted
        )
    ):
        findings.append(
            _error(
                "projekt_missing",
                _(
                    "A Steering group goes with a Project for the same period: apply for the "
                    "project together with it, or choose the period of the granted project."
                ),
                source="projekt_styrgrupp",
            )
        )
    # Widening builds on an existing steering group: granted and not ended before today.
    if component == BREDDNING and not any(
        s.period_end is None or s.period_end >= today for s in granted_styrgrupper
    ):
        findings.append(
            _error(
                "existing_styrgrupp_missing",
                _("A Widening needs an existing, granted Steering group."),
                source="breddning_prerequisites",
            )
        )
    if component == SPRIDNING:
        if dialogue_date is None or not dialogue_note.strip():
            findings.append(
                _error(
                    "dialogue_missing",
                    _(
                        "A Dissemination is always preceded by a dialogue with ICLD: give its "
                        "date and what it concluded."
                    ),
                    source=SPRIDNING,
                )
            )
        elif dialogue_date > today:
            findings.append(
                _error(
                    "dialogue_in_future",
                    _("The dialogue with ICLD must have taken place before you apply."),
                    source=SPRIDNING,
                )
            )
    # The planning tool is used *during* a Förberedelse and a Breddning ("Det är obligatoriskt
    # att använda ICLD:s projektplaneringsverktyg under förberedelsen"); its result precedes a
    # Projekt ("Projektansökan ska ha föregåtts av att parterna arbetat med ICLD:s
    # projektplaneringsverktyg", seed 004). So a Projekt needs it: from a granted Förberedelse or
    # Breddning of the partnership, or filled in on the application.
    if (
        component == PROJEKT
        and not planning_tool_complete
        and not any(a.component in (FORBEREDELSE, BREDDNING) for a in granted)
    ):
        findings.append(
            _error(
                "planning_tool_incomplete",
                _(
                    "A Project is preceded by work with ICLD's planning tool: fill in every part "
                    "of the planning step (or apply after a granted Preparation or Widening)."
                ),
                source="planning_tool",
            )
        )
    return findings


def _check_period(
    component: str,
    start: datetime.date | None,
    end: datetime.date | None,
    projekt_period: tuple[datetime.date, datetime.date] | None,
    rules: RuleSet,
) -> list[Finding]:
    if start is None or end is None:
        return [_error("period_missing", _("Give the period's start and end."))]
    if end <= start:
        return [_error("period_end_before_start", _("The period must end after it starts."))]
    if component == STYRGRUPP and projekt_period is not None:
        if (start, end) == tuple(projekt_period):
            return []
        return [
            _error(
                "period_differs_from_projekt",
                _(
                    "A Steering group runs for the same period as its Project "
                    "(%(start)s – %(end)s)."
                ),
                source="projekt_styrgrupp",
                start=projekt_period[0].isoformat(),
                end=projekt_period[1].isoformat(),
            )
        ]
    limit = rules.limit(component, "period_months")
    # Either end convention passes at the limits: 1 Jan–31 Dec and 1 Jan–1 Jan are both a year.
    if limit.minimum is not None and end < add_months(start, limit.minimum) - datetime.timedelta(
        days=1
    ):
        return [
            _finding(
                limit.severity,
                "period_too_short",
                None,
                _("The period must last at least %(months)d months."),
                source=limit.source,
                months=limit.minimum,
            )
        ]
    if limit.maximum is not None and end > add_months(start, limit.maximum):
        return [
            _finding(
                limit.severity,
                "period_too_long",
                None,
                _("The period may last at most %(months)d months."),
                source=limit.source,
                months=limit.maximum,
            )
        ]
    return []


def check_eligibility(
    *,
    component: str,
    applicant_type: str,
    country_status: str | None,
    today: datetime.date,
    period_start: datetime.date | None,
    period_end: datetime.date | None,
    rounds: Iterable[RoundLike] = (),
    partnership_history: Iterable[PastApplication] = (),
    styrgrupp_in_same_submission: bool = False,
    projekt_in_same_submission: bool = False,
    projekt_period: tuple[datetime.date, datetime.date] | None = None,
    dialogue_date: datetime.date | None = None,
    dialogue_note: str = "",
    planning_tool_complete: bool = False,
    had_dialogue: bool = False,
    rules: RuleSet = DEFAULT_RULES,
) -> list[Finding]:
    """Whether an application may be submitted, apart from its teams (see `check_team`).

    - `applicant_type`: the Swedish organisation's type (a value of APPLICANT_TYPES to pass);
    - `country_status`: the partner country's status (cluster/continuing/former), None if no
      country is chosen yet;
    - `rounds`: the application rounds (any objects with name, opens_on, closes_on, components);
    - `partnership_history`: the partnership's earlier applications (empty for a new one);
    - `styrgrupp_in_same_submission`: a Projekt is applied for together with its Styrgrupp;
    - `projekt_in_same_submission`: a Styrgrupp is applied for together with its Projekt;
    - `projekt_period`: for a Styrgrupp, the (start, end) of the Projekt it steers, if known;
    - `dialogue_date`, `dialogue_note`: the dialogue with ICLD that precedes a Spridning;
    - `planning_tool_complete`: the planning step is filled in (needed by a Projekt unless a
      granted Förberedelse or Breddning did the work);
    - `had_dialogue`: ICLD has confirmed a dialogue with the partnership (continuing countries);
    - `rules`: the rule set in force (the day of submission, or today for a draft).
    """
    if component not in COMPONENTS:
        raise ValueError(f"unknown component: {component!r}")
    history = list(partnership_history)
    country = country_finding(country_status, history, had_dialogue=had_dialogue)
    return [
        *_check_applicant(applicant_type),
        *([country] if country else []),
        *_check_prerequisites(
            component,
            history=history,
            styrgrupp_in_same_submission=styrgrupp_in_same_submission,
            projekt_in_same_submission=projekt_in_same_submission,
            dialogue_date=dialogue_date,
            dialogue_note=dialogue_note,
            planning_tool_complete=planning_tool_complete,
            period_start=period_start,
            period_end=period_end,
            today=today,
        ),
        *_check_round(component, rounds, today),
        *_check_period(component, period_start, period_end, projekt_period, rules),
    ]
