import time

import pytest
from django.db import connection, connections

from core import health
from icld_portal.celery import app as celery_app
from tests.harness import _free_port

pytestmark = pytest.mark.django_db


def test_it_reports_database_broker_and_cache(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.redis
def test_it_answers_503_when_the_broker_is_down(client, monkeypatch):
    monkeypatch.setattr(celery_app.conf, "broker_url", f"redis://127.0.0.1:{_free_port()}/0")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "broker": "down", "cache": "ok"}


def test_it_answers_503_when_the_database_is_down(client, monkeypatch):
    settings = {**connection.settings_dict, "PORT": _free_port(), "NAME": "/nonexistent/db"}
    unreachable = type(connections["default"])(settings, alias="unreachable")
    unreachable.inc_thread_sharing()  # the check runs in a thread of its own
    monkeypatch.setattr(health, "_database", lambda: unreachable)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"


def test_it_rejects_post(client):
    assert client.post("/healthz").status_code == 405


def test_a_hung_check_is_reported_down_at_the_deadline(client, monkeypatch):
    monkeypatch.setitem(health.REQUIRED, "broker", lambda: time.sleep(5) or True)
    started = time.monotonic()
    response = client.get("/healthz")
    assert time.monotonic() - started < health.DEADLINE + 0.5
    assert response.status_code == 503
    assert response.json()["broker"] == "down"


def test_the_cache_alone_down_is_named_but_not_503(client, monkeypatch):
    monkeypatch.setitem(health.OPTIONAL, "cache", lambda: False)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["cache"] == "down"
