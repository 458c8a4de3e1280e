"""The rules on each component's teams: counts, categories, roles and gender balance."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .finding import Finding, _count, _finding
from .ruleset import DEFAULT_RULES, Limit, RuleSet
from .values import (
    ACADEMIA,
    BREDDNING,
    BUSINESS,
    CATEGORIES,
    CIVIL_SOCIETY,
    ERROR,
    EXTERNAL,
    FORBEREDELSE,
    GENDER_BALANCE_MIN_PERCENT,
    MAJORITY,
    MAN,
    OFFICIAL,
    OPPOSITION,
    PARTIES,
    POLITICIAN,
    PROJEKT,
    SPRIDNING,
    STYRGRUPP,
    WARNING,
    WOMAN,
)


class ParticipantLike(Protocol):
    party: str
    category: str
    political_side: str | None
    is_coordinator: bool
    is_project_leader: bool
    gender: str


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


def _members_team(
    component: str, not_counted: str, role: _Role, message: Promise
) -> Callable[[str, Sequence[ParticipantLike], RuleSet], list[Finding]]:
    """A team counted by its members, less one category that may join without counting, led
    by one holder of `role` of any category (Breddning, Spridning)."""

    def rule(party: str, team: Sequence[ParticipantLike], rules: RuleSet) -> list[Finding]:
        findings = _count(
            party,
            "member_count",
            len([p for p in team if p.category != not_counted]),
            rules.limit(component, "members"),
            message,
        )
        findings += _admitted(component, party, team, rules)
        return findings + _one(party, team, role, official=False, source=component)

    return rule


_breddning_team = _members_team(
    BREDDNING,
    CIVIL_SOCIETY,
    COORDINATOR,
    _("%(party)s: the team needs %(range)s participants besides civil society; it has %(count)d."),
)
_spridning_team = _members_team(
    SPRIDNING,
    EXTERNAL,
    PROJECT_LEADER,
    _("%(party)s: the team needs %(range)s participants besides external ones; it has %(count)d."),
)


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
            # Counts after a label, not before a noun: "1 women" / "1 män" read wrong, and a
            # plural form per count would need a lazy ngettext for one message.
            _(
                "%(party)s: the team is not gender-balanced (women: %(women)d, men: %(men)d); "
                "the portal counts a team as balanced with at least %(percent)d %% of each."
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
