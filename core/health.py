"""Checks of the services the portal depends on, for /healthz.

Each check runs in a thread of its own and `check_all` waits at most `DEADLINE` for all of
them together: a hung service (a stopped Redis, a partitioned database) is reported down
within that time instead of holding the web worker until gunicorn kills it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

# The project's Celery app (icld_portal/celery.py): the current one once Django has started.
from celery import current_app as celery_app
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections

from .cache import ResilientRedisCache

logger = logging.getLogger(__name__)

DEADLINE = 1.0


def _database():
    return connections[DEFAULT_DB_ALIAS]


def database_ok() -> bool:
    connection = _database()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("health: database unreachable")
        return False
    finally:
        connection.close()  # the check's thread ends; so does its connection


def broker_ok(timeout: float = DEADLINE) -> bool:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=timeout)
        return True
    except Exception:
        logger.exception("health: broker unreachable")
        return False


def cache_ok() -> bool:
    """Redis behind the cache answers (a local-memory cache always does)."""
    cache = caches["default"]
    return cache.ping() if isinstance(cache, ResilientRedisCache) else True


# The ones that decide between 200 and 503; the cache is reported but the portal works without.
REQUIRED: dict[str, Callable[[], bool]] = {"database": database_ok, "broker": broker_ok}
OPTIONAL: dict[str, Callable[[], bool]] = {"cache": cache_ok}


def check_all(deadline: float = DEADLINE) -> dict[str, bool]:
    """Every check's result; a check that has not answered by the deadline counts as down."""
    checks = REQUIRED | OPTIONAL
    results: dict[str, bool] = {}

    def run(name: str, check: Callable[[], bool]) -> None:
        results[name] = check()

    threads = [
        threading.Thread(target=run, args=item, name=f"healthz-{item[0]}", daemon=True)
        for item in checks.items()
    ]
    for thread in threads:
        thread.start()
    end = time.monotonic() + deadline
    for thread in threads:
        thread.join(max(0.0, end - time.monotonic()))
    for name in checks.keys() - results.keys():
        logger.warning("health: %s did not answer within %.1f s", name, deadline)
    return {name: results.get(name, False) for name in checks}
