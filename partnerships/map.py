"""The map of partnerships: the page, and the JSON its script draws.

Both filter with `PartnershipFilter` over `public_partnerships()`, exactly as the list does,
so the map and the list always show the same partnerships. The JSON is aggregated in the
database: a fixed number of queries whatever the data size, and at most `POPUP_LIMIT`
partnerships per organisation, so its size grows with the number of places, not of rows.

Which partnerships count where follows the filters, so that a map's number and the list it
links to agree: an organisation (and its municipality's shape) counts the partnerships it
takes part in as main or further Swedish party (the `municipality` filter), a county those of
its main Swedish organisations (`county`), a country those of the main partner (`country`).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Count, Exists, F, OuterRef, QuerySet, Window
from django.db.models.functions import RowNumber
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, gettext, ngettext
from django.views.decorators.cache import cache_control
from django.views.decorators.http import condition, require_safe

from core.pagecache import public_page

from .data_version import data_version
from .filters import PartnershipFilter
from .models import Partnership, SwedishOrganisation
from .selectors import public_partnerships

# Enough to read in a popup; the popup links to the list for the rest.
POPUP_LIMIT = 20
# About a metre: plenty for a marker, and it keeps the JSON short.
COORDINATE_DECIMALS = 5

# world-atlas (Natural Earth, 1:110m) keys its country shapes by ISO 3166-1 numeric code.
# Natural Earth gives Kosovo no code, so its shape is keyed by its name there instead;
# map.js looks a shape up by `id`, else by `properties.name`. A country missing here is still
# counted in the JSON, only not shaded.
WORLD_ATLAS_SHAPES: dict[str, str] = {
    "BA": "070",
    "BY": "112",
    "BW": "072",
    "CN": "156",
    "CO": "170",
    "GE": "268",
    "GT": "320",
    "ID": "360",
    "IN": "356",
    "KE": "404",
    "MD": "498",
    "MK": "807",
    "MZ": "508",
    "NA": "516",
    "RS": "688",
    "TR": "792",
    "TZ": "834",
    "UA": "804",
    "UG": "800",
    "VN": "704",
    "XK": "Kosovo",
    "ZA": "710",
    "ZM": "894",
    "ZW": "716",
}

# A pk no partnership has, replaced in the reversed URL: one reverse() for all popup links
# instead of one per link (thousands on a full map).
_PK_PLACEHOLDER = 999_999_999_999


def filtered(request: HttpRequest) -> PartnershipFilter:
    return PartnershipFilter(request.GET, queryset=public_partnerships(), request=request)


def summary_text(partnerships: int, organisations: int) -> str:
    """'N partnerships in M Swedish organisations.' — the map's text summary."""
    return gettext("%(partnerships)s in %(organisations)s.") % {
        "partnerships": ngettext("%(count)d partnership", "%(count)d partnerships", partnerships)
        % {"count": partnerships},
        "organisations": ngettext(
            "%(count)d Swedish organisation", "%(count)d Swedish organisations", organisations
        )
        % {"count": organisations},
    }


def count_label(name: str, count: int) -> str:
    return ngettext(
        "%(name)s: %(count)d partnership", "%(name)s: %(count)d partnerships", count
    ) % {"name": name, "count": count}


def _rows(partnerships: QuerySet[Partnership]) -> QuerySet[Partnership]:
    """The filtered set ready for values() and aggregation: no order, no prefetching."""
    return partnerships.order_by().prefetch_related(None)


def _popup_rows(
    queryset: QuerySet, *, partnership: str, organisation: str, english: bool
) -> QuerySet:
    """The newest `POPUP_LIMIT` partnerships of each organisation, one row each, carrying the
    organisation's id and total count (a window over all its rows, taken before the limit).

    `queryset` holds one row per (organisation, partnership): partnerships themselves (main
    organisation) or rows of the further-organisations table; `partnership` and
    `organisation` are the paths from such a row to its partnership and organisation.
    """
    by_organisation = F(f"{organisation}_id")
    newest_first = [F(f"{partnership}start_year").desc(), F(f"{partnership}id").asc()]
    country_name = "name_en" if english else "name_sv"
    return (
        queryset.annotate(
            rank=Window(RowNumber(), partition_by=by_organisation, order_by=newest_first),
            organisation_total=Window(Count("*"), partition_by=by_organisation),
        )
        .filter(rank__lte=POPUP_LIMIT)
        .values(
            "organisation_total",
            item_id=F(f"{partnership}id"),
            item_start=F(f"{partnership}start_year"),
            item_end=F(f"{partnership}end_year"),
            item_swedish=F(f"{partnership}swedish_organisation__name"),
            item_partner=F(f"{partnership}partner_organisation__name"),
            item_country=F(f"{partnership}partner_organisation__country__{country_name}"),
            # Not the organisation's own columns: Django 5.2 drops a column selected twice
            # (the main organisation's name is also `item_swedish`) from a window filter's
            # outer query, and the rows come back short. They are read once, below.
            org_id=by_organisation,
        )
    )


def _years(start: int, end: int | None) -> str:
    return f"{start}–{end}" if end else f"{start}–"


def _coordinate(value: float | None) -> float | None:
    return None if value is None else round(value, COORDINATE_DECIMALS)


def map_data_for(filterset: PartnershipFilter) -> dict[str, Any]:
    """The map's data for a valid filter set, in five queries whatever the data size."""
    english = get_language() == "en"
    partnerships = _rows(filterset.qs)
    organisations = _organisations(partnerships, params=filterset.data, english=english)
    countries = _countries(partnerships, english=english)
    # Every partnership has exactly one main partner, in one country: no separate count.
    total = sum(country["count"] for country in countries)
    return {
        "total": total,
        "summary": summary_text(total, len(organisations)),
        "organisations": organisations,
        # Municipalities are the organisations with a four-digit code (a model constraint).
        "municipalities": {
            o["code"]: {"count": o["count"], "label": o["label"]}
            for o in organisations
            if len(o["code"]) == 4
        },
        "counties": _counties(partnerships),
        "countries": countries,
    }


def _organisations(
    partnerships: QuerySet[Partnership], *, params: QueryDict, english: bool
) -> list[dict[str, Any]]:
    """Each Swedish organisation taking part, with its count and newest partnerships, most
    partnerships first (three queries)."""
    further = Partnership.additional_swedish_organisations.through.objects.filter(
        partnership_id__in=partnerships.values("pk")
    ).exclude(
        # A further organisation that is also the main one is counted once, as the main one.
        swedishorganisation_id=F("partnership__swedish_organisation_id")
    )
    parts = [
        _popup_rows(
            partnerships, partnership="", organisation="swedish_organisation", english=english
        ),
        _popup_rows(
            further,
            partnership="partnership__",
            organisation="swedishorganisation",
            english=english,
        ),
    ]
    counts: dict[int, int] = defaultdict(int)
    items: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for rows in parts:
        counted: set[int] = set()
        for row in rows:
            if row["org_id"] not in counted:  # each row of a part carries the same total
                counted.add(row["org_id"])
                counts[row["org_id"]] += row["organisation_total"]
            items[row["org_id"]].append(row)

    detail_url = reverse("partnerships:detail", args=[_PK_PLACEHOLDER])
    organisation_url = reverse("partnerships:organisation", args=[_PK_PLACEHOLDER])
    list_url = reverse("partnerships:list")
    list_params = params.copy()
    list_params.pop("page", None)
    organisations = []
    for row in SwedishOrganisation.objects.filter(pk__in=list(counts)).values(
        "id", "name", "code", "latitude", "longitude"
    ):
        count = counts[row["id"]]
        # Each part gave its newest POPUP_LIMIT, so the newest of both are among them.
        newest = sorted(items[row["id"]], key=lambda item: (-item["item_start"], item["item_id"]))
        if row["code"]:
            # The `municipality` filter takes any coded organisation, regions too.
            list_params["municipality"] = row["code"]
            organisation_list = f"{list_url}?{list_params.urlencode()}"
        else:
            # Without a code no filter selects it; its own page lists all its partnerships.
            organisation_list = organisation_url.replace(str(_PK_PLACEHOLDER), str(row["id"]))
        organisations.append(
            {
                "id": row["id"],
                "name": row["name"],
                "code": row["code"],
                "lat": _coordinate(row["latitude"]),
                "lon": _coordinate(row["longitude"]),
                "count": count,
                "label": count_label(row["name"], count),
                "list_url": organisation_list,
                "partnerships": [
                    {
                        "id": item["item_id"],
                        "title": f"{item['item_swedish']} – {item['item_partner']}",
                        "url": detail_url.replace(str(_PK_PLACEHOLDER), str(item["item_id"])),
                        "country": item["item_country"],
                        "years": _years(item["item_start"], item["item_end"]),
                    }
                    for item in newest[:POPUP_LIMIT]
                ],
            }
        )
    return sorted(organisations, key=lambda o: (-o["count"], o["name"], o["id"]))


def _counties(partnerships: QuerySet[Partnership]) -> dict[str, dict[str, Any]]:
    """County code -> count and label, by the main Swedish organisation's county."""
    return {
        row["code"]: {"count": row["count"], "label": count_label(row["name"], row["count"])}
        for row in partnerships.values(
            code=F("swedish_organisation__county__code"),
            name=F("swedish_organisation__county__name"),
        ).annotate(count=Count("pk"))
    }


def _countries(partnerships: QuerySet[Partnership], *, english: bool) -> list[dict[str, Any]]:
    """The main partners' countries, most partnerships first, with their world-atlas shape."""
    country_name = "name_en" if english else "name_sv"
    return [
        {
            "code": row["code"],
            "name": row["name"],
            "count": row["count"],
            "shape": WORLD_ATLAS_SHAPES.get(row["code"]),
            "label": count_label(row["name"], row["count"]),
        }
        for row in partnerships.values(
            code=F("partner_organisation__country__code"),
            name=F(f"partner_organisation__country__{country_name}"),
        )
        .annotate(count=Count("pk"))
        .order_by("-count", "code")
    ]


def organisation_count(partnerships: QuerySet[Partnership]) -> int:
    """How many Swedish organisations take part, as main or further party, in one query."""
    ids = _rows(partnerships).values("pk")
    main = Partnership.objects.filter(pk__in=ids, swedish_organisation_id=OuterRef("pk"))
    further = Partnership.additional_swedish_organisations.through.objects.filter(
        partnership_id__in=ids, swedishorganisation_id=OuterRef("pk")
    )
    return SwedishOrganisation.objects.filter(Exists(main) | Exists(further)).count()


@require_safe
@public_page(version=data_version)
def map_page(request: HttpRequest) -> HttpResponse:
    filterset = filtered(request)
    summary = None
    if filterset.is_valid():
        # The same words the script shows after a change; works without the script too.
        summary = summary_text(filterset.qs.count(), organisation_count(filterset.qs))
    query = request.GET.urlencode()
    context = {
        "filter": filterset,
        "summary": summary,
        "list_url": reverse("partnerships:list") + (f"?{query}" if query else ""),
    }
    return render(request, "partnerships/map.html", context)


def _map_data_etag(request: HttpRequest) -> str:
    # An ETag belongs to one URL (filters and language included): the data version suffices.
    return data_version()


@require_safe
@cache_control(public=True, max_age=300)
@condition(etag_func=_map_data_etag)
@public_page(version=data_version, compress=True, precompute=True)
def map_data(request: HttpRequest) -> JsonResponse:
    filterset = filtered(request)
    if not filterset.is_valid():
        errors = {
            name: [str(message) for message in messages]
            for name, messages in filterset.errors.items()
        }
        return JsonResponse({"errors": errors}, status=400)
    return JsonResponse(map_data_for(filterset), json_dumps_params={"ensure_ascii": False})
