"""Which partners abroad fit a Swedish organisation's interest registration, best first.

A pure function over plain data: no ORM, no request, no clock. `selectors.ranking_input`
builds the data from the database; the admin shows the result and `workflow.accept_match`
accepts only a partner that this function still suggests.

Every point of a score comes from a `Reason`, so staff see why a partner is suggested:
shared themes, a preferred country or cluster, the network's region, and whether the
partner has declared that it seeks a Swedish partner. A partner is never suggested when the
two already have a partnership, or when its country is not a cluster country (a new
partnership is eligible only there; DOMAIN: countries).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

# The stored value of partnerships.models.CountryStatus.CLUSTER; repeated because this
# module imports no models (a test keeps the two equal).
CLUSTER_COUNTRY = "cluster"

THEME = "theme"
COUNTRY = "country"
CLUSTER = "cluster"
NETWORK_REGION = "network_region"
SEEKING = "seeking"

POINTS = {
    THEME: 3,  # per shared theme: what the partnership would work on matters most
    COUNTRY: 4,
    CLUSTER: 2,  # only when no preferred country matched
    NETWORK_REGION: 1,
    SEEKING: 2,
}

REASON_TEXT = {
    THEME: _("Works on %(about)s"),
    COUNTRY: _("In a preferred country: %(about)s"),
    CLUSTER: _("In the preferred cluster: %(about)s"),
    NETWORK_REGION: _("In the network's region: %(about)s"),
    SEEKING: _("Has declared that it seeks a Swedish partner"),
}


def _interpolate(template: Promise, params: dict[str, object]) -> str:
    return str(template) % params


# Translated when shown, in the language active then (as applications.rules does).
_lazy_interpolate = lazy(_interpolate, str)


@dataclass(frozen=True)
class Seeker:
    """The Swedish side: an organisation and what its registration asks for."""

    organisation_id: int
    themes: frozenset[str] = frozenset()  # subject category slugs
    countries: frozenset[str] = frozenset()  # ISO codes of preferred countries
    cluster: str = ""  # the preferred cluster, or ""
    network_cluster: str = ""  # the network's region, or ""


@dataclass(frozen=True)
class Candidate:
    """A partner abroad: an organisation ICLD knows, or a listing seeking a Swedish partner.

    `key` is unique among the candidates of one ranking, e.g. "organisation:12" or
    "seeking:7". `partner_organisation_id` is the known organisation it is, if any: that is
    what an existing partnership is checked against.
    """

    key: str
    name: str
    country: str  # ISO code
    country_status: str
    cluster: str = ""
    themes: frozenset[str] = frozenset()
    seeks_swedish_partner: bool = False
    partner_organisation_id: int | None = None
    country_name: str = ""
    cluster_name: str = ""


@dataclass(frozen=True)
class Reason:
    code: str
    points: int
    about: tuple[str, ...] = ()  # the names the reason is about, e.g. the shared themes

    @property
    def message(self) -> Promise:
        return _lazy_interpolate(REASON_TEXT[self.code], {"about": ", ".join(self.about)})


@dataclass(frozen=True)
class Suggestion:
    candidate: Candidate
    reasons: tuple[Reason, ...] = field(default=())

    @property
    def score(self) -> int:
        return sum(reason.points for reason in self.reasons)


def reasons_for(
    seeker: Seeker, candidate: Candidate, theme_names: Mapping[str, str] | None = None
) -> tuple[Reason, ...]:
    """Why `candidate` fits `seeker`; empty when nothing does."""
    names = theme_names or {}
    reasons = []
    shared = seeker.themes & candidate.themes
    if shared:
        about = tuple(sorted(names.get(slug, slug) for slug in shared))
        reasons.append(Reason(THEME, POINTS[THEME] * len(shared), about))
    country_name = candidate.country_name or candidate.country
    cluster_name = candidate.cluster_name or candidate.cluster
    if candidate.country in seeker.countries:
        reasons.append(Reason(COUNTRY, POINTS[COUNTRY], (country_name,)))
    elif seeker.cluster and candidate.cluster == seeker.cluster:
        reasons.append(Reason(CLUSTER, POINTS[CLUSTER], (cluster_name,)))
    if seeker.network_cluster and candidate.cluster == seeker.network_cluster:
        reasons.append(Reason(NETWORK_REGION, POINTS[NETWORK_REGION], (cluster_name,)))
    if candidate.seeks_swedish_partner:
        reasons.append(Reason(SEEKING, POINTS[SEEKING]))
    return tuple(reasons)


def is_eligible(
    seeker: Seeker, candidate: Candidate, existing_partnerships: frozenset[tuple[int, int]]
) -> bool:
    """Whether a new partnership between the two could be formed at all."""
    if candidate.country_status != CLUSTER_COUNTRY:
        return False
    pair = (seeker.organisation_id, candidate.partner_organisation_id)
    return candidate.partner_organisation_id is None or pair not in existing_partnerships


def rank(
    seeker: Seeker,
    candidates: Iterable[Candidate],
    *,
    existing_partnerships: frozenset[tuple[int, int]] = frozenset(),
    theme_names: Mapping[str, str] | None = None,
    limit: int | None = None,
) -> list[Suggestion]:
    """The eligible candidates with at least one reason, highest score first.

    `existing_partnerships` holds (Swedish organisation id, partner organisation id) pairs.
    Ties are broken by name and then key, so the order never depends on the order of
    `candidates`. Keys must be unique.
    """
    candidates = list(candidates)
    keys = [candidate.key for candidate in candidates]
    if len(set(keys)) != len(keys):
        raise ValueError("candidate keys must be unique")
    suggestions = []
    for candidate in candidates:
        if not is_eligible(seeker, candidate, existing_partnerships):
            continue
        reasons = reasons_for(seeker, candidate, theme_names)
        if reasons:
            suggestions.append(Suggestion(candidate, reasons))
    suggestions.sort(key=lambda s: (-s.score, s.candidate.name.casefold(), s.candidate.key))
    return suggestions if limit is None else suggestions[:limit]
