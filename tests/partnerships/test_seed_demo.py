import math
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, Max, Min
from django.test.utils import CaptureQueriesContext

from partnerships.demo import (
    CITIES,
    DEMO_YEAR,
    NAMING,
    PARTNERSHIPS_PER_PARTNER_SEEKING,
    DemoDataExists,
    organisation_pool,
    seed_demo,
)
from partnerships.models import (
    Component,
    ComponentHistory,
    CountryStatus,
    PartnerOrganisation,
    PartnerSeeking,
    Partnership,
    PartnershipStatus,
)
from partnerships.reference_data import read_csv
from partnerships.search import normalise_search_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def development(settings):
    # The command seeds development databases only (it makes a login with a known password).
    settings.DEBUG = True


def fingerprint() -> list[tuple]:
    """What a visitor would see of the demo, independent of primary keys."""
    partnerships = Partnership.objects.order_by("pk").prefetch_related("categories", "components")
    return [
        (
            p.swedish_organisation.name,
            p.partner_organisation.name,
            p.partner_organisation.country.code,
            p.start_year,
            p.end_year,
            p.status,
            p.description,
            sorted(c.slug for c in p.categories.all()),
            [(c.component, c.start_year, c.end_year, c.granted) for c in p.components.all()],
        )
        for p in partnerships.select_related(
            "swedish_organisation", "partner_organisation__country"
        )
    ] + list(
        PartnerSeeking.objects.order_by("pk").values_list(
            "organisation_name", "country__code", "contact_name", "published"
        )
    )


def remove_demo() -> None:
    PartnerSeeking.objects.all().delete()
    Partnership.objects.all().delete()
    PartnerOrganisation.objects.all().delete()


def test_the_same_seed_gives_the_same_data():
    seed_demo(partnerships=120, seed=7)
    first = fingerprint()
    remove_demo()
    seed_demo(partnerships=120, seed=7)
    assert fingerprint() == first


def test_another_seed_gives_other_data():
    seed_demo(partnerships=120, seed=7)
    first = fingerprint()
    remove_demo()
    seed_demo(partnerships=120, seed=8)
    assert fingerprint() != first


def test_it_creates_as_many_partnerships_as_asked_and_reports_every_row():
    added = seed_demo(partnerships=150, seed=1)
    assert Partnership.objects.count() == added["partnerships"] == 150
    assert ComponentHistory.objects.count() == added["components"] >= 150
    assert PartnerOrganisation.objects.count() == added["partner_organisations"] > 0
    seekings = math.ceil(150 / PARTNERSHIPS_PER_PARTNER_SEEKING)
    assert PartnerSeeking.objects.count() == added["partner_seekings"] == seekings
    categories = Partnership.categories.through.objects.count()
    assert categories == added["partnership_categories"]


def test_ended_partnerships_have_an_end_year_and_active_ones_run_on():
    seed_demo(partnerships=200, seed=2)
    ended = Partnership.objects.filter(status=PartnershipStatus.ENDED)
    active = Partnership.objects.filter(status=PartnershipStatus.ACTIVE)
    assert ended.exists() and active.exists()
    assert not ended.filter(end_year__isnull=True).exists()
    assert not ended.filter(end_year__gte=DEMO_YEAR).exists()
    assert not active.filter(end_year__lt=DEMO_YEAR).exists()
    years = Partnership.objects.aggregate(first=Min("start_year"), last=Max("start_year"))
    assert years["first"] >= 2000 and years["last"] <= DEMO_YEAR


def test_countries_take_partnerships_only_while_their_status_allows():
    seed_demo(partnerships=200, seed=3)
    by_status = Partnership.objects.values_list(
        "partner_organisation__country__status", "start_year", "end_year", "status"
    )
    assert {status for status, *_ in by_status} == set(CountryStatus.values)
    for country_status, start, end, status in by_status:
        if country_status == CountryStatus.FORMER:
            assert status == PartnershipStatus.ENDED and end < 2016
        if country_status == CountryStatus.CONTINUING:
            assert start < 2019
        if start >= 2020:
            assert country_status == CountryStatus.CLUSTER


def test_every_partnership_has_one_to_three_categories():
    seed_demo(partnerships=150, seed=4)
    counts = Partnership.objects.annotate(n=Count("categories")).values_list("n", flat=True)
    assert set(counts) <= {1, 2, 3}
    assert len(set(counts)) == 3


def test_components_follow_the_programme_within_the_partnership_years():
    seed_demo(partnerships=200, seed=5)
    for partnership in Partnership.objects.prefetch_related("components"):
        components = list(partnership.components.all())
        first = components[0]
        assert first.component == Component.FORBEREDELSE and first.start_year == first.end_year
        assert partnership.start_year <= first.start_year <= partnership.start_year + 1
        for c in components:
            assert partnership.start_year <= c.start_year <= DEMO_YEAR
            if partnership.end_year is not None:
                assert c.end_year <= partnership.end_year
            if c.component == Component.BREDDNING:
                assert c.start_year == c.end_year
        # Every Projekt has its Styrgrupp for the same years, granted or not.
        projects = [(c.start_year, c.end_year, c.granted) for c in components]
        assert sorted(
            p for c, p in zip(components, projects, strict=True) if c.component == "projekt"
        ) == sorted(
            p for c, p in zip(components, projects, strict=True) if c.component == "styrgrupp"
        )
        assert all(c.end_year - c.start_year <= 2 for c in components)
    assert ComponentHistory.objects.filter(granted=False).exists()
    kinds = set(ComponentHistory.objects.values_list("component", flat=True))
    assert kinds == set(Component.values)


def test_a_few_partnerships_have_a_third_party():
    seed_demo(partnerships=200, seed=6)
    swedish = Partnership.additional_swedish_organisations.through.objects
    partners = Partnership.additional_partner_organisations.through.objects
    assert swedish.exists() and partners.exists()
    assert swedish.count() + partners.count() < 30
    for row in partners.select_related("partnership__partner_organisation", "partnerorganisation"):
        main = row.partnership.partner_organisation
        assert row.partnerorganisation != main
        assert row.partnerorganisation.country_id == main.country_id


def test_partnerships_are_found_by_their_organisations_names():
    seed_demo(partnerships=100, seed=1)
    for p in Partnership.objects.select_related("partner_organisation"):
        assert normalise_search_text(p.partner_organisation.name) in p.search_text
    further = Partnership.additional_partner_organisations.through.objects.select_related(
        "partnership", "partnerorganisation"
    )
    for row in further:
        name = normalise_search_text(row.partnerorganisation.name)
        assert name in row.partnership.search_text


def test_partner_seekings_are_in_cluster_countries_some_unpublished():
    seed_demo(partnerships=200, seed=1)
    seekings = PartnerSeeking.objects.all()
    assert {s.country.status for s in seekings} == {CountryStatus.CLUSTER}
    assert {s.published for s in seekings} == {True, False}
    assert all(s.themes.count() in {1, 2, 3} and s.contact_email for s in seekings)


def test_it_refuses_to_seed_a_database_that_has_partnerships():
    seed_demo(partnerships=50, seed=1)
    with pytest.raises(DemoDataExists):
        seed_demo(partnerships=50, seed=1)
    assert Partnership.objects.count() == 50


def test_a_second_run_of_the_command_adds_nothing():
    call_command("seed_demo", partnerships=60, stdout=StringIO(), stderr=StringIO())
    counts = (Partnership.objects.count(), PartnerOrganisation.objects.count())
    out, err = StringIO(), StringIO()
    call_command("seed_demo", partnerships=60, stdout=out, stderr=err)
    assert "already has 60 partnerships" in out.getvalue()
    assert err.getvalue() == ""  # no progress bar for nothing
    assert (Partnership.objects.count(), PartnerOrganisation.objects.count()) == counts


def test_append_adds_partnerships_and_reuses_partner_organisations():
    call_command("seed_demo", partnerships=60, stdout=StringIO(), stderr=StringIO())
    names = set(PartnerOrganisation.objects.values_list("country_id", "name"))
    call_command(
        "seed_demo", partnerships=60, seed=2, append=True, stdout=StringIO(), stderr=StringIO()
    )
    assert Partnership.objects.count() == 120
    # The unique (country, name) constraint held, and the first run's organisations stayed.
    assert names <= set(PartnerOrganisation.objects.values_list("country_id", "name"))


def test_the_command_shows_progress_and_a_summary():
    out, err = StringIO(), StringIO()
    call_command("seed_demo", partnerships=40, seed=3, stdout=out, stderr=err)
    assert "40/40" in err.getvalue()
    assert "Demo data added: " in out.getvalue() and "40 partnerships" in out.getvalue()


def test_the_number_of_queries_does_not_grow_with_the_rows():
    def queries(partnerships: int) -> int:
        remove_demo()
        with CaptureQueriesContext(connection) as context:
            seed_demo(partnerships=partnerships, seed=1)
        return len(context.captured_queries)

    assert queries(400) <= queries(40) + 2


def test_every_programme_country_has_local_names():
    codes = {row["code"] for row in read_csv("countries.csv")}
    assert codes <= set(NAMING) and codes <= set(CITIES)


def test_partner_organisation_names_stay_unique_however_many_are_needed():
    pool = organisation_pool("KE", 200)
    assert len(pool) >= 200
    assert len({s.name for s in pool}) == len(pool)
    assert "Kisumu City Board – Ward 3" in {s.name for s in pool}
