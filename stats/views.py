"""The statistics dashboard and each figure's CSV. ICLD staff only; /admin/ has already asked
them for their second factor (core.mfa)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.csv import stream_csv

from .figures import FIGURES
from .forms import FilterForm


def staff_only(view: Callable) -> Callable:
    """Anonymous visitors are sent to log in; signed-in people who are not staff are refused."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not (request.user.is_active and request.user.is_staff):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return never_cache(wrapper)


@require_safe
@staff_only
def dashboard(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET or None)
    filters = form.filters()
    query = urlencode({k: v for k, v in request.GET.items() if k in form.fields and v})
    figures = [build(filters) for build in FIGURES.values()]
    context = admin.site.each_context(request) | {
        "title": _("Statistics"),
        "form": form,
        "filters": filters,
        "figures": figures,
        "query": query if form.is_valid() else "",
    }
    return render(request, "stats/dashboard.html", context)


@require_safe
@staff_only
def figure_csv(request: HttpRequest, slug: str) -> HttpResponse:
    build = FIGURES.get(slug)
    if build is None:
        raise Http404
    form = FilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return HttpResponse(
            _("The filters are not valid: go back to the dashboard and correct them."),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    filters = form.filters()
    figure = build(filters)
    parts = [slug, filters.year, filters.round.name if filters.round else None]
    name = "-".join(str(part) for part in parts if part)
    rows = ([cell.value for cell in row] for row in figure.rows)
    return stream_csv(figure.headers, rows, filename=f"{name}.csv", bom=True)
