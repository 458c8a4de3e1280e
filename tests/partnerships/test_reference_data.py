import csv

import pytest

from partnerships.models import (
    Country,
    County,
    DemocraticArea,
    SubjectCategory,
    SwedishOrganisation,
    SwedishOrganisationType,
)
from partnerships.reference_data import CORRECTED_NAMES, DATA_DIR, load_reference_data

pytestmark = pytest.mark.django_db

# DOMAIN.md: the programme's countries, by cluster and status.
EXPECTED = {
    "europe/cluster": {"BA", "XK", "RS", "UA"},
    "east_africa/cluster": {"KE", "TZ", "UG"},
    "latin_america/cluster": {"CO", "GT"},
    "southern_africa/cluster": {"BW", "ZA", "ZM", "ZW"},
    "continuing": {"GE", "MK", "MD", "ID", "CN", "VN", "MZ", "NA"},
    "former": {"TR", "BY", "IN"},
}


def counts() -> tuple[int, ...]:
    return tuple(
        m.objects.count()
        for m in (County, SwedishOrganisation, Country, SubjectCategory, DemocraticArea)
    )


def test_it_loads_290_municipalities_and_21_regions(reference_data):
    orgs = SwedishOrganisation.objects
    assert orgs.filter(type=SwedishOrganisationType.MUNICIPALITY).count() == 290
    assert orgs.filter(type=SwedishOrganisationType.REGION).count() == 21
    assert County.objects.count() == 21
    stockholm = orgs.get(code="0180")
    assert (stockholm.name, stockholm.short_name, stockholm.county.code) == (
        "Stockholms kommun",
        "Stockholm",
        "01",
    )
    assert orgs.get(type=SwedishOrganisationType.REGION, code="14").name == (
        "Västra Götalandsregionen"
    )


def test_every_organisation_has_a_point_inside_sweden(reference_data):
    points = SwedishOrganisation.objects.values_list("latitude", "longitude")
    assert all(55.0 < lat < 69.1 and 10.9 < lon < 24.2 for lat, lon in points)


def test_every_country_of_the_programme_has_its_cluster_and_status(reference_data):
    for key, codes in EXPECTED.items():
        if "/" in key:
            cluster, status = key.split("/")
            found = set(
                Country.objects.filter(cluster=cluster, status=status).values_list(
                    "code", flat=True
                )
            )
        else:
            found = set(Country.objects.filter(status=key).values_list("code", flat=True))
        assert found == codes, key
    assert Country.objects.count() == sum(len(c) for c in EXPECTED.values())
    assert Country.objects.get(code="ZA").name_sv == "Sydafrika"


def test_loading_twice_changes_nothing(reference_data):
    before = counts()
    assert set(load_reference_data().values()) == {0}
    assert counts() == before


def test_a_reload_keeps_what_staff_changed(reference_data):
    Country.objects.filter(code="KE").update(status="continuing", name_sv="Republiken Kenya")
    load_reference_data()
    kenya = Country.objects.get(code="KE")
    assert (kenya.status, kenya.name_sv) == ("continuing", "Republiken Kenya")


def test_a_reload_restores_what_is_missing(reference_data):
    SwedishOrganisation.objects.filter(code="0180").delete()
    assert load_reference_data()["municipalities"] == 1
    assert SwedishOrganisation.objects.filter(code="0180").exists()


def test_codes_keep_their_leading_zeros(reference_data):
    with (DATA_DIR / "municipalities.csv").open(encoding="utf-8") as f:
        codes = {row["municipality_code"] for row in csv.DictReader(f)}
    stored = set(
        SwedishOrganisation.objects.filter(type=SwedishOrganisationType.MUNICIPALITY).values_list(
            "code", flat=True
        )
    )
    assert stored == codes
    assert "0114" in stored


# The shared list next to the checkout (../shared from /work/main, ../../shared from a worktree).
_ROOT = DATA_DIR.parents[1]
SHARED_MUNICIPALITIES = next(
    (
        p / "shared" / "data" / "se" / "municipalities.csv"
        for p in (_ROOT.parent, _ROOT.parent.parent)
        if (p / "shared" / "data" / "se" / "municipalities.csv").exists()
    ),
    _ROOT.parent / "shared" / "data" / "se" / "municipalities.csv",
)


def read_rows(path) -> dict[str, dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return {row["municipality_code"]: row for row in csv.DictReader(f)}


@pytest.mark.skipif(not SHARED_MUNICIPALITIES.exists(), reason="the shared data are not here")
def test_the_municipalities_are_the_shared_list_with_the_genitives_corrected():
    ours = read_rows(DATA_DIR / "municipalities.csv")
    shared = read_rows(SHARED_MUNICIPALITIES)
    assert ours.keys() == shared.keys() and len(ours) == 290
    for code, row in ours.items():
        expected = dict(shared[code])
        if code in CORRECTED_NAMES:
            wrong, right = CORRECTED_NAMES[code]
            assert expected["municipality_name"] == wrong
            expected["municipality_name"] = right
            assert expected["municipality_name"].startswith(row["municipality_name_short"][:4])
        assert row == expected, code


def test_no_municipality_name_doubles_its_genitive():
    names = [
        row["municipality_name"] for row in read_rows(DATA_DIR / "municipalities.csv").values()
    ]
    assert not [n for n in names if n.endswith(("ss kommun", "xs kommun", "zs kommun"))]
    assert "Kalmars kommun" not in names and "Faluns kommun" not in names


def test_loading_corrects_a_misspelt_name_left_from_an_earlier_load():
    load_reference_data()
    SwedishOrganisation.objects.filter(code="2514").update(name="Kalixs kommun")
    load_reference_data()
    assert SwedishOrganisation.objects.get(code="2514").name == "Kalix kommun"
