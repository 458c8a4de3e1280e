"""The open-data API: partnerships as JSON and CSV, with the public list's filters.

Paths are fixed (never language-prefixed, see icld_portal/urls.py) because integrations
depend on them. Every response is open to any origin, rate limited per client address and
cacheable: the ETag changes whenever the filtered rows or the data version change.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Callable, Iterator
from functools import wraps
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    JsonResponse,
)
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_safe

from core.accounts import client_ip
from core.cache import count_hit
from core.csv import stream_csv
from core.pagecache import public_page

from . import cursors
from .data_version import data_version
from .filters import DEFAULT_SORT, PartnershipFilter, sort_order
from .models import Partnership
from .openapi import openapi_schema
from .selectors import record_rows, records, with_relations

PAGE_SIZE = 50
CSV_CHUNK_SIZE = 2000
CACHE_MAX_AGE = 300

View = Callable[..., HttpResponseBase]


# --- Cross-cutting: rate limit, CORS, caching -------------------------------------------------


def rate_limit(request: HttpRequest) -> HttpResponse | None:
    """A 429 response once a client address made too many requests this minute, else None.

    A fixed one-minute window in the shared cache: cheap (one round trip per request) and
    good enough to stop a script hammering the database. The address is the one the login
    limits count (core.accounts.client_ip): behind a load balancer in TRUSTED_PROXIES, the
    client's from X-Forwarded-For, so clients do not share one limit.
    """
    limit = settings.API_RATE_LIMIT_PER_MINUTE
    now = time.time()
    window = int(now // 60)
    key = f"api-rate:{client_ip(request) or ''}:{window}"
    count = count_hit(key, timeout=61)
    if count is None or count <= limit:
        return None
    retry_after = max(1, math.ceil((window + 1) * 60 - now))
    response = JsonResponse({"errors": {"__all__": [too_many_requests(limit)]}}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


def too_many_requests(limit: int) -> str:
    return ngettext(
        "Too many requests: at most %(limit)d a minute.",
        "Too many requests: at most %(limit)d a minute.",
        limit,
    ) % {"limit": limit}


def api_view(view: View) -> View:
    """GET/HEAD only, rate limited, readable from any origin (the data is open)."""

    @require_safe
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response = rate_limit(request) or view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Expose-Headers"] = "ETag, Retry-After"
        return response

    return wrapper


def errors_response(errors: dict[str, list[str]], status: int = 400) -> JsonResponse:
    return JsonResponse({"errors": errors}, status=status)


def form_errors(filterset: PartnershipFilter) -> dict[str, list[str]]:
    return {
        name: [str(message) for message in messages] for name, messages in filterset.errors.items()
    }


def cacheable(response: HttpResponseBase, etag: str) -> HttpResponseBase:
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=CACHE_MAX_AGE)
    return response


def etag_for(request: HttpRequest, *parts: str) -> str:
    """An ETag from the data version and the request alone: no query over the set.

    Every write that changes what the API shows bumps the data version (signals.py, bulk
    writes via `refresh_search_text`), so the version and the parameters (sorted, so the same
    question in another order has the same tag) say everything about the answer.
    """
    key = "|".join([data_version(), repr(sorted(request.GET.lists())), *parts])
    return f'"{hashlib.sha256(key.encode()).hexdigest()[:32]}"'


# --- Rows -------------------------------------------------------------------------------------


class DetailUrls:
    """Absolute URLs of partnership pages, reversed once rather than once per row (an export
    has 20,000). Always in the portal's default language: the same URL whatever the client's
    Accept-Language, and the same inside a streamed response, after the view returned."""

    def __init__(self, request: HttpRequest) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            url = request.build_absolute_uri(reverse("partnerships:detail", args=[0]))
        self.prefix, self.suffix = url.rsplit("/0/", 1)

    def __call__(self, pk: int) -> str:
        return f"{self.prefix}/{pk}/{self.suffix}"


def partnership_item(url: DetailUrls, record: dict[str, Any]) -> dict[str, Any]:
    """One partnership as the API shows it: a record of selectors.with_relations with its
    page's URL (the shape is documented in openapi.py: keep them in step)."""
    return {"id": record["id"], "url": url(record["id"]), **record}


CSV_HEADER = [
    "id",
    "url",
    "swedish_organisation",
    "swedish_organisation_code",
    "swedish_organisation_type",
    "county_code",
    "partner_organisation",
    "partner_organisation_type",
    "city",
    "country_code",
    "country_name_sv",
    "country_name_en",
    "cluster",
    "additional_swedish_organisations",
    "additional_partner_organisations",
    "categories",
    "components",
    "start_year",
    "end_year",
    "status",
]


def csv_row(item: dict[str, Any]) -> list[Any]:
    """A JSON item flattened; lists become '; '-separated text."""
    swedish, partner, country = (
        item["swedish_organisation"],
        item["partner_organisation"],
        item["country"],
    )
    return [
        item["id"],
        item["url"],
        swedish["name"],
        swedish["code"] or "",
        swedish["type"],
        swedish["county_code"],
        partner["name"],
        partner["type"],
        partner["city"],
        country["code"],
        country["name_sv"],
        country["name_en"],
        country["cluster"] or "",
        "; ".join(org["name"] for org in item["additional_swedish_organisations"]),
        "; ".join(org["name"] for org in item["additional_partner_organisations"]),
        "; ".join(c["slug"] for c in item["categories"]),
        "; ".join(
            f"{c['component']} {c['start_year']}-{c['end_year']}"
            + ("" if c["granted"] else " (not granted)")
            for c in item["components"]
        ),
        item["start_year"],
        item["end_year"] if item["end_year"] is not None else "",
        item["status"],
    ]


def csv_rows(request: HttpRequest, queryset: QuerySet[Partnership]) -> Iterator[list[Any]]:
    # Rows are read 2,000 at a time (with their relations per chunk), so memory stays flat
    # however many rows the export has.
    url = DetailUrls(request)
    for record in records(queryset, chunk_size=CSV_CHUNK_SIZE):
        yield csv_row(partnership_item(url, record))


# --- Views ------------------------------------------------------------------------------------


def filtered(request: HttpRequest) -> PartnershipFilter:
    # Rows are read as plain values (selectors.record_rows): no select/prefetch needed here.
    queryset = Partnership.objects.order_by("-start_year", "pk")
    return PartnershipFilter(request.GET, queryset=queryset, request=request)


@api_view
def partnerships_json(request: HttpRequest) -> HttpResponseBase:
    if request.GET.get("format") == "csv":
        return csv_export(request)
    if request.GET.get("format") not in (None, "json"):
        return errors_response({"format": [gettext("Use json or csv.")]})
    if "page" in request.GET:
        message = gettext("Pages are followed by their next link (cursor), not by number.")
        return errors_response({"page": [message]})
    etag = etag_for(request, "json")
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return cacheable(not_modified, etag)
    response = json_page(request)
    return cacheable(response, etag) if response.status_code == 200 else response


@public_page(version=data_version)
def json_page(request: HttpRequest) -> HttpResponse:
    """One page: the rows after the cursor (keyset, as fast deep in the set as at its start)
    with their relations, and the count: two queries whatever the cursor. Whole pages are kept
    per request and data version, like the public pages, so a repeated one costs no query."""
    filterset = filtered(request)
    if not filterset.is_valid():
        return errors_response(form_errors(filterset))
    sort = filterset.form.cleaned_data.get("sort") or DEFAULT_SORT
    try:
        after = cursors.decode(request.GET.get("cursor"), sort=sort)
    except cursors.BadCursor:
        message = gettext("This cursor is not valid: start again from the first page.")
        return errors_response({"cursor": [message]})
    # Keyset pages need the sort's own order: the search's closest-first ranking is the
    # HTML list's, not the API's.
    queryset = filterset.qs.order_by(*sort_order(sort))
    rows = list(record_rows(cursors.after(queryset, after, sort=sort))[: PAGE_SIZE + 1])
    more = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    url = DetailUrls(request)
    body = {
        "count": queryset.order_by().count(),
        "next": next_url(request, cursors.encode(rows[-1], sort=sort)) if more else None,
        "results": [partnership_item(url, record) for record in with_relations(rows)],
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


def next_url(request: HttpRequest, cursor: str) -> str:
    params = request.GET.copy()
    params["cursor"] = cursor
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


@api_view
def partnerships_csv(request: HttpRequest) -> HttpResponseBase:
    return csv_export(request)


def csv_export(request: HttpRequest) -> HttpResponseBase:
    filterset = filtered(request)
    if not filterset.is_valid():
        return errors_response(form_errors(filterset))
    etag = etag_for(request, "csv")
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        return cacheable(not_modified, etag)
    response = stream_csv(CSV_HEADER, csv_rows(request, filterset.qs), filename="partnerships.csv")
    return cacheable(response, etag)


@api_view
def openapi(request: HttpRequest) -> HttpResponseBase:
    base = reverse("api:partnerships").rsplit("/", 1)[0]  # /api/v1
    schema = openapi_schema(server_url=request.build_absolute_uri(base))
    response = JsonResponse(schema, json_dumps_params={"ensure_ascii": False})
    patch_cache_control(response, public=True, max_age=CACHE_MAX_AGE)
    return response
