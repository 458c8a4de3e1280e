"""Example cost norms, so that a new portal computes budgets at once. They are NOT ICLD's
figures: every row says so in its source, and ICLD enters the real tables in the admin (a row
with a later `valid_from` replaces an example from that day)."""

from __future__ import annotations

import datetime

from django.db import transaction

from partnerships.models import Cluster, Country, CountryStatus

from .models import ComponentCeiling, CountryRate, LanguageFee, TravelBand

EXAMPLE_LABEL = "Exempelvärden – ICLD fyller i de riktiga"
EXAMPLE_FROM = datetime.date(2026, 1, 1)

# (per diem per day, accommodation per night, journey Sweden ↔ country, domestic travel), SEK.
BY_CLUSTER = {
    Cluster.EUROPE: (500, 1_200, 6_000, 800),
    Cluster.EAST_AFRICA: (600, 1_400, 10_000, 1_000),
    Cluster.LATIN_AMERICA: (600, 1_500, 14_000, 1_000),
    Cluster.SOUTHERN_AFRICA: (600, 1_400, 12_000, 1_000),
}
OUTSIDE_CLUSTERS = (600, 1_400, 12_000, 1_000)  # continuing countries
SWEDEN = (300, 1_500, None, 1_500)
FEES = {
    LanguageFee.Service.INTERPRETER_DAY: 6_000,
    LanguageFee.Service.INTERPRETER_HALF_DAY: 3_500,
    LanguageFee.Service.TRANSLATION_PAGE: 700,
}
CEILINGS = {
    "forberedelse": 200_000,
    "projekt": 800_000,
    "styrgrupp": 300_000,
    "breddning": 250_000,
    "spridning": 500_000,
}


@transaction.atomic
def load_example_norms() -> int:
    """The example norms for every country not yet left the programme, unless staff already
    keep norms (their tables are never overwritten). Returns the rows added."""
    if any(
        model.objects.exists() for model in (CountryRate, TravelBand, LanguageFee, ComponentCeiling)
    ):
        return 0
    common = {"valid_from": EXAMPLE_FROM, "source": EXAMPLE_LABEL}
    rates, bands = [], []
    places = [(None, SWEDEN)] + [
        (country, BY_CLUSTER.get(country.cluster, OUTSIDE_CLUSTERS))
        for country in Country.objects.exclude(status=CountryStatus.FORMER).order_by("code")
    ]
    for country, (per_diem, accommodation, journey, domestic) in places:
        rates.append(
            CountryRate(
                country=country, per_diem_sek=per_diem, accommodation_sek=accommodation, **common
            )
        )
        bands.append(
            TravelBand(
                route=TravelBand.Route.DOMESTIC, country=country, amount_sek=domestic, **common
            )
        )
        if journey is not None:
            bands.append(
                TravelBand(
                    route=TravelBand.Route.INTERNATIONAL,
                    country=country,
                    amount_sek=journey,
                    **common,
                )
            )
    fees = [LanguageFee(service=s, amount_sek=a, **common) for s, a in FEES.items()]
    ceilings = [ComponentCeiling(component=c, ceiling_sek=a, **common) for c, a in CEILINGS.items()]
    # Saved one by one: the history (audit app) records each row's creation.
    rows = [*rates, *bands, *fees, *ceilings]
    for row in rows:
        row.save()
    return len(rows)
