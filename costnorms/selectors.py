"""Reading the norms in force on a day into the plain `norms.Norms` the pure functions take."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db import models

from partnerships.models import Country

from .models import ComponentCeiling, CountryRate, LanguageFee, TravelBand
from .norms import SWEDEN, Norms, Rate


def _latest(rows, day: datetime.date, key) -> dict[str, models.Model]:
    """{key: the row with the latest valid_from on or before `day`} of rows in valid_from
    order. The tables are small (a row per country and change), so the choice is made here,
    the same on SQLite and PostgreSQL."""
    chosen: dict[str, models.Model] = {}
    for row in rows:
        if row.valid_from <= day:
            chosen[key(row)] = row  # later rows replace earlier ones
    return chosen


def _in_force(queryset: models.QuerySet, day: datetime.date, key) -> dict[str, models.Model]:
    """The rows of `queryset` in force on `day` by key, in one query."""
    return _latest(queryset.filter(valid_from__lte=day).order_by("valid_from"), day, key)


def _place(row) -> str:
    return row.country.code if row.country_id else SWEDEN


def _rate(row, amount: int) -> Rate:
    return Rate(amount_sek=amount, valid_from=row.valid_from, source=row.source)


def norms_on(day: datetime.date) -> Norms:
    """The norms in force on `day`, read in five queries whatever their number."""
    rates = _in_force(CountryRate.objects.select_related("country"), day, _place)
    bands = _in_force(
        TravelBand.objects.select_related("country"), day, lambda b: (b.route, _place(b))
    )
    fees = _in_force(LanguageFee.objects.all(), day, lambda f: f.service)
    ceilings = _in_force(ComponentCeiling.objects.all(), day, lambda c: c.component)
    names = {
        c.code: (c.name_sv, c.name_en) for c in Country.objects.only("code", "name_sv", "name_en")
    }
    return Norms(
        day=day,
        per_diem={place: _rate(r, r.per_diem_sek) for place, r in rates.items()},
        accommodation={place: _rate(r, r.accommodation_sek) for place, r in rates.items()},
        international={
            place: _rate(b, b.amount_sek)
            for (route, place), b in bands.items()
            if route == TravelBand.Route.INTERNATIONAL
        },
        domestic={
            place: _rate(b, b.amount_sek)
            for (route, place), b in bands.items()
            if route == TravelBand.Route.DOMESTIC
        },
        fees={service: _rate(f, f.amount_sek) for service, f in fees.items()},
        ceilings={component: _rate(c, c.ceiling_sek) for component, c in ceilings.items()},
        place_names=names,
    )


def ceilings_in_force() -> Callable[[datetime.date, str], Rate | None]:
    """The ceiling in force for a component on a day, the table read once: for judging many
    applications, each on its own day (applications.findings), in one query."""
    rows = list(ComponentCeiling.objects.order_by("valid_from"))

    def ceiling(day: datetime.date, component: str) -> Rate | None:
        row = _latest(rows, day, lambda c: c.component).get(component)
        return _rate(row, row.ceiling_sek) if row else None

    return ceiling
