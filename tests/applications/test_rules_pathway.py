"""The pathway planner (applications.rules.pathway): what a partnership can apply for now, by
when, and what is missing. The five cases of issue 14. No database."""

from __future__ import annotations

import datetime

import pytest

from applications.rules import ROUND_COMPONENTS, PastApplication, RoundFacts, pathway

D = datetime.date
TODAY = D(2025, 3, 10)
ROUND = RoundFacts("2025-01", D(2025, 2, 15), D(2025, 3, 15), frozenset(ROUND_COMPONENTS))


def plan(status="cluster", history=(), had_dialogue=False, rounds=(ROUND,)):
    steps = pathway(
        country_status=status,
        history=list(history),
        had_dialogue=had_dialogue,
        rounds=list(rounds),
        today=TODAY,
    )
    return {s.component: s for s in steps}


def can(steps) -> set[str]:
    return {c for c, s in steps.items() if s.can_apply}


def test_a_new_partnership_in_a_cluster_country_starts_with_a_forberedelse_or_a_projekt():
    """Seed 004: "Den första delen av ett partnerskap är den så kallade förberedelsen"; a
    Projekt with its Styrgrupp is possible when the planning step is filled in; Breddning needs
    an existing steering group, Spridning a dialogue with ICLD."""
    steps = plan()
    assert can(steps) == {"forberedelse", "projekt", "styrgrupp"}
    assert steps["forberedelse"].apply_by is None  # any time
    assert steps["projekt"].apply_by == D(2025, 3, 15)
    assert [f.code for f in steps["projekt"].to_do] == ["planning_tool_incomplete"]
    assert [f.code for f in steps["breddning"].missing] == ["existing_styrgrupp_missing"]
    assert [f.code for f in steps["spridning"].missing] == ["dialogue_missing"]


@pytest.mark.parametrize(("had_dialogue", "expected"), [(False, set()), (True, None)])
def test_a_continuing_country_needs_a_recorded_dialogue(had_dialogue, expected):
    """Seed 002: "länder där kommuner sedan tidigare har en dialog eller genomförda/pågående
    Förberedelser eller Projekt" may continue; a new partnership there may not."""
    steps = plan(status="continuing", had_dialogue=had_dialogue)
    if expected is not None:
        assert can(steps) == expected
        assert all(
            "country_continuing_new_partnership" in {f.code for f in s.missing}
            for s in steps.values()
        )
    else:
        assert can(steps) == {"forberedelse", "projekt", "styrgrupp", "spridning"}


def test_after_a_granted_forberedelse_the_projekt_has_its_planning_work():
    """Seed 004: "Projektansökan ska ha föregåtts av att parterna arbetat med ICLD:s
    projektplaneringsverktyg" — done during the Förberedelse."""
    steps = plan(history=[PastApplication("forberedelse", True, D(2024, 1, 1), D(2024, 12, 31))])
    assert steps["projekt"].can_apply and not steps["projekt"].to_do


def test_a_running_projekt_and_styrgrupp_can_apply_for_a_breddning():
    """Seed 004: "Breddningen förutsätter att det finns en befintlig styrgrupp"."""
    running = [
        PastApplication("projekt", True, D(2024, 1, 1), D(2026, 12, 31)),
        PastApplication("styrgrupp", True, D(2024, 1, 1), D(2026, 12, 31)),
    ]
    steps = plan(history=running)
    assert steps["breddning"].can_apply
    assert steps["breddning"].apply_by == D(2025, 3, 15)


def test_a_component_icld_is_processing_is_not_offered_again_until_decided():
    """What a coordinator expects of "what can we apply for now": a Widening just sent is being
    processed, so the planner names its case instead of offering a second one; the other
    components are judged as before."""
    running = [
        PastApplication("projekt", True, D(2024, 1, 1), D(2026, 12, 31)),
        PastApplication("styrgrupp", True, D(2024, 1, 1), D(2026, 12, 31)),
    ]
    steps = {
        s.component: s
        for s in pathway(
            country_status="cluster",
            history=running,
            had_dialogue=False,
            rounds=[ROUND],
            today=TODAY,
            in_progress={"breddning": "KP-2025-0007"},
        )
    }
    assert not steps["breddning"].can_apply
    [finding] = steps["breddning"].missing
    assert finding.code == "already_applied"
    assert "KP-2025-0007" in str(finding.message)
    assert steps["forberedelse"].can_apply and steps["projekt"].can_apply


def test_a_country_that_left_the_programme_takes_nothing():
    """Seed 002 lists today's countries ("Samarbete kan ske med länder uppdelade i fyra
    kluster" and the continuing ones); DOMAIN: former countries "exist in history, not for new
    applications" — also with a Projekt and a dialogue behind it."""
    steps = plan(status="former", history=[PastApplication("projekt", True)], had_dialogue=True)
    assert can(steps) == set()
    assert all("country_former" in {f.code for f in s.missing} for s in steps.values())


def test_without_a_round_ahead_only_a_forberedelse_can_be_applied_for():
    """Seed 002: a Förberedelse "kan göras när som helst under året"; the other components
    "behandlas i särskilda ansökningsomgångar", so without a round ahead they wait."""
    steps = plan(rounds=())
    assert can(steps) == {"forberedelse"}
    assert {f.code for f in steps["projekt"].missing} == {"no_round"}
