"""The open-data API: JSON and CSV with the list's filters, errors, caching, limits, schema."""

from __future__ import annotations

import csv
import io
import uuid
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from partnerships.data_version import bump_data_version
from partnerships.filters import PartnershipFilter
from partnerships.models import Country, Partnership
from tests.partnerships.public_data import bulk_partnerships, make_programme, organisation, partner

pytestmark = pytest.mark.django_db

JSON_URL = "/api/v1/partnerships"
CSV_URL = "/api/v1/partnerships.csv"
SCHEMA_URL = "/api/v1/openapi.json"


@pytest.fixture(autouse=True)
def generous_rate_limit(settings):
    # The limit has its own test; elsewhere this file's requests must never reach it.
    settings.API_RATE_LIMIT_PER_MINUTE = 1_000_000


def ids(response) -> set[int]:
    return {item["id"] for item in response.json()["results"]}


def csv_rows(response) -> list[dict[str, str]]:
    content = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(content)))


def test_the_paths_are_fixed_and_not_language_prefixed():
    assert reverse("api:partnerships") == JSON_URL
    assert reverse("api:partnerships_csv") == CSV_URL
    assert reverse("api:openapi") == SCHEMA_URL


def test_it_lists_partnerships_with_both_organisations_country_and_components(client):
    programme = make_programme()
    response = client.get(JSON_URL, {"q": "goteborg", "country": "ug"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["next"] is None
    [item] = body["results"]
    assert item["id"] == programme.goteborg_gulu.pk
    assert item["url"] == f"http://testserver/partnerskap/{programme.goteborg_gulu.pk}/"
    assert item["swedish_organisation"] == {
        "name": "Göteborgs kommun",
        "code": "1480",
        "type": "kommun",
        "county_code": "14",
    }
    assert item["partner_organisation"]["country"] == "UG"
    assert item["country"]["cluster"] == "east_africa"
    assert item["categories"][0]["slug"] == "climate-environment"
    assert item["components"] == [
        {"component": "projekt", "start_year": 2021, "end_year": 2023, "granted": True}
    ]
    assert item["start_year"] == 2021 and item["end_year"] is None
    assert item["status"] == "active"


def test_each_rows_relations_come_in_their_order_with_their_types(client):
    """The relations are read with the rows (one query): each list in its own order (names
    by name, components by year), nulls as null and granted as a boolean."""
    from partnerships.models import SubjectCategory
    from tests.factories import ComponentHistoryFactory, PartnershipFactory

    partnership = PartnershipFactory(start_year=2030, end_year=None)
    partnership.additional_swedish_organisations.set(
        [organisation("1280"), organisation("0180"), organisation("14")]
    )
    partnership.additional_partner_organisations.set(
        [partner("Zomba City Council", "KE"), partner("Blantyre City Council", "KE", "Blantyre")]
    )
    partnership.categories.set(SubjectCategory.objects.order_by("-slug")[:3])
    ComponentHistoryFactory(partnership=partnership, start_year=2032, end_year=2033, granted=False)
    ComponentHistoryFactory(partnership=partnership, start_year=2030, end_year=2031, granted=True)
    bump_data_version()
    [item] = [i for i in client.get(JSON_URL).json()["results"] if i["id"] == partnership.pk]
    further = item["additional_swedish_organisations"]
    assert [org["name"] for org in further] == sorted(org["name"] for org in further)
    assert {org["code"] for org in further} == {"1280", "0180", "14"}
    assert [org["county_code"] for org in further if org["code"] == "14"] == ["14"]
    assert [org["name"] for org in item["additional_partner_organisations"]] == [
        "Blantyre City Council",
        "Zomba City Council",
    ]
    assert item["additional_partner_organisations"][0] == {
        "name": "Blantyre City Council",
        "type": "municipality",
        "city": "Blantyre",
        "country": "KE",
    }
    names = [c["name_sv"] for c in item["categories"]]
    assert len(names) == 3 and names == sorted(names)
    assert [(c["start_year"], c["granted"]) for c in item["components"]] == [
        (2030, True),
        (2032, False),
    ]


@pytest.mark.parametrize(
    "query",
    [
        "country=KE",
        "cluster=europe",
        "municipality=1480",
        "county=14",
        "category=gender-equality",
        "component=forberedelse",
        "status=ended",
        "year_from=2004&year_to=2012",
        "q=kisumu&status=active",
    ],
)
def test_it_returns_the_same_rows_as_the_filter_set(client, query):
    make_programme()
    from django.http import QueryDict

    expected = set(PartnershipFilter(QueryDict(query)).qs.values_list("pk", flat=True))
    assert expected
    assert ids(client.get(f"{JSON_URL}?{query}")) == expected
    assert {int(row["id"]) for row in csv_rows(client.get(f"{CSV_URL}?{query}"))} == expected


def test_it_pages_by_50_following_the_next_link(client):
    bulk_partnerships(120)
    first = client.get(JSON_URL, {"country": "KE"}).json()
    assert first["count"] == 120
    assert len(first["results"]) == 50
    assert "previous" not in first
    assert first["next"].startswith("http://testserver/api/v1/partnerships?country=KE&cursor=")
    second = client.get(first["next"]).json()
    last = client.get(second["next"]).json()
    assert len(last["results"]) == 20
    assert last["next"] is None
    seen = [item["id"] for page in (first, second, last) for item in page["results"]]
    expected = Partnership.objects.order_by("-start_year", "pk").values_list("pk", flat=True)
    assert seen == list(expected)


@pytest.mark.parametrize("sort", ["-start_year", "start_year", "swedish", "country"])
def test_every_sort_pages_through_every_row_once(client, sort):
    make_programme()
    bulk_partnerships(60)
    url, seen = f"{JSON_URL}?sort={sort}", []
    while url:
        page = client.get(url).json()
        seen += [item["id"] for item in page["results"]]
        url = page["next"]
    assert len(seen) == len(set(seen)) == Partnership.objects.count()


def test_rows_inserted_while_a_client_pages_shift_nothing(client):
    bulk_partnerships(80)
    first = client.get(JSON_URL).json()
    rest_before = [item["id"] for item in client.get(first["next"]).json()["results"]]
    newer = bulk_partnerships(30)  # rows before the cursor would push an offset page down
    Partnership.objects.filter(pk__in=[p.pk for p in newer]).update(start_year=2026)
    bump_data_version()
    rest_after = [item["id"] for item in client.get(first["next"]).json()["results"]]
    assert rest_after == rest_before


@pytest.mark.parametrize(
    "cursor",
    ["garbage", "!!!", "W10", "WyJzd2VkaXNoIiwiQSIsMV0", "WyItc3RhcnRfeWVhciIsIngiLDFd", "e30"],
)
def test_a_bad_cursor_gets_a_400_with_a_message_never_a_500(client, cursor):
    make_programme()
    response = client.get(JSON_URL, {"cursor": cursor})
    assert response.status_code == 400
    with translation.override("sv"):  # the open-data paths answer in the default language
        message = gettext("This cursor is not valid: start again from the first page.")
    assert response.json()["errors"] == {"cursor": [message]}


def test_a_deep_page_issues_as_many_queries_as_the_first(client):
    bulk_partnerships(300)
    with CaptureQueriesContext(connection) as first_page:
        page = client.get(JSON_URL).json()
    for _ in range(4):
        page = client.get(page["next"]).json()
    with CaptureQueriesContext(connection) as deep_page:
        client.get(page["next"]).json()
    # the page of rows with their relations, the count; the data version is in the cache
    assert len(first_page.captured_queries) == len(deep_page.captured_queries) == 2


@pytest.mark.parametrize(
    ("query", "field", "status"),
    [
        ("country=XX", "country", 400),
        ("year_from=abc", "year_from", 400),
        ("year_from=2020&year_to=2010", "year_to", 400),
        ("sort=password", "sort", 400),
        ("q=" + "x" * 500, "q", 400),
        ("status=maybe", "status", 400),
        ("page=2", "page", 400),
        ("page=two", "page", 400),
        ("format=xml", "format", 400),
    ],
)
def test_invalid_parameters_get_a_json_error_never_a_server_error(client, query, field, status):
    make_programme()
    response = client.get(f"{JSON_URL}?{query}")
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert list(response.json()["errors"]) == [field]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_the_csv_export_rejects_invalid_parameters_with_json(client):
    response = client.get(CSV_URL, {"country": "XX"})
    assert response.status_code == 400
    assert "country" in response.json()["errors"]


def test_the_csv_export_streams_a_header_and_every_row(client):
    bulk_partnerships(2500)  # more than one chunk of 2,000
    response = client.get(CSV_URL)
    assert response.status_code == 200
    assert response.streaming is True
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="partnerships.csv"'
    rows = csv_rows(response)
    assert len(rows) == Partnership.objects.count() == 2500
    assert rows[0]["swedish_organisation"] == "Göteborgs kommun"
    assert rows[0]["additional_swedish_organisations"] == "Malmö kommun"
    assert rows[0]["categories"] == "gender-equality"
    assert rows[0]["components"].startswith("projekt ")


def test_format_csv_on_the_json_path_gives_the_same_csv(client):
    make_programme()
    by_path = csv_rows(client.get(CSV_URL, {"status": "active"}))
    by_format = csv_rows(client.get(JSON_URL, {"status": "active", "format": "csv"}))
    assert by_path == by_format
    assert len(by_path) == 4


def test_the_csv_export_reads_in_chunks_with_a_fixed_number_of_queries_per_chunk(client):
    bulk_partnerships(10)
    with CaptureQueriesContext(connection) as small:
        csv_rows(client.get(CSV_URL))
    bulk_partnerships(1990)
    with CaptureQueriesContext(connection) as large:
        assert len(csv_rows(client.get(CSV_URL))) == 2000
    # per chunk of 2,000: the rows with their relations (the ETag needs no query)
    assert len(small.captured_queries) == len(large.captured_queries) == 1


def test_the_json_issues_the_same_number_of_queries_for_10_and_1000_rows(client):
    url = f"{JSON_URL}?country=KE&municipality=1480&category=gender-equality"
    bulk_partnerships(10)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).json()["count"] == 10
    bulk_partnerships(990)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).json()["count"] == 1000
    assert len(few.captured_queries) == len(many.captured_queries) == 5


def test_an_unchanged_result_answers_304_to_its_etag(client, django_capture_on_commit_callbacks):
    programme = make_programme()
    first = client.get(JSON_URL, {"country": "KE"})
    etag = first["ETag"]
    assert first["Cache-Control"] == "public, max-age=300"
    again = client.get(JSON_URL, {"country": "KE"}, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag
    assert again["Access-Control-Allow-Origin"] == "*"

    programme.goteborg_kisumu.description = "Changed"
    with django_capture_on_commit_callbacks(execute=True):  # the version moves on commit
        programme.goteborg_kisumu.save()
    assert client.get(JSON_URL, {"country": "KE"}, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_renaming_a_country_changes_the_etag(client, django_capture_on_commit_callbacks):
    make_programme()
    etag = client.get(JSON_URL, {"country": "KE"})["ETag"]
    kenya = Country.objects.get(code="KE")
    kenya.name_en = "Kenya (Republic)"
    with django_capture_on_commit_callbacks(execute=True):  # the version moves on commit
        kenya.save()
    assert client.get(JSON_URL, {"country": "KE"}, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_other_filters_or_pages_have_other_etags(client):
    bulk_partnerships(60)
    etags = {
        client.get(JSON_URL)["ETag"],
        client.get(JSON_URL, {"sort": "swedish"})["ETag"],
        client.get(JSON_URL, {"status": "active"})["ETag"],
        client.get(CSV_URL)["ETag"],
    }
    assert len(etags) == 4


def test_the_csv_export_answers_304_to_its_etag(client):
    make_programme()
    etag = client.get(CSV_URL)["ETag"]
    assert client.get(CSV_URL, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_too_many_requests_from_one_address_get_429_with_retry_after(client, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 3
    address = f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.7"  # a fresh counter
    for _ in range(3):
        assert client.get(SCHEMA_URL, REMOTE_ADDR=address).status_code == 200
    response = client.get(JSON_URL, REMOTE_ADDR=address)
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60
    assert "__all__" in response.json()["errors"]
    assert response["Access-Control-Allow-Origin"] == "*"
    assert client.get(SCHEMA_URL, REMOTE_ADDR=f"{address}1").status_code == 200


def test_every_response_is_open_to_any_origin(client):
    for url in (JSON_URL, CSV_URL, SCHEMA_URL):
        assert client.get(url)["Access-Control-Allow-Origin"] == "*"


def test_it_only_answers_get_and_head(client):
    assert client.post(JSON_URL).status_code == 405
    assert client.head(JSON_URL).status_code == 200


# --- The OpenAPI schema --------------------------------------------------------------------


def resolve(schema: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return document["components"]["schemas"][name]
    return schema


def check(value: Any, schema: dict[str, Any], document: dict[str, Any], path: str) -> None:
    """Enough of JSON Schema for this API: types, required keys, no unknown keys, enums."""
    schema = resolve(schema, document)
    types = schema.get("type")
    types = types if isinstance(types, list) else [types]
    python = {
        "object": dict,
        "array": list,
        "string": str,
        "integer": int,
        "boolean": bool,
        "null": type(None),
    }
    assert any(isinstance(value, python[t]) for t in types if t), f"{path}: {value!r} not {types}"
    if "enum" in schema:
        assert value in schema["enum"], f"{path}: {value!r} not in {schema['enum']}"
    if isinstance(value, dict):
        for key in schema.get("required", []):
            assert key in value, f"{path}: {key} is missing"
        properties = schema.get("properties", {})
        for key, item in value.items():
            if key in properties:
                check(item, properties[key], document, f"{path}.{key}")
            else:
                # additionalProperties is False (no unknown keys) or the schema of every value
                extra = schema.get("additionalProperties", False)
                assert extra, f"{path}: {key} is not in the schema"
                check(item, extra, document, f"{path}.{key}")
    if isinstance(value, list):
        for index, item in enumerate(value):
            check(item, schema["items"], document, f"{path}[{index}]")


def test_the_openapi_schema_describes_both_endpoints_and_every_filter(client):
    document = client.get(SCHEMA_URL).json()
    assert document["openapi"].startswith("3.")
    assert document["servers"] == [{"url": "http://testserver/api/v1"}]
    assert set(document["paths"]) == {"/partnerships", "/partnerships.csv"}
    parameters = {p["name"] for p in document["paths"]["/partnerships"]["get"]["parameters"]}
    assert set(PartnershipFilter.base_filters) | {"cursor", "format"} == parameters


def test_real_responses_match_the_openapi_schema(client):
    make_programme()
    document = client.get(SCHEMA_URL).json()
    body = client.get(JSON_URL).json()
    assert len(body["results"]) == 8
    page_schema = document["paths"]["/partnerships"]["get"]["responses"]["200"]["content"][
        "application/json"
    ]["schema"]
    check(body, page_schema, document, "page")
    error = client.get(JSON_URL, {"country": "XX"}).json()
    check(error, document["components"]["schemas"]["Errors"], document, "errors")


def test_the_schema_check_catches_an_undocumented_key(client):
    make_programme()
    document = client.get(SCHEMA_URL).json()
    item = client.get(JSON_URL).json()["results"][0] | {"secret": 1}
    with pytest.raises(AssertionError, match="secret is not in the schema"):
        check(item, document["components"]["schemas"]["Partnership"], document, "item")


def test_the_csv_export_keeps_a_spreadsheet_from_running_a_name_as_a_formula(client):
    # Partner names come from coordinators' input: one starting with = would run in Excel.
    make_programme()
    partnership = Partnership.objects.filter(status="active").first()
    partner = partnership.partner_organisation
    partner.name = '=HYPERLINK("http://example.com","Klicka")'
    partner.save(update_fields=["name"])
    rows = csv_rows(client.get(CSV_URL, {"status": "active"}))
    names = {row["partner_organisation"] for row in rows}
    assert '\'=HYPERLINK("http://example.com","Klicka")' in names
    assert not any(value.startswith("=") for row in rows for value in row.values())
