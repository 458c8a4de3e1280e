"""Security headers on every kind of response, no-store on personal ones, and in production
HSTS for a year and the __Host- cookies; `check --deploy` stays clean."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import AttachmentFactory, case_with_people
from tests.test_settings import PRODUCTION, manage

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

ONE_YEAR = 31_536_000
# Every security setting production derives from its environment.
PRODUCTION_SECURITY_SETTINGS = [
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_NAME",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_PATH",
    "SESSION_COOKIE_DOMAIN",
    "CSRF_COOKIE_NAME",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "CSRF_COOKIE_PATH",
    "CSRF_COOKIE_DOMAIN",
]


@dataclass(frozen=True)
class Page:
    label: str
    url_name: str
    persona: str | None  # None: an anonymous visitor
    personal: bool  # must never be stored by a browser or a proxy


PAGES = [
    Page("public page", "pages:home", None, personal=False),
    Page("public page, signed in", "pages:home", "coordinator", personal=True),
    Page("case page", "applications:case", "reader", personal=True),
    Page("review step", "applications:review", "coordinator", personal=True),
    Page("wizard step", "applications:step", "editor", personal=True),
    Page("attachment download", "applications:attachment_download", "reader", personal=True),
]


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def inline_scripts(html: str) -> list[str]:
    """<script> elements with code in the page (which the CSP would block); JSON data blocks
    are not run and do not count."""
    tags = re.findall(r"<script\b[^>]*>", html, flags=re.IGNORECASE)
    return [t for t in tags if "src=" not in t and "application/json" not in t]


@pytest.fixture
def case(media):
    application, people = case_with_people()
    attachment = AttachmentFactory(application=application, uploaded_by=people["coordinator"])
    args = {
        "applications:case": [application.pk],
        "applications:review": [application.pk],
        "applications:step": [application.pk, "content"],
        "applications:attachment_download": [application.pk, attachment.pk],
    }
    return args, people


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.label)
def test_every_kind_of_response_carries_the_security_headers(client, case, page):
    args, people = case
    if page.persona:
        client.force_login(people[page.persona])

    response = client.get(reverse(page.url_name, args=args.get(page.url_name)))

    assert response.status_code == 200
    csp = csp_directives(response["Content-Security-Policy"])
    assert csp["frame-ancestors"] == ["'none'"]
    assert "'unsafe-inline'" not in csp["script-src"]
    assert "'unsafe-eval'" not in csp["script-src"]
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    cache_control = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    if page.personal:
        assert "no-store" in cache_control
    else:
        assert "no-store" not in cache_control
    if response["Content-Type"].startswith("text/html"):
        assert inline_scripts(response.text) == []


def test_a_download_is_an_attachment_never_shown_inline(client, case):
    args, people = case
    client.force_login(people["reader"])
    response = client.get(
        reverse("applications:attachment_download", args=args["applications:attachment_download"])
    )
    assert response["Content-Disposition"].startswith("attachment;")


@pytest.fixture(scope="module")
def production_settings() -> dict:
    """The security settings as the production environment makes them."""
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{k: getattr(settings, k) for k in {PRODUCTION_SECURITY_SETTINGS!r}}}))"
    )
    result = manage("shell", "--no-startup", "-c", code, env=PRODUCTION)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_sends_hsts_for_a_year(client, production_settings):
    assert production_settings["SECURE_HSTS_SECONDS"] == ONE_YEAR
    with override_settings(**production_settings):
        response = client.get(reverse("pages:home"), secure=True)
    assert (
        response["Strict-Transport-Security"] == f"max-age={ONE_YEAR}; includeSubDomains; preload"
    )


def test_production_redirects_plain_http_to_https(client, production_settings):
    with override_settings(**production_settings):
        response = client.get(reverse("pages:home"))
    assert response.status_code == 301
    assert response["Location"].startswith("https://")


def test_production_cookies_use_the_host_prefix_and_its_rules(client, account, production_settings):
    """A browser keeps a __Host- cookie only if it is Secure, has Path=/ and no Domain."""
    assert production_settings["SESSION_COOKIE_NAME"] == "__Host-sessionid"
    assert production_settings["CSRF_COOKIE_NAME"] == "__Host-csrftoken"
    with override_settings(**production_settings):
        login_page = client.get(reverse("account_login"), secure=True)
        logged_in = client.post(
            reverse("account_login"),
            {"login": account.email, "password": PASSWORD},
            secure=True,
        )
    assert logged_in.status_code == 302
    for response, name in ((login_page, "__Host-csrftoken"), (logged_in, "__Host-sessionid")):
        cookie = response.cookies[name]
        assert cookie["secure"] is True
        assert cookie["httponly"] is True
        assert cookie["samesite"] == "Lax"
        assert cookie["path"] == "/"
        assert cookie["domain"] == ""


def test_check_deploy_is_clean_with_non_default_session_limits():
    env = PRODUCTION | {"SESSION_IDLE_TIMEOUT_MINUTES": "15", "SESSION_MAX_AGE_HOURS": "8"}
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stderr + result.stdout
