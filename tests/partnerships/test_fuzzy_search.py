"""The typo-forgiving search: names close to the query are found (pg_trgm word similarity on
the organisations' names and cities), the closest first, and SQLite keeps the plain search."""

from __future__ import annotations

import pytest
from django.urls import reverse

from partnerships import search
from partnerships.filters import PartnershipFilter
from partnerships.models import Partnership
from partnerships.selectors import public_partnerships
from tests.factories import PartnershipFactory
from tests.partnerships.public_data import organisation, partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def towns() -> dict[str, Partnership]:
    kisumu = partner("Kisumu County Government", "KE", "Kisumu")
    return {
        code: PartnershipFactory(
            swedish_organisation=organisation(code),
            partner_organisation=kisumu,
            description="Vatten och sanitet för unga.",
        )
        for code in ("1480", "1980", "2380", "0180")  # Göteborg, Västerås, Östersund, Stockholm
    }


def found(query: str) -> list[int]:
    filterset = PartnershipFilter({"q": query}, queryset=public_partnerships())
    assert filterset.is_valid(), filterset.errors
    return [partnership.pk for partnership in filterset.qs]


@pytest.mark.parametrize(
    ("query", "code"),
    [("Götebrog", "1480"), ("Vasteras", "1980"), ("Ostersund", "2380"), ("Östresund", "2380")],
)
def test_a_misspelt_or_unaccented_swedish_name_finds_its_partnership_first(towns, query, code):
    assert found(query)[0] == towns[code].pk


def test_a_typo_does_not_find_unrelated_names(towns):
    assert towns["0180"].pk not in found("Götebrog")


def test_the_closest_name_comes_first(towns):
    kisumu = partner("Kisumu County Government", "KE", "Kisumu")
    near = PartnershipFactory(
        swedish_organisation=organisation("1482"), partner_organisation=kisumu
    )
    # "Kungälv" (1482) is further from the query than Göteborg is.
    ranked = found("Göteborgs kommun")
    assert ranked[0] == towns["1480"].pk
    assert near.pk not in ranked[:1]


def test_a_query_whose_words_match_keeps_meaning_every_word(towns):
    assert found("goteborgs vatten") == [towns["1480"].pk]
    assert found("stockholm kisumu") == [towns["0180"].pk]  # not Göteborg, close as it is


def test_words_of_the_description_are_still_found_without_accents(towns):
    assert set(found("vatten")) == {p.pk for p in towns.values()}
    assert set(found("sanitet unga")) == {p.pk for p in towns.values()}


def test_a_chosen_sort_overrides_the_ranking(towns):
    filterset = PartnershipFilter(
        {"q": "Götebrog", "sort": "swedish"}, queryset=public_partnerships()
    )
    names = [p.swedish_organisation.name for p in filterset.qs]
    assert names == sorted(names)


def test_the_list_page_shows_the_fuzzy_match(client, towns):
    response = client.get(reverse("partnerships:list"), {"q": "Götebrog"})
    assert "Göteborgs kommun" in response.text


def test_the_api_pages_fuzzy_matches_by_its_cursor_order(client, towns, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 1_000_000
    body = client.get("/api/v1/partnerships", {"q": "Götebrog"}).json()
    assert [item["id"] for item in body["results"]] == [towns["1480"].pk]


def test_without_postgresql_the_plain_search_is_used(towns, monkeypatch):
    monkeypatch.setattr(search, "fuzzy_available", lambda: False)
    assert found("Götebrog") == []
    assert found("Vasteras") == [towns["1980"].pk]  # accents never mattered
    assert found("goteborg") == [towns["1480"].pk]


def test_the_search_names_hold_names_and_cities_only(towns):
    names = Partnership.objects.get(pk=towns["1480"].pk).search_names
    assert "goteborgs kommun" in names and "kisumu" in names
    assert "vatten" not in names
