"""Sessions: a new key at login, 30 minutes idle and 12 hours at most (both configurable),
and a disabled account's sessions end at its next request."""

from __future__ import annotations

import time
from importlib import import_module

import pytest
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.urls import reverse
from django.utils import translation

from core.security import LAST_SEEN, LOGIN_AT
from tests.test_settings import PRODUCTION, manage

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

MINUTE, HOUR = 60, 3600


def session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def shift_clock(client, **seconds_ago: int) -> None:
    """Pretend the login (login_at) or the last request (last_seen) was that long ago."""
    session = client.session
    keys = {"login_at": LOGIN_AT, "last_seen": LAST_SEEN}
    for name, ago in seconds_ago.items():
        session[keys[name]] = int(time.time()) - ago
    session.save()


def login_page_with_next(url: str) -> str:
    return f"{reverse('account_login')}?next={url}"


def test_logging_in_gives_a_new_session_key(client, account):
    session = client.session  # an anonymous session, as a visitor has before logging in
    session["seen_the_home_page"] = True
    session.save()
    before = session.session_key

    response = client.post(reverse("account_login"), {"login": account.email, "password": PASSWORD})

    assert response.status_code == 302
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before
    assert not session_store()().exists(before)  # the old key is no longer a session at all
    assert client.session[SESSION_KEY] == str(account.pk)


def test_login_starts_the_session_clock(client, account):
    client.force_login(account)
    session = client.session
    assert abs(session[LOGIN_AT] - time.time()) < 5
    assert session[LAST_SEEN] == session[LOGIN_AT]


def test_a_session_idle_for_more_than_30_minutes_ends(client, account):
    client.force_login(account)
    shift_clock(client, last_seen=30 * MINUTE + 5)
    with translation.override("en"):
        url = reverse("applications:dashboard")
        login_page = login_page_with_next(url)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == login_page
    assert SESSION_KEY not in client.session
    page = client.get(response["Location"])
    assert "You have been logged out after 30 minutes without activity." in page.text


def test_a_session_used_within_30_minutes_goes_on_and_the_idle_clock_restarts(client, account):
    client.force_login(account)
    shift_clock(client, last_seen=29 * MINUTE)

    assert client.get(reverse("applications:dashboard")).status_code == 200

    assert abs(client.session[LAST_SEEN] - time.time()) < 5
    shift_clock(client, login_at=0)  # keep the absolute limit out of the way
    assert client.get(reverse("applications:dashboard")).status_code == 200


def test_a_session_ends_after_12_hours_however_active(client, account):
    client.force_login(account)
    shift_clock(client, login_at=12 * HOUR + 5, last_seen=10)
    with translation.override("en"):
        url = reverse("applications:dashboard")
        login_page = login_page_with_next(url)

    response = client.get(url)

    assert response["Location"] == login_page
    assert "a session lasts at most 12 hours" in client.get(login_page).text


def test_a_session_of_11_hours_goes_on(client, account):
    client.force_login(account)
    shift_clock(client, login_at=11 * HOUR, last_seen=10)
    assert client.get(reverse("applications:dashboard")).status_code == 200


def test_both_limits_follow_the_settings(client, account, settings):
    settings.SESSION_IDLE_TIMEOUT_MINUTES = 5
    settings.SESSION_MAX_AGE_HOURS = 1
    client.force_login(account)
    shift_clock(client, last_seen=4 * MINUTE)
    assert client.get(reverse("applications:dashboard")).status_code == 200
    shift_clock(client, last_seen=6 * MINUTE)
    assert client.get(reverse("applications:dashboard")).status_code == 302

    client.force_login(account)
    shift_clock(client, login_at=HOUR + 5, last_seen=10)
    assert client.get(reverse("applications:dashboard")).status_code == 302


def test_an_expired_form_post_returns_to_the_page_of_the_form(client, account):
    client.force_login(account)
    shift_clock(client, last_seen=HOUR)
    form_page = "http://testserver" + reverse("applications:join_organisation")

    response = client.post(
        reverse("applications:join_organisation"), {"organisation": 1}, HTTP_REFERER=form_page
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")
    assert reverse("applications:join_organisation") in response["Location"]


def test_an_expired_post_from_another_site_is_not_sent_back_there(client, account):
    client.force_login(account)
    shift_clock(client, last_seen=HOUR)

    response = client.post(
        reverse("applications:join_organisation"), HTTP_REFERER="https://evil.example/form"
    )

    assert response["Location"] == reverse("account_login")


def test_anonymous_visitors_are_not_touched(client):
    response = client.get(reverse("pages:home"))
    assert response.status_code == 200
    assert LOGIN_AT not in client.session


def test_disabling_an_account_ends_its_sessions(client, account):
    client.force_login(account)
    key = client.session.session_key
    assert client.get(reverse("applications:dashboard")).status_code == 200

    account.is_active = False
    account.save(update_fields=["is_active"])
    response = client.get(reverse("applications:dashboard"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert not session_store()().exists(key)


def test_the_session_cookie_lives_no_longer_than_the_absolute_limit():
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_MAX_AGE_HOURS * HOUR
    assert not getattr(settings, "SESSION_SAVE_EVERY_REQUEST", False)


@pytest.mark.parametrize("variable", ["SESSION_IDLE_TIMEOUT_MINUTES", "SESSION_MAX_AGE_HOURS"])
def test_a_limit_of_zero_stops_start_up(variable):
    result = manage("check", env=PRODUCTION | {variable: "0"})
    assert result.returncode != 0
    assert variable in result.stderr


def test_a_session_the_server_no_longer_has_sends_to_login_with_a_message(client, account):
    client.force_login(account)
    session_store()(client.cookies[settings.SESSION_COOKIE_NAME].value).delete()

    response = client.get(reverse("applications:dashboard"), follow=True)

    assert response.redirect_chain[0][0] == login_page_with_next(reverse("applications:dashboard"))
    assert "Din session har upphört. Logga in igen för att fortsätta." in response.text


def test_a_visitor_without_a_session_is_sent_to_login_without_a_message(client):
    response = client.get(reverse("applications:dashboard"), follow=True)
    assert "Din session har upphört" not in response.text


def test_the_warning_is_answered_and_the_login_page_after_it_says_why(client, account):
    client.force_login(account)
    shift_clock(client, last_seen=31 * MINUTE)

    answer = client.post(reverse("session_keepalive"))
    login = client.get(reverse("account_login"))

    assert answer.status_code == 401 and answer.json() == {"active": False}
    assert "inte har varit aktiv på 30 minuter" in login.text
