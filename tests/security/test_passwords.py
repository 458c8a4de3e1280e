"""Passwords of 12 to 128 characters, not common, not like the person's own address: checked
through allauth's sign-up form, where people choose them."""

from __future__ import annotations

import uuid

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import password_validators_help_texts
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


def sign_up(client, password: str, email: str | None = None):
    email = email or f"ny-{uuid.uuid4().hex[:10]}@kommun.example"
    return email, client.post(
        reverse("account_signup"), {"email": email, "password1": password, "password2": password}
    )


def password_errors(response) -> list[str]:
    form = response.context["form"]
    return [error.code for error in form.errors.as_data().get("password1", [])]


@pytest.mark.parametrize(
    ("password", "code"),
    [
        ("Ek-lund-91!", "password_too_short"),  # 11 characters
        ("x7" * 64 + "!", "password_too_long"),  # 129 characters
        ("password1234", "password_too_common"),
        ("1q2w3e4r5t6y", "password_too_common"),
        ("458203917364", "password_entirely_numeric"),
    ],
)
def test_a_weak_password_is_refused(client, password, code):
    email, response = sign_up(client, password)
    assert response.status_code == 200
    assert code in password_errors(response)
    assert not get_user_model().objects.filter(email=email).exists()


def test_a_password_like_the_persons_address_is_refused(client):
    email = f"kristina.lindqvist.{uuid.uuid4().hex[:4]}@kommun.example"
    _, response = sign_up(client, email.split("@")[0], email=email)
    assert "password_too_similar" in password_errors(response)


@pytest.mark.parametrize("password", ["Ekl-und-91!x", "x7" * 63 + "!z"])  # 12 and 128
def test_passwords_of_12_and_of_128_characters_are_accepted(client, password):
    email, response = sign_up(client, password)
    assert response.status_code == 302, password_errors(response) if response.context else ""
    assert get_user_model().objects.get(email=email).check_password(password)


def test_the_help_text_names_both_limits():
    with translation.override("en"):
        help_texts = " ".join(password_validators_help_texts())
    assert "at least 12 characters" in help_texts
    assert "at most 128 characters" in help_texts
