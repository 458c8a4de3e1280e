"""Every URL of the portal refuses a POST without a CSRF token, signed in or not."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from .routes import all_routes

pytestmark = pytest.mark.django_db

# Views that may take a POST without a token, each with the reason. None so far: the open-data
# API only reads, and allauth's and the admin's forms all carry the token.
CSRF_EXEMPT: dict[str, str] = {}


def client_with_csrf_cookie(user=None) -> Client:
    """A browser that has a CSRF cookie (it has seen a form) but sends no token: the POST
    must be refused for the missing token, not merely for a missing cookie."""
    client = Client(enforce_csrf_checks=True)
    if user is None:
        client.get(reverse("account_login"))
    else:
        client.force_login(user)
        client.get(reverse("pages:home"))  # the header's logout button is a form
    assert settings.CSRF_COOKIE_NAME in client.cookies
    return client


@pytest.mark.parametrize("who", ["anonymous", "coordinator", "staff"])
def test_every_url_refuses_a_post_without_a_csrf_token(case_world, who):
    client = client_with_csrf_cookie(case_world.people.get(who))
    values = case_world.url_values()
    routes = [r for r in all_routes() if r.name not in CSRF_EXEMPT]
    accepted = []
    for route in routes:
        path = route.path(values)
        response = client.post(path, {"anything": "at all"})
        if response.status_code != 403:
            accepted.append(f"{route.name or route.pattern} {path} -> {response.status_code}")

    assert len(routes) > 150  # the whole portal, the admin and allauth were walked
    assert accepted == []


def test_the_refusal_explains_itself_in_the_portals_layout():
    client = client_with_csrf_cookie()
    with translation.override("en"):
        url = reverse("account_login")
    response = client.post(url, {"login": "a@kommun.example", "password": "x"})
    assert response.status_code == 403
    assert "The form could not be sent" in response.text
    assert 'class="portal-header"' in response.text


def test_the_same_post_with_the_token_gets_through(case_world):
    """The refusals above are about the token: with it, a form is handled as usual."""
    client = client_with_csrf_cookie(case_world.people["coordinator"])
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(
        reverse("applications:join_organisation"), {"csrfmiddlewaretoken": token}
    )
    assert response.status_code == 200  # the form, with its "required" errors


def test_no_view_is_exempt_from_csrf_checks():
    exempt = sorted(
        r.name or r.pattern for r in all_routes() if getattr(r.callback, "csrf_exempt", False)
    )
    assert exempt == sorted(CSRF_EXEMPT)
