"""Lockout and rate limits (allauth's ACCOUNT_RATE_LIMITS, counted in the shared cache):
repeated failed logins lock the account, and resets, sign-ups and invitation acceptance are
limited."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from core.models import OutgoingEmail
from networks.models import NetworkStatus
from tests.factories import NetworkFactory, UserFactory

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def allowed(action: str, per: str) -> int:
    """How many attempts ACCOUNT_RATE_LIMITS[action] allows per `ip` or `key`, e.g. 5 for
    "10/m/ip,5/5m/key" and "key"."""
    for rate in settings.ACCOUNT_RATE_LIMITS[action].split(","):
        amount, _duration, rate_per = rate.split("/")
        if rate_per == per:
            return int(amount)
    raise LookupError(f"no {per} limit for {action}")


def log_in(client, email: str, password: str):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def form_error_codes(response) -> list[str]:
    return [e.code for errors in response.context["form"].errors.as_data().values() for e in errors]


def test_repeated_failed_logins_lock_the_account_even_with_the_right_password(client, account):
    for _ in range(allowed("login_failed", "key")):
        response = log_in(client, account.email, "wrong password, again")
        assert "email_password_mismatch" in form_error_codes(response)

    response = log_in(client, account.email, PASSWORD)

    assert response.status_code == 200
    assert form_error_codes(response) == ["too_many_login_attempts"]
    assert SESSION_KEY not in client.session


def test_the_lockout_is_for_that_account_only(client, make_account):
    attacked, other = make_account(), make_account()
    for _ in range(allowed("login_failed", "key")):
        log_in(client, attacked.email, "wrong password, again")

    assert log_in(client, other.email, PASSWORD).status_code == 302
    assert client.session[SESSION_KEY] == str(other.pk)


def test_a_successful_login_does_not_count_as_a_failure(client, account):
    for _ in range(allowed("login_failed", "key") + 1):
        assert log_in(client, account.email, PASSWORD).status_code == 302
        client.logout()


def test_password_resets_are_limited_per_address(client, account):
    url = reverse("account_reset_password")
    for _ in range(allowed("reset_password", "key")):
        assert client.post(url, {"email": account.email}).status_code == 302

    response = client.post(url, {"email": account.email})

    assert response.status_code == 429
    assert OutgoingEmail.objects.filter(recipient=account.email).count() == allowed(
        "reset_password", "key"
    )


def test_sign_ups_are_limited_per_client_address(client):
    url = reverse("account_signup")
    for _ in range(allowed("signup", "ip")):
        assert client.post(url, {}).status_code == 200  # refused by the form, but counted

    assert client.post(url, {}).status_code == 429


def test_accepting_invitations_is_limited_per_client_address(client, account):
    client.force_login(account)
    url = reverse("applications:accept_invitation", args=["not-a-real-token"])
    for _ in range(allowed("accept_invitation", "ip")):
        assert client.post(url).status_code == 404

    assert client.post(url).status_code == 429


def test_the_limit_page_is_the_portals_own(client):
    url = reverse("account_signup")
    for _ in range(allowed("signup", "ip") + 1):
        response = client.post(url, {})
    assert response.status_code == 429
    assert 'class="portal-header"' in response.text  # base.html, not allauth's bare page


def test_the_counters_live_in_the_configured_cache():
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.REDIS_URL:
        # Shared by every web worker: a limit counts all of a client's attempts.
        assert backend == "core.cache.ResilientRedisCache"
    else:
        assert backend == "django.core.cache.backends.locmem.LocMemCache"
    cache.set("security-suite-probe", 1, 5)
    assert cache.get("security-suite-probe") == 1


def test_the_admin_login_is_the_rate_limited_portal_login(client):
    """Django's own admin login knows no limits: /admin/login/ must never check a password."""
    staff = UserFactory(is_staff=True, password=PASSWORD)

    response = client.post(
        reverse("admin:login"), {"username": staff.username, "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize(
    ("action", "url_name", "args"),
    [
        ("partner_declaration", "networks:declare", []),
        ("network_interest", "networks:register", ["network"]),
    ],
)
def test_the_public_forms_without_an_account_are_limited_per_client_address(
    client, action, url_name, args
):
    network = NetworkFactory(status=NetworkStatus.OPEN_FOR_INTEREST)
    # The declaration form lives on the English site.
    with translation.override("en"):
        url = reverse(url_name, args=[network.pk] if args else [])
    for _ in range(allowed(action, "ip")):
        assert client.post(url, {}).status_code == 200  # refused by the form, but counted

    assert client.post(url, {}).status_code == 429
    assert client.get(url).status_code == 200  # reading the form is never limited
