"""Fault tests: the services fail for real (a Redis of the test's own is stopped or hung)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.harness import CI, RedisServer, ServiceError

pytestmark = pytest.mark.redis


def _forget_broker_connections(monkeypatch) -> None:
    from icld_portal.celery import app

    monkeypatch.setattr(app, "_pool", None)
    monkeypatch.setattr(app.amqp, "_producer_pool", None)


@pytest.fixture
def own_redis(tmp_path, settings, monkeypatch) -> Iterator[RedisServer]:
    """A Redis for this test alone, as both the cache (database 1) and the broker (database 0),
    so that the test may stop or hang it without touching the run's shared Redis."""
    from icld_portal.celery import app

    try:
        server = RedisServer(tmp_path).start()
    except ServiceError as error:
        if CI:
            raise
        pytest.skip(str(error))
    settings.CACHES = {
        "default": {"BACKEND": "core.cache.ResilientRedisCache", "LOCATION": server.url(1)}
    }
    monkeypatch.setattr(app.conf, "broker_url", server.url(0))
    _forget_broker_connections(monkeypatch)
    yield server
    server.stop()
    _forget_broker_connections(monkeypatch)
