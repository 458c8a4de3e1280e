"""The warning before a session ends (WCAG 2.2.1): what the page tells the script, and the
"Stay logged in" request that restarts the idle clock."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse

from core.security import LAST_SEEN, LOGIN_AT

pytestmark = pytest.mark.django_db

KEEPALIVE = "/session/keepalive"


def test_a_signed_in_page_carries_the_warning_with_the_time_left(client, account, settings):
    settings.SESSION_IDLE_TIMEOUT_MINUTES = 20
    client.force_login(account)
    session = client.session
    session[LOGIN_AT] = int(time.time()) - 3600  # logged in an hour ago, of 12
    session.save()

    response = client.get(reverse("applications:dashboard"))

    dialog = response.context["SESSION_TIMEOUT"]
    assert dialog["idle"] == 20 * 60
    assert 11 * 3600 - 5 <= dialog["absolute"] <= 11 * 3600
    assert b'id="session-timeout"' in response.content
    assert b"js/session-timeout.js" in response.content


def test_the_time_left_counts_from_the_last_request_the_server_recorded(client, account):
    client.force_login(account)
    session = client.session
    # The server writes the stamp once a minute at most: this one is 50 seconds old.
    session[LAST_SEEN] = int(time.time()) - 50
    session.save()

    dialog = client.get(reverse("applications:dashboard")).context["SESSION_TIMEOUT"]

    assert 30 * 60 - 55 <= dialog["idle_left"] <= 30 * 60 - 50
    assert dialog["idle"] == 30 * 60


def test_an_anonymous_page_has_no_warning(client):
    response = client.get("/")
    assert response.context["SESSION_TIMEOUT"] is None
    assert b"session-timeout" not in response.content


def test_stay_logged_in_restarts_the_idle_clock(client, account):
    client.force_login(account)
    session = client.session
    session[LAST_SEEN] = int(time.time()) - 28 * 60
    session.save()

    response = client.post(KEEPALIVE)

    assert response.status_code == 200
    assert response.json() == {"active": True, "idle": 30 * 60}
    assert abs(client.session[LAST_SEEN] - time.time()) < 5
    assert client.get(reverse("applications:dashboard")).status_code == 200


def test_stay_logged_in_cannot_revive_an_ended_session(client, account):
    client.force_login(account)
    session = client.session
    session[LAST_SEEN] = int(time.time()) - 31 * 60
    session.save()

    response = client.post(KEEPALIVE)

    # The session middleware ends it first and answers the warning's fetch plainly; the
    # message why is kept for the login page the person opens next.
    assert response.status_code == 401
    assert response.json() == {"active": False}
    assert client.get(reverse("applications:dashboard")).status_code == 302


def test_stay_logged_in_answers_401_to_a_visitor(client):
    response = client.post(KEEPALIVE)
    assert response.status_code == 401
    assert response.json() == {"active": False}


def test_stay_logged_in_is_a_post_with_a_csrf_token(client, account):
    client.force_login(account)
    assert client.get(KEEPALIVE).status_code == 405

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(account)
    assert strict.post(KEEPALIVE).status_code == 403
