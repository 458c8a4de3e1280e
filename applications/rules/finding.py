"""What a rule reports: a `Finding`, and the helpers that build one with a lazy message."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

from .ruleset import Limit
from .values import ERROR, PARTY_LABELS


def _interpolate(template: Promise, params: dict[str, object]) -> str:
    return str(template) % params


# `gettext_lazy(...) % params` would translate at once, in whatever language is active when
# the rule runs; this keeps the message lazy so that it is translated when it is shown.
_lazy_interpolate = lazy(_interpolate, str)


@functools.total_ordering
@dataclass(frozen=True)
class Finding:
    """One thing the rules found. Findings compare and hash by what they are about
    (severity, code, party); the message is for people and takes no part in that."""

    severity: str
    code: str
    party: str | None = None
    message: Promise | str = field(default="", compare=False)
    # Where in the programme's pages the rule comes from: a key of SOURCES.
    source: str = field(default="", compare=False)
    # How far a count is outside what the rule admits (1 for a rule without a count): a change
    # that leaves a finding standing but takes it further makes it worse.
    distance: int = field(default=1, compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    def _sort_key(self) -> tuple[str, str, str]:
        # Errors before warnings; party-less (eligibility) findings before team findings.
        return (self.severity, self.party or "", self.code)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Finding):
            return NotImplemented
        return self._sort_key() < other._sort_key()


def _finding(
    severity: str,
    code: str,
    party: str | None,
    message: Promise,
    *,
    source: str = "",
    distance: int = 1,
    **params,
) -> Finding:
    if party is not None:
        params["party"] = PARTY_LABELS[party]
    return Finding(severity, code, party, _lazy_interpolate(message, params), source, distance)


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.is_error for f in findings)


def _count(party: str, code: str, count: int, limit: Limit, message: Promise) -> list[Finding]:
    """A finding (of the limit's severity) unless the count is within the limit; the message
    may use count, min, max and range ("2", "1–2", "at least 3")."""
    if limit.admits(count):
        return []
    low, high = limit.minimum, limit.maximum
    if low == high:
        number_range = str(low)
    elif high is None:
        number_range = _lazy_interpolate(_("at least %(min)d"), {"min": low or 0})
    elif low is None:
        number_range = _lazy_interpolate(_("at most %(max)d"), {"max": high})
    else:
        number_range = f"{low}–{high}"
    return [
        _finding(
            limit.severity,
            code,
            party,
            message,
            source=limit.source,
            distance=low - count if low is not None and count < low else count - (high or 0),
            count=count,
            range=number_range,
            min=limit.minimum if limit.minimum is not None else 0,
            max=limit.maximum if limit.maximum is not None else count,
        )
    ]


def _error(code: str, message: Promise, *, source: str = "", **params) -> Finding:
    return _finding(ERROR, code, None, message, source=source, **params)
