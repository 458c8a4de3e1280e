"""Eligibility, prerequisites, rounds and periods (applications.rules.check_eligibility).

Each table starts from an application that breaks no rule and changes one fact. No database.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from applications.rules import (
    APPLICANT_TYPES,
    COMPONENTS,
    COUNTRY_STATUSES,
    ELIGIBILITY_CODES,
    ROUND_COMPONENTS,
    PastApplication,
    RoundFacts,
    add_months,
    check_eligibility,
    country_finding,
    has_errors,
    open_round_for,
    round_for_submission,
)

PROPERTY = settings(database=None, deadline=None, max_examples=100)

D = datetime.date
DAY = datetime.timedelta(days=1)
TODAY = D(2025, 3, 10)
ROUND = RoundFacts("2025-01", D(2025, 2, 15), D(2025, 3, 15), frozenset(ROUND_COMPONENTS))
STEERING = PastApplication("styrgrupp", True, D(2024, 1, 1), D(2027, 12, 31))
START = D(2025, 6, 1)
VALID_END = {
    "forberedelse": D(2026, 5, 31),
    "projekt": D(2027, 5, 31),
    "styrgrupp": D(2027, 5, 31),
    "breddning": D(2025, 11, 30),
    "spridning": D(2025, 9, 30),
}


def facts(component: str, **changes) -> dict:
    """An application of `component` that meets every rule, with `changes` made to it."""
    return {
        "component": component,
        "applicant_type": "kommun",
        "country_status": "cluster",
        "today": TODAY,
        "period_start": START,
        "period_end": VALID_END[component],
        "rounds": [ROUND],
        "partnership_history": [STEERING],
        "styrgrupp_in_same_submission": True,
        "projekt_in_same_submission": True,
        "dialogue_date": D(2025, 1, 20),
        "dialogue_note": "Agreed to spread the budget-dialogue method to three municipalities.",
        "planning_tool_complete": True,
        **changes,
    }


def codes(component: str, **changes) -> set[str]:
    return {f.code for f in check_eligibility(**facts(component, **changes))}


@pytest.mark.parametrize("component", COMPONENTS)
def test_it_finds_nothing_wrong_with_a_valid_application(component):
    assert check_eligibility(**facts(component)) == []


@pytest.mark.parametrize("component", ["", "network", "Projekt", None])
def test_it_rejects_an_unknown_component(component):
    with pytest.raises(ValueError, match="unknown component"):
        check_eligibility(**{**facts("projekt"), "component": component})


# --- the applicant ---------------------------------------------------------------------------


@pytest.mark.parametrize("component", COMPONENTS)
@pytest.mark.parametrize("applicant_type", sorted(APPLICANT_TYPES))
def test_it_accepts_every_eligible_applicant_type(component, applicant_type):
    assert "applicant_type_ineligible" not in codes(component, applicant_type=applicant_type)


@pytest.mark.parametrize(
    "applicant_type",
    ["", "landsting", "KOMMUN", "kommun ", "foretag", "forening", "myndighet", "municipality"],
)
def test_it_rejects_any_other_applicant_type(applicant_type):
    assert codes("projekt", applicant_type=applicant_type) == {"applicant_type_ineligible"}


def test_the_eligible_types_are_the_stored_organisation_types():
    from partnerships.models import SwedishOrganisationType

    assert set(SwedishOrganisationType.values) == APPLICANT_TYPES


def test_the_country_statuses_are_the_stored_ones():
    from partnerships.models import CountryStatus

    assert tuple(CountryStatus.values) == COUNTRY_STATUSES


# --- the partner's country -------------------------------------------------------------------

COUNTRY_CODES = {"country_missing", "country_continuing_new_partnership", "country_former"}


def past(component: str, granted: bool = True) -> PastApplication:
    return PastApplication(component, granted, D(2022, 1, 1), D(2022, 12, 31))


COUNTRY_CASES = [
    ("cluster", [], set()),
    ("cluster", [past("projekt")], set()),
    ("continuing", [], {"country_continuing_new_partnership"}),
    ("continuing", [past("forberedelse")], set()),
    ("continuing", [past("projekt")], set()),
    ("continuing", [past("forberedelse", granted=False)], {"country_continuing_new_partnership"}),
    ("continuing", [past("projekt", granted=False)], {"country_continuing_new_partnership"}),
    ("continuing", [past("styrgrupp")], {"country_continuing_new_partnership"}),
    ("continuing", [past("breddning")], {"country_continuing_new_partnership"}),
    ("continuing", [past("spridning")], {"country_continuing_new_partnership"}),
    ("continuing", [past("spridning"), past("projekt")], set()),
    ("former", [], {"country_former"}),
    ("former", [past("forberedelse"), past("projekt")], {"country_former"}),
    (None, [], {"country_missing"}),
    (None, [past("projekt")], {"country_missing"}),
]


@pytest.mark.parametrize("component", COMPONENTS)
@pytest.mark.parametrize(("status", "history", "expected"), COUNTRY_CASES)
def test_it_checks_the_partner_countrys_status(component, status, history, expected):
    """Seed 002: "Samarbete kan ske med länder uppdelade i fyra kluster" and "följande länder
    där kommuner sedan tidigare har en dialog eller genomförda/pågående Förberedelser eller
    Projekt. ICLD har för avsikt att tillåta att dessa fortsätter"; a former country (DOMAIN:
    "They exist in history, not for new applications") takes nothing."""
    found = codes(component, country_status=status, partnership_history=[STEERING, *history])
    assert found & COUNTRY_CODES == expected


@pytest.mark.parametrize(
    ("status", "history", "had_dialogue", "expected"),
    [
        ("continuing", [], True, None),
        ("continuing", [], False, "country_continuing_new_partnership"),
        ("continuing", [past("projekt")], False, None),
        ("cluster", [], False, None),
        ("former", [], True, "country_former"),
        (None, [], True, "country_missing"),
    ],
)
def test_a_dialogue_with_icld_lets_a_partnership_continue(status, history, had_dialogue, expected):
    """Seed 002: "följande länder där kommuner sedan tidigare har en dialog eller
    genomförda/pågående Förberedelser eller Projekt. ICLD har för avsikt att tillåta att dessa
    fortsätter" — a recorded dialogue counts as much as a Förberedelse or a Projekt. The same
    pure function answers in step 1 of the wizard and at submission."""
    finding = country_finding(status, history, had_dialogue=had_dialogue)
    assert (finding.code if finding else None) == expected
    found = codes(
        "projekt",
        country_status=status,
        had_dialogue=had_dialogue,
        partnership_history=[STEERING, *history],
    )
    assert found & COUNTRY_CODES == ({expected} if expected else set())


@pytest.mark.parametrize("status", ["", "Cluster", "active"])
def test_it_rejects_an_unknown_country_status(status):
    with pytest.raises(ValueError, match="unknown country status"):
        check_eligibility(**facts("projekt", country_status=status))


# --- prerequisites ---------------------------------------------------------------------------


def steering(granted: bool = True, start: D | None = START, end: D | None = VALID_END["projekt"]):
    return PastApplication("styrgrupp", granted, start, end)


@pytest.mark.parametrize(
    ("same_submission", "history", "needs_steering"),
    [
        (True, [], False),
        (True, [steering(granted=False)], False),
        (False, [], True),
        (False, [steering()], False),  # granted for exactly the project's period
        (False, [steering(start=D(2024, 1, 1), end=D(2028, 1, 1))], False),  # covers it
        (False, [steering(start=START + DAY)], True),  # starts after the project
        (False, [steering(end=VALID_END["projekt"] - DAY)], True),  # ends before the project
        (False, [steering(granted=False)], True),
        (False, [steering(start=None, end=None)], False),  # period unknown: does not block
        (False, [past("projekt")], True),
        (False, [steering(end=D(2025, 1, 1)), steering()], False),
    ],
)
def test_a_projekt_needs_a_steering_group_for_the_same_period(
    same_submission, history, needs_steering
):
    found = codes(
        "projekt", styrgrupp_in_same_submission=same_submission, partnership_history=history
    )
    assert ("styrgrupp_missing" in found) is needs_steering


@pytest.mark.parametrize("component", ["forberedelse", "styrgrupp", "breddning", "spridning"])
def test_only_a_projekt_needs_a_steering_group_applied_for_with_it(component):
    found = codes(component, styrgrupp_in_same_submission=False)
    assert "styrgrupp_missing" not in found


@pytest.mark.parametrize(
    ("history", "same_submission", "needs_steering"),
    [
        ([STEERING], False, False),
        ([steering(end=TODAY)], False, False),  # still running today
        ([steering(end=TODAY - DAY)], False, True),  # ended yesterday
        ([steering(start=None, end=None)], False, False),
        ([steering(granted=False)], False, True),
        ([], False, True),
        ([], True, True),  # a steering group applied for now is not an existing one
        ([past("projekt"), past("forberedelse")], False, True),
        ([steering(end=D(2020, 1, 1)), steering(end=TODAY + DAY)], False, False),
    ],
)
def test_a_breddning_needs_an_existing_granted_steering_group(
    history, same_submission, needs_steering
):
    found = codes(
        "breddning", partnership_history=history, styrgrupp_in_same_submission=same_submission
    )
    assert ("existing_styrgrupp_missing" in found) is needs_steering


@pytest.mark.parametrize("component", ["forberedelse", "projekt", "styrgrupp", "spridning"])
def test_only_a_breddning_needs_an_existing_steering_group(component):
    assert "existing_styrgrupp_missing" not in codes(component, partnership_history=[])


@pytest.mark.parametrize(
    ("dialogue_date", "dialogue_note", "expected"),
    [
        (D(2025, 1, 20), "We agreed on the method.", set()),
        (TODAY, "Met today.", set()),
        (None, "We agreed on the method.", {"dialogue_missing"}),
        (D(2025, 1, 20), "", {"dialogue_missing"}),
        (D(2025, 1, 20), "   \n", {"dialogue_missing"}),
        (None, "", {"dialogue_missing"}),
        (TODAY + DAY, "Booked for tomorrow.", {"dialogue_in_future"}),
    ],
)
def test_a_spridning_needs_a_recorded_dialogue_with_icld(dialogue_date, dialogue_note, expected):
    found = codes("spridning", dialogue_date=dialogue_date, dialogue_note=dialogue_note)
    assert found == expected


@pytest.mark.parametrize("component", ["forberedelse", "projekt", "styrgrupp", "breddning"])
def test_only_a_spridning_needs_a_dialogue(component):
    assert codes(component, dialogue_date=None, dialogue_note="") == set()


@pytest.mark.parametrize(
    ("component", "needs_tool"),
    [
        ("forberedelse", False),
        ("breddning", False),
        ("projekt", True),
        ("styrgrupp", False),
        ("spridning", False),
    ],
)
@pytest.mark.parametrize("complete", [True, False])
def test_a_projekt_is_preceded_by_the_planning_tool(component, needs_tool, complete):
    """Seed 004: "Det är obligatoriskt att använda ICLD:s projektplaneringsverktyg under
    förberedelsen" (and "under breddningen") — the tool is used *during* them, so they are not
    blocked by it; "Projektansökan ska ha föregåtts av att parterna arbetat med ICLD:s
    projektplaneringsverktyg" — a Projekt is."""
    found = codes(component, planning_tool_complete=complete)
    assert found == ({"planning_tool_incomplete"} if needs_tool and not complete else set())


@pytest.mark.parametrize(
    ("history", "blocked"),
    [
        ([STEERING], True),
        ([STEERING, PastApplication("forberedelse", False)], True),
        ([STEERING, PastApplication("forberedelse", True)], False),
        ([STEERING, PastApplication("breddning", True)], False),
        ([STEERING, PastApplication("projekt", True)], True),
    ],
)
def test_a_granted_forberedelse_or_breddning_did_the_planning_work(history, blocked):
    """Seed 004: the planning tool is mandatory during a Förberedelse and a Breddning, so a
    granted one of the partnership counts as the planning work a Projekt needs."""
    found = codes("projekt", planning_tool_complete=False, partnership_history=history)
    assert ("planning_tool_incomplete" in found) is blocked


# --- a Styrgrupp goes with a Projekt ------------------------------------------------------------

GRANTED_PROJEKT = PastApplication("projekt", True, D(2025, 1, 1), D(2027, 12, 31))


@pytest.mark.parametrize(
    ("same_submission", "history", "blocked"),
    [
        (True, [STEERING], False),
        (False, [STEERING], True),
        (False, [STEERING, GRANTED_PROJEKT], False),
        (
            False,
            [STEERING, PastApplication("projekt", False, D(2025, 1, 1), D(2027, 12, 31))],
            True,
        ),
        # A granted Projekt that ended before the steering group would start does not count.
        (False, [STEERING, PastApplication("projekt", True, D(2022, 1, 1), D(2024, 12, 31))], True),
    ],
)
def test_a_styrgrupp_goes_with_a_projekt(same_submission, history, blocked):
    """Seed 004: "Projekt förutsätter att det finns en tillhörande styrgrupp som löper under
    motsvarande tid" — a steering group without a project for the same period (in the same
    submission, or already granted) steers nothing."""
    found = codes(
        "styrgrupp", projekt_in_same_submission=same_submission, partnership_history=history
    )
    assert ("projekt_missing" in found) is blocked


# --- rounds ----------------------------------------------------------------------------------


def round_(name="2025-01", opens=ROUND.opens_on, closes=ROUND.closes_on, components=None):
    return RoundFacts(name, opens, closes, frozenset(components or ROUND_COMPONENTS))


@pytest.mark.parametrize("component", ROUND_COMPONENTS)
@pytest.mark.parametrize(
    ("today", "is_open"),
    [
        (D(2025, 2, 14), False),  # the day before it opens
        (D(2025, 2, 15), True),  # the day it opens
        (D(2025, 3, 1), True),
        (D(2025, 3, 15), True),  # the closing day is the last day to submit
        (D(2025, 3, 16), False),
    ],
)
def test_it_takes_submissions_from_the_opening_to_the_closing_day(component, today, is_open):
    assert (open_round_for(component, [round_()], today) is not None) is is_open


@pytest.mark.parametrize("component", ROUND_COMPONENTS)
@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2025, 2, 14), "2025-01"),  # before it opens: queued into it
        (D(2025, 3, 15), "2025-01"),  # open
        (D(2025, 3, 16), "2025-02"),  # between rounds: queued into the next
        (D(2025, 9, 2), None),  # after the last round: nowhere to go
    ],
)
def test_it_takes_submissions_all_year_and_queues_them_into_the_next_round(
    component, today, expected
):
    """Seed 002: "Ansökan till programmets övriga komponenter kan också göras under hela året
    men behandlas i särskilda ansökningsomgångar" — submitting between rounds is accepted and
    queued; only without any round ahead is it an error (no_round)."""
    rounds = [round_(), round_("2025-02", D(2025, 8, 1), D(2025, 9, 1))]
    found = round_for_submission(component, rounds, today)
    assert (found.name if found else None) == expected
    dialogue = {"dialogue_date": D(2025, 1, 1)}  # before every `today` here
    codes_found = codes(component, today=today, rounds=rounds, **dialogue)
    assert ("no_round" in codes_found) is (expected is None)


def test_it_queues_into_the_next_round_that_takes_the_component():
    """Seed 002: the other components "behandlas i särskilda ansökningsomgångar": the next
    round that takes the component, not the next round of any kind; a Förberedelse "kan göras
    när som helst under året" and is queued into none."""
    other = round_("2025-02", D(2025, 4, 1), D(2025, 5, 1), components=["spridning"])
    mine = round_("2025-03", D(2025, 6, 1), D(2025, 7, 1), components=["projekt"])
    assert round_for_submission("projekt", [other, mine], D(2025, 3, 20)) == mine
    assert round_for_submission("forberedelse", [other, mine], D(2025, 3, 20)) is None


@pytest.mark.parametrize("today", [D(2025, 2, 14), TODAY, D(2031, 12, 24)])
def test_a_forberedelse_can_be_submitted_any_time_outside_rounds(today):
    """Seed 002: "Ansökan om en så kallad Förberedelse … kan göras när som helst under året"."""
    assert open_round_for("forberedelse", [round_()], today) is None
    assert "no_round" not in codes("forberedelse", today=today, rounds=[])


@pytest.mark.parametrize("component", ROUND_COMPONENTS)
def test_it_needs_a_round_that_covers_the_component(component):
    """Seed 002: "behandlas i särskilda ansökningsomgångar" — without a round ahead that takes
    the component there is nowhere to queue it: an explained error (no_round)."""
    others = [c for c in ROUND_COMPONENTS if c != component]
    assert open_round_for(component, [round_(components=others)], TODAY) is None
    assert "no_round" in codes(component, rounds=[round_(components=others)])
    assert "no_round" in codes(component, rounds=[])


def test_it_picks_the_open_round_that_closes_first():
    late = round_("2025-02", D(2025, 3, 1), D(2025, 6, 1))
    early = round_("2025-01", D(2025, 1, 1), D(2025, 3, 20))
    closed = round_("2024-04", D(2024, 9, 1), D(2024, 11, 1))
    assert open_round_for("projekt", [late, closed, early], TODAY) == early


def test_it_breaks_a_tie_of_closing_days_by_name():
    a, b = round_("2025-01"), round_("2025-02")
    assert open_round_for("projekt", [b, a], TODAY) == a


def test_it_takes_application_rounds_from_the_database_as_they_are():
    from applications.models import ApplicationRound

    stored = ApplicationRound(
        name="2025-01", opens_on=D(2025, 2, 15), closes_on=D(2025, 3, 15), components=["projekt"]
    )
    assert open_round_for("projekt", [stored], TODAY) is stored
    assert open_round_for("breddning", [stored], TODAY) is None


def test_open_round_for_rejects_an_unknown_component():
    with pytest.raises(ValueError, match="unknown component"):
        open_round_for("network", [round_()], TODAY)


# --- periods ---------------------------------------------------------------------------------

JAN1 = D(2025, 1, 1)

PERIOD_CASES = [
    # Förberedelse: about a year, 9–15 months.
    ("forberedelse", JAN1, D(2025, 12, 31), None),
    ("forberedelse", JAN1, D(2026, 1, 1), None),
    ("forberedelse", JAN1, D(2025, 9, 30), None),  # 9 months, last day included
    ("forberedelse", JAN1, D(2025, 9, 29), "period_too_short"),
    ("forberedelse", JAN1, D(2026, 4, 1), None),  # 15 months, ending the next day
    ("forberedelse", JAN1, D(2026, 4, 2), "period_too_long"),
    ("forberedelse", JAN1, D(2025, 3, 1), "period_too_short"),
    ("forberedelse", JAN1, D(2027, 1, 1), "period_too_long"),
    # Projekt: 1–3 years.
    ("projekt", JAN1, D(2025, 12, 31), None),
    ("projekt", JAN1, D(2025, 12, 30), "period_too_short"),
    ("projekt", JAN1, D(2026, 12, 31), None),
    ("projekt", JAN1, D(2027, 12, 31), None),
    ("projekt", JAN1, D(2028, 1, 1), None),
    ("projekt", JAN1, D(2028, 1, 2), "period_too_long"),
    ("projekt", JAN1, D(2025, 6, 30), "period_too_short"),
    ("projekt", JAN1, D(2030, 1, 1), "period_too_long"),
    # Styrgrupp without a known Projekt: a project's length.
    ("styrgrupp", JAN1, D(2025, 12, 30), "period_too_short"),
    ("styrgrupp", JAN1, D(2026, 12, 31), None),
    ("styrgrupp", JAN1, D(2028, 1, 2), "period_too_long"),
    # Breddning: six months, 5–7.
    ("breddning", JAN1, D(2025, 6, 30), None),
    ("breddning", JAN1, D(2025, 7, 1), None),
    ("breddning", JAN1, D(2025, 5, 31), None),
    ("breddning", JAN1, D(2025, 5, 30), "period_too_short"),
    ("breddning", JAN1, D(2025, 8, 1), None),
    ("breddning", JAN1, D(2025, 8, 2), "period_too_long"),
    ("breddning", JAN1, D(2025, 12, 31), "period_too_long"),
    # Spridning: no fixed duration.
    ("spridning", JAN1, D(2025, 1, 2), None),
    ("spridning", JAN1, D(2035, 1, 1), None),
    # Month ends: 31 August plus six months is the end of February.
    ("breddning", D(2025, 8, 31), D(2026, 2, 27), None),
    ("breddning", D(2025, 8, 31), D(2026, 1, 30), None),  # 31 Jan is five months on
    ("breddning", D(2025, 8, 31), D(2026, 1, 29), "period_too_short"),
    ("forberedelse", D(2024, 2, 29), D(2025, 2, 28), None),
]


@pytest.mark.parametrize(("component", "start", "end", "expected"), PERIOD_CASES)
def test_the_period_fits_the_component(component, start, end, expected):
    found = codes(component, period_start=start, period_end=end)
    assert found == ({expected} if expected else set())


@pytest.mark.parametrize("component", COMPONENTS)
@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (None, D(2026, 1, 1), "period_missing"),
        (JAN1, None, "period_missing"),
        (None, None, "period_missing"),
        (JAN1, JAN1, "period_end_before_start"),
        (JAN1, JAN1 - DAY, "period_end_before_start"),
        (D(2026, 1, 1), JAN1, "period_end_before_start"),
    ],
)
def test_every_period_has_a_start_and_an_end_after_it(component, start, end, expected):
    assert codes(component, period_start=start, period_end=end) == {expected}


@pytest.mark.parametrize(
    ("projekt_period", "expected"),
    [
        ((START, VALID_END["projekt"]), set()),
        ((START, VALID_END["projekt"] + DAY), {"period_differs_from_projekt"}),
        ((START - DAY, VALID_END["projekt"]), {"period_differs_from_projekt"}),
        ((D(2024, 1, 1), D(2026, 12, 31)), {"period_differs_from_projekt"}),
        (None, set()),
    ],
)
def test_a_styrgrupp_runs_for_the_same_period_as_its_projekt(projekt_period, expected):
    assert codes("styrgrupp", projekt_period=projekt_period) == expected


def test_a_styrgrupp_follows_its_projekt_even_beyond_the_usual_length():
    # The Projekt's own rule judges its length; the Styrgrupp only has to match it.
    period = (JAN1, D(2025, 3, 1))
    found = codes("styrgrupp", period_start=period[0], period_end=period[1], projekt_period=period)
    assert found == set()


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2025, 1, 15), 1, D(2025, 2, 15)),
        (D(2025, 1, 31), 1, D(2025, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2025, 11, 15), 2, D(2026, 1, 15)),
        (D(2025, 12, 1), 12, D(2026, 12, 1)),
        (D(2025, 3, 31), -1, D(2025, 2, 28)),
        (D(2025, 1, 15), -1, D(2024, 12, 15)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2025, 5, 31), 0, D(2025, 5, 31)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_months_last(day, months, expected):
    assert add_months(day, months) == expected


# --- findings and messages -------------------------------------------------------------------

# For every code: the change to a valid application that produces it.
EVERY_CODE = {
    "applicant_type_ineligible": ("projekt", {"applicant_type": "foretag"}),
    "country_missing": ("projekt", {"country_status": None}),
    "country_continuing_new_partnership": (
        "projekt",
        {"country_status": "continuing", "partnership_history": [STEERING]},
    ),
    "country_former": ("projekt", {"country_status": "former"}),
    "styrgrupp_missing": (
        "projekt",
        {"styrgrupp_in_same_submission": False, "partnership_history": []},
    ),
    "existing_styrgrupp_missing": ("breddning", {"partnership_history": []}),
    "dialogue_missing": ("spridning", {"dialogue_note": ""}),
    "dialogue_in_future": ("spridning", {"dialogue_date": TODAY + DAY}),
    "planning_tool_incomplete": ("projekt", {"planning_tool_complete": False}),
    "projekt_missing": ("styrgrupp", {"projekt_in_same_submission": False}),
    "no_round": ("spridning", {"rounds": []}),
    "period_missing": ("spridning", {"period_end": None}),
    "period_end_before_start": ("spridning", {"period_end": START}),
    "period_too_short": ("breddning", {"period_end": START + DAY}),
    "period_too_long": ("breddning", {"period_end": D(2026, 6, 1)}),
    "period_differs_from_projekt": ("styrgrupp", {"projekt_period": (JAN1, D(2026, 12, 31))}),
}


def test_every_eligibility_code_has_a_case_that_produces_it():
    assert set(EVERY_CODE) == ELIGIBILITY_CODES


@pytest.mark.parametrize("code", sorted(EVERY_CODE))
def test_each_code_is_a_party_less_error_when_alone(code):
    component, changes = EVERY_CODE[code]
    findings = check_eligibility(**facts(component, **changes))
    assert [(f.code, f.severity, f.party) for f in findings] == [(code, "error", None)]
    with translation.override("en"):
        assert str(findings[0].message).endswith(".")


def test_it_reports_every_broken_rule_at_once_in_a_stable_order():
    findings = check_eligibility(
        component="breddning",
        applicant_type="foretag",
        country_status="former",
        today=TODAY,
        period_start=None,
        period_end=None,
    )
    assert [f.code for f in findings] == [
        "applicant_type_ineligible",
        "country_former",
        "existing_styrgrupp_missing",
        "no_round",
        "period_missing",
    ]
    assert has_errors(findings)


def test_it_names_the_limits_in_the_period_messages():
    findings = check_eligibility(**facts("projekt", period_end=D(2030, 1, 1)))
    with translation.override("en"):
        assert [str(f.message) for f in findings] == ["The period may last at most 36 months."]
    findings = check_eligibility(**facts("styrgrupp", projekt_period=(JAN1, D(2026, 12, 31))))
    with translation.override("en"):
        assert [str(f.message) for f in findings] == [
            "A Steering group runs for the same period as its Project (2025-01-01 – 2026-12-31)."
        ]


# --- properties ------------------------------------------------------------------------------

dates = st.dates(min_value=D(2020, 1, 1), max_value=D(2035, 12, 31))
optional_dates = st.none() | dates
rounds = st.builds(
    lambda name, opens, length, components: RoundFacts(
        name, opens, opens + datetime.timedelta(days=length), frozenset(components)
    ),
    st.from_regex(r"20[2-3][0-9]-0[1-6]", fullmatch=True),
    dates,
    st.integers(min_value=0, max_value=120),
    st.sets(st.sampled_from(ROUND_COMPONENTS)),
)
history = st.lists(
    st.builds(
        PastApplication,
        component=st.sampled_from(COMPONENTS),
        granted=st.booleans(),
        period_start=optional_dates,
        period_end=optional_dates,
    ),
    max_size=5,
)
applications = st.fixed_dictionaries(
    {
        "component": st.sampled_from(COMPONENTS),
        "applicant_type": st.sampled_from([*sorted(APPLICANT_TYPES), "foretag", ""]),
        "country_status": st.sampled_from([None, *COUNTRY_STATUSES]),
        "today": dates,
        "period_start": optional_dates,
        "period_end": optional_dates,
        "rounds": st.lists(rounds, max_size=4),
        "partnership_history": history,
        "styrgrupp_in_same_submission": st.booleans(),
        "projekt_period": st.none() | st.tuples(dates, dates),
        "dialogue_date": optional_dates,
        "dialogue_note": st.sampled_from(["", " ", "Agreed."]),
        "planning_tool_complete": st.booleans(),
    }
)


@PROPERTY
@given(applications)
def test_only_known_codes_appear_and_all_are_party_less_errors(application):
    for f in check_eligibility(**application):
        assert f.code in ELIGIBILITY_CODES
        assert (f.severity, f.party) == ("error", None)


@PROPERTY
@given(applications)
def test_no_code_appears_twice(application):
    found = [f.code for f in check_eligibility(**application)]
    assert len(found) == len(set(found))


@PROPERTY
@given(applications, st.randoms(use_true_random=False))
def test_the_order_of_rounds_and_history_changes_nothing(application, rnd):
    shuffled = dict(application)
    for key in ("rounds", "partnership_history"):
        shuffled[key] = list(application[key])
        rnd.shuffle(shuffled[key])
    assert check_eligibility(**shuffled) == check_eligibility(**application)


@PROPERTY
@given(applications)
def test_a_forberedelse_never_waits_for_a_round(application):
    application["component"] = "forberedelse"
    assert "no_open_round" not in {f.code for f in check_eligibility(**application)}


@PROPERTY
@given(applications, optional_dates, st.sampled_from(["", "Agreed."]))
def test_the_dialogue_matters_only_to_a_spridning(application, dialogue_date, note):
    changed = dict(application, dialogue_date=dialogue_date, dialogue_note=note)
    if application["component"] != "spridning":
        assert check_eligibility(**changed) == check_eligibility(**application)


@PROPERTY
@given(applications)
def test_the_planning_tool_matters_only_to_a_projekt(application):
    """Seed 004: "Projektansökan ska ha föregåtts av att parterna arbetat med ICLD:s
    projektplaneringsverktyg"."""
    flipped = dict(application, planning_tool_complete=not application["planning_tool_complete"])
    if application["component"] != "projekt":
        assert check_eligibility(**flipped) == check_eligibility(**application)


@PROPERTY
@given(applications)
def test_at_most_one_period_finding(application):
    period_codes = {c for c in ELIGIBILITY_CODES if c.startswith("period_")}
    found = [f.code for f in check_eligibility(**application) if f.code in period_codes]
    assert len(found) <= 1


@PROPERTY
@given(st.sampled_from(COMPONENTS), st.lists(rounds, max_size=5), dates)
def test_the_round_found_is_open_on_the_day_and_covers_the_component(component, rounds, today):
    found = open_round_for(component, rounds, today)
    covering = [
        r for r in rounds if component in r.components and r.opens_on <= today <= r.closes_on
    ]
    if component == "forberedelse":
        assert found is None
    elif covering:
        assert found in covering
        assert found.closes_on == min(r.closes_on for r in covering)
    else:
        assert found is None


@PROPERTY
@given(dates, st.integers(min_value=-48, max_value=48))
def test_add_months_lands_in_the_right_month_never_past_the_day(day, months):
    result = add_months(day, months)
    assert (result.year * 12 + result.month) - (day.year * 12 + day.month) == months
    assert result.day <= day.day


@PROPERTY
@given(dates, st.integers(min_value=1, max_value=4000))
def test_a_spridning_may_last_any_length(start, days):
    end = start + datetime.timedelta(days=days)
    assert codes("spridning", period_start=start, period_end=end) == set()


@PROPERTY
@given(
    st.sampled_from(["forberedelse", "projekt", "styrgrupp", "breddning"]),
    dates,
    st.integers(min_value=1, max_value=60 * 31),
    st.integers(min_value=0, max_value=400),
)
def test_a_longer_period_is_never_shorter_and_a_shorter_never_longer(component, start, days, more):
    short = codes(component, period_start=start, period_end=start + datetime.timedelta(days=days))
    long = codes(
        component, period_start=start, period_end=start + datetime.timedelta(days=days + more)
    )
    if "period_too_short" in long:
        assert "period_too_short" in short
    if "period_too_long" in short:
        assert "period_too_long" in long
