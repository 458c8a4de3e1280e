"""The one filter set behind the list, the map and the API: each filter, alone and combined,
returns exactly the rows a direct query returns."""

from __future__ import annotations

import pytest
from django.db.models import Q
from django.http import QueryDict
from django.utils import translation

from partnerships.filters import PartnershipFilter
from partnerships.models import Partnership, SwedishOrganisation
from partnerships.search import normalise_search_text, refresh_search_text, search_terms
from tests.partnerships.public_data import make_programme, organisation

pytestmark = pytest.mark.django_db


def filtered(query: str) -> set[int]:
    filterset = PartnershipFilter(QueryDict(query))
    assert filterset.is_valid(), filterset.errors
    return set(filterset.qs.values_list("pk", flat=True))


def expected(condition: Q) -> set[int]:
    return set(Partnership.objects.filter(condition).values_list("pk", flat=True))


def further_swedish(code: str) -> Q:
    return Q(
        pk__in=Partnership.additional_swedish_organisations.through.objects.filter(
            swedishorganisation__code=code
        ).values("partnership_id")
    )


def with_component(component: str) -> Q:
    return Q(components__component=component)


CASES = [
    ("country=KE", Q(partner_organisation__country__code="KE")),
    ("country=ke", Q(partner_organisation__country__code="KE")),
    ("cluster=east_africa", Q(partner_organisation__country__cluster="east_africa")),
    ("cluster=europe", Q(partner_organisation__country__cluster="europe")),
    (
        "municipality=1480",
        Q(swedish_organisation__code="1480") | further_swedish("1480"),
    ),
    ("municipality=14", Q(swedish_organisation__code="14") | further_swedish("14")),
    ("county=14", Q(swedish_organisation__county__code="14")),
    ("category=gender-equality", Q(categories__slug="gender-equality")),
    ("component=forberedelse", with_component("forberedelse")),
    ("component=breddning", with_component("breddning")),
    ("status=active", Q(status="active")),
    ("status=ended", Q(status="ended")),
    ("status=all", Q()),
    ("year_from=2020", Q(end_year__isnull=True) | Q(end_year__gte=2020)),
    ("year_to=2009", Q(start_year__lte=2009)),
    (
        "year_from=2004&year_to=2012",
        Q(start_year__lte=2012) & (Q(end_year__isnull=True) | Q(end_year__gte=2004)),
    ),
    (
        "q=Kisumu",
        Q(partner_organisation__city="Kisumu") | Q(additional_partner_organisations__city="Kisumu"),
    ),
    (
        "q=kenya",
        Q(partner_organisation__country__code="KE")
        | Q(additional_partner_organisations__country__code="KE"),
    ),
    ("q=sanitet", Q(description__icontains="sanitet")),
    ("q=Göteborgs kommun", Q(swedish_organisation__code="1480") | further_swedish("1480")),
    (
        "country=KE&status=active&municipality=1480",
        Q(partner_organisation__country__code="KE", status="active") & further_swedish("1480"),
    ),
    (
        "cluster=east_africa&county=14&year_from=2022",
        Q(
            partner_organisation__country__cluster="east_africa",
            swedish_organisation__county__code="14",
        )
        & (Q(end_year__isnull=True) | Q(end_year__gte=2022)),
    ),
    (
        "category=gender-equality&component=styrgrupp&country=CO",
        Q(categories__slug="gender-equality", partner_organisation__country__code="CO")
        & with_component("styrgrupp"),
    ),
]


@pytest.mark.parametrize(("query", "condition"), CASES, ids=[case[0] for case in CASES])
def test_each_filter_returns_exactly_the_rows_of_a_direct_query(query, condition):
    programme = make_programme()
    result = filtered(query)
    assert result == expected(condition)
    # Every case selects something, and (but for status=all) not everything.
    assert result
    if query != "status=all":
        assert result != {p.pk for p in programme.all}


def test_no_parameters_return_every_partnership_newest_first():
    make_programme()
    filterset = PartnershipFilter(QueryDict(""))
    assert filterset.is_valid()
    years = list(filterset.qs.values_list("start_year", flat=True))
    assert years == sorted(years, reverse=True)
    assert len(years) == Partnership.objects.count()


def test_goteborg_without_accents_finds_goteborgs_kommun():
    programme = make_programme()
    assert filtered("q=Goteborg") == {
        programme.goteborg_kisumu.pk,
        programme.goteborg_gulu.pk,
        programme.region_kisumu.pk,  # Göteborg is a further party there
    }


def test_malmo_finds_malmo_in_any_case():
    programme = make_programme()
    assert filtered("q=MALMO") == {programme.malmo_sarajevo.pk, programme.malmo_bogota.pk}


def test_every_word_of_the_query_must_match_when_some_partnership_has_them_all():
    programme = make_programme()
    assert filtered("q=goteborg gulu") == {programme.goteborg_gulu.pk}


def test_words_no_partnership_has_together_fall_back_to_the_closest_names():
    # The typo-forgiving search (test_fuzzy_search.py): PostgreSQL finds the names close to
    # the query; without pg_trgm nothing would be found.
    programme = make_programme()
    found = filtered("q=goteborg sarajevo")
    assert {programme.goteborg_kisumu.pk, programme.goteborg_gulu.pk} <= found
    assert programme.malmo_bogota.pk not in found


def test_the_query_matches_country_names_in_both_languages():
    programme = make_programme()
    assert filtered("q=sydafrika") == filtered("q=south africa") == set()
    assert filtered("q=turkiet") == filtered("q=turkey") == {programme.stockholm_izmir.pk}


def test_like_wildcards_in_the_query_are_taken_literally():
    make_programme()
    assert filtered("q=%") == set()
    assert filtered("q=_") == set()


@pytest.mark.parametrize(
    ("sort", "key"),
    [
        ("-start_year", lambda p: (-p.start_year, p.pk)),
        ("start_year", lambda p: (p.start_year, p.pk)),
        ("swedish", lambda p: (p.swedish_organisation.name, p.pk)),
        ("country", lambda p: (p.partner_organisation.country.name_sv, p.pk)),
    ],
)
def test_each_sort_orders_the_rows(sort, key):
    programme = make_programme()
    filterset = PartnershipFilter(QueryDict(f"sort={sort}"))
    assert filterset.is_valid()
    expected_order = [p.pk for p in sorted(programme.all, key=key)]
    assert list(filterset.qs.values_list("pk", flat=True)) == expected_order


def test_the_country_sort_follows_the_language():
    programme = make_programme()
    with translation.override("en"):
        filterset = PartnershipFilter(QueryDict("sort=country"))
        rows = list(filterset.qs.select_related("partner_organisation__country"))
    names = [p.partner_organisation.country.name_en for p in rows]
    assert names == sorted(names)
    assert len(rows) == len(programme.all)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("country=XX", "country"),
        ("country=Kenya", "country"),
        ("cluster=asia", "cluster"),
        ("municipality=9999", "municipality"),
        ("municipality=abc", "municipality"),
        ("county=99", "county"),
        ("category=nope", "category"),
        ("component=meeting", "component"),
        ("status=sleeping", "status"),
        ("year_from=abc", "year_from"),
        ("year_from=2020.5", "year_from"),
        ("year_to=1e400", "year_to"),
        ("year_to=99999999999999999999999", "year_to"),
        ("year_from=2020&year_to=2010", "year_to"),
        ("sort=pk", "sort"),
        ("q=" + "a" * 201, "q"),
        ("q=null%00byte", "q"),
    ],
)
def test_an_invalid_value_is_a_form_error_on_its_field(query, field):
    filterset = PartnershipFilter(QueryDict(query))
    assert not filterset.is_valid()
    assert list(filterset.errors) == [field]


def test_the_form_labels_follow_the_language():
    with translation.override("en"):
        assert PartnershipFilter(QueryDict("")).form["year_from"].label == "From year"


def test_the_search_text_ignores_case_accents_and_spacing():
    assert normalise_search_text("  Göteborgs   KOMMUN ") == "goteborgs kommun"
    assert normalise_search_text("Alcaldía de Bogotá") == "alcaldia de bogota"
    assert search_terms("Malmö malmo MALMÖ") == ["malmo"]


def test_renaming_an_organisation_refreshes_its_partnerships_search_text():
    programme = make_programme()
    goteborg = organisation("1480")
    goteborg.name = "Göteborgs Stad"
    goteborg.save()
    assert filtered("q=goteborgs stad") == {
        programme.goteborg_kisumu.pk,
        programme.goteborg_gulu.pk,
        programme.region_kisumu.pk,
    }


def test_renaming_a_country_refreshes_its_partnerships_search_text():
    programme = make_programme()
    kenya = programme.goteborg_kisumu.partner_organisation.country
    kenya.name_en = "Republic of Kenya"
    kenya.save()
    assert filtered("q=republic") == {
        programme.goteborg_kisumu.pk,
        programme.region_kisumu.pk,
        programme.malmo_bogota.pk,  # Kisumu is a further partner there
    }


def test_adding_or_removing_a_further_organisation_refreshes_the_search_text():
    programme = make_programme()
    malmo = organisation("1280")
    programme.goteborg_gulu.additional_swedish_organisations.add(malmo)
    assert programme.goteborg_gulu.pk in filtered("q=malmo")
    malmo.additional_partnerships.clear()
    assert programme.goteborg_gulu.pk not in filtered("q=malmo")


def test_refresh_search_text_after_bulk_inserts_uses_a_fixed_number_of_queries(
    django_assert_num_queries,
):
    from tests.partnerships.public_data import bulk_partnerships

    few = bulk_partnerships(5)
    many = bulk_partnerships(400)
    Partnership.objects.update(search_text="")
    # select + 3 prefetches + one UPDATE per batch of 500 changed rows
    with django_assert_num_queries(5):
        assert refresh_search_text(Partnership.objects.filter(pk__in=[p.pk for p in few])) == 5
    with django_assert_num_queries(5):
        assert refresh_search_text(Partnership.objects.filter(pk__in=[p.pk for p in many])) == 400
    assert not Partnership.objects.filter(search_text="").exists()


def test_a_saved_partnership_keeps_its_search_text_even_with_update_fields():
    programme = make_programme()
    partnership = programme.stockholm_izmir
    partnership.description = "Avfallshantering"
    partnership.save(update_fields=["description"])
    assert filtered("q=avfall") == {partnership.pk}
    assert SwedishOrganisation.objects.filter(code="0180").exists()
