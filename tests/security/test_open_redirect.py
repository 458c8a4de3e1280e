"""`next=` and the language switch never send anyone to another site."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

ELSEWHERE = [
    "https://evil.example/",
    "//evil.example",
    "///evil.example/",
    "/\\evil.example",
    "\\\\evil.example",
    "https:evil.example",
    "javascript:alert(1)",
]


def on_site(location: str) -> bool:
    parts = urlsplit(location)
    return (
        url_has_allowed_host_and_scheme(location, allowed_hosts={"testserver"})
        and parts.netloc in ("", "testserver")
        and not location.startswith(("//", "/\\", "\\"))
    )


def test_the_check_itself_tells_the_sites_apart():
    assert on_site("/mina-arenden/") and on_site("http://testserver/en/")
    assert not any(on_site(target) for target in ELSEWHERE)


@pytest.mark.parametrize("target", ELSEWHERE)
def test_logging_in_never_follows_next_to_another_site(client, account, target):
    response = client.post(
        f"{reverse('account_login')}?next={target}",
        {"login": account.email, "password": PASSWORD, "next": target},
    )
    assert response.status_code == 302
    assert on_site(response["Location"]), response["Location"]


@pytest.mark.parametrize("target", ELSEWHERE)
def test_logging_out_never_follows_next_to_another_site(client, account, target):
    client.force_login(account)
    response = client.post(f"{reverse('account_logout')}?next={target}", {"next": target})
    assert response.status_code == 302
    assert on_site(response["Location"]), response["Location"]


@pytest.mark.parametrize("target", ELSEWHERE)
def test_the_admin_login_hands_over_to_the_portal_login_and_stays_here(client, account, target):
    response = client.get(reverse("admin:login"), {"next": target})
    assert on_site(response["Location"])
    # …and the portal's login, given that next, stays on the site too.
    response = client.post(response["Location"], {"login": account.email, "password": PASSWORD})
    assert on_site(response["Location"]), response["Location"]


def test_the_language_switch_of_a_page_points_to_this_site(client):
    for path in ("/", "/om-programmet/?q=1", "/en/about/"):
        links = re.findall(r'href="([^"]*)"[^>]*hreflang=', client.get(path).text)
        assert links and all(on_site(link) for link in links), links


@override_settings(DEBUG=False)
def test_the_language_switch_of_a_404_for_a_crafted_path_points_to_this_site(client):
    client.raise_request_exception = False
    # The test client would read "//evil.example" as a host; a server passes it as the path.
    response = client.get("/", PATH_INFO="//evil.example/om-programmet/")
    assert response.status_code == 404
    links = re.findall(r'href="([^"]*)"[^>]*hreflang=', response.text)
    assert links and all(on_site(link) for link in links), links


def test_there_is_no_set_language_endpoint_to_abuse():
    """Languages are switched by links to the translated page (above), not by Django's
    set_language view with its own `next`. If one is added, give it tests like these."""
    from .routes import all_routes

    assert not [r for r in all_routes() if "set_language" in r.name]
