"""Which norm is in force on a day: per key the latest valid_from on or before it."""

import datetime
import io

import pytest

from costnorms.examples import EXAMPLE_LABEL, load_example_norms
from costnorms.models import ComponentCeiling, CountryRate, LanguageFee, TravelBand
from costnorms.selectors import norms_on
from partnerships.models import Country

pytestmark = pytest.mark.django_db


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def test_the_norm_in_force_is_the_latest_from_on_or_before_the_day():
    kenya = Country.objects.get(code="KE")
    for valid_from, per_diem in [("2025-01-01", 900), ("2026-01-01", 1_200), ("2027-01-01", 1_500)]:
        CountryRate.objects.create(
            country=kenya, valid_from=day(valid_from), per_diem_sek=per_diem, accommodation_sek=1
        )
    assert "KE" not in norms_on(day("2024-12-31")).per_diem
    assert norms_on(day("2025-06-30")).per_diem["KE"].amount_sek == 900
    assert norms_on(day("2026-01-01")).per_diem["KE"].amount_sek == 1_200
    assert norms_on(day("2026-12-31")).per_diem["KE"].valid_from == day("2026-01-01")
    assert norms_on(day("2027-01-01")).per_diem["KE"].amount_sek == 1_500


def test_each_country_and_table_has_its_own_versions():
    kenya, uganda = Country.objects.get(code="KE"), Country.objects.get(code="UG")
    CountryRate.objects.create(
        country=kenya, valid_from=day("2026-01-01"), per_diem_sek=1, accommodation_sek=2
    )
    CountryRate.objects.create(
        country=uganda, valid_from=day("2026-06-01"), per_diem_sek=3, accommodation_sek=4
    )
    CountryRate.objects.create(
        country=None, valid_from=day("2026-02-01"), per_diem_sek=5, accommodation_sek=6
    )
    TravelBand.objects.create(
        route="international", country=kenya, valid_from=day("2026-01-01"), amount_sek=7
    )
    TravelBand.objects.create(
        route="domestic", country=None, valid_from=day("2026-01-01"), amount_sek=8
    )
    LanguageFee.objects.create(
        service="interpreter_day", valid_from=day("2026-01-01"), amount_sek=9
    )
    ComponentCeiling.objects.create(
        component="forberedelse", valid_from=day("2026-01-01"), ceiling_sek=10
    )
    norms = norms_on(day("2026-03-01"))
    assert {k: r.amount_sek for k, r in norms.per_diem.items()} == {"KE": 1, "SE": 5}
    assert {k: r.amount_sek for k, r in norms.accommodation.items()} == {"KE": 2, "SE": 6}
    assert {k: r.amount_sek for k, r in norms.international.items()} == {"KE": 7}
    assert {k: r.amount_sek for k, r in norms.domestic.items()} == {"SE": 8}
    assert norms.fees["interpreter_day"].amount_sek == 9
    assert norms.ceiling("forberedelse").amount_sek == 10
    assert norms.ceiling("breddning") is None
    assert norms.place_names["KE"] == ("Kenya", "Kenya")


def test_reading_the_norms_costs_five_queries_however_many_there_are(django_assert_num_queries):
    load_example_norms()
    with django_assert_num_queries(5):
        norms = norms_on(day("2026-06-01"))
    assert len(norms.per_diem) > 10


def test_a_day_has_one_norm_per_country():
    from django.db import IntegrityError, transaction

    CountryRate.objects.create(
        country=None, valid_from=day("2026-01-01"), per_diem_sek=1, accommodation_sek=1
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        CountryRate.objects.create(
            country=None, valid_from=day("2026-01-01"), per_diem_sek=2, accommodation_sek=2
        )


def test_a_journey_abroad_names_its_country():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        TravelBand.objects.create(
            route="international", country=None, valid_from=day("2026-01-01"), amount_sek=1
        )


def test_the_examples_are_labelled_as_examples_and_loaded_once():
    added = load_example_norms()
    assert added > 0
    for model in (CountryRate, TravelBand, LanguageFee, ComponentCeiling):
        assert model.objects.exists()
        assert set(model.objects.values_list("source", flat=True)) == {EXAMPLE_LABEL}
    assert EXAMPLE_LABEL == "Exempelvärden – ICLD fyller i de riktiga"
    # Every country still in the programme gets its norms, former ones none.
    norms = norms_on(day("2026-06-01"))
    assert "KE" in norms.per_diem and "KE" in norms.international and "SE" in norms.per_diem
    assert "TR" not in norms.per_diem  # Turkey has left the programme
    assert set(norms.ceilings) == {"forberedelse", "projekt", "styrgrupp", "breddning", "spridning"}
    assert load_example_norms() == 0


def test_load_reference_data_loads_the_example_norms_and_never_overwrites_staffs():
    from django.core.management import call_command

    CountryRate.objects.create(
        country=None, valid_from=day("2026-01-01"), per_diem_sek=1, accommodation_sek=1
    )
    call_command("load_reference_data", stdout=io.StringIO())
    assert CountryRate.objects.count() == 1
    CountryRate.objects.all().delete()
    call_command("load_reference_data", stdout=io.StringIO())
    assert TravelBand.objects.filter(source=EXAMPLE_LABEL).exists()


def test_a_norm_change_is_in_the_history():
    rate = CountryRate.objects.create(
        country=None, valid_from=day("2026-01-01"), per_diem_sek=1, accommodation_sek=1
    )
    rate.per_diem_sek = 2
    rate.save()
    assert [h.per_diem_sek for h in rate.history.order_by("history_id")] == [1, 2]
