"""The filters of the public list of partners seeking a Swedish partner.

Query parameters: country (ISO code), cluster, theme (subject category slug).
"""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from partnerships.filters import CodeChoiceFilter, categories, countries
from partnerships.models import Cluster, PartnerSeeking, SubjectCategory


class PartnerSeekingFilter(django_filters.FilterSet):
    country = CodeChoiceFilter(
        label=_("Country"),
        queryset=countries,
        to_field_name="code",
        field_name="country",
        empty_label=_("All countries"),
    )
    cluster = django_filters.ChoiceFilter(
        label=_("Cluster"),
        choices=Cluster.choices,
        field_name="country__cluster",
        empty_label=_("All clusters"),
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"),
        queryset=categories,
        to_field_name="slug",
        method="filter_theme",
        empty_label=_("All themes"),
    )

    class Meta:
        model = PartnerSeeking
        fields: list[str] = []

    def filter_theme(self, queryset: QuerySet, name: str, value: SubjectCategory) -> QuerySet:
        # A subquery, not a join: a join would repeat a listing once per matching theme.
        tagged = PartnerSeeking.themes.through.objects.filter(
            partnerseeking_id=OuterRef("pk"), subjectcategory_id=value.pk
        )
        return queryset.filter(Exists(tagged))
