"""One version number for the public partnership data, kept in the cache.

Any change to what the public pages and the API show bumps it (model saves and deletes via
the receivers in `signals.py`, bulk writes via `refresh_search_text`). The API mixes it into
its ETag, so a client's copy is never declared fresh after staff renamed a country, and
public pages may use it as part of a cache key.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db import transaction

CACHE_KEY = "partnerships:data-version"
# Long enough to matter, short enough that a bump lost by one process heals by itself.
TIMEOUT = 24 * 60 * 60


def data_version() -> str:
    """The current version; a new one appears if the cache was flushed (clients refetch once)."""
    return str(cache.get_or_set(CACHE_KEY, time.time_ns, TIMEOUT))


def bump_data_version() -> None:
    """A new version once the caller's transaction commits (at once outside one).

    Not inside the transaction: a version read in between would name data not yet visible,
    and the cache must never be able to fail or roll back the change that bumps it (a staff
    decision while Redis is down).
    """
    transaction.on_commit(_write_new_version, robust=True)


def _write_new_version() -> None:
    cache.set(CACHE_KEY, time.time_ns(), TIMEOUT)
