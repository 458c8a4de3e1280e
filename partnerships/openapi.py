"""The OpenAPI 3.1 description of the open-data API, written by hand as plain data.

Enumerations come from the models and the filter set so they cannot drift; the item schema
mirrors `api.partnership_item` and a test validates real responses against it.
"""

from __future__ import annotations

from typing import Any

from .filters import MAX_QUERY_LENGTH, SORT_CHOICES, STATUS_CHOICES
from .models import (
    FIRST_YEAR,
    LAST_YEAR,
    Cluster,
    Component,
    PartnerOrganisationType,
    PartnershipStatus,
    SwedishOrganisationType,
)


def _string(description: str, **extra: Any) -> dict[str, Any]:
    return {"type": "string", "description": description, **extra}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {**schema, "type": [schema["type"], "null"]}


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "required": list(properties),
        "properties": properties,
        "additionalProperties": False,
    }


YEAR = {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR}

SWEDISH_ORGANISATION = _object(
    {
        "name": _string("Name"),
        "code": _nullable(
            _string("Official code: four digits for a municipality, two for a region")
        ),
        "type": _string("Kind of organisation", enum=SwedishOrganisationType.values),
        "county_code": _string("Two-digit code of the county (län)"),
    }
)
PARTNER_ORGANISATION = _object(
    {
        "name": _string("Name"),
        "type": _string("Kind of organisation", enum=PartnerOrganisationType.values),
        "city": _string("City (may be empty)"),
        "country": _string("ISO 3166-1 alpha-2 code of its country"),
    }
)
PARTNERSHIP = _object(
    {
        "id": {"type": "integer"},
        "url": _string("The partnership's public page", format="uri"),
        "swedish_organisation": SWEDISH_ORGANISATION,
        "partner_organisation": PARTNER_ORGANISATION,
        "additional_swedish_organisations": {"type": "array", "items": SWEDISH_ORGANISATION},
        "additional_partner_organisations": {"type": "array", "items": PARTNER_ORGANISATION},
        "country": _object(
            {
                "code": _string("ISO 3166-1 alpha-2"),
                "name_sv": _string("Name in Swedish"),
                "name_en": _string("Name in English"),
                "cluster": _nullable(
                    _string("The programme's cluster, if any", enum=[*Cluster.values, None])
                ),
            }
        ),
        "categories": {
            "type": "array",
            "items": _object(
                {
                    "slug": _string("Identifier"),
                    "name_sv": _string("Name in Swedish"),
                    "name_en": _string("Name in English"),
                }
            ),
        },
        "components": {
            "type": "array",
            "items": _object(
                {
                    "component": _string("Component (phase)", enum=Component.values),
                    "start_year": YEAR,
                    "end_year": YEAR,
                    "granted": {"type": "boolean"},
                }
            ),
        },
        "start_year": YEAR,
        "end_year": {**YEAR, "type": ["integer", "null"]},
        "status": _string("Status", enum=PartnershipStatus.values),
    }
)
ERRORS = {
    "type": "object",
    "required": ["errors"],
    "properties": {
        "errors": {
            "type": "object",
            "description": "Messages per parameter; __all__ for the request as a whole",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        }
    },
}


def _query(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description,
        "schema": schema,
    }


FILTER_PARAMETERS = [
    _query(
        "q",
        "Free text: every word must occur in an organisation's name, the city, the country or "
        "the description; case and accents are ignored (Goteborg finds Göteborg)",
        {"type": "string", "maxLength": MAX_QUERY_LENGTH},
    ),
    _query(
        "country",
        "ISO 3166-1 alpha-2 code of the partner's country, any case",
        {"type": "string", "pattern": "^[A-Za-z]{2}$"},
    ),
    _query("cluster", "Cluster of the country", {"type": "string", "enum": Cluster.values}),
    _query(
        "municipality",
        "Official code of a Swedish municipality (4 digits) or region (2 digits), main or "
        "further party",
        {"type": "string", "pattern": "^[0-9]{2}([0-9]{2})?$"},
    ),
    _query(
        "county",
        "Two-digit county code of the Swedish organisation",
        {"type": "string", "pattern": "^[0-9]{2}$"},
    ),
    _query("category", "Slug of a subject category", {"type": "string"}),
    _query(
        "component",
        "Partnerships that had this component",
        {"type": "string", "enum": Component.values},
    ),
    _query(
        "status",
        "Active, ended or all partnerships",
        {"type": "string", "enum": [value for value, _label in STATUS_CHOICES], "default": "all"},
    ),
    _query("year_from", "Running in this year or later", YEAR),
    _query("year_to", "Running in this year or earlier (not before year_from)", YEAR),
    _query(
        "sort",
        "Order of the rows",
        {
            "type": "string",
            "enum": [value for value, _label in SORT_CHOICES],
            "default": "-start_year",
        },
    ),
]
CURSOR_PARAMETER = _query(
    "cursor",
    "Where the page starts: take it from the previous page's `next` link (50 rows a page; "
    "the first page has none). Offsets (`page`) are not accepted since version 2.",
    {"type": "string"},
)
FORMAT_PARAMETER = _query(
    "format", "csv gives the CSV export", {"type": "string", "enum": ["json", "csv"]}
)

CACHE_HEADERS = {
    "ETag": {"schema": {"type": "string"}, "description": "Send it back in If-None-Match"},
    "Cache-Control": {"schema": {"type": "string"}},
}


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}},
    }


COMMON_RESPONSES = {
    "304": {"description": "Not modified since the ETag in If-None-Match"},
    "400": _error("Invalid parameters"),
    "429": {
        **_error("Too many requests from this address this minute"),
        "headers": {"Retry-After": {"schema": {"type": "integer"}}},
    },
}
CSV_CONTENT = {
    "text/csv": {
        "schema": {"type": "string"},
        "example": "id,url,swedish_organisation,...\n",
    }
}


def openapi_schema(*, server_url: str) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "ICLD municipal partnerships – open data",
            "version": "2.0.0",
            "description": (
                "Every municipal partnership in ICLD's programme, with the same filters as "
                "the public partnership database. Open to any origin, rate limited per "
                "address, cacheable with ETag."
            ),
        },
        "servers": [{"url": server_url}],
        "paths": {
            "/partnerships": {
                "get": {
                    "operationId": "listPartnerships",
                    "summary": "Partnerships, filtered and paginated",
                    "parameters": [*FILTER_PARAMETERS, CURSOR_PARAMETER, FORMAT_PARAMETER],
                    "responses": {
                        "200": {
                            "description": "A page of partnerships (CSV with format=csv)",
                            "headers": CACHE_HEADERS,
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/PartnershipPage"}
                                },
                                **CSV_CONTENT,
                            },
                        },
                        **COMMON_RESPONSES,
                    },
                }
            },
            "/partnerships.csv": {
                "get": {
                    "operationId": "exportPartnerships",
                    "summary": "All filtered partnerships as CSV, streamed",
                    "parameters": FILTER_PARAMETERS,
                    "responses": {
                        "200": {
                            "description": "CSV with a header row; lists are '; '-separated",
                            "headers": CACHE_HEADERS,
                            "content": CSV_CONTENT,
                        },
                        **COMMON_RESPONSES,
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Partnership": PARTNERSHIP,
                "PartnershipPage": {
                    "type": "object",
                    "required": ["count", "next", "results"],
                    "additionalProperties": False,
                    "properties": {
                        "count": {"type": "integer", "minimum": 0},
                        "next": {"type": ["string", "null"], "format": "uri"},
                        "results": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Partnership"},
                        },
                    },
                },
                "Errors": ERRORS,
            }
        },
    }
