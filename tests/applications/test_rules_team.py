"""The team rules (applications.rules.check_team): tables for every boundary, then properties.

No database: the rules work on plain objects. A team is written in a short notation, one token
per member: a category letter (P politician, O official, C civil society, A academia, B business,
X external), then optionally + (majority) or - (opposition), c (coordinator), l (project leader).
"Oc" is an official who is the coordinator; "P+" a politician of the majority.
Members are of undisclosed gender unless a test is about gender balance.
"""

from __future__ import annotations

import ast
import dataclasses
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.functional import Promise
from hypothesis import given, settings
from hypothesis import strategies as st

from applications import rules
from applications.rules import (
    CATEGORIES,
    COMPONENTS,
    GENDERS,
    PARTIES,
    SIDES,
    TEAM_CODES,
    Finding,
    check_team,
    has_errors,
)

# Property tests leave no example database in the working tree, and have no deadline because
# the first example pays for the import of gettext catalogues.
PROPERTY = settings(database=None, deadline=None, max_examples=100)

CATEGORY_LETTERS = {
    "P": "politician",
    "O": "official",
    "C": "civil_society",
    "A": "academia",
    "B": "business",
    "X": "external",
}


@dataclass(frozen=True)
class Person:
    party: str = "swedish"
    category: str = "official"
    political_side: str | None = None
    is_coordinator: bool = False
    is_project_leader: bool = False
    gender: str = "undisclosed"


def member(token: str, party: str) -> Person:
    side = "majority" if "+" in token else "opposition" if "-" in token else None
    return Person(
        party=party,
        category=CATEGORY_LETTERS[token[0]],
        political_side=side,
        is_coordinator="c" in token[1:],
        is_project_leader="l" in token[1:],
    )


def team(spec: str, party: str = "swedish") -> list[Person]:
    return [member(token, party) for token in spec.split()]


def other(party: str) -> str:
    return "partner" if party == "swedish" else "swedish"


# A team that breaks no rule, for each component.
VALID = {
    "forberedelse": "P+ P- Oc O",
    "projekt": "Ol O O",
    "styrgrupp": "P+ P- Oc",
    "breddning": "Oc O P+ P-",
    "spridning": "Ol O",
}


def codes(component: str, spec: str, party: str) -> set[str]:
    """The codes found for `party`'s team `spec`, the other party fielding a valid team."""
    people = team(spec, party) + team(VALID[component], other(party))
    return {f.code for f in check_team(component, people) if f.party == party}


def cases(component: str, table: list[tuple[str, set[str]]]):
    return [
        pytest.param(component, spec, expected, party, id=f"{component}-{party}-{spec}")
        for spec, expected in table
        for party in PARTIES
    ]


FORBEREDELSE = [
    ("P+ P- Oc O", set()),
    ("P+ P- Oc", set()),  # one official is enough
    ("Oc", {"politician_count"}),
    ("P+ Oc", {"politician_count"}),
    ("P+ P- P+ Oc", {"politician_count"}),
    ("P+ P- P- P+ Oc O", {"politician_count"}),
    ("P+ P-", {"official_count", "coordinator_count"}),
    ("P+ P- Oc O O", {"official_count"}),
    ("P+ P- Oc O O O", {"official_count"}),
    ("P+ Oc O O", {"politician_count", "official_count"}),
    ("P+ P- O", {"coordinator_count"}),
    ("P+ P- O O", {"coordinator_count"}),
    ("P+ P- Oc Oc", {"coordinator_count"}),
    ("P+c P- Oc", {"coordinator_count"}),
    ("P+c P- O", {"coordinator_not_official"}),
    ("P+ P- O Cc", {"coordinator_not_official"}),
    ("P+ P+ Oc", {"politician_sides"}),
    ("P- P- Oc", {"politician_sides"}),
    ("P P+ Oc", {"politician_sides"}),
    ("P P Oc", {"politician_sides"}),
    ("P+ Oc O", {"politician_count"}),  # no sides warning until there are two politicians
    ("P+ P- Oc C", set()),  # civil society counts as neither politician nor official
    ("P+ P- Oc C C C", set()),
    ("C C Oc", {"politician_count"}),
    ("P+ P- C", {"official_count", "coordinator_count"}),
    ("P+ P- Ocl O", set()),  # a project leader flag means nothing here
    ("P+ P- O+c O", set()),  # a side on an official means nothing
    # Seed 004: "Representanter från civilsamhällsorganisationer kan också ingå I teamet" —
    # civil society is the only addition; other extras are not part of a Preparation team.
    ("P+ P- Oc A", {"category_not_admitted:academia"}),
    ("P+ P- Oc B", {"category_not_admitted:business"}),
    ("P+ P- Oc X", {"category_not_admitted:external"}),
    ("P+ P- Oc A B", {"category_not_admitted:academia", "category_not_admitted:business"}),
]

PROJEKT = [
    ("Ol O O", set()),
    ("Ol O O O", set()),
    ("Ol O O O O", set()),
    ("Ol", {"official_count"}),
    ("Ol O", {"official_count"}),
    ("Ol O O O O O", {"official_count"}),
    ("Ol O O C A B", set()),  # civil society, academia and business are encouraged
    ("Ol O C A B", {"official_count"}),  # ... and do not count
    ("Ol O O O C A B C A B", set()),
    ("O O O", {"project_leader_count"}),
    ("Ol Ol O", {"project_leader_count"}),
    ("Ol Ol Ol Ol Ol Ol", {"official_count", "project_leader_count"}),
    ("Pl O O O", {"project_leader_not_official", "category_not_admitted:politician"}),
    ("Cl O O O", {"project_leader_not_official"}),
    ("Al O O O", {"project_leader_not_official"}),
    ("Oc O Ol", set()),  # a coordinator flag means nothing here
    ("C A B", {"official_count", "project_leader_count"}),
    # Seed 004: "Gruppen ska bestå av 3-5 tjänstepersoner … ICLD uppmuntrar också att inkludera
    # representanter från … det civila samhället, akademiska institutioner eller näringslivet";
    # politicians belong in the steering group ("I styrgruppen ska företrädare för den politiska
    # majoriteten och oppositionen … ingå").
    ("Ol O O P+", {"category_not_admitted:politician"}),
    ("Ol O O P+ P-", {"category_not_admitted:politician"}),
    ("Ol O O X", {"category_not_admitted:external"}),
]

STYRGRUPP = [
    ("P+ P- Oc", set()),
    ("P+ P- Oc O O P+ P-", set()),
    ("P+ Oc", {"opposition_politician_missing"}),
    ("P+ P+ Oc", {"opposition_politician_missing"}),
    ("P- Oc", {"majority_politician_missing"}),
    ("P Oc", {"majority_politician_missing", "opposition_politician_missing"}),
    ("C+ C- Oc", {"majority_politician_missing", "opposition_politician_missing"}),
    ("P+ P- Cc", {"official_missing", "coordinator_not_official"}),
    ("P+c P-", {"official_missing", "coordinator_not_official"}),
    ("P+ P- O", {"coordinator_count"}),
    ("P+ P- Oc Oc", {"coordinator_count"}),
    ("P+ P- O Pc", {"coordinator_not_official"}),
    ("P+ P- Oc C A B X", set()),
    ("Oc", {"majority_politician_missing", "opposition_politician_missing"}),
    (
        "P- C",
        {"majority_politician_missing", "official_missing", "coordinator_count"},
    ),
]

BREDDNING = [
    ("Oc O P+ P-", set()),
    ("Oc O O O", set()),
    ("Pc O A B", set()),  # any category counts, and the coordinator may be any of them
    ("Oc O X B", set()),
    ("Oc O O O C C C", set()),  # civil society may join and does not count
    ("Oc O O", {"member_count"}),
    ("Oc O O C", {"member_count"}),
    ("Oc O O O O", {"member_count"}),
    ("Oc", {"member_count"}),
    ("O O O O", {"coordinator_count"}),
    ("Oc Oc O O", {"coordinator_count"}),
    ("Oc O O Cc", {"member_count", "coordinator_count"}),
    ("Cc O O O O", set()),  # a civil-society coordinator is allowed, and not counted
    ("Ocl O O O", set()),
]

SPRIDNING = [
    ("Ol O", set()),
    ("Ol O O", set()),
    ("Ol", {"member_count"}),
    ("Ol O O O", {"member_count"}),
    ("Ol O X X X", set()),  # external participants may be added
    ("Ol X X", {"member_count"}),
    ("Pl C", set()),  # civil society counts here unless entered as external
    ("Ol A B", set()),
    ("O O", {"project_leader_count"}),
    ("Ol Ol", {"project_leader_count"}),
    ("Xl O O", set()),  # the leader may be external; the others still make the 2–3
    ("Xl O", {"member_count"}),
    ("Oc O", {"project_leader_count"}),
]


@pytest.mark.parametrize(
    ("component", "spec", "expected", "party"),
    cases("forberedelse", FORBEREDELSE)
    + cases("projekt", PROJEKT)
    + cases("styrgrupp", STYRGRUPP)
    + cases("breddning", BREDDNING)
    + cases("spridning", SPRIDNING),
)
def test_it_checks_each_partys_team_against_the_components_rule(component, spec, expected, party):
    """Seed 004, per component (the case tables above quote the line each case comes from):
    Förberedelse "Teamet ska bestå av två politiker, företrädesvis från majoritet respektive
    opposition, och en eller två tjänstepersoner från varje partner"; Projekt "Gruppen ska bestå
    av 3-5 tjänstepersoner från varje part"; Styrgrupp "I styrgruppen ska företrädare för den
    politiska majoriteten och oppositionen … ingå"; Breddning "Breddningsteamet ska bestå av
    fyra deltagare från varje part". Each party is judged on its own."""
    assert codes(component, spec, party) == expected


@pytest.mark.parametrize("component", COMPONENTS)
def test_it_accepts_the_valid_team_of_every_component_on_both_sides(component):
    people = team(VALID[component], "swedish") + team(VALID[component], "partner")
    assert check_team(component, people) == []


@pytest.mark.parametrize("component", COMPONENTS)
@pytest.mark.parametrize("party", PARTIES)
def test_it_reports_a_missing_team_and_nothing_else_for_that_party(component, party):
    findings = check_team(component, team(VALID[component], other(party)))
    assert findings == [Finding("error", "team_missing", party)]


@pytest.mark.parametrize("component", COMPONENTS)
def test_it_reports_both_teams_missing_in_party_order(component):
    assert check_team(component, []) == [
        Finding("error", "team_missing", "swedish"),
        Finding("error", "team_missing", "partner"),
    ]


@pytest.mark.parametrize("component", COMPONENTS)
def test_it_reports_each_partys_findings_under_that_party(component):
    people = team("C", "swedish") + team("C", "partner")
    findings = check_team(component, people)
    swedish = [f.code for f in findings if f.party == "swedish"]
    partner = [f.code for f in findings if f.party == "partner"]
    assert swedish == partner != []
    # The Swedish party's findings come first.
    assert [f.party for f in findings] == ["swedish"] * len(swedish) + ["partner"] * len(partner)


def test_it_treats_a_blank_political_side_like_none():
    # Model instances store "" for a politician whose side is not given.
    people = [dataclasses.replace(p, political_side="") for p in team("P P", "swedish")]
    people += team("Oc", "swedish") + team(VALID["forberedelse"], "partner")
    assert [f.code for f in check_team("forberedelse", people)] == ["politician_sides"]


def test_it_accepts_a_component_choice_as_well_as_its_value():
    from partnerships.models import Component

    people = team(VALID["projekt"], "swedish") + team("Ol", "partner")
    assert check_team(Component.PROJEKT, people) == check_team("projekt", people)


@pytest.mark.parametrize("component", ["", "Forberedelse", "förberedelse", "network", None])
def test_it_rejects_an_unknown_component(component):
    with pytest.raises(ValueError, match="unknown component"):
        check_team(component, team("Oc"))


def test_it_rejects_a_participant_of_no_known_party():
    with pytest.raises(ValueError, match="unknown party"):
        check_team("projekt", [Person(party="sida")])


# --- gender balance --------------------------------------------------------------------------


def gendered(women: int, men: int, other: int = 0, undisclosed: int = 0) -> list[Person]:
    genders = ["woman"] * women + ["man"] * men + ["other"] * other + ["undisclosed"] * undisclosed
    return [Person(party="swedish", gender=g) for g in genders]


def gender_findings(people: list[Person]) -> list[Finding]:
    # Spridning counts no category out and has few other rules: the balance shows on its own.
    return [f for f in check_team("spridning", people) if f.code == "gender_balance"]


@pytest.mark.parametrize(
    ("women", "men", "other", "undisclosed", "warned"),
    [
        (0, 0, 0, 3, False),  # nobody disclosed
        (1, 0, 0, 0, False),  # one person says nothing about balance
        (0, 1, 0, 0, False),
        (0, 1, 0, 4, False),
        (1, 0, 4, 0, False),
        (1, 1, 0, 0, False),
        (2, 0, 0, 0, True),
        (0, 2, 0, 0, True),
        (3, 0, 0, 0, True),
        (2, 1, 0, 0, True),  # 33 %
        (1, 2, 0, 0, True),
        (2, 2, 0, 0, False),
        (3, 1, 0, 0, True),  # 25 %
        (2, 3, 0, 0, False),  # exactly 40 %
        (3, 2, 0, 0, False),
        (4, 6, 0, 0, False),  # exactly 40 %
        (6, 4, 0, 0, False),
        (2, 4, 0, 0, True),  # 33 %
        (39, 61, 0, 0, True),  # 39 %
        (61, 39, 0, 0, True),
        (40, 60, 0, 0, False),  # 40 %
        (41, 59, 0, 0, False),
        (60, 40, 0, 0, False),
        (1, 1, 1, 0, False),  # "other" neither tips nor dilutes the balance
        (1, 1, 5, 5, False),
        (2, 3, 0, 10, False),  # undisclosed people do not count
        (1, 2, 3, 0, True),
        (0, 2, 2, 0, True),
    ],
)
def test_it_warns_when_women_or_men_are_fewer_than_40_percent(
    women, men, other, undisclosed, warned
):
    people = gendered(women, men, other, undisclosed) + team("Ol O", "partner")
    findings = gender_findings(people)
    assert [(f.severity, f.party) for f in findings] == ([("warning", "swedish")] if warned else [])


def test_it_weighs_each_partys_gender_balance_on_its_own():
    # Together the two teams are balanced; each on its own is not.
    people = [Person(party="swedish", gender="woman") for _ in range(3)]
    people += [Person(party="partner", gender="man") for _ in range(3)]
    assert {f.party for f in gender_findings(people)} == {"swedish", "partner"}


@pytest.mark.parametrize("component", COMPONENTS)
def test_it_warns_on_gender_balance_in_every_component(component):
    people = [dataclasses.replace(p, gender="man") for p in team(VALID[component])]
    people += team(VALID[component], "partner")
    assert check_team(component, people) == [Finding("warning", "gender_balance", "swedish")]


# --- findings and messages -------------------------------------------------------------------

# For every code: a team that produces it and the severity it must have. The keys are exactly
# TEAM_CODES, so no code is dead and every code's severity is pinned.
EVERY_CODE = {
    "team_missing": ("projekt", team("Ol O O", "partner"), "error"),
    "politician_count": ("forberedelse", team("P+ Oc"), "error"),
    "politician_sides": ("forberedelse", team("P+ P+ Oc"), "warning"),
    "official_count": ("forberedelse", team("P+ P- Oc O O"), "error"),
    "official_missing": ("styrgrupp", team("P+ P- Pc"), "error"),
    "majority_politician_missing": ("styrgrupp", team("P- Oc"), "error"),
    "opposition_politician_missing": ("styrgrupp", team("P+ Oc"), "warning"),
    "member_count": ("breddning", team("Oc O O"), "error"),
    "coordinator_count": ("forberedelse", team("P+ P- Oc Oc"), "error"),
    "coordinator_not_official": ("forberedelse", team("P+c P- O"), "error"),
    "project_leader_count": ("spridning", team("O O"), "error"),
    "project_leader_not_official": ("projekt", team("Pl O O O"), "error"),
    "gender_balance": ("spridning", gendered(0, 3), "warning"),
    "category_not_admitted:politician": ("projekt", team("Ol O O P+"), "error"),
    "category_not_admitted:academia": ("forberedelse", team("P+ P- Oc A"), "error"),
    "category_not_admitted:business": ("forberedelse", team("P+ P- Oc B"), "error"),
    "category_not_admitted:external": ("forberedelse", team("P+ P- Oc X"), "error"),
}


def test_every_team_code_has_a_team_that_produces_it():
    assert set(EVERY_CODE) == TEAM_CODES


@pytest.mark.parametrize("code", sorted(EVERY_CODE))
def test_it_gives_each_code_its_severity(code):
    component, people, severity = EVERY_CODE[code]
    assert [f.severity for f in check_team(component, people) if f.code == code] == [severity]


def test_it_writes_messages_in_english_source_with_the_counts_filled_in():
    with translation.override("en"):
        messages = [str(f.message) for f in check_team("forberedelse", team("P+ Oc O O O"))]
    assert messages == [
        "Swedish party: the team needs 2 politicians; it has 1.",
        "Swedish party: the team needs 1–2 officials; it has 4.",
        "Partner party: there is no team yet; each party fields its own team.",
    ]


@pytest.mark.parametrize(
    ("component", "spec", "message"),
    [
        ("projekt", "Ol", "Swedish party: the project group needs 3–5 officials; it has 1."),
        (
            "spridning",
            "Ol O O O",
            "Swedish party: the team needs 2–3 participants besides external ones; it has 4.",
        ),
        (
            "breddning",
            "Oc O O",
            "Swedish party: the team needs 4 participants besides civil society; it has 3.",
        ),
        (
            "projekt",
            "Ol Ol O O",
            "Swedish party: the team needs exactly one project leader; it has 2.",
        ),
    ],
)
def test_it_fills_in_the_limits_of_each_range(component, spec, message):
    people = team(spec) + team(VALID[component], "partner")
    with translation.override("en"):
        assert [str(f.message) for f in check_team(component, people)] == [message]


def test_it_fills_in_the_gender_counts():
    """Seed 004: "Grupperna bör vara könsbalanserade." One woman is not "1 women"/"1 kvinnor".
    The 40 % is the portal's reading of "balanced" (no seed page gives a figure), and the
    message says so rather than putting it in ICLD's mouth."""
    [finding] = gender_findings(gendered(1, 4))
    with translation.override("en"):
        assert str(finding.message) == (
            "Swedish party: the team is not gender-balanced (women: 1, men: 4); "
            "the portal counts a team as balanced with at least 40 % of each."
        )
    with translation.override("sv"):
        assert str(finding.message) == (
            "Svensk part: teamet är inte könsbalanserat (kvinnor: 1, män: 4); "
            "portalen räknar ett team som könsbalanserat med minst 40 % av vardera."
        )


def test_it_keeps_messages_lazy_until_they_are_shown():
    [finding] = check_team("projekt", team("Ol O O"))
    assert isinstance(finding.message, Promise)


def test_findings_compare_and_hash_by_severity_code_and_party_not_message():
    a = Finding("error", "team_missing", "swedish", "one wording")
    b = Finding("error", "team_missing", "swedish", "another wording")
    assert a == b and hash(a) == hash(b)
    assert len({a, b, Finding("error", "team_missing", "partner")}) == 2


def test_findings_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Finding("error", "team_missing", "swedish").code = "other"


def test_findings_sort_errors_first_and_party_less_findings_before_party_ones():
    findings = [
        Finding("warning", "gender_balance", "swedish"),
        Finding("error", "team_missing", "partner"),
        Finding("error", "official_count", "swedish"),
        Finding("error", "no_open_round", None),
    ]
    assert [f.code for f in sorted(findings)] == [
        "no_open_round",
        "team_missing",
        "official_count",
        "gender_balance",
    ]


def test_has_errors_ignores_warnings():
    assert has_errors([Finding("warning", "gender_balance", "swedish")]) is False
    assert has_errors([]) is False
    assert has_errors([Finding("error", "team_missing", "swedish")]) is True


def test_the_choice_values_are_the_models():
    from applications.models import Participant, Party
    from partnerships.models import Component

    assert tuple(Component.values) == COMPONENTS
    assert tuple(Party.values) == PARTIES
    assert tuple(Participant.Category.values) == CATEGORIES
    assert tuple(Participant.Side.values) == SIDES
    assert tuple(Participant.Gender.values) == GENDERS


def test_the_rules_import_no_models_orm_or_request():
    # The rules are a package, one module per feature: every one of them stays pure.
    modules = sorted(Path(rules.__file__).parent.glob("*.py"))
    assert len(modules) > 1
    imported = {
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for module in modules
        for node in ast.walk(ast.parse(module.read_text()))
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    forbidden = [
        m
        for m in imported
        if m and (m.endswith("models") or m.startswith(("django.db", "django.http")))
    ]
    assert forbidden == []


# --- properties ------------------------------------------------------------------------------

participants = st.builds(
    Person,
    party=st.sampled_from(PARTIES),
    category=st.sampled_from(CATEGORIES),
    political_side=st.sampled_from([None, *SIDES]),
    is_coordinator=st.booleans(),
    is_project_leader=st.booleans(),
    gender=st.sampled_from(GENDERS),
)
teams = st.lists(participants, max_size=14)
components = st.sampled_from(COMPONENTS)


def plain_member(category: str):
    """A member who holds no role: only their category and gender may matter."""
    return st.builds(
        Person,
        party=st.sampled_from(PARTIES),
        category=st.just(category),
        political_side=st.sampled_from([None, *SIDES]),
        gender=st.sampled_from(GENDERS),
    )


def errors(findings: list[Finding]) -> set[tuple[str, str | None]]:
    return {(f.code, f.party) for f in findings if f.is_error}


def joining(people: list[Person], extra: list[Person]) -> list[Person]:
    """The extra members who join a party that has a team already (else they would form it)."""
    return [e for e in extra if any(p.party == e.party for p in people)]


@PROPERTY
@given(components, teams)
def test_only_known_codes_severities_and_parties_appear(component, people):
    for f in check_team(component, people):
        assert f.code in TEAM_CODES
        assert f.severity in ("error", "warning")
        assert f.party in PARTIES


@PROPERTY
@given(components, teams)
def test_no_code_appears_twice_for_a_party(component, people):
    found = [(f.code, f.party) for f in check_team(component, people)]
    assert len(found) == len(set(found))


@PROPERTY
@given(components, teams, st.randoms(use_true_random=False))
def test_shuffling_the_participants_changes_no_finding(component, people, rnd):
    shuffled = list(people)
    rnd.shuffle(shuffled)
    assert check_team(component, shuffled) == check_team(component, people)


@PROPERTY
@given(components, teams)
def test_a_teams_findings_are_the_union_of_each_partys_findings(component, people):
    separately = [
        f
        for party in PARTIES
        for f in check_team(component, [p for p in people if p.party == party])
        if f.party == party
    ]
    assert check_team(component, people) == separately


@PROPERTY
@given(components, teams)
def test_gender_balance_is_never_an_error(component, people):
    findings = check_team(component, people)
    assert all(f.severity == "warning" for f in findings if f.code == "gender_balance")


@PROPERTY
@given(components, teams, st.lists(st.sampled_from(GENDERS), min_size=14, max_size=14))
def test_genders_never_change_the_errors(component, people, genders):
    regendered = [dataclasses.replace(p, gender=g) for p, g in zip(people, genders, strict=False)]
    assert errors(check_team(component, regendered)) == errors(check_team(component, people))


@PROPERTY
@given(
    st.sampled_from(["forberedelse", "projekt", "breddning"]),
    teams,
    st.lists(plain_member("civil_society"), max_size=6),
)
def test_adding_civil_society_members_never_changes_the_errors(component, people, extra):
    extra = joining(people, extra)
    assert errors(check_team(component, people + extra)) == errors(check_team(component, people))


@PROPERTY
@given(teams, st.lists(plain_member("external"), max_size=6))
def test_adding_external_members_never_changes_spridning_errors(people, extra):
    extra = joining(people, extra)
    assert errors(check_team("spridning", people + extra)) == errors(
        check_team("spridning", people)
    )


@PROPERTY
@given(teams, st.lists(st.sampled_from(["academia", "business"]).flatmap(plain_member), max_size=6))
def test_adding_academia_or_business_never_changes_projekt_errors(people, extra):
    extra = joining(people, extra)
    assert errors(check_team("projekt", people + extra)) == errors(check_team("projekt", people))


@PROPERTY
@given(components, teams)
def test_a_party_without_members_gets_exactly_one_finding(component, people):
    findings = check_team(component, people)
    for party in PARTIES:
        if not any(p.party == party for p in people):
            assert [f for f in findings if f.party == party] == [
                Finding("error", "team_missing", party)
            ]


@PROPERTY
@given(components, teams)
def test_has_errors_agrees_with_the_severities(component, people):
    findings = check_team(component, people)
    assert has_errors(findings) == any(f.severity == "error" for f in findings)


@PROPERTY
@given(st.data(), components)
def test_a_valid_team_stays_valid_in_any_order(data, component):
    people = team(VALID[component], "swedish") + team(VALID[component], "partner")
    assert check_team(component, data.draw(st.permutations(people))) == []


def test_it_explains_a_category_the_team_does_not_admit():
    """Seed 004 on the Projekt group: politicians belong in the steering group."""
    people = team("Ol O O P+") + team(VALID["projekt"], "partner")
    with translation.override("en"):
        [finding] = check_team("projekt", people)
        assert str(finding.message) == (
            "Swedish party: 1 with the category “Politician” cannot be part of this team; "
            "politicians belong in the Steering group."
        )
    assert finding.source == "projekt"
