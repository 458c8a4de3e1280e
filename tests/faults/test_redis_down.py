"""Redis down or hung is not a site outage: the cache degrades to uncached work, the broker's
absence is caught up by the sweeps, and /healthz says which part is down within its deadline."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.urls import reverse

from applications.models import Application, ApplicationStatus
from core import cache as resilient
from core.models import OutgoingEmail
from partnerships.data_version import bump_data_version, data_version
from tests.factories import (
    UserFactory,
    in_review_case,
    make_staff,
)

pytestmark = [pytest.mark.django_db, pytest.mark.redis]


@pytest.fixture
def in_review(reference_data):
    return in_review_case("KP-2026-0077")


def decide(client, application, outcome: str, reasons: str = ""):
    """An officer has proposed; the decision-maker decides on the decision's admin page
    (approve/decline of an application go through the decision)."""
    from decisions import services

    proposer = make_staff(username="foreslagare")
    decision = services.propose(
        application=application, by=proposer, outcome=outcome, reasons=reasons
    )
    url = reverse("admin:decisions_decision_transition", args=[decision.pk, "decide"])
    return client.post(url, {"comment": ""})


@pytest.mark.parametrize(
    ("outcome", "reasons", "status"),
    [("granted", "", ApplicationStatus.APPROVED), ("declined", "Utanför ramen.", "declined")],
)
def test_staff_decide_with_redis_stopped(
    client, own_redis, in_review, outcome, reasons, status, django_capture_on_commit_callbacks
):
    client.force_login(make_staff(username="handlaggare"))
    own_redis.stop()
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, in_review, outcome, reasons)
    assert response.status_code == 302
    in_review.refresh_from_db()
    assert in_review.status == status
    # The coordinator's e-mail waits in the outbox for the sweep.
    assert OutgoingEmail.objects.filter(recipient=in_review.created_by.email).exists()


def test_a_coordinator_logs_in_with_redis_stopped(client, own_redis):
    user = UserFactory(email="samordnare@kommun.se")
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    own_redis.stop()
    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": "correct horse battery staple"},
    )
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)


def test_search_map_and_api_answer_with_redis_stopped(client, own_redis, reference_data):
    own_redis.stop()
    assert client.get(reverse("partnerships:list"), {"q": "Nairobi"}).status_code == 200
    assert client.get(reverse("partnerships:map_data")).status_code == 200
    api = client.get("/api/v1/partnerships")
    assert api.status_code == 200
    assert "results" in api.json() or api.json()


def test_a_hung_redis_costs_one_short_wait_then_none(own_redis):
    cache.set("k", "v")
    own_redis.pause()
    try:
        started = time.monotonic()
        assert cache.get("k") is None
        first = time.monotonic() - started
        started = time.monotonic()
        for _ in range(20):
            cache.get("k")
        rest = time.monotonic() - started
    finally:
        own_redis.resume()
    assert first < resilient.SOCKET_TIMEOUT + 0.3
    assert rest < 0.1  # skipped while the outage lasts


def test_a_bump_whose_cache_write_was_lost_in_an_outage_shows_once_redis_is_back(
    own_redis, monkeypatch, django_capture_on_commit_callbacks
):
    before = data_version()
    own_redis.pause()
    try:
        # The database takes the new version; the cache's copy of it is lost.
        with django_capture_on_commit_callbacks(execute=True):
            bump_data_version()
    finally:
        own_redis.resume()
    outage = resilient._outages[cache._identity]
    monkeypatch.setattr(outage, "failed_at", time.monotonic() - resilient.RETRY_AFTER - 1)
    # The first answer clears the stale copy; the version is read again from the database.
    assert data_version() != before


def test_a_flushed_cache_keeps_the_data_version():
    """The version lives in the database: a flushed cache re-reads it, so what was computed
    for it (issue 17: precomputed per data version) stays valid."""
    before = data_version()
    cache.clear()
    assert data_version() == before


def test_the_cache_refuses_the_brokers_database(monkeypatch):
    import subprocess
    import sys

    from tests.test_settings import BASE_DIR

    env = {"PATH": "/usr/bin:/bin", "DEBUG": "true", "REDIS_URL": "redis://r:6379/0"}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env | {"CACHE_URL": "redis://r:6379", "DJANGO_SETTINGS_MODULE": "icld_portal.settings"},
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "same Redis database" in result.stderr


def test_cache_clear_leaves_the_celery_queue_alone(own_redis):
    import redis

    broker = redis.Redis.from_url(own_redis.url(0))
    broker.lpush("celery", "a task")
    cache.set("k", "v")
    cache.clear()
    assert cache.get("k") is None
    assert broker.llen("celery") == 1


def test_healthz_answers_503_within_two_seconds_with_redis_hung(client, own_redis):
    own_redis.pause()
    try:
        started = time.monotonic()
        response = client.get("/healthz")
        took = time.monotonic() - started
    finally:
        own_redis.resume()
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "broker": "down", "cache": "down"}
    assert took < 2.0


def test_an_approval_bumps_the_data_version_after_commit(
    client, own_redis, in_review, django_capture_on_commit_callbacks
):
    before = data_version()
    client.force_login(make_staff(username="handlaggare"))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        decide(client, in_review, "granted")
        assert data_version() == before  # not inside the transaction
    for callback in callbacks:
        callback()
    assert data_version() != before
    assert Application.objects.get(pk=in_review.pk).status == ApplicationStatus.APPROVED


def test_after_a_failed_publish_the_broker_is_left_alone_for_its_back_off(
    own_redis, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    from core import tasks as notify
    from core.tasks import send_email

    own_redis.stop()
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):  # published after commit
        send_email.delay(1)
    first = time.monotonic() - started
    started = time.monotonic()
    for pk in range(2, 12):
        with django_capture_on_commit_callbacks(execute=True):  # published after commit
            send_email.delay(pk)
    rest = time.monotonic() - started
    assert rest < 0.05 < first  # only the first waited on the broker
    assert sum("waits for its sweep" in r.getMessage() for r in caplog.records) == 11

    monkeypatch.setattr(notify, "_broker_failed_at", time.monotonic() - notify.BROKER_BACKOFF)
    own_redis.start()
    with django_capture_on_commit_callbacks(execute=True):  # published after commit
        send_email.delay(12)
    assert notify._broker_failed_at is None
    print(f"first publish against a stopped broker failed after {first:.2f} s")


def test_a_publish_to_a_hung_broker_gives_up_within_its_socket_timeout(
    own_redis, django_capture_on_commit_callbacks
):
    from core import tasks as notify
    from core.tasks import send_email

    own_redis.pause()
    try:
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):  # published after commit
            send_email.delay(1)
        took = time.monotonic() - started
    finally:
        own_redis.resume()
    assert notify._broker_failed_at is not None
    assert took < 3.0
    print(f"a publish to a hung broker gave up after {took:.2f} s")
