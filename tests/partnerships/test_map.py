"""The map page and its JSON: the same partnerships as the list, counted per place."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.db.models import Q
from django.http import QueryDict
from django.urls import reverse
from django.utils import translation

from partnerships.filters import PartnershipFilter
from partnerships.map import POPUP_LIMIT, WORLD_ATLAS_SHAPES, summary_text
from partnerships.models import Partnership, SwedishOrganisation
from partnerships.reference_data import read_csv
from tests.factories import PartnershipFactory
from tests.partnerships.public_data import bulk_partnerships, make_programme, organisation

pytestmark = pytest.mark.django_db

WORLD_ATLAS = Path(__file__).resolve().parents[2] / "static/vendor/world-atlas/countries-110m.json"


def url(name: str, language: str = "sv") -> str:
    with translation.override(language):
        return reverse(name)


def map_data(client, query: str = "", language: str = "sv") -> dict:
    response = client.get(url("partnerships:map_data", language) + (f"?{query}" if query else ""))
    assert response.status_code == 200, response.content
    return response.json()


def filtered_ids(query: str) -> set[int]:
    filterset = PartnershipFilter(QueryDict(query))
    assert filterset.is_valid()
    return set(filterset.qs.values_list("pk", flat=True))


def taking_part(swedish: SwedishOrganisation) -> Q:
    """A Swedish organisation's partnerships, as main or further party."""
    return Q(swedish_organisation=swedish) | Q(
        pk__in=Partnership.additional_swedish_organisations.through.objects.filter(
            swedishorganisation=swedish
        ).values("partnership_id")
    )


# --- The page ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "path"), [("sv", "/partnerskap/"), ("en", "/en/partnerships/")]
)
def test_the_page_shows_the_map_and_a_summary_in_both_languages(client, language, path):
    make_programme()
    page_url = url("partnerships:map", language)
    assert page_url.startswith(path)
    response = client.get(page_url)
    assert response.status_code == 200
    html = response.content.decode()
    with translation.override(language):
        assert summary_text(8, 5) in html
    assert response.context["summary"] == summary_text(8, 5)
    assert 'id="map"' in html
    assert f'data-data-url="{url("partnerships:map_data", language)}"' in html
    assert 'data-tile-url=""' in html


def test_the_page_filters_without_javascript_and_links_to_the_same_list(client):
    make_programme()
    response = client.get(url("partnerships:map", "en") + "?country=KE&status=all")
    html = response.content.decode()
    # Göteborg–Kisumu, and the region's with Göteborg as a further party.
    assert "2 partnerships in 2 Swedish organisations." in html
    list_url = url("partnerships:list", "en") + "?country=KE&amp;status=all"
    assert f'href="{list_url}"' in html
    assert '<option value="KE" selected>' in html


def test_the_page_shows_an_invalid_filter_next_to_its_field(client):
    make_programme()
    response = client.get(url("partnerships:map", "en") + "?year_from=abc")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Some filters could not be used" in html
    assert response.context["summary"] is None


def test_the_page_and_the_data_give_the_same_summary(client):
    make_programme()
    for query in ["", "country=UG", "county=14", "status=ended"]:
        page = client.get(url("partnerships:map", "en") + f"?{query}").content.decode()
        assert map_data(client, query, "en")["summary"] in page


# --- The data ---------------------------------------------------------------------------------


def test_counts_per_organisation_county_and_country_match_direct_queries(client):
    make_programme()
    data = map_data(client)

    assert data["total"] == Partnership.objects.count() == 8
    for entry in data["organisations"]:
        swedish = SwedishOrganisation.objects.get(pk=entry["id"])
        assert entry["count"] == Partnership.objects.filter(taking_part(swedish)).count()
        assert (entry["name"], entry["code"]) == (swedish.name, swedish.code)
    counts = {entry["name"]: entry["count"] for entry in data["organisations"]}
    assert counts == {
        "Göteborgs kommun": 3,  # two of its own, one as a further party
        "Malmö kommun": 2,
        "Stockholms kommun": 2,
        "Västra Götalandsregionen": 1,
        "Fyrbodals kommunalförbund": 1,
    }
    for code, entry in data["counties"].items():
        assert (
            entry["count"]
            == Partnership.objects.filter(swedish_organisation__county__code=code).count()
        )
    assert {code: entry["count"] for code, entry in data["counties"].items()} == {
        "14": 4,
        "12": 2,
        "01": 2,
    }
    assert sum(entry["count"] for entry in data["counties"].values()) == data["total"]
    for entry in data["countries"]:
        assert (
            entry["count"]
            == Partnership.objects.filter(partner_organisation__country__code=entry["code"]).count()
        )
    assert [(c["code"], c["count"]) for c in data["countries"]] == [
        ("KE", 2),
        ("UG", 2),
        ("BA", 1),
        ("CN", 1),
        ("CO", 1),
        ("TR", 1),
    ]
    # Municipalities are shaded by the counts of their organisations.
    assert data["municipalities"] == {
        o["code"]: {"count": o["count"], "label": o["label"]}
        for o in data["organisations"]
        if len(o["code"]) == 4
    }


def test_an_organisation_carries_its_place_and_a_label(client):
    make_programme()
    goteborg = organisation("1480")
    data = map_data(client, language="en")
    entry = next(o for o in data["organisations"] if o["code"] == "1480")
    assert entry["lat"] == pytest.approx(goteborg.latitude, abs=1e-5)
    assert entry["lon"] == pytest.approx(goteborg.longitude, abs=1e-5)
    assert entry["label"] == "Göteborgs kommun: 3 partnerships"
    kenya = next(c for c in data["countries"] if c["code"] == "KE")
    assert kenya == {
        "code": "KE",
        "name": "Kenya",
        "count": 2,
        "shape": "404",
        "label": "Kenya: 2 partnerships",
    }


@pytest.mark.parametrize(
    "query",
    [
        "country=KE",
        "cluster=europe",
        "municipality=1480",
        "county=14",
        "category=gender-equality",
        "component=projekt",
        "status=ended",
        "year_from=2004&year_to=2012",
        "q=Kisumu",
    ],
)
def test_the_filters_select_the_same_partnerships_as_the_list(client, query):
    make_programme()
    data = map_data(client, query)
    expected = filtered_ids(query)
    assert data["total"] == len(expected)
    shown = {p["id"] for o in data["organisations"] for p in o["partnerships"]}
    assert shown == expected  # few rows: every popup is complete


def test_country_ke_shows_only_kenyan_partnerships(client):
    programme = make_programme()
    data = map_data(client, "country=KE", "en")
    assert [c["code"] for c in data["countries"]] == ["KE"]
    assert {o["name"]: o["count"] for o in data["organisations"]} == {
        "Göteborgs kommun": 2,
        "Västra Götalandsregionen": 1,
    }
    popups = [p for o in data["organisations"] for p in o["partnerships"]]
    assert {p["country"] for p in popups} == {"Kenya"}
    assert {p["id"] for p in popups} == {programme.goteborg_kisumu.pk, programme.region_kisumu.pk}
    assert data["counties"] == {"14": {"count": 2, "label": "Västra Götalands län: 2 partnerships"}}


def test_a_popup_lists_partnerships_with_links_newest_first(client):
    programme = make_programme()
    data = map_data(client)
    goteborg = next(o for o in data["organisations"] if o["code"] == "1480")
    assert goteborg["partnerships"] == [
        {
            "id": p.pk,
            "title": f"{p.swedish_organisation.name} – {p.partner_organisation.name}",
            "url": reverse("partnerships:detail", args=[p.pk]),
            "country": p.partner_organisation.country.name_sv,
            "years": years,
        }
        for p, years in [
            (programme.region_kisumu, "2023–"),
            (programme.goteborg_gulu, "2021–"),
            (programme.goteborg_kisumu, "2015–2019"),
        ]
    ]


def test_a_popup_links_to_the_list_with_the_same_filters(client):
    make_programme()
    data = map_data(client, "status=all&country=KE&page=3")
    goteborg = next(o for o in data["organisations"] if o["code"] == "1480")
    assert goteborg["list_url"] == reverse("partnerships:list") + (
        "?status=all&country=KE&municipality=1480"
    )
    # An organisation without a code cannot be filtered on: its own page lists its partnerships.
    data = map_data(client)
    federation = next(o for o in data["organisations"] if not o["code"])
    assert federation["list_url"] == reverse("partnerships:organisation", args=[federation["id"]])
    assert federation["lat"] is None  # no place: counted, but no marker


def test_a_popup_list_is_capped_and_the_count_is_not(client):
    partnerships = bulk_partnerships(POPUP_LIMIT + 5)
    data = map_data(client)
    for code in ["1480", "1280"]:  # the main and, in every row, the further organisation
        entry = next(o for o in data["organisations"] if o["code"] == code)
        assert entry["count"] == POPUP_LIMIT + 5
        assert len(entry["partnerships"]) == POPUP_LIMIT
        newest = sorted(partnerships, key=lambda p: (-p.start_year, p.pk))[:POPUP_LIMIT]
        assert [p["id"] for p in entry["partnerships"]] == [p.pk for p in newest]


def test_the_country_names_follow_the_language(client):
    make_programme()
    names = {c["code"]: c["name"] for c in map_data(client, "country=BA")["countries"]}
    assert names == {"BA": "Bosnien och Hercegovina"}
    names = {c["code"]: c["name"] for c in map_data(client, "country=BA", "en")["countries"]}
    assert names == {"BA": "Bosnia and Herzegovina"}


def test_no_partnerships_give_an_empty_map(client):
    data = map_data(client, language="en")
    assert data == {
        "total": 0,
        "summary": "0 partnerships in 0 Swedish organisations.",
        "organisations": [],
        "municipalities": {},
        "counties": {},
        "countries": [],
    }


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("country=XX", "country"),
        ("municipality=9999", "municipality"),
        ("county=99", "county"),
        ("category=nonsense", "category"),
        ("component=everything", "component"),
        ("status=maybe", "status"),
        ("year_from=abc", "year_from"),
        ("year_from=1800", "year_from"),
        ("year_from=2020&year_to=2010", "year_to"),
        ("q=" + "x" * 500, "q"),
        ("municipality=%00", "municipality"),  # PostgreSQL refuses NUL in text
    ],
)
def test_invalid_parameters_get_400_with_the_errors_as_json(client, query, field):
    response = client.get(url("partnerships:map_data") + f"?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(response.json()["errors"]) == [field]


def test_the_data_is_cacheable_by_anyone_for_five_minutes(client):
    response = client.get(url("partnerships:map_data"))
    assert response["Content-Type"] == "application/json"
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=300"}


def test_the_data_answers_only_get_and_head(client):
    assert client.post(url("partnerships:map_data")).status_code == 405
    assert client.head(url("partnerships:map_data")).status_code == 200


# --- Queries ----------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["", "country=KE&status=active&year_from=2001"])
def test_the_data_takes_a_fixed_number_of_queries(client, django_assert_num_queries, query):
    # Popups and counts of main and of further parties, the organisations, counties,
    # countries; and one per code filter that the form validates; the precomputed copy looked
    # for, then written and older versions' copies dropped (core.pagecache, precompute).
    expected = 5 + (1 if "country=" in query else 0) + 3
    bulk_partnerships(10)
    with django_assert_num_queries(expected):
        small = map_data(client, query)
    bulk_partnerships(990)
    with django_assert_num_queries(expected):
        large = map_data(client, query)
    assert (small["total"], large["total"]) == (10, 1000)
    assert {len(o["partnerships"]) for o in large["organisations"]} == {POPUP_LIMIT}


def test_the_page_takes_a_fixed_number_of_queries(client, django_assert_num_queries):
    # The summary (partnerships, organisations) and the form's choices (countries,
    # municipalities, counties, categories).
    bulk_partnerships(10)
    with django_assert_num_queries(6):
        client.get(url("partnerships:map"))
    bulk_partnerships(990)
    with django_assert_num_queries(6):
        client.get(url("partnerships:map"))


# --- World shapes -----------------------------------------------------------------------------


def test_every_programme_country_has_a_shape_in_world_atlas():
    topology = json.loads(WORLD_ATLAS.read_text())
    keys = {
        geometry.get("id") or geometry["properties"]["name"]
        for geometry in topology["objects"]["countries"]["geometries"]
    }
    codes = {row["code"] for row in read_csv("countries.csv")}
    assert codes <= set(WORLD_ATLAS_SHAPES)
    assert set(WORLD_ATLAS_SHAPES.values()) <= keys
    assert WORLD_ATLAS_SHAPES["XK"] == "Kosovo"  # Natural Earth gives Kosovo no ISO code


def test_the_map_data_answer_304_to_a_client_holding_the_current_version(
    client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    PartnershipFactory()
    first = client.get(url("partnerships:map_data"))
    etag = first.headers["ETag"]

    with django_assert_num_queries(0):
        again = client.get(url("partnerships:map_data"), headers={"if-none-match": etag})
    assert again.status_code == 304

    with django_capture_on_commit_callbacks(execute=True):  # a new version once committed
        PartnershipFactory()
    changed = client.get(url("partnerships:map_data"), headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed.headers["ETag"] != etag
