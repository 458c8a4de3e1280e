"""The programme's rules as pure functions over plain data.

Forms, the admin and the API all ask these functions, so a rule is written once. They take
plain values or any objects with the right attributes (model instances, dataclasses, form
rows) and never touch the database, a request or the clock: `today` is an argument.

Each rule reports a `Finding`: an error blocks submission, a warning does not. A finding's
`code` is stable (templates, tests and the API may rely on it); its `message` is translated
lazily, in the language active when it is shown.
"""

from __future__ import annotations

import calendar
import datetime
import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

# The choice values. Models and forms reuse them, so the stored values and the rules agree.
FORBEREDELSE, PROJEKT, STYRGRUPP, BREDDNING, SPRIDNING = COMPONENTS = (
    "forberedelse",
    "projekt",
    "styrgrupp",
    "breddning",
    "spridning",
)
SWEDISH, PARTNER = PARTIES = ("swedish", "partner")
POLITICIAN, OFFICIAL, CIVIL_SOCIETY, ACADEMIA, BUSINESS, EXTERNAL = CATEGORIES = (
    "politician",
    "official",
    "civil_society",
    "academia",
    "business",
    "external",
)
MAJORITY, OPPOSITION = SIDES = ("majority", "opposition")
WOMAN, MAN, OTHER, UNDISCLOSED = GENDERS = ("woman", "man", "other", "undisclosed")
ERROR, WARNING = SEVERITIES = ("error", "warning")

# The stored values of partnerships.models.SwedishOrganisationType: everyone who may apply.
# Repeated here because the rules import no models; a test keeps the two lists equal.
APPLICANT_TYPES = frozenset(
    {
        "kommun",
        "region",
        "stadsdelsnamnd",
        "kommunalforbund",
        "regionforbund",
        "gemensam_namnd",
        "samverkansorganisation",
    }
)
CLUSTER, CONTINUING, FORMER = COUNTRY_STATUSES = ("cluster", "continuing", "former")

# Förberedelse is applied for at any time; every other component is processed in rounds.
ROUND_COMPONENTS = tuple(c for c in COMPONENTS if c != FORBEREDELSE)

PARTY_LABELS = {SWEDISH: _("Swedish party"), PARTNER: _("Partner party")}

# Women and men should each be at least this share of a team (DOMAIN: gender-balanced groups).
GENDER_BALANCE_MIN_PERCENT = 40


class ParticipantLike(Protocol):
    party: str
    category: str
    political_side: str | None
    is_coordinator: bool
    is_project_leader: bool
    gender: str


class RoundLike(Protocol):
    """What the rules need of an application round; `applications.models.ApplicationRound`
    has these attributes, so its instances can be passed as they are."""

    name: str
    opens_on: datetime.date
    closes_on: datetime.date
    components: Iterable[str]


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


def _finding(severity: str, code: str, party: str | None, message: Promise, **params) -> Finding:
    if party is not None:
        params["party"] = PARTY_LABELS[party]
    return Finding(severity, code, party, _lazy_interpolate(message, params))


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.is_error for f in findings)


# ---------------------------------------------------------------------------------------------
# Teams
# ---------------------------------------------------------------------------------------------

TEAM_CODES = frozenset(
    {
        "team_missing",
        "politician_count",
        "politician_sides",
        "official_count",
        "official_missing",
        "majority_politician_missing",
        "opposition_politician_missing",
        "member_count",
        "coordinator_count",
        "coordinator_not_official",
        "project_leader_count",
        "project_leader_not_official",
        "gender_balance",
    }
)


def _count(
    party: str, code: str, count: int, low: int, high: int, message: Promise
) -> list[Finding]:
    """An error unless `low <= count <= high`; the message may use count, min and max."""
    if low <= count <= high:
        return []
    return [_finding(ERROR, code, party, message, count=count, min=low, max=high)]


@dataclass(frozen=True)
class _Role:
    """A role exactly one team member holds, e.g. the coordinator."""

    holds: Callable[[ParticipantLike], bool]
    count_code: str
    count_message: Promise
    not_official_code: str
    not_official_message: Promise


COORDINATOR = _Role(
    holds=lambda p: bool(p.is_coordinator),
    count_code="coordinator_count",
    count_message=_("%(party)s: the team needs exactly one coordinator; it has %(count)d."),
    not_official_code="coordinator_not_official",
    not_official_message=_("%(party)s: the coordinator must be an official."),
)
PROJECT_LEADER = _Role(
    holds=lambda p: bool(p.is_project_leader),
    count_code="project_leader_count",
    count_message=_("%(party)s: the team needs exactly one project leader; it has %(count)d."),
    not_official_code="project_leader_not_official",
    not_official_message=_("%(party)s: the project leader must be an official."),
)


def _one(
    party: str, team: Sequence[ParticipantLike], role: _Role, *, official: bool
) -> list[Finding]:
    holders = [p for p in team if role.holds(p)]
    if len(holders) != 1:
        return _count(party, role.count_code, len(holders), 1, 1, role.count_message)
    if official and holders[0].category != OFFICIAL:
        return [_finding(ERROR, role.not_official_code, party, role.not_official_message)]
    return []


def _of(team: Sequence[ParticipantLike], category: str) -> list[ParticipantLike]:
    return [p for p in team if p.category == category]


def _forberedelse_team(party: str, team: Sequence[ParticipantLike]) -> list[Finding]:
    # Two politicians and one or two officials; civil society may join and counts as neither.
    politicians = _of(team, POLITICIAN)
    findings = _count(
        party,
        "politician_count",
        len(politicians),
        2,
        2,
        _("%(party)s: the team needs exactly two politicians; it has %(count)d."),
    )
    # "Preferably one majority, one opposition": only a warning, and only once there are two,
    # because until then the count error already asks for a change.
    if len(politicians) == 2 and {p.political_side for p in politicians} != {MAJORITY, OPPOSITION}:
        findings.append(
            _finding(
                WARNING,
                "politician_sides",
                party,
                _(
                    "%(party)s: the two politicians should preferably be one from the majority "
                    "and one from the opposition."
                ),
            )
        )
    findings += _count(
        party,
        "official_count",
        len(_of(team, OFFICIAL)),
        1,
        2,
        _("%(party)s: the team needs one or two officials; it has %(count)d."),
    )
    return findings + _one(party, team, COORDINATOR, official=True)


def _projekt_team(party: str, team: Sequence[ParticipantLike]) -> list[Finding]:
    # A project group of officials; civil society, academia and business are encouraged
    # but do not count towards the 3–5.
    findings = _count(
        party,
        "official_count",
        len(_of(team, OFFICIAL)),
        3,
        5,
        _("%(party)s: the project group needs %(min)d–%(max)d officials; it has %(count)d."),
    )
    return findings + _one(party, team, PROJECT_LEADER, official=True)


def _styrgrupp_team(party: str, team: Sequence[ParticipantLike]) -> list[Finding]:
    politicians = _of(team, POLITICIAN)
    findings = []
    if not any(p.political_side == MAJORITY for p in politicians):
        findings.append(
            _finding(
                ERROR,
                "majority_politician_missing",
                party,
                _("%(party)s: the steering group needs a politician from the majority."),
            )
        )
    # Only a warning: not every partner has an elected opposition.
    if not any(p.political_side == OPPOSITION for p in politicians):
        findings.append(
            _finding(
                WARNING,
                "opposition_politician_missing",
                party,
                _(
                    "%(party)s: the steering group should include a politician from the "
                    "opposition, where an elected opposition exists."
                ),
            )
        )
    if not _of(team, OFFICIAL):
        findings.append(
            _finding(
                ERROR,
                "official_missing",
                party,
                _("%(party)s: the steering group needs at least one leading official."),
            )
        )
    # Each party's coordinator is employed by the organisation and sits in the steering group.
    return findings + _one(party, team, COORDINATOR, official=True)


def _breddning_team(party: str, team: Sequence[ParticipantLike]) -> list[Finding]:
    findings = _count(
        party,
        "member_count",
        len([p for p in team if p.category != CIVIL_SOCIETY]),
        4,
        4,
        _(
            "%(party)s: the team needs exactly four participants besides civil society; "
            "it has %(count)d."
        ),
    )
    return findings + _one(party, team, COORDINATOR, official=False)


def _spridning_team(party: str, team: Sequence[ParticipantLike]) -> list[Finding]:
    findings = _count(
        party,
        "member_count",
        len([p for p in team if p.category != EXTERNAL]),
        2,
        3,
        _(
            "%(party)s: the team needs %(min)d–%(max)d participants besides external ones; "
            "it has %(count)d."
        ),
    )
    return findings + _one(party, team, PROJECT_LEADER, official=False)


TEAM_RULES: dict[str, Callable[[str, Sequence[ParticipantLike]], list[Finding]]] = {
    FORBEREDELSE: _forberedelse_team,
    PROJEKT: _projekt_team,
    STYRGRUPP: _styrgrupp_team,
    BREDDNING: _breddning_team,
    SPRIDNING: _spridning_team,
}


def _gender_balance(party: str, team: Sequence[ParticipantLike]) -> list[Finding]:
    """A warning when women or men are fewer than 40 % of the team's women and men.

    The share is taken of those who said they are a woman or a man. People who chose "other"
    or preferred not to say are part of the team but neither tip nor dilute the balance:
    counting them in the total would call a team of one woman, one man and one "other"
    unbalanced. Fewer than two such people say nothing about balance, so no warning.
    """
    women = sum(1 for p in team if p.gender == WOMAN)
    men = sum(1 for p in team if p.gender == MAN)
    if women + men < 2 or min(women, men) * 100 >= GENDER_BALANCE_MIN_PERCENT * (women + men):
        return []
    return [
        _finding(
            WARNING,
            "gender_balance",
            party,
            _(
                "%(party)s: the team is not gender-balanced (%(women)d women, %(men)d men); "
                "ICLD asks for at least %(percent)d %% of each."
            ),
            women=women,
            men=men,
            percent=GENDER_BALANCE_MIN_PERCENT,
        )
    ]


def check_team(component: str, participants: Iterable[ParticipantLike]) -> list[Finding]:
    """The findings on a component's teams, party by party: first the Swedish, then the partner.

    Each party fields its own team; one without anyone is an error. Only how many hold each
    category, side, role and gender matters, so the order of participants does not.
    """
    try:
        rule = TEAM_RULES[component]
    except KeyError:
        raise ValueError(f"unknown component: {component!r}") from None
    teams: dict[str, list[ParticipantLike]] = {party: [] for party in PARTIES}
    for participant in participants:
        if participant.party not in teams:
            raise ValueError(f"unknown party: {participant.party!r}")
        teams[participant.party].append(participant)

    findings: list[Finding] = []
    for party, team in teams.items():
        if not team:
            findings.append(
                _finding(
                    ERROR,
                    "team_missing",
                    party,
                    _("%(party)s: there is no team yet; each party fields its own team."),
                )
            )
            continue
        findings += rule(party, team)
        findings += _gender_balance(party, team)
    return findings


# ---------------------------------------------------------------------------------------------
# Eligibility, prerequisites, rounds and periods
# ---------------------------------------------------------------------------------------------

ELIGIBILITY_CODES = frozenset(
    {
        "applicant_type_ineligible",
        "country_missing",
        "country_continuing_new_partnership",
        "country_former",
        "styrgrupp_missing",
        "existing_styrgrupp_missing",
        "dialogue_missing",
        "dialogue_in_future",
        "planning_tool_incomplete",
        "no_open_round",
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


@dataclass(frozen=True)
class RoundFacts:
    """An application round as plain data (model instances with these attributes also do)."""

    name: str
    opens_on: datetime.date
    closes_on: datetime.date
    components: frozenset[str]


# (fewest, most) months a component's period may last. The programme states Förberedelse
# "usually one year" and Breddning six months, so both get some slack; Projekt is 1–3 years.
# A Styrgrupp runs for the same period as its Projekt. Spridning has no fixed duration.
PERIOD_MONTHS: dict[str, tuple[int, int]] = {
    FORBEREDELSE: (9, 15),
    PROJEKT: (12, 36),
    STYRGRUPP: (12, 36),
    BREDDNING: (5, 7),
}


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 →
    28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def open_round_for(
    component: str, rounds: Iterable[RoundLike], today: datetime.date
) -> RoundLike | None:
    """The round a submission made `today` falls in: one that covers the component and is open
    (opens_on <= today <= closes_on). If rounds overlap, the one that closes first, since it is
    processed first. None for Förberedelse, which is applied for at any time, outside rounds."""
    if component not in COMPONENTS:
        raise ValueError(f"unknown component: {component!r}")
    if component == FORBEREDELSE:
        return None
    open_rounds = [
        r for r in rounds if component in r.components and r.opens_on <= today <= r.closes_on
    ]
    return min(open_rounds, key=lambda r: (r.closes_on, r.name), default=None)


def _error(code: str, message: Promise, **params) -> Finding:
    return _finding(ERROR, code, None, message, **params)


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
        )
    ]


def _check_country(country_status: str | None, history: Sequence[PastApplication]) -> list[Finding]:
    if country_status is None:
        return [_error("country_missing", _("Choose the partner's country."))]
    if country_status not in COUNTRY_STATUSES:
        raise ValueError(f"unknown country status: {country_status!r}")
    if country_status == FORMER:
        return [
            _error(
                "country_former",
                _("The partner's country has left the programme; it takes no new applications."),
            )
        ]
    # A continuing country keeps partnerships that have already worked there, not new ones.
    had_worked = any(a.granted and a.component in (FORBEREDELSE, PROJEKT) for a in history)
    if country_status == CONTINUING and not had_worked:
        return [
            _error(
                "country_continuing_new_partnership",
                _(
                    "In the partner's country only partnerships that have already had a "
                    "Preparation or a Project may continue; a new partnership is not eligible."
                ),
            )
        ]
    return []


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
    dialogue_date: datetime.date | None,
    dialogue_note: str,
    planning_tool_complete: bool,
    period_start: datetime.date | None,
    period_end: datetime.date | None,
    today: datetime.date,
) -> list[Finding]:
    findings = []
    granted_styrgrupper = [a for a in history if a.granted and a.component == STYRGRUPP]
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
                )
            )
        elif dialogue_date > today:
            findings.append(
                _error(
                    "dialogue_in_future",
                    _("The dialogue with ICLD must have taken place before you apply."),
                )
            )
    if component in (FORBEREDELSE, BREDDNING) and not planning_tool_complete:
        findings.append(
            _error(
                "planning_tool_incomplete",
                _("The planning tool is mandatory for this component: fill in every part."),
            )
        )
    return findings


def _check_round(
    component: str, rounds: Iterable[RoundLike], today: datetime.date
) -> list[Finding]:
    if component == FORBEREDELSE or open_round_for(component, rounds, today) is not None:
        return []
    return [
        _error(
            "no_open_round",
            _(
                "No application round for this component is open now; you can submit once "
                "the next round opens."
            ),
        )
    ]


def _check_period(
    component: str,
    start: datetime.date | None,
    end: datetime.date | None,
    projekt_period: tuple[datetime.date, datetime.date] | None,
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
                start=projekt_period[0].isoformat(),
                end=projekt_period[1].isoformat(),
            )
        ]
    if component not in PERIOD_MONTHS:
        return []
    fewest, most = PERIOD_MONTHS[component]
    # Either end convention passes at the limits: 1 Jan–31 Dec and 1 Jan–1 Jan are both a year.
    if end < add_months(start, fewest) - datetime.timedelta(days=1):
        return [
            _error(
                "period_too_short",
                _("The period must last at least %(months)d months."),
                months=fewest,
            )
        ]
    if end > add_months(start, most):
        return [
            _error(
                "period_too_long",
                _("The period may last at most %(months)d months."),
                months=most,
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
    projekt_period: tuple[datetime.date, datetime.date] | None = None,
    dialogue_date: datetime.date | None = None,
    dialogue_note: str = "",
    planning_tool_complete: bool = False,
) -> list[Finding]:
    """Whether an application may be submitted, apart from its teams (see `check_team`).

    - `applicant_type`: the Swedish organisation's type (a value of APPLICANT_TYPES to pass);
    - `country_status`: the partner country's status (cluster/continuing/former), None if no
      country is chosen yet;
    - `rounds`: the application rounds (any objects with name, opens_on, closes_on, components);
    - `partnership_history`: the partnership's earlier applications (empty for a new one);
    - `styrgrupp_in_same_submission`: a Projekt is applied for together with its Styrgrupp;
    - `projekt_period`: for a Styrgrupp, the (start, end) of the Projekt it steers, if known;
    - `dialogue_date`, `dialogue_note`: the dialogue with ICLD that precedes a Spridning;
    - `planning_tool_complete`: the planning tool is filled in (Förberedelse, Breddning).
    """
    if component not in COMPONENTS:
        raise ValueError(f"unknown component: {component!r}")
    history = list(partnership_history)
    return [
        *_check_applicant(applicant_type),
        *_check_country(country_status, history),
        *_check_prerequisites(
            component,
            history=history,
            styrgrupp_in_same_submission=styrgrupp_in_same_submission,
            dialogue_date=dialogue_date,
            dialogue_note=dialogue_note,
            planning_tool_complete=planning_tool_complete,
            period_start=period_start,
            period_end=period_end,
            today=today,
        ),
        *_check_round(component, rounds, today),
        *_check_period(component, period_start, period_end, projekt_period),
    ]
