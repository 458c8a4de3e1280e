"""Finding 9 of the security review: X-Forwarded-For is believed only from the configured load
balancers, for the login limits and the open-data API's limit alike."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from django.test import RequestFactory

from core.accounts import client_ip

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def request_from(remote: str, forwarded: str | None = None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


@pytest.fixture
def behind_a_balancer(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def test_a_client_that_sends_its_own_forwarded_header_is_counted_by_its_address(
    behind_a_balancer,
):
    assert client_ip(request_from("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_the_balancers_forwarded_address_is_the_clients(behind_a_balancer):
    assert client_ip(request_from("10.1.2.3", "198.51.100.1")) == "198.51.100.1"


def test_without_trusted_proxies_the_header_counts_for_nothing(settings):
    settings.TRUSTED_PROXIES = []
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    assert client_ip(request_from("10.1.2.3", "198.51.100.1")) == "10.1.2.3"


@pytest.mark.django_db
def test_the_api_limit_counts_each_client_behind_the_balancer(client, settings, behind_a_balancer):
    settings.API_RATE_LIMIT_PER_MINUTE = 2
    url = "/api/v1/partnerships"

    def get(forwarded: str) -> int:
        return client.get(url, REMOTE_ADDR="10.1.2.3", HTTP_X_FORWARDED_FOR=forwarded).status_code

    assert [get("198.51.100.1") for _ in range(3)] == [200, 200, 429]
    assert get("198.51.100.2") == 200  # another client, not the balancer's shared address


@pytest.mark.django_db
def test_rotating_the_header_from_outside_does_not_reset_the_api_limit(
    client, settings, behind_a_balancer
):
    settings.API_RATE_LIMIT_PER_MINUTE = 2
    statuses = [
        client.get(
            "/api/v1/partnerships",
            REMOTE_ADDR="203.0.113.7",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        ).status_code
        for n in range(3)
    ]
    assert statuses == [200, 200, 429]


def test_compose_publishes_the_web_port_on_loopback_only():
    compose = yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())
    assert compose["services"]["web"]["ports"] == ["127.0.0.1:8000:8000"]


def test_gunicorn_believes_forwarded_headers_only_from_trusted_proxies(monkeypatch):
    import runpy

    monkeypatch.delenv("TRUSTED_PROXIES", raising=False)
    assert runpy.run_path(str(BASE_DIR / "gunicorn.conf.py"))["forwarded_allow_ips"] == "127.0.0.1"
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.0/8")
    assert runpy.run_path(str(BASE_DIR / "gunicorn.conf.py"))["forwarded_allow_ips"] == "10.0.0.0/8"
