"""Staff keep the norms in the admin: officers read them, ICLD-normansvariga change them, and a
norm in force is replaced by a new row, never edited."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from core.staff import STAFF_GROUP, ensure_staff_group
from costnorms.models import CountryRate, LanguageFee
from tests.factories import make_coordinator, make_staff

pytestmark = pytest.mark.django_db
KEEPERS = "ICLD-normansvariga"


def staff_in(*groups: str):
    user = make_staff(username="-".join(groups), is_superuser=False)
    ensure_staff_group()
    user.groups.add(*Group.objects.filter(name__in=groups))
    return user


@pytest.fixture
def officer(db):
    return staff_in(STAFF_GROUP)


@pytest.fixture
def keeper(db):
    return staff_in(STAFF_GROUP, KEEPERS)


def fee_form(valid_from: datetime.date, amount: int = 6_500) -> dict:
    return {
        "service": "interpreter_day",
        "amount_sek": str(amount),
        "valid_from": valid_from.isoformat(),
        "source": "ICLD:s beslut",
    }


def in_force_fee() -> LanguageFee:
    return LanguageFee.objects.create(
        service="interpreter_day", amount_sek=6_000, valid_from=datetime.date(2026, 1, 1)
    )


def test_an_officer_reads_the_norms_but_cannot_change_them(client, officer):
    fee = in_force_fee()
    client.force_login(officer)
    listed = client.get(reverse("admin:costnorms_languagefee_changelist"))
    assert listed.status_code == 200
    assert "6\xa0000\xa0kr</td>" in listed.text  # the fee as money (core.money), not 6000
    assert client.get(reverse("admin:costnorms_languagefee_add")).status_code == 403
    today = timezone.localdate()
    response = client.post(reverse("admin:costnorms_languagefee_add"), fee_form(today))
    assert response.status_code == 403
    assert list(LanguageFee.objects.all()) == [fee]


def test_a_norm_keeper_adds_a_norm_from_today_and_it_is_in_the_history(client, keeper):
    client.force_login(keeper)
    today = timezone.localdate()
    response = client.post(reverse("admin:costnorms_languagefee_add"), fee_form(today))
    assert response.status_code == 302
    fee = LanguageFee.objects.get()
    assert (fee.amount_sek, fee.valid_from) == (6_500, today)
    assert fee.history.get().history_user == keeper


def test_a_norm_cannot_be_backdated(client, keeper):
    client.force_login(keeper)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = client.post(reverse("admin:costnorms_languagefee_add"), fee_form(yesterday))
    assert response.status_code == 200
    assert (
        "today at the earliest" in response.content.decode()
        or "tidigast" in response.content.decode()
    )
    assert not LanguageFee.objects.exists()


def test_a_norm_in_force_is_read_only_and_cannot_be_deleted(client, keeper):
    fee = in_force_fee()
    client.force_login(keeper)
    change = reverse("admin:costnorms_languagefee_change", args=[fee.pk])
    response = client.post(change, fee_form(timezone.localdate(), amount=1))
    assert response.status_code == 403
    assert (
        client.post(
            reverse("admin:costnorms_languagefee_delete", args=[fee.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    fee.refresh_from_db()
    assert fee.amount_sek == 6_000


def test_a_norm_in_force_is_changed_by_saving_it_as_new_from_today(client, keeper):
    fee = in_force_fee()
    client.force_login(keeper)
    # "Save as new" posts the change form as an add.
    response = client.post(
        reverse("admin:costnorms_languagefee_add"), fee_form(timezone.localdate(), amount=7_000)
    )
    assert response.status_code == 302
    assert sorted(LanguageFee.objects.values_list("amount_sek", flat=True)) == [6_000, 7_000]
    fee.refresh_from_db()
    assert fee.amount_sek == 6_000


def test_a_future_norm_can_still_be_corrected(client, keeper):
    later = timezone.localdate() + datetime.timedelta(days=30)
    rate = CountryRate.objects.create(
        country=None, valid_from=later, per_diem_sek=1, accommodation_sek=1
    )
    client.force_login(keeper)
    response = client.post(
        reverse("admin:costnorms_countryrate_change", args=[rate.pk]),
        {
            "country": "",
            "per_diem_sek": "350",
            "accommodation_sek": "1500",
            "valid_from": later.isoformat(),
            "source": "",
        },
    )
    assert response.status_code == 302
    rate.refresh_from_db()
    assert rate.per_diem_sek == 350


@pytest.mark.parametrize("model", ["countryrate", "travelband", "languagefee", "componentceiling"])
def test_coordinators_and_anonymous_visitors_never_see_the_norms_admin(client, model):
    url = reverse(f"admin:costnorms_{model}_changelist")
    assert client.get(url).status_code == 302  # to the login
    client.force_login(make_coordinator())
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
