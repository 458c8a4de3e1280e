"""Loads the reference data in `partnerships/data/`: counties, municipalities, regions,
countries, subject categories and the core democratic areas.

Only what is missing is added, so loading twice changes nothing and staff's later edits
(a country's status or cluster, say) survive every load.
"""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path
from statistics import mean

from django.db import transaction

from .data_version import bump_data_version
from .models import (
    Country,
    County,
    DemocraticArea,
    SubjectCategory,
    SwedishOrganisation,
    SwedishOrganisationType,
)

DATA_DIR = Path(__file__).resolve().parent / "data"

# Names an earlier list misspelt, by code: (wrong, right). A name ending in -s, -x or -z takes
# no extra genitive s, and Falun's municipality is "Falu kommun" (SCB, SKR). Loading renames a
# row that still has the wrong name, and only then, so a name staff changed stays theirs.
CORRECTED_NAMES = {
    "0880": ("Kalmars kommun", "Kalmar kommun"),
    "2080": ("Faluns kommun", "Falu kommun"),
    "2513": ("Överkalixs kommun", "Överkalix kommun"),
    "2514": ("Kalixs kommun", "Kalix kommun"),
}
GEO_DIR = Path(__file__).resolve().parent / "static" / "partnerships" / "geo"


def read_csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def municipality_points() -> dict[str, tuple[float, float]]:
    """Municipality code -> (latitude, longitude) of a point inside it, for map markers."""
    features = json.loads((GEO_DIR / "municipalities.geojson").read_text(encoding="utf-8"))
    return {
        f["properties"]["id"]: tuple(f["properties"]["geo_point_2d"]) for f in features["features"]
    }


def _add_missing(model, rows: list[dict], key: str) -> int:
    existing = set(model.objects.values_list(key, flat=True))
    new = [model(**row) for row in rows if row[key] not in existing]
    model.objects.bulk_create(new)
    return len(new)


@transaction.atomic
def load_reference_data() -> dict[str, int]:
    """Add the missing reference rows; return how many of each kind were added."""
    added = {}
    added["counties"] = _add_missing(
        County,
        [{"code": r["county_code"], "name": r["county_name"]} for r in read_csv("counties.csv")],
        "code",
    )
    counties = {c.code: c for c in County.objects.all()}
    points = municipality_points()

    municipalities = read_csv("municipalities.csv")
    existing = set(
        SwedishOrganisation.objects.filter(type=SwedishOrganisationType.MUNICIPALITY).values_list(
            "code", flat=True
        )
    )
    new = []
    for row in municipalities:
        if row["municipality_code"] in existing:
            continue
        latitude, longitude = points.get(row["municipality_code"], (None, None))
        new.append(
            SwedishOrganisation(
                name=row["municipality_name"],
                short_name=row["municipality_name_short"],
                type=SwedishOrganisationType.MUNICIPALITY,
                code=row["municipality_code"],
                county=counties[row["county_code"]],
                latitude=latitude,
                longitude=longitude,
            )
        )
    SwedishOrganisation.objects.bulk_create(new)
    added["municipalities"] = len(new)
    added["renamed"] = sum(
        SwedishOrganisation.objects.filter(
            type=SwedishOrganisationType.MUNICIPALITY, code=code, name=wrong
        ).update(name=right)
        for code, (wrong, right) in CORRECTED_NAMES.items()
    )

    # A region's marker sits at the mean of its municipalities' points.
    county_points = defaultdict(list)
    for row in municipalities:
        if row["municipality_code"] in points:
            county_points[row["county_code"]].append(points[row["municipality_code"]])
    existing = set(
        SwedishOrganisation.objects.filter(type=SwedishOrganisationType.REGION).values_list(
            "code", flat=True
        )
    )
    new = [
        SwedishOrganisation(
            name=row["name"],
            short_name=row["short_name"],
            type=SwedishOrganisationType.REGION,
            code=row["county_code"],
            county=counties[row["county_code"]],
            latitude=mean(p[0] for p in county_points[row["county_code"]]),
            longitude=mean(p[1] for p in county_points[row["county_code"]]),
        )
        for row in read_csv("regions.csv")
        if row["county_code"] not in existing
    ]
    SwedishOrganisation.objects.bulk_create(new)
    added["regions"] = len(new)

    added["countries"] = _add_missing(Country, read_csv("countries.csv"), "code")
    added["categories"] = _add_missing(SubjectCategory, read_csv("categories.csv"), "slug")
    added["democratic_areas"] = _add_missing(
        DemocraticArea, read_csv("democratic_areas.csv"), "slug"
    )
    if any(added.values()):
        # Bulk writes send no signal: the public pages' choices and precomputed pages follow.
        bump_data_version()
    return added
