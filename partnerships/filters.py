"""The one filter set behind the public list, the map and the open-data API, so they agree.

Usage (any caller)::

    filterset = PartnershipFilter(request.GET, queryset=<a Partnership queryset>, request=request)
    if not filterset.is_valid():
        ...  # filterset.errors: {field: [messages]}; filterset.form shows them next to fields
    partnerships = filterset.qs  # filtered and sorted; `.qs.order_by()` before aggregating

Query parameters: q, country, cluster, municipality, county, category, component, status,
year_from, year_to, sort (see `PartnershipFilter`). Without `queryset` it filters all
partnerships; pass `public_partnerships()` (selectors.py) for pages that show rows.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.widgets import FastSelect

from .data_version import data_version
from .models import (
    FIRST_YEAR,
    LAST_YEAR,
    Cluster,
    Component,
    ComponentHistory,
    Country,
    County,
    Partnership,
    PartnershipStatus,
    SubjectCategory,
    SwedishOrganisation,
)
from .search import fuzzy_filter

MAX_QUERY_LENGTH = 200


def _select() -> FastSelect:
    # The choices (countries, municipalities, …) change with the partnership data only.
    return FastSelect(choices_version=data_version)


STATUS_ALL = "all"
STATUS_CHOICES = [
    (STATUS_ALL, _("All")),
    (PartnershipStatus.ACTIVE.value, _("Active")),
    (PartnershipStatus.ENDED.value, _("Ended")),
]

DEFAULT_SORT = "-start_year"
# Each sort ends on the primary key so pages never overlap or skip rows.
SORT_CHOICES = [
    ("-start_year", _("Newest first")),
    ("start_year", _("Oldest first")),
    ("swedish", _("Swedish organisation (A–Z)")),
    ("country", _("Country (A–Z)")),
]


def _english() -> bool:
    return get_language() == "en"


def countries(request: HttpRequest | None) -> QuerySet[Country]:
    return Country.objects.order_by("name_en" if _english() else "name_sv")


def categories(request: HttpRequest | None) -> QuerySet[SubjectCategory]:
    return SubjectCategory.objects.order_by("name_en" if _english() else "name_sv")


def coded_organisations(request: HttpRequest | None) -> QuerySet[SwedishOrganisation]:
    """Municipalities and regions: the Swedish organisations with an official code."""
    return SwedishOrganisation.objects.exclude(code="").order_by("name")


class CodeChoiceField(django_filters.fields.ModelChoiceField):
    """A choice of rows by code, case-insensitive: ?country=ke is ?country=KE."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip().upper()
        return super().to_python(value)


class CodeChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = CodeChoiceField


class YearFilter(django_filters.Filter):
    """A whole year in the programme's range; letters or decimals are form errors."""

    field_class = forms.IntegerField

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", FIRST_YEAR)
        kwargs.setdefault("max_value", LAST_YEAR)
        super().__init__(*args, **kwargs)


class PartnershipFilterForm(forms.Form):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        year_from, year_to = cleaned.get("year_from"), cleaned.get("year_to")
        if year_from is not None and year_to is not None and year_from > year_to:
            self.add_error("year_to", _("The last year cannot be before the first year."))
        return cleaned


class PartnershipFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="filter_text",
        max_length=MAX_QUERY_LENGTH,
        widget=forms.SearchInput,
        help_text=_("Organisation, city, country or words from the description."),
    )
    country = CodeChoiceFilter(
        label=_("Country"),
        queryset=countries,
        to_field_name="code",
        field_name="partner_organisation__country",
        empty_label=_("All countries"),
        widget=_select(),
    )
    cluster = django_filters.ChoiceFilter(
        label=_("Cluster"),
        choices=Cluster.choices,
        field_name="partner_organisation__country__cluster",
        empty_label=_("All clusters"),
        widget=_select(),
    )
    municipality = django_filters.ModelChoiceFilter(
        label=_("Swedish municipality or region"),
        queryset=coded_organisations,
        to_field_name="code",
        method="filter_municipality",
        empty_label=_("All municipalities and regions"),
        widget=_select(),
    )
    county = django_filters.ModelChoiceFilter(
        label=_("County"),
        queryset=County.objects.order_by("code"),
        to_field_name="code",
        field_name="swedish_organisation__county",
        empty_label=_("All counties"),
        widget=_select(),
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Subject category"),
        queryset=categories,
        to_field_name="slug",
        method="filter_category",
        empty_label=_("All subject categories"),
        widget=_select(),
    )
    component = django_filters.ChoiceFilter(
        label=_("Component"),
        choices=Component.choices,
        method="filter_component",
        empty_label=_("All components"),
        widget=_select(),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=STATUS_CHOICES,
        method="filter_status",
        empty_label=None,
        widget=_select(),
    )
    year_from = YearFilter(label=_("From year"), method="filter_year_from")
    year_to = YearFilter(label=_("To year"), method="filter_year_to")
    # Declared last: the form's cleaned data, and so the filtering, follow declaration order.
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=SORT_CHOICES,
        method="filter_sort",
        empty_label=None,
        widget=_select(),
    )

    class Meta:
        model = Partnership
        fields: list[str] = []
        form = PartnershipFilterForm

    # Many-to-many and component conditions are subqueries, not joins: a join would repeat a
    # partnership once per matching row and force a DISTINCT over the whole result.

    def filter_text(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return fuzzy_filter(queryset, value)

    def filter_municipality(
        self, queryset: QuerySet, name: str, value: SwedishOrganisation
    ) -> QuerySet:
        additional = Partnership.additional_swedish_organisations.through.objects.filter(
            partnership_id=OuterRef("pk"), swedishorganisation_id=value.pk
        )
        return queryset.filter(Q(swedish_organisation=value) | Exists(additional))

    def filter_category(self, queryset: QuerySet, name: str, value: SubjectCategory) -> QuerySet:
        tagged = Partnership.categories.through.objects.filter(
            partnership_id=OuterRef("pk"), subjectcategory_id=value.pk
        )
        return queryset.filter(Exists(tagged))

    def filter_component(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Exists(ComponentHistory.objects.filter(partnership_id=OuterRef("pk"), component=value))
        )

    def filter_status(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if value == STATUS_ALL:
            return queryset
        return queryset.filter(status=value)

    # year_from/year_to select partnerships running in some year of the range.
    def filter_year_from(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(Q(end_year__isnull=True) | Q(end_year__gte=value))

    def filter_year_to(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(start_year__lte=value)

    def filter_sort(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.order_by(*sort_order(value))


def sort_order(value: str) -> list[str]:
    """The ORDER BY of a `sort` value; the country sorts by its name in the active language."""
    country_name = "name_en" if _english() else "name_sv"
    orders = {
        "-start_year": ["-start_year", "pk"],
        "start_year": ["start_year", "pk"],
        "swedish": ["swedish_organisation__name", "pk"],
        "country": [f"partner_organisation__country__{country_name}", "pk"],
    }
    return orders.get(value, orders[DEFAULT_SORT])
