"""Application rounds: which one is open, and which one a submission goes to."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from django.utils.translation import gettext_lazy as _

from .finding import Finding, _error
from .values import COMPONENTS, FORBEREDELSE


class RoundLike(Protocol):
    """What the rules need of an application round; `applications.models.ApplicationRound`
    has these attributes, so its instances can be passed as they are."""

    name: str
    opens_on: datetime.date
    closes_on: datetime.date
    components: Iterable[str]


@dataclass(frozen=True)
class RoundFacts:
    """An application round as plain data (model instances with these attributes also do)."""

    name: str
    opens_on: datetime.date
    closes_on: datetime.date
    components: frozenset[str]


def open_round_for(
    component: str, rounds: Iterable[RoundLike], today: datetime.date
) -> RoundLike | None:
    """The round open `today` for the component (opens_on <= today <= closes_on). If rounds
    overlap, the one that closes first, since it is processed first. None for Förberedelse,
    which is applied for at any time, outside rounds."""
    if component not in COMPONENTS:
        raise ValueError(f"unknown component: {component!r}")
    if component == FORBEREDELSE:
        return None
    open_rounds = [
        r for r in rounds if component in r.components and r.opens_on <= today <= r.closes_on
    ]
    return min(open_rounds, key=lambda r: (r.closes_on, r.name), default=None)


def round_for_submission(
    component: str, rounds: Iterable[RoundLike], today: datetime.date
) -> RoundLike | None:
    """The round an application submitted `today` is processed in: the open one, else the next
    one that takes the component (it queues there). "Ansökan till programmets övriga komponenter
    kan också göras under hela året men behandlas i särskilda ansökningsomgångar" (seed 002).
    None for Förberedelse, and when no round is open or ahead."""
    rounds = list(rounds)
    current = open_round_for(component, rounds, today)
    if current is not None or component == FORBEREDELSE:
        return current
    ahead = [r for r in rounds if component in r.components and r.opens_on > today]
    return min(ahead, key=lambda r: (r.closes_on, r.name), default=None)


def _check_round(
    component: str, rounds: Iterable[RoundLike], today: datetime.date
) -> list[Finding]:
    if component == FORBEREDELSE or round_for_submission(component, rounds, today) is not None:
        return []
    return [
        _error(
            "no_round",
            _(
                "No application round for this component is open or planned yet; ICLD "
                "announces the next round on its pages, and you can submit once it is "
                "published."
            ),
            source="rounds",
        )
    ]
