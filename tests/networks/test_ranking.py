"""The partner ranking (networks.ranking.rank): examples first, then properties.

No database: the ranking works on plain dataclasses.
"""

from __future__ import annotations

import ast
import dataclasses
from pathlib import Path

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from networks import ranking
from networks.ranking import POINTS, Candidate, Seeker, rank
from partnerships.models import CountryStatus

# No example database in the working tree; no deadline, as the first example pays for imports.
PROPERTY = settings(database=None, deadline=None, max_examples=150)

ORGANISATION = 1


def candidate(key: str = "organisation:1", **fields) -> Candidate:
    defaults = {
        "name": key,
        "country": "KE",
        "country_status": "cluster",
        "cluster": "east_africa",
        "partner_organisation_id": None,
    }
    return Candidate(key=key, **(defaults | fields))


def test_shared_themes_score_per_theme_and_name_the_themes():
    seeker = Seeker(ORGANISATION, themes=frozenset({"gender", "climate", "youth"}))
    [suggestion] = rank(
        seeker,
        [candidate(themes=frozenset({"gender", "climate", "water"}))],
        theme_names={"gender": "Gender equality", "climate": "Climate"},
    )
    [reason] = suggestion.reasons
    assert reason.code == ranking.THEME
    assert suggestion.score == 2 * POINTS[ranking.THEME]
    with translation.override("en"):
        assert str(reason.message) == "Works on Climate, Gender equality"


def test_a_preferred_country_counts_more_than_the_preferred_cluster():
    seeker = Seeker(ORGANISATION, countries=frozenset({"KE"}), cluster="east_africa")
    kenya = candidate("organisation:1", country="KE", country_name="Kenya")
    uganda = candidate("organisation:2", country="UG")
    suggestions = rank(seeker, [uganda, kenya])
    assert [s.candidate for s in suggestions] == [kenya, uganda]
    assert [r.code for r in suggestions[0].reasons] == [ranking.COUNTRY]
    assert [r.code for r in suggestions[1].reasons] == [ranking.CLUSTER]


def test_a_listing_seeking_a_swedish_partner_in_the_theme_beats_an_organisation_in_it():
    seeker = Seeker(ORGANISATION, themes=frozenset({"gender"}))
    known = candidate("organisation:1", themes=frozenset({"gender"}))
    listing = candidate("seeking:1", themes=frozenset({"gender"}), seeks_swedish_partner=True)
    assert [s.candidate for s in rank(seeker, [known, listing])] == [listing, known]


def test_the_networks_region_adds_a_point():
    seeker = Seeker(ORGANISATION, network_cluster="east_africa")
    [suggestion] = rank(seeker, [candidate(cluster_name="East Africa")])
    assert suggestion.score == POINTS[ranking.NETWORK_REGION]
    with translation.override("en"):
        assert str(suggestion.reasons[0].message) == "In the network's region: East Africa"


def test_a_partner_that_fits_in_nothing_is_not_suggested():
    seeker = Seeker(ORGANISATION, themes=frozenset({"gender"}), countries=frozenset({"CO"}))
    assert rank(seeker, [candidate(themes=frozenset({"water"}))]) == []


@pytest.mark.parametrize("status", ["continuing", "former"])
def test_a_partner_outside_the_cluster_countries_is_never_suggested(status):
    seeker = Seeker(ORGANISATION, themes=frozenset({"gender"}))
    listing = candidate(themes=frozenset({"gender"}), seeks_swedish_partner=True)
    assert rank(seeker, [dataclasses.replace(listing, country_status=status)]) == []


def test_an_existing_partnership_excludes_the_partner_also_as_a_listing():
    seeker = Seeker(ORGANISATION, themes=frozenset({"gender"}))
    known = candidate("organisation:7", themes=frozenset({"gender"}), partner_organisation_id=7)
    listing = dataclasses.replace(known, key="seeking:3", seeks_swedish_partner=True)
    other = candidate("organisation:8", themes=frozenset({"gender"}), partner_organisation_id=8)
    suggestions = rank(seeker, [known, listing, other], existing_partnerships=frozenset({(1, 7)}))
    assert [s.candidate.key for s in suggestions] == ["organisation:8"]


def test_the_limit_keeps_the_best():
    seeker = Seeker(ORGANISATION, themes=frozenset({"gender"}), countries=frozenset({"KE"}))
    best = candidate("organisation:1", themes=frozenset({"gender"}))
    good = candidate("organisation:2", country="UG", themes=frozenset({"gender"}))
    assert [s.candidate for s in rank(seeker, [good, best], limit=1)] == [best]


def test_duplicate_keys_are_refused():
    with pytest.raises(ValueError):
        rank(Seeker(ORGANISATION), [candidate("organisation:1"), candidate("organisation:1")])


def test_the_cluster_status_is_the_one_the_models_store():
    assert ranking.CLUSTER_COUNTRY == CountryStatus.CLUSTER


def test_the_ranking_imports_no_models_and_no_database():
    tree = ast.parse(Path(ranking.__file__).read_text())
    imported = {
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not {name for name in imported if "models" in name or name.startswith("django.db")}


# --- Properties --------------------------------------------------------------------------------

SLUGS = st.sampled_from(["gender", "climate", "youth", "water", "health"])
COUNTRIES = {"KE": "east_africa", "UG": "east_africa", "CO": "latin_america", "RS": "europe"}
CLUSTERS = st.sampled_from(["", "east_africa", "latin_america", "europe", "southern_africa"])
ORGANISATION_IDS = st.integers(min_value=1, max_value=4)
PARTNER_IDS = st.one_of(st.none(), st.integers(min_value=1, max_value=6))


@st.composite
def candidates(draw, key: str) -> Candidate:
    country = draw(st.sampled_from(sorted(COUNTRIES)))
    return Candidate(
        key=key,
        name=draw(st.sampled_from(["Gulu", "Kisumu", "Bogotá", "Niš", "gulu"])),
        country=country,
        country_status=draw(st.sampled_from(["cluster", "cluster", "continuing", "former"])),
        cluster=COUNTRIES[country],
        themes=draw(st.frozensets(SLUGS, max_size=3)),
        seeks_swedish_partner=draw(st.booleans()),
        partner_organisation_id=draw(PARTNER_IDS),
    )


@st.composite
def candidate_lists(draw) -> list[Candidate]:
    count = draw(st.integers(min_value=0, max_value=12))
    return [draw(candidates(f"c:{index}")) for index in range(count)]


seekers = st.builds(
    Seeker,
    organisation_id=ORGANISATION_IDS,
    themes=st.frozensets(SLUGS, max_size=3),
    countries=st.frozensets(st.sampled_from(sorted(COUNTRIES)), max_size=2),
    cluster=CLUSTERS,
    network_cluster=CLUSTERS,
)
existing = st.frozensets(st.tuples(ORGANISATION_IDS, st.integers(1, 6)), max_size=8)


@PROPERTY
@given(seekers, candidate_lists(), existing)
def test_a_pair_that_already_has_a_partnership_is_never_suggested(seeker, found, pairs):
    for suggestion in rank(seeker, found, existing_partnerships=pairs):
        pair = (seeker.organisation_id, suggestion.candidate.partner_organisation_id)
        assert pair not in pairs


@PROPERTY
@given(seekers, candidate_lists(), existing, st.randoms(use_true_random=False))
def test_shuffling_the_candidates_does_not_change_the_ranking(seeker, found, pairs, random):
    shuffled = list(found)
    random.shuffle(shuffled)
    assert rank(seeker, shuffled, existing_partnerships=pairs) == rank(
        seeker, found, existing_partnerships=pairs
    )


@PROPERTY
@given(seekers, candidates("a"), st.sampled_from(["Zeta", "Alpha", "gulu"]), existing)
def test_equal_inputs_rank_equally(seeker, original, other_name, pairs):
    twin = dataclasses.replace(original, key="b", name=other_name)
    suggestions = rank(seeker, [original, twin], existing_partnerships=pairs)
    assert len(suggestions) in (0, 2)
    if suggestions:
        first, second = suggestions
        assert first.score == second.score
        assert [r.code for r in first.reasons] == [r.code for r in second.reasons]


@PROPERTY
@given(seekers, candidate_lists(), existing)
def test_every_point_of_a_score_is_explained_by_a_reason(seeker, found, pairs):
    suggestions = rank(seeker, found, existing_partnerships=pairs)
    for suggestion in suggestions:
        assert suggestion.reasons
        assert suggestion.score == sum(reason.points for reason in suggestion.reasons) > 0
        assert all(str(reason.message) for reason in suggestion.reasons)
    scores = [suggestion.score for suggestion in suggestions]
    assert scores == sorted(scores, reverse=True)


@PROPERTY
@given(seekers, candidates("a"))
def test_preferring_the_partners_country_never_lowers_its_score(seeker, found):
    def score(seeker: Seeker) -> int:
        suggestions = rank(seeker, [found])
        return suggestions[0].score if suggestions else 0

    preferring = dataclasses.replace(seeker, countries=seeker.countries | {found.country})
    assert score(preferring) >= score(seeker)


@PROPERTY
@given(seekers, candidate_lists())
def test_only_cluster_countries_are_suggested(seeker, found):
    assert all(s.candidate.country_status == "cluster" for s in rank(seeker, found))
