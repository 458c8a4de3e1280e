"""The in-portal signer: a signature needs the password given again, not just a login."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse

from agreements.signing import PasswordSigner, SigningRefused, get_signer
from tests.factories import make_coordinator

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"


@pytest.fixture
def signatory(client):
    user = make_coordinator()
    user.set_password(PASSWORD)
    user.save()
    client.force_login(user)
    return user


def request_of(client, user):
    request = RequestFactory().get("/")
    request.user = user
    request.session = client.session
    return request


def test_a_fresh_login_is_not_enough_the_signer_asks_for_the_password(client, signatory):
    step = PasswordSigner().begin(request=request_of(client, signatory), return_to="/avtal/1/")

    assert not step.ready
    assert step.redirect_to.startswith(reverse("account_reauthenticate"))
    assert "next=%2Favtal%2F1%2F" in step.redirect_to
    with pytest.raises(SigningRefused):
        PasswordSigner().complete(request=request_of(client, signatory))


def test_after_the_password_the_signature_is_completed_with_evidence(client, signatory):
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})

    request = request_of(client, signatory)
    assert PasswordSigner().begin(request=request, return_to="/").ready
    evidence = PasswordSigner().complete(request=request)

    assert evidence.method == "password"
    assert evidence.signed_at is not None


def test_a_wrong_password_does_not_sign(client, signatory):
    client.post(reverse("account_reauthenticate"), {"password": "fel"})

    with pytest.raises(SigningRefused):
        PasswordSigner().complete(request=request_of(client, signatory))


def test_the_password_counts_only_for_a_while(client, signatory, settings):
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    settings.AGREEMENT_SIGNING_REAUTH_SECONDS = 0

    with pytest.raises(SigningRefused):
        PasswordSigner().complete(request=request_of(client, signatory))


def test_the_portal_signs_with_the_password_signer():
    assert isinstance(get_signer(), PasswordSigner)
