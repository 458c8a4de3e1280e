import pytest
from django.db import connection

from core import health
from icld_portal.celery import app as celery_app
from tests.harness import _free_port

pytestmark = pytest.mark.django_db


def test_it_reports_database_and_broker(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "broker": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.redis
def test_it_answers_503_when_the_broker_is_down(client, monkeypatch):
    monkeypatch.setattr(celery_app.conf, "broker_url", f"redis://127.0.0.1:{_free_port()}/0")
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "broker": "down"}


def test_it_answers_503_when_the_database_is_down(client, monkeypatch):
    settings = {**connection.settings_dict, "PORT": _free_port(), "NAME": "/nonexistent/db"}
    unreachable = connection.__class__(settings, alias="unreachable")
    monkeypatch.setattr(health, "connection", unreachable)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"


def test_it_rejects_post(client):
    assert client.post("/healthz").status_code == 405
