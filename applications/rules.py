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


# ---------------------------------------------------------------------------------------------
# Where each rule comes from, and the numbers staff may change (the rule set as plain data)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """The programme text a rule comes from: the portal page (URL name and anchor) that says it
    to the applicant, and the seed page with the line quoted (ICLD's own Swedish pages)."""

    page: str
    anchor: str
    seed: str
    quote: str


SEED_COUNTRIES = "002_476a4bc0d060b639"
SEED_COMPONENTS = "004_19279aa885f77c01"
SOURCES: dict[str, Source] = {
    "applicant": Source(
        "pages:who_can_apply", "", SEED_COUNTRIES, "Vem kan söka? Svenska kommuner, regioner, …"
    ),
    "countries": Source(
        "pages:who_can_apply",
        "continuing",
        SEED_COUNTRIES,
        "Utöver ovanstående länder finns följande länder där kommuner sedan tidigare har en "
        "dialog eller genomförda/pågående Förberedelser eller Projekt. ICLD har för avsikt att "
        "tillåta att dessa fortsätter sitt engagemang och ge finansiering",
    ),
    "rounds": Source(
        "pages:about",
        "rounds",
        SEED_COUNTRIES,
        "Ansökan till programmets övriga komponenter kan också göras under hela året men "
        "behandlas i särskilda ansökningsomgångar",
    ),
    FORBEREDELSE: Source(
        "pages:about",
        FORBEREDELSE,
        SEED_COMPONENTS,
        "Teamet ska bestå av två politiker, företrädesvis från majoritet respektive opposition, "
        "och en eller två tjänstepersoner från varje partner, varav en är samordnare och "
        "huvudsaklig kontaktperson till ICLD. Representanter från civilsamhällsorganisationer "
        "kan också ingå I teamet.",
    ),
    "forberedelse_visits": Source(
        "pages:about",
        FORBEREDELSE,
        SEED_COMPONENTS,
        "finansieringen är anpassad för två möten mellan parterna, ett i vardera land, för "
        "cirka fyra deltagare",
    ),
    "forberedelse_period": Source(
        "pages:about",
        FORBEREDELSE,
        SEED_COMPONENTS,
        "Förberedelsen löper vanligtvis under ett år från beviljad ansökan/undertecknat avtal",
    ),
    PROJEKT: Source(
        "pages:about",
        PROJEKT,
        SEED_COMPONENTS,
        "Gruppen ska bestå av 3-5 tjänstepersoner från varje part, varav en projektledare som "
        "är kontaktperson till ICLD. ICLD uppmuntrar också att inkludera representanter från en "
        "organisation från det civila samhället, akademiska institutioner eller näringslivet.",
    ),
    "planning_tool": Source(
        "pages:about",
        PROJEKT,
        SEED_COMPONENTS,
        "Projektansökan ska ha föregåtts av att parterna arbetat med ICLD:s "
        "projektplaneringsverktyg",
    ),
    "projekt_styrgrupp": Source(
        "pages:about",
        PROJEKT,
        SEED_COMPONENTS,
        "Projekt förutsätter att det finns en tillhörande styrgrupp som löper under motsvarande "
        "tid.",
    ),
    STYRGRUPP: Source(
        "pages:about",
        STYRGRUPP,
        SEED_COMPONENTS,
        "I styrgruppen ska företrädare för den politiska majoriteten och oppositionen (där "
        "politiskt valda företrädare för oppositionen finns) samt ledande tjänstepersoner från "
        "båda parter ingå.",
    ),
    BREDDNING: Source(
        "pages:about",
        BREDDNING,
        SEED_COMPONENTS,
        "Breddningsteamet ska bestå av fyra deltagare från varje part, varav en samordnare som "
        "är kontaktperson till ICLD. Även representanter från civilsamhällesorganisationer kan "
        "ingå i teamet.",
    ),
    "breddning_prerequisites": Source(
        "pages:about",
        BREDDNING,
        SEED_COMPONENTS,
        "Breddningen förutsätter att det finns en befintlig styrgrupp och pågår i sex månader "
        "från godkännande av ansökan/undertecknande av avtalet, och finansieringen möjliggör två "
        "internationella besök mellan parterna, ett i varje land.",
    ),
    SPRIDNING: Source(
        "pages:about",
        SPRIDNING,
        SEED_COMPONENTS,
        "En ansökan om spridningsinsatser ska alltid föregås av dialog med ICLD.",
    ),
    "gender": Source("pages:about", "participants", SEED_COMPONENTS, "jämn könsfördelning"),
}


@dataclass(frozen=True)
class Limit:
    """One number (or range) of a rule: `minimum <= value <= maximum` (None: no bound), the
    severity of a finding when it does not hold, and for a "categories" limit the categories of
    people a team admits."""

    minimum: int | None = None
    maximum: int | None = None
    severity: str = ERROR
    source: str = ""
    categories: frozenset[str] = frozenset()

    def admits(self, value: int) -> bool:
        return (self.minimum is None or value >= self.minimum) and (
            self.maximum is None or value <= self.maximum
        )


# The keys of a rule set, per component. Staff edit the numbers in the admin; the code reads
# them only through `RuleSet.limit`, so a missing row falls back to the default below.
RULE_KEYS = {
    "politicians": _("politicians per party"),
    "officials": _("officials per party"),
    "members": _("participants per party (besides those not counted)"),
    "categories": _("categories of people the team admits"),
    "period_months": _("length of the period in months"),
    "visits": _("visits in the visit plan"),
    "visit_participants": _("participants per visit"),
}


@dataclass(frozen=True)
class RuleSet:
    """The rule numbers in force from `effective_from`, as plain data: {(component, key): Limit}.

    An application is judged by the rule set in force on the day it was submitted, a draft by
    today's. Staff keep them in the admin (`applications.rulebook`)."""

    effective_from: datetime.date
    limits: dict[tuple[str, str], Limit]
    name: str = ""

    def limit(self, component: str, key: str) -> Limit:
        try:
            return self.limits[(component, key)]
        except KeyError:
            return DEFAULT_LIMITS[(component, key)]


_ALL = frozenset(CATEGORIES)
DEFAULT_LIMITS: dict[tuple[str, str], Limit] = {
    # "Teamet ska bestå av två politiker … och en eller två tjänstepersoner från varje partner"
    (FORBEREDELSE, "politicians"): Limit(2, 2, ERROR, FORBEREDELSE),
    (FORBEREDELSE, "officials"): Limit(1, 2, ERROR, FORBEREDELSE),
    # "Representanter från civilsamhällsorganisationer kan också ingå I teamet": civil society
    # is the only addition the page names, so academia, business and external participants are
    # not part of a Preparation team. An error, because ICLD funds the team it names (two
    # meetings "för cirka fyra deltagare") and reimburses only approved persons.
    (FORBEREDELSE, "categories"): Limit(
        severity=ERROR,
        source=FORBEREDELSE,
        categories=frozenset({POLITICIAN, OFFICIAL, CIVIL_SOCIETY}),
    ),
    (FORBEREDELSE, "period_months"): Limit(9, 15, ERROR, "forberedelse_period"),
    # "två möten mellan parterna, ett i vardera land, för cirka fyra deltagare": the funding is
    # sized for it; a plan that differs is worth a warning, not a block ("cirka").
    (FORBEREDELSE, "visits"): Limit(2, 2, WARNING, "forberedelse_visits"),
    (FORBEREDELSE, "visit_participants"): Limit(1, 4, WARNING, "forberedelse_visits"),
    # "Gruppen ska bestå av 3-5 tjänstepersoner från varje part"
    (PROJEKT, "officials"): Limit(3, 5, ERROR, PROJEKT),
    # "ICLD uppmuntrar också att inkludera representanter från … det civila samhället,
    # akademiska institutioner eller näringslivet." Politicians are not named: they belong in
    # the steering group ("I styrgruppen ska företrädare för den politiska majoriteten och
    # oppositionen … ingå"). An error, so that a politician is moved to the steering group
    # rather than counted in the operative project group.
    (PROJEKT, "categories"): Limit(
        severity=ERROR,
        source=PROJEKT,
        categories=frozenset({OFFICIAL, CIVIL_SOCIETY, ACADEMIA, BUSINESS}),
    ),
    (PROJEKT, "period_months"): Limit(12, 36, ERROR, PROJEKT),
    (STYRGRUPP, "categories"): Limit(severity=ERROR, source=STYRGRUPP, categories=_ALL),
    (STYRGRUPP, "period_months"): Limit(12, 36, ERROR, "projekt_styrgrupp"),
    # "Breddningsteamet ska bestå av fyra deltagare från varje part … Även representanter från
    # civilsamhällesorganisationer kan ingå i teamet": four besides civil society.
    (BREDDNING, "members"): Limit(4, 4, ERROR, BREDDNING),
    # The page names no category for the four, so every category counts.
    (BREDDNING, "categories"): Limit(severity=ERROR, source=BREDDNING, categories=_ALL),
    (BREDDNING, "period_months"): Limit(5, 7, ERROR, "breddning_prerequisites"),
    # "två internationella besök mellan parterna, ett i varje land": a warning, as above.
    (BREDDNING, "visits"): Limit(2, 2, WARNING, "breddning_prerequisites"),
    (SPRIDNING, "members"): Limit(2, 3, ERROR, SPRIDNING),
    (SPRIDNING, "categories"): Limit(severity=ERROR, source=SPRIDNING, categories=_ALL),
}
for _component in COMPONENTS:
    for _key in ("visits", "visit_participants", "period_months"):
        DEFAULT_LIMITS.setdefault((_component, _key), Limit(severity=WARNING))
DEFAULT_RULES = RuleSet(
    effective_from=datetime.date(2024, 1, 1), limits=dict(DEFAULT_LIMITS), name="2024"
)


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
    # Where in the programme's pages the rule comes from: a key of SOURCES.
    source: str = field(default="", compare=False)

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
    severity: str, code: str, party: str | None, message: Promise, *, source: str = "", **params
) -> Finding:
    if party is not None:
        params["party"] = PARTY_LABELS[party]
    return Finding(severity, code, party, _lazy_interpolate(message, params), source)


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
    # Officials and civil society are admitted everywhere; the others not by every component.
    | {f"category_not_admitted:{c}" for c in (POLITICIAN, ACADEMIA, BUSINESS, EXTERNAL)}
)


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
            count=count,
            range=number_range,
            min=limit.minimum if limit.minimum is not None else 0,
            max=limit.maximum if limit.maximum is not None else count,
        )
    ]


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
    party: str, team: Sequence[ParticipantLike], role: _Role, *, official: bool, source: str
) -> list[Finding]:
    holders = [p for p in team if role.holds(p)]
    if len(holders) != 1:
        limit = Limit(1, 1, ERROR, source)
        return _count(party, role.count_code, len(holders), limit, role.count_message)
    if official and holders[0].category != OFFICIAL:
        return [
            _finding(ERROR, role.not_official_code, party, role.not_official_message, source=source)
        ]
    return []


def _of(team: Sequence[ParticipantLike], category: str) -> list[ParticipantLike]:
    return [p for p in team if p.category == category]


CATEGORY_LABELS = {
    POLITICIAN: _("Politician"),
    OFFICIAL: _("Official"),
    CIVIL_SOCIETY: _("Civil society"),
    ACADEMIA: _("Academia"),
    BUSINESS: _("Business"),
    EXTERNAL: _("External participant"),
}
# What to do instead, where the programme says where such a person belongs.
_NOT_ADMITTED_HINTS = {
    (PROJEKT, POLITICIAN): _("politicians belong in the Steering group"),
}


def _admitted(
    component: str, party: str, team: Sequence[ParticipantLike], rules: RuleSet
) -> list[Finding]:
    """One finding per category the component's team does not admit (RuleSet "categories")."""
    limit = rules.limit(component, "categories")
    if not limit.categories:
        return []
    findings = []
    for category in CATEGORIES:
        people = _of(team, category)
        if category in limit.categories or not people:
            continue
        hint = _NOT_ADMITTED_HINTS.get(
            (component, category), _("take them off the team or change their category")
        )
        findings.append(
            _finding(
                limit.severity,
                f"category_not_admitted:{category}",
                party,
                _(
                    "%(party)s: %(count)d with the category “%(category)s” cannot be part of "
                    "this team; %(hint)s."
                ),
                source=limit.source,
                count=len(people),
                category=CATEGORY_LABELS[category],
                hint=hint,
            )
        )
    return findings


def _forberedelse_team(
    party: str, team: Sequence[ParticipantLike], rules: RuleSet
) -> list[Finding]:
    # Two politicians and one or two officials; civil society may join and counts as neither.
    politicians = _of(team, POLITICIAN)
    findings = _count(
        party,
        "politician_count",
        len(politicians),
        rules.limit(FORBEREDELSE, "politicians"),
        _("%(party)s: the team needs %(range)s politicians; it has %(count)d."),
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
                source=FORBEREDELSE,
            )
        )
    findings += _count(
        party,
        "official_count",
        len(_of(team, OFFICIAL)),
        rules.limit(FORBEREDELSE, "officials"),
        _("%(party)s: the team needs %(range)s officials; it has %(count)d."),
    )
    findings += _admitted(FORBEREDELSE, party, team, rules)
    return findings + _one(party, team, COORDINATOR, official=True, source=FORBEREDELSE)


def _projekt_team(party: str, team: Sequence[ParticipantLike], rules: RuleSet) -> list[Finding]:
    # A project group of officials; civil society, academia and business are encouraged
    # but do not count towards the 3–5.
    findings = _count(
        party,
        "official_count",
        len(_of(team, OFFICIAL)),
        rules.limit(PROJEKT, "officials"),
        _("%(party)s: the project group needs %(range)s officials; it has %(count)d."),
    )
    findings += _admitted(PROJEKT, party, team, rules)
    return findings + _one(party, team, PROJECT_LEADER, official=True, source=PROJEKT)


def _styrgrupp_team(party: str, team: Sequence[ParticipantLike], rules: RuleSet) -> list[Finding]:
    politicians = _of(team, POLITICIAN)
    findings = []
    if not any(p.political_side == MAJORITY for p in politicians):
        findings.append(
            _finding(
                ERROR,
                "majority_politician_missing",
                party,
                _("%(party)s: the steering group needs a politician from the majority."),
                source=STYRGRUPP,
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
                source=STYRGRUPP,
            )
        )
    if not _of(team, OFFICIAL):
        findings.append(
            _finding(
                ERROR,
                "official_missing",
                party,
                _("%(party)s: the steering group needs at least one leading official."),
                source=STYRGRUPP,
            )
        )
    findings += _admitted(STYRGRUPP, party, team, rules)
    # Each party's coordinator is employed by the organisation and sits in the steering group.
    return findings + _one(party, team, COORDINATOR, official=True, source=STYRGRUPP)


def _breddning_team(party: str, team: Sequence[ParticipantLike], rules: RuleSet) -> list[Finding]:
    findings = _count(
        party,
        "member_count",
        len([p for p in team if p.category != CIVIL_SOCIETY]),
        rules.limit(BREDDNING, "members"),
        _(
            "%(party)s: the team needs %(range)s participants besides civil society; "
            "it has %(count)d."
        ),
    )
    findings += _admitted(BREDDNING, party, team, rules)
    return findings + _one(party, team, COORDINATOR, official=False, source=BREDDNING)


def _spridning_team(party: str, team: Sequence[ParticipantLike], rules: RuleSet) -> list[Finding]:
    findings = _count(
        party,
        "member_count",
        len([p for p in team if p.category != EXTERNAL]),
        rules.limit(SPRIDNING, "members"),
        _(
            "%(party)s: the team needs %(range)s participants besides external ones; "
            "it has %(count)d."
        ),
    )
    findings += _admitted(SPRIDNING, party, team, rules)
    return findings + _one(party, team, PROJECT_LEADER, official=False, source=SPRIDNING)


TEAM_RULES: dict[str, Callable[[str, Sequence[ParticipantLike], RuleSet], list[Finding]]] = {
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
            source="gender",
            women=women,
            men=men,
            percent=GENDER_BALANCE_MIN_PERCENT,
        )
    ]


def check_team(
    component: str, participants: Iterable[ParticipantLike], rules: RuleSet = DEFAULT_RULES
) -> list[Finding]:
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
                    source=component,
                )
            )
            continue
        findings += rule(party, team, rules)
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


@dataclass(frozen=True)
class RoundFacts:
    """An application round as plain data (model instances with these attributes also do)."""

    name: str
    opens_on: datetime.date
    closes_on: datetime.date
    components: frozenset[str]


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


def _error(code: str, message: Promise, *, source: str = "", **params) -> Finding:
    return _finding(ERROR, code, None, message, source=source, **params)


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


# ---------------------------------------------------------------------------------------------
# Visits
# ---------------------------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------------------------
# The pathway: what a partnership can apply for now
# ---------------------------------------------------------------------------------------------

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
) -> list[PathwayStep]:
    """For each component: can the partnership apply for it now, by when, and what is missing —
    the same rules as at submission, from the partnership's history. A Projekt and its
    Styrgrupp are applied for together, so neither lacks the other here; a recorded dialogue
    with ICLD counts as the one a Spridning needs."""
    history = list(history)
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
