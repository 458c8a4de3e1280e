"""Free-text search over partnerships: the denormalised `Partnership.search_text` column.

The column holds the names a visitor may type (both organisations, the city, the country in
Swedish and English, the description), lower-cased and without accents, so that "Goteborg"
finds "Göteborg" with a plain `LIKE '%goteborg%'` on every database. On PostgreSQL a pg_trgm
GIN index (migration 0002) serves that LIKE; SQLite scans, which is fine for development.

Typos are forgiven on names only: `Partnership.search_names` holds the organisations' names
and the partners' cities, normalised alike, and on PostgreSQL a query also finds the
partnerships whose names are close to it by pg_trgm's word similarity ("Götebrog" finds
Göteborg), closest first, when its words match no partnership as they are (`fuzzy_filter`). The threshold is pg_trgm's
`word_similarity_threshold`, set per connection in the settings; a pg_trgm GIN index on the
column (migration 0003) serves the `%>` operator. SQLite has no pg_trgm and keeps the plain
search, which already ignores case and accents ("Vasteras" finds Västerås).

Anything that writes partnerships in bulk (`bulk_create`, `update`) bypasses `save()` and must
call `refresh_search_text(...)` afterwards.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import BooleanField, Exists, F, FloatField, Func, Q, QuerySet, Value

from .data_version import bump_data_version

if TYPE_CHECKING:
    from .models import Partnership

# A query of more terms than this is noise, and every term is one more LIKE.
MAX_TERMS = 10
REFRESH_CHUNK_SIZE = 2000


def normalise_search_text(text: str) -> str:
    """Lower-case, strip accents (ö → o, é → e) and collapse whitespace.

    Applied to the stored column and to the query alike, so both sides compare equal.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(stripped.casefold().split())


def search_terms(query: str) -> list[str]:
    """The normalised, distinct terms of a query; every one of them must match."""
    terms = dict.fromkeys(normalise_search_text(query).split())  # keeps order, drops repeats
    return list(terms)[:MAX_TERMS]


def search_names(partnership: Partnership, *, with_additional: bool = True) -> str:
    """The names a visitor may misspell: every organisation's name and short name and the
    partners' cities, normalised as the query is."""
    swedish = [partnership.swedish_organisation]
    partners = [partnership.partner_organisation]
    if with_additional:
        swedish += list(partnership.additional_swedish_organisations.all())
        partners += list(partnership.additional_partner_organisations.all())
    parts = [name for o in swedish for name in (o.name, o.short_name)]
    parts += [name for o in partners for name in (o.name, o.city)]
    return normalise_search_text(" ".join(dict.fromkeys(part for part in parts if part)))


def fill_search_fields(partnership: Partnership, *, with_additional: bool = True) -> None:
    """Set both search columns of one partnership (not saved)."""
    partnership.search_text = build_search_text(partnership, with_additional=with_additional)
    partnership.search_names = search_names(partnership, with_additional=with_additional)


def fuzzy_available() -> bool:
    return connection.vendor == "postgresql"


class WordSimilar(Func):
    """`column %> 'query'`: pg_trgm's word similarity of the query to some run of words in the
    column is above the threshold; served by the column's trigram index."""

    arg_joiner = " %%> "
    template = "(%(expressions)s)"
    output_field = BooleanField()


class WordSimilarity(Func):
    function = "word_similarity"
    output_field = FloatField()


def fuzzy_filter(queryset: QuerySet[Partnership], query: str) -> QuerySet[Partnership]:
    """Every term in the search text; on PostgreSQL, when no partnership has them all, the
    partnerships whose names are close to the query. The closest names first, then newest
    first; callers that page by a key re-order."""
    terms = search_terms(query)
    if not terms:
        return queryset
    plain = Q()
    for term in terms:
        plain &= Q(search_text__contains=term)
    if not fuzzy_available():
        return queryset.filter(plain)
    text = Value(" ".join(terms))
    # Names close to the query count only when its words match no partnership at all: a
    # query that matches keeps meaning "every word", and a typo still finds something. Both
    # conditions stay index scans; the EXISTS is evaluated once for the query.
    words_match_somewhere = Exists(queryset.model.objects.filter(plain))
    return (
        queryset.filter(
            (plain & words_match_somewhere)
            | (WordSimilar(F("search_names"), text) & ~words_match_somewhere)
        )
        .annotate(name_similarity=WordSimilarity(text, F("search_names")))
        .order_by("-name_similarity", "-start_year", "pk")
    )


def build_search_text(partnership: Partnership, *, with_additional: bool = True) -> str:
    """The search text of one partnership from its (ideally prefetched) relations.

    `with_additional=False` is for a partnership not saved yet: it has no many-to-many rows.
    """
    swedish = [partnership.swedish_organisation]
    partners = [partnership.partner_organisation]
    if with_additional:
        swedish += list(partnership.additional_swedish_organisations.all())
        partners += list(partnership.additional_partner_organisations.all())
    parts: list[str] = []
    for organisation in swedish:
        parts += [organisation.name, organisation.short_name, organisation.code]
    for organisation in partners:
        country = organisation.country
        parts += [organisation.name, organisation.city, country.name_sv, country.name_en]
    parts.append(partnership.description)
    return normalise_search_text(" ".join(dict.fromkeys(part for part in parts if part)))


def refresh_search_text(partnerships: QuerySet[Partnership]) -> int:
    """Recompute `search_text` of the given partnerships in bulk; return how many changed.

    A fixed number of queries per chunk of 2,000 rows (one select, three prefetches, one
    batched update), so 20,000 rows take a few dozen queries, not 20,000.
    """
    queryset = partnerships.select_related(
        "swedish_organisation", "partner_organisation__country"
    ).prefetch_related(
        "additional_swedish_organisations", "additional_partner_organisations__country"
    )
    changed: list[Partnership] = []
    count = 0
    for partnership in queryset.order_by().iterator(chunk_size=REFRESH_CHUNK_SIZE):
        before = (partnership.search_text, partnership.search_names)
        fill_search_fields(partnership)
        if (partnership.search_text, partnership.search_names) != before:
            changed.append(partnership)
        if len(changed) >= REFRESH_CHUNK_SIZE:
            count += _save_search_text(partnerships.model, changed)
            changed = []
    count += _save_search_text(partnerships.model, changed)
    if count:
        bump_data_version()
    return count


def _save_search_text(model: type[Partnership], changed: Iterable[Partnership]) -> int:
    rows = list(changed)
    if rows:
        model.objects.bulk_update(rows, ["search_text", "search_names"], batch_size=500)
    return len(rows)
