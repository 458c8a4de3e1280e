"""Changing the e-mail address and adding or removing a second factor need the password again."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def user():
    """A coordinator whose login was longer ago than the reauthentication window."""
    user = UserFactory(email="karin@testkoping.se")
    user.set_password(PASSWORD)
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def reauthenticate(client, password: str = PASSWORD):
    return client.post(reverse("account_reauthenticate"), {"password": password})


def add_email(client):
    return client.post(
        reverse("account_email"), {"action_add": "", "email": "karin.ny@testkoping.se"}
    )


def test_adding_an_email_address_asks_for_the_password_first(client, user):
    client.force_login(user)  # no recent password in this session

    response = add_email(client)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not EmailAddress.objects.filter(email="karin.ny@testkoping.se").exists()


def test_with_the_password_given_again_the_address_is_added(client, user):
    client.force_login(user)
    assert reauthenticate(client).status_code == 302

    add_email(client)

    assert EmailAddress.objects.filter(user=user, email="karin.ny@testkoping.se").exists()


def test_a_wrong_password_does_not_unlock_the_change(client, user):
    client.force_login(user)
    response = reauthenticate(client, "fel lösenord")

    assert response.status_code == 200  # the form again, with its error
    assert add_email(client)["Location"].startswith(reverse("account_reauthenticate"))
    assert not EmailAddress.objects.filter(email="karin.ny@testkoping.se").exists()


def test_changing_the_primary_address_or_removing_one_asks_for_the_password(client, user):
    other = EmailAddress.objects.create(user=user, email="karin2@testkoping.se", verified=True)
    client.force_login(user)

    for action in ("action_primary", "action_remove"):
        response = client.post(reverse("account_email"), {action: "", "email": other.email})
        assert response["Location"].startswith(reverse("account_reauthenticate")), action
    assert EmailAddress.objects.get(user=user, primary=True).email == user.email
    assert EmailAddress.objects.filter(pk=other.pk).exists()


def test_setting_up_an_authenticator_asks_for_the_password_first(client, user):
    client.force_login(user)

    response = client.get(reverse("mfa_activate_totp"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    reauthenticate(client)
    assert client.get(reverse("mfa_activate_totp")).status_code == 200


def test_removing_an_authenticator_asks_for_the_password_first(client, user):
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)

    response = client.post(reverse("mfa_deactivate_totp"))

    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
