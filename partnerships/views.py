"""The public partnership database: search, by country, one partnership, one organisation."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from core.pagecache import public_page

from . import selectors
from .data_version import data_version
from .filters import PartnershipFilter
from .models import Partnership, SwedishOrganisation

PAGE_SIZE = 25


def paginate(request: HttpRequest, queryset: QuerySet) -> dict[str, Any]:
    """The requested page (a bad or too high number gives the first or last page, never an
    error), the page numbers to link and the query string those links build on."""
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    for name in ("page", "fragment"):
        params.pop(name, None)
    return {
        "page": page,
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2),
        "params": params,
    }


@require_safe
@public_page(version=data_version)
def partnership_list(request: HttpRequest) -> HttpResponse:
    # Rows as plain values: the filters need no relations loaded.
    filterset = PartnershipFilter(
        request.GET, queryset=Partnership.objects.order_by("-start_year", "pk"), request=request
    )
    # Counted without the rows' joins; the page's rows read as values.
    context = {"filter": filterset} | paginate(request, filterset.qs)
    page = context["page"]
    page.object_list = selectors.search_results(selectors.search_rows(page.object_list))
    # The search script swaps only the results region (progressive enhancement).
    if request.GET.get("fragment") == "1":
        return render(request, "partnerships/fragment_results.html", context)
    return render(request, "partnerships/list.html", context)


@require_safe
# Every active partnership: a long page, computed once per data version and language.
@public_page(version=data_version, compress=True, precompute=True)
def by_country(request: HttpRequest) -> HttpResponse:
    # Passed uncalled: the template calls it only when its cached copy is missing.
    context = {"clusters": selectors.active_by_country, "data_version": data_version()}
    return render(request, "partnerships/by_country.html", context)


@require_safe
@public_page(version=data_version)
def partnership_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partnership = selectors.partnership_detail(pk)
    return render(request, "partnerships/detail.html", {"partnership": partnership})


@require_safe
@public_page(version=data_version)
def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(SwedishOrganisation.objects.select_related("county"), pk=pk)
    context = {"organisation": organisation} | paginate(
        request, selectors.organisation_partnerships(organisation)
    )
    return render(request, "partnerships/organisation.html", context)
