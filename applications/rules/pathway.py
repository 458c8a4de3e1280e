"""The pathway: what a partnership can apply for now, by when, and what is missing."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .eligibility import PastApplication, _check_applicant, _check_prerequisites, country_finding
from .finding import Finding, _error
from .rounds import RoundLike, _check_round, round_for_submission
from .values import COMPONENTS

# Things the application itself supplies (a Projekt's planning step), not prerequisites.
_SUPPLIED_BY_THE_APPLICATION = frozenset({"planning_tool_incomplete"})


@dataclass(frozen=True)
class PathwayStep:
    """One component as the planner sees it: whether it can be applied for now, by which day
    (the closing day of the round it would go to; None for Förberedelse: any time), and what is
    missing (blocking) or still to do in the application."""

    component: str
    round: RoundLike | None
    missing: tuple[Finding, ...]
    to_do: tuple[Finding, ...]

    @property
    def can_apply(self) -> bool:
        return not self.missing

    @property
    def apply_by(self) -> datetime.date | None:
        return self.round.closes_on if self.round is not None else None


def pathway(
    *,
    country_status: str | None,
    history: Iterable[PastApplication],
    had_dialogue: bool,
    rounds: Iterable[RoundLike],
    today: datetime.date,
    applicant_type: str = "kommun",
    in_progress: Mapping[str, str] | None = None,
) -> list[PathwayStep]:
    """For each component: can the partnership apply for it now, by when, and what is missing —
    the same rules as at submission, from the partnership's history. A Projekt and its
    Styrgrupp are applied for together, so neither lacks the other here; a recorded dialogue
    with ICLD counts as the one a Spridning needs. `in_progress` maps a component to the case
    number of the partnership's application for it that ICLD has received and not yet decided:
    that component is not offered again until ICLD has decided."""
    history = list(history)
    in_progress = in_progress or {}
    rounds = list(rounds)
    steps = []
    for component in COMPONENTS:
        country = country_finding(country_status, history, had_dialogue=had_dialogue)
        found = [
            *_check_applicant(applicant_type),
            *([country] if country else []),
            *_check_prerequisites(
                component,
                history=history,
                styrgrupp_in_same_submission=True,
                projekt_in_same_submission=True,
                dialogue_date=today if had_dialogue else None,
                dialogue_note="ICLD" if had_dialogue else "",
                planning_tool_complete=False,
                period_start=None,
                period_end=None,
                today=today,
            ),
            *_check_round(component, rounds, today),
            *(
                [
                    _error(
                        "already_applied",
                        _(
                            "ICLD is processing this partnership's application %(case)s for it: "
                            "you can apply again once ICLD has decided."
                        ),
                        case=in_progress[component],
                    )
                ]
                if component in in_progress
                else []
            ),
        ]
        steps.append(
            PathwayStep(
                component=component,
                round=round_for_submission(component, rounds, today),
                missing=tuple(f for f in found if f.code not in _SUPPLIED_BY_THE_APPLICATION),
                to_do=tuple(f for f in found if f.code in _SUPPLIED_BY_THE_APPLICATION),
            )
        )
    return steps
