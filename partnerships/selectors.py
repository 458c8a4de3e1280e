"""Reads for the public pages and the API. Each returns rows with their relations loaded, so
a page issues the same number of queries for ten partnerships as for a thousand."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from django.db import connection
from django.db.models import (
    Aggregate,
    Exists,
    Expression,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    prefetch_related_objects,
)
from django.db.models.functions import Concat
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from .models import (
    Cluster,
    ComponentHistory,
    Country,
    Membership,
    MembershipStatus,
    PartnerOrganisation,
    Partnership,
    PartnershipStatus,
    SubjectCategory,
    SwedishOrganisation,
)


def partnership_choices(queryset: QuerySet[Partnership]) -> QuerySet[Partnership]:
    """Partnerships as a picker lists them, with what `picker_label` shows loaded."""
    return queryset.select_related(
        "swedish_organisation", "partner_organisation__country"
    ).prefetch_related(
        Prefetch("components", queryset=ComponentHistory.objects.order_by("start_year", "pk"))
    )


def picker_label(partnership: Partnership) -> str:
    """What tells one partnership from another of the same two organisations: its years, its
    components so far and its status ("Kumla kommun – Municipality of Gjilan, Kosovo ·
    2016–2019 · Förberedelse 2016, Projekt 2017 · Avslutat")."""
    if partnership.end_year:
        years = f"{partnership.start_year}–{partnership.end_year}"
    else:
        years = _("since %(year)s") % {"year": partnership.start_year}
    components = ", ".join(
        f"{c.get_component_display()} {c.start_year}" for c in partnership.components.all()
    )
    return " · ".join(
        [
            f"{partnership}, {partnership.partner_organisation.country.name}",
            str(years),
            components or str(_("no components yet")),
            partnership.get_status_display(),
        ]
    )


def public_partnerships() -> QuerySet[Partnership]:
    """Every partnership with what a public page shows of it (newest first)."""
    english = get_language() == "en"
    return (
        Partnership.objects.select_related(
            "swedish_organisation__county", "partner_organisation__country"
        )
        .prefetch_related(
            Prefetch(
                "categories",
                queryset=SubjectCategory.objects.order_by("name_en" if english else "name_sv"),
            ),
            Prefetch("components", queryset=ComponentHistory.objects.order_by("start_year", "pk")),
            Prefetch(
                "additional_swedish_organisations",
                queryset=SwedishOrganisation.objects.select_related("county").order_by("name"),
            ),
            Prefetch(
                "additional_partner_organisations",
                queryset=PartnerOrganisation.objects.select_related("country").order_by("name"),
            ),
        )
        # The search column is large and no page shows it.
        .defer("search_text", "search_names")
        .order_by("-start_year", "pk")
    )


# --- The search list: plain rows, their further names in the same query -----------------
# A list page shows 25 rows; loading them as model instances with four prefetches was seven
# queries and most of a cold page's time. As values with the further organisations and the
# categories joined into one text each by subqueries, it is one query for the rows.

# A control character no name contains, between the names of one row's joined text.
NAME_SEPARATOR = "\x1f"


class JoinedNames(Aggregate):
    """The group's texts as one, separated by NAME_SEPARATOR: STRING_AGG in name order on
    PostgreSQL; GROUP_CONCAT on SQLite (the embedded development database), in no set order."""

    output_field = TextField()

    def as_sql(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.get_source_expressions()[0])
        if connection.vendor == "postgresql":
            return f"STRING_AGG({sql}, %s ORDER BY {sql})", (*params, NAME_SEPARATOR, *params)
        return f"GROUP_CONCAT({sql}, %s)", (*params, NAME_SEPARATOR)


class JoinedRows(Aggregate):
    """The group's rows as one JSON text: an array of `[*ordering, *fields]` per row. In the
    order of `ordering` on PostgreSQL (json_agg); on SQLite (json_group_array, in no set order)
    `joined_rows` sorts them by the same values, as SQLite's own (binary) ORDER BY would."""

    output_field = TextField()

    def __init__(self, *fields: str | Expression, ordering: Sequence[str | Expression]) -> None:
        self.ordering_count = len(ordering)
        super().__init__(*ordering, *fields)

    def as_sql(self, compiler, connection, **extra_context):
        compiled = [compiler.compile(e) for e in self.get_source_expressions()[:-1]]  # no filter
        values = ", ".join(sql for sql, _params in compiled)
        params = [param for _sql, part in compiled for param in part]
        if connection.vendor == "postgresql":
            ordering = compiled[: self.ordering_count]
            order = ", ".join(sql for sql, _params in ordering)
            order_params = [param for _sql, part in ordering for param in part]
            return f"json_agg(json_build_array({values}) ORDER BY {order})::text", (
                *params,
                *order_params,
            )
        return f"json_group_array(json_array({values}))", params


def joined_rows(joined: str | None, *, ordering: int) -> list[list[Any]]:
    """The rows of a JoinedRows text in their order, each without its `ordering` values."""
    if not joined:
        return []
    rows = json.loads(joined)
    if connection.vendor != "postgresql":
        rows.sort(key=lambda row: row[:ordering])
    return [row[ordering:] for row in rows]


def _per_partnership(rows: QuerySet, aggregate: Aggregate) -> Subquery:
    """`aggregate` over the rows of the through table `rows` that belong to the partnership."""
    return Subquery(
        rows.filter(partnership_id=OuterRef("pk"))
        .order_by()
        .values("partnership_id")
        .annotate(joined=aggregate)
        .values("joined")
    )


def _joined(rows: QuerySet, name: str | Expression) -> Subquery:
    """The `name` of every row of the through table `rows` that belongs to the partnership."""
    return _per_partnership(rows, JoinedNames(name))


def _flat_values(partnerships: QuerySet[Partnership], **columns: Any) -> QuerySet[dict[str, Any]]:
    """The partnership's own columns and `columns`, as plain values (no instances, no joins or
    prefetches of the queryset's own: the columns say what they need)."""
    return (
        partnerships.select_related(None)
        .prefetch_related(None)
        .values("id", "start_year", "end_year", "status", **columns)
    )


def search_rows(partnerships: QuerySet[Partnership]) -> QuerySet[dict[str, Any]]:
    """What a result of the search list shows, as plain values in the queryset's order (slice
    it, then pass the rows to `search_results`)."""
    translated = "name_en" if get_language() == "en" else "name_sv"
    through = Partnership.additional_swedish_organisations.through.objects
    partners_through = Partnership.additional_partner_organisations.through.objects
    return _flat_values(
        partnerships,
        swedish_name=F("swedish_organisation__name"),
        partner_name=F("partner_organisation__name"),
        partner_city=F("partner_organisation__city"),
        country_name=F(f"partner_organisation__country__{translated}"),
        further_swedish=_joined(through, "swedishorganisation__name"),
        further_partners=_joined(partners_through, "partnerorganisation__name"),
        category_names=_joined(
            Partnership.categories.through.objects, f"subjectcategory__{translated}"
        ),
    )


STATUS_LABELS = dict(PartnershipStatus.choices)


def search_results(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of `search_rows` ready to print: the page's URL (one reverse for the page), the
    joined names as lists, the status's label."""
    detail_url = reverse("partnerships:detail", args=[_PK_PLACEHOLDER])
    placeholder = str(_PK_PLACEHOLDER)
    return [
        row
        | {
            "url": detail_url.replace(placeholder, str(row["id"])),
            "further": _names(row["further_swedish"]) + _names(row["further_partners"]),
            "categories": _names(row["category_names"]),
            "status_label": STATUS_LABELS.get(row["status"], row["status"]),
        }
        for row in rows
    ]


def _names(joined: str | None) -> list[str]:
    return joined.split(NAME_SEPARATOR) if joined else []


# Between a category's name and its slug in the detail page's joined categories.
PAIR_SEPARATOR = "\x1e"


def partnership_detail(pk: int) -> Partnership:
    """One partnership for its public page; Http404 if there is none.

    One query for the partnership, its organisations and its categories (as `category_links`,
    by name), one for its components, and one for each kind of further organisation only
    when it has some (most have none).
    """
    translated = "name_en" if get_language() == "en" else "name_sv"
    categories = Partnership.categories.through.objects
    swedish_through = Partnership.additional_swedish_organisations.through.objects
    partners_through = Partnership.additional_partner_organisations.through.objects
    partnership = get_object_or_404(
        Partnership.objects.select_related(
            "swedish_organisation__county", "partner_organisation__country"
        )
        .defer("search_text", "search_names")
        .annotate(
            category_pairs=_joined(
                categories,
                Concat(
                    F(f"subjectcategory__{translated}"),
                    Value(PAIR_SEPARATOR),
                    F("subjectcategory__slug"),
                    output_field=TextField(),
                ),
            ),
            has_further_swedish=Exists(swedish_through.filter(partnership_id=OuterRef("pk"))),
            has_further_partners=Exists(partners_through.filter(partnership_id=OuterRef("pk"))),
        ),
        pk=pk,
    )
    partnership.category_links = [
        dict(zip(("name", "slug"), pair.split(PAIR_SEPARATOR), strict=True))
        for pair in _names(partnership.category_pairs)
    ]
    lookups: list[Prefetch] = [
        Prefetch("components", queryset=ComponentHistory.objects.order_by("start_year", "pk"))
    ]
    if partnership.has_further_swedish:
        lookups.append(
            Prefetch(
                "additional_swedish_organisations",
                queryset=SwedishOrganisation.objects.select_related("county").order_by("name"),
            )
        )
    if partnership.has_further_partners:
        lookups.append(
            Prefetch(
                "additional_partner_organisations",
                queryset=PartnerOrganisation.objects.select_related("country").order_by("name"),
            )
        )
    prefetch_related_objects([partnership], *lookups)
    return partnership


def organisation_partnerships(organisation: SwedishOrganisation) -> QuerySet[Partnership]:
    """The partnerships a Swedish organisation took part in, as main or further party."""
    further = Partnership.additional_swedish_organisations.through.objects.filter(
        partnership_id=OuterRef("pk"), swedishorganisation_id=organisation.pk
    )
    return public_partnerships().filter(Q(swedish_organisation=organisation) | Exists(further))


@dataclass(frozen=True)
class ActivePartnership:
    """One line of the by-country page, ready to print."""

    url: str
    title: str
    since: str  # "since 2019", in the active language


@dataclass
class CountryGroup:
    country: Country
    partnerships: list[ActivePartnership] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.partnerships)


@dataclass
class ClusterGroup:
    cluster: str  # a Cluster value, or "" for countries outside the clusters
    label: str
    countries: list[CountryGroup] = field(default_factory=list)

    @property
    def count(self) -> int:
        return sum(group.count for group in self.countries)


# A pk no partnership has, replaced in the reversed URL: one reverse() for thousands of links.
_PK_PLACEHOLDER = 999_999_999_999


def active_by_country() -> list[ClusterGroup]:
    """Active partnerships grouped by cluster, then country (by name), with counts.

    One query of plain values (thousands of rows: model instances and a reverse() per link
    were most of the page's time), grouped in Python to keep the countries' order in the
    active language.
    """
    english = get_language() == "en"
    rows = (
        Partnership.objects.filter(status=PartnershipStatus.ACTIVE)
        .order_by("swedish_organisation__name", "pk")
        .values_list(
            "pk",
            "start_year",
            "swedish_organisation__name",
            "partner_organisation__name",
            "partner_organisation__country_id",
            "partner_organisation__country__code",
            "partner_organisation__country__name_sv",
            "partner_organisation__country__name_en",
            "partner_organisation__country__cluster",
        )
    )
    detail_url = reverse("partnerships:detail", args=[_PK_PLACEHOLDER])
    placeholder = str(_PK_PLACEHOLDER)
    by_country: dict[int, CountryGroup] = {}
    for pk, start_year, swedish, partner, country_id, *country in rows:
        group = by_country.get(country_id)
        if group is None:
            code, name_sv, name_en, cluster = country
            group = by_country[country_id] = CountryGroup(
                Country(pk=country_id, code=code, name_sv=name_sv, name_en=name_en, cluster=cluster)
            )
        group.partnerships.append(
            ActivePartnership(
                url=detail_url.replace(placeholder, str(pk)),
                title=f"{swedish} – {partner}",
                since=gettext("since %(year)s") % {"year": start_year},
            )
        )

    groups = [ClusterGroup(value, label) for value, label in Cluster.choices]
    groups.append(ClusterGroup("", _("Other countries")))
    index = {group.cluster: group for group in groups}
    for group in sorted(
        by_country.values(), key=lambda g: g.country.name_en if english else g.country.name_sv
    ):
        index.get(group.country.cluster, index[""]).countries.append(group)
    return [group for group in groups if group.countries]


# --- Open data: plain records, no model instances ------------------------------------------
# The API and the CSV export read dictionaries: building ~12 model instances per partnership
# (organisations, counties, countries, categories, components) made a 20,000-row export take
# 40 s; plain values take a fraction of that and little memory per chunk.

RELATED_FIELDS = {
    "swedish_name": "swedish_organisation__name",
    "swedish_code": "swedish_organisation__code",
    "swedish_type": "swedish_organisation__type",
    "swedish_county": "swedish_organisation__county__code",
    "partner_name": "partner_organisation__name",
    "partner_type": "partner_organisation__type",
    "partner_city": "partner_organisation__city",
    "country_code": "partner_organisation__country__code",
    "country_name_sv": "partner_organisation__country__name_sv",
    "country_name_en": "partner_organisation__country__name_en",
    "country_cluster": "partner_organisation__country__cluster",
}


def record_rows(partnerships: QuerySet[Partnership]) -> QuerySet[dict[str, Any]]:
    """The flat columns of each partnership and its relations (as JoinedRows texts), in the
    queryset's order: one query. Slice or iterate it and pass the rows to `with_relations`."""
    through = Partnership.additional_swedish_organisations.through.objects
    partners_through = Partnership.additional_partner_organisations.through.objects
    relations = {
        "category_rows": _per_partnership(
            Partnership.categories.through.objects,
            JoinedRows(
                "subjectcategory__slug",
                "subjectcategory__name_sv",
                "subjectcategory__name_en",
                ordering=["subjectcategory__name_sv", "subjectcategory__pk"],
            ),
        ),
        "component_rows": _per_partnership(
            ComponentHistory.objects,
            JoinedRows(
                "component", "start_year", "end_year", "granted", ordering=["start_year", "pk"]
            ),
        ),
        "further_swedish_rows": _per_partnership(
            through,
            JoinedRows(
                "swedishorganisation__name",
                "swedishorganisation__code",
                "swedishorganisation__type",
                "swedishorganisation__county__code",
                ordering=["swedishorganisation__name", "swedishorganisation__pk"],
            ),
        ),
        "further_partner_rows": _per_partnership(
            partners_through,
            JoinedRows(
                "partnerorganisation__name",
                "partnerorganisation__type",
                "partnerorganisation__city",
                "partnerorganisation__country__code",
                ordering=["partnerorganisation__name", "partnerorganisation__pk"],
            ),
        ),
    }
    return _flat_values(
        partnerships,
        **{alias: F(lookup) for alias, lookup in RELATED_FIELDS.items()},
        **relations,
    )


def with_relations(rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Open-data records for `rows` of `record_rows`: no query (the relations came with the
    rows)."""
    return [
        {
            "id": row["id"],
            "swedish_organisation": _swedish_record(
                row["swedish_name"], row["swedish_code"], row["swedish_type"], row["swedish_county"]
            ),
            "partner_organisation": _partner_record(
                row["partner_name"], row["partner_type"], row["partner_city"], row["country_code"]
            ),
            "additional_swedish_organisations": [
                _swedish_record(*values)
                for values in joined_rows(row["further_swedish_rows"], ordering=2)
            ],
            "additional_partner_organisations": [
                _partner_record(*values)
                for values in joined_rows(row["further_partner_rows"], ordering=2)
            ],
            "country": {
                "code": row["country_code"],
                "name_sv": row["country_name_sv"],
                "name_en": row["country_name_en"],
                "cluster": row["country_cluster"] or None,
            },
            "categories": [
                {"slug": slug, "name_sv": name_sv, "name_en": name_en}
                for slug, name_sv, name_en in joined_rows(row["category_rows"], ordering=2)
            ],
            "components": [
                {
                    "component": component,
                    "start_year": start,
                    "end_year": end,
                    "granted": bool(granted),  # SQLite's JSON has 0 and 1
                }
                for component, start, end, granted in joined_rows(row["component_rows"], ordering=2)
            ],
            "start_year": row["start_year"],
            "end_year": row["end_year"],
            "status": row["status"],
        }
        for row in rows
    ]


def records(partnerships: QuerySet[Partnership], *, chunk_size: int) -> Iterator[dict[str, Any]]:
    """Every record of `partnerships`, read `chunk_size` rows at a time: flat memory."""
    rows = record_rows(partnerships).iterator(chunk_size=chunk_size)
    while chunk := list(islice(rows, chunk_size)):
        yield from with_relations(chunk)


def _swedish_record(name: str, code: str, type_: str, county_code: str) -> dict[str, Any]:
    return {"name": name, "code": code or None, "type": type_, "county_code": county_code}


def _partner_record(name: str, type_: str, city: str, country_code: str) -> dict[str, Any]:
    return {"name": name, "type": type_, "city": city, "country": country_code}


def is_signatory(user, organisation_id: int) -> bool:
    """Whether `user` is an approved, authorised signatory of the Swedish organisation."""
    return (
        user.is_authenticated
        and Membership.objects.filter(
            user=user,
            organisation_id=organisation_id,
            status=MembershipStatus.APPROVED,
            is_signatory=True,
        ).exists()
    )
