"""The cache backend: Redis, but never a reason for a request to fail.

The cache is an optimisation (ARCHITECTURE.md): the data version, the open-data API's rate
limit and allauth's rate limits live in it, on hot paths. Django's own `RedisCache` raises
when Redis is down and waits as long as the operating system lets a socket hang when Redis
is stopped (SIGSTOP, a network partition). `ResilientRedisCache` instead:

- gives every socket operation `SOCKET_TIMEOUT` (0.5 s) to connect and to answer;
- after a failure, logs it once and leaves Redis alone for `RETRY_AFTER` (5 s), so an outage
  costs one slow request per process every few seconds rather than every request;
- meanwhile and on failure behaves as an empty cache that accepts every write: reads miss,
  `add` succeeds, `incr` finds no key, writes do nothing — so rate limits fail open and a
  TOTP code's replay marker is not kept during an outage (README, "Faults");
- once Redis answers again after a write was lost, clears the cache's database, so nothing
  written before the outage (an old data version) outlives a change made during it. The
  settings keep the cache on another Redis database than the broker, so this never touches
  the Celery queues.

Django makes one cache object per thread; the Redis client (and its connection pool) and the
outage state here are one per process, shared by the threads.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

SOCKET_TIMEOUT = 0.5
RETRY_AFTER = 5.0

_MISSING = object()


class _Outage:
    """When Redis last failed in this process, and whether a write was lost since."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.failed_at: float | None = None
        self.lost_write = False

    def skipping(self) -> bool:
        failed_at = self.failed_at
        return failed_at is not None and time.monotonic() - failed_at < RETRY_AFTER

    def failed(self, error: Exception, *, write: bool) -> None:
        with self.lock:
            first = self.failed_at is None
            self.failed_at = time.monotonic()
            self.lost_write = self.lost_write or write
        if first:
            logger.warning("cache unreachable, serving uncached: %s", error)

    def answered(self) -> bool:
        """Redis answered; True if this process must clear what it could not overwrite."""
        if self.failed_at is None:
            return False
        with self.lock:
            lost, self.failed_at, self.lost_write = self.lost_write, None, False
        logger.warning("cache reachable again")
        return lost


class _Client(RedisCacheClient):
    def count_hit(self, key: str, timeout: int) -> int:
        pipeline = self.get_client(key, write=True).pipeline(transaction=False)
        pipeline.set(key, 0, ex=timeout, nx=True)
        pipeline.incr(key)
        return pipeline.execute()[1]


_clients: dict[tuple, _Client] = {}
_outages: dict[tuple, _Outage] = {}
_clients_lock = threading.Lock()


class ResilientRedisCache(RedisCache):
    def __init__(self, server: str | list[str], params: dict[str, Any]) -> None:
        super().__init__(server, params)
        from redis.backoff import NoBackoff
        from redis.retry import Retry

        self._options = {
            "socket_timeout": SOCKET_TIMEOUT,
            "socket_connect_timeout": SOCKET_TIMEOUT,
            # One try: the outage state below decides when to try again.
            "retry": Retry(NoBackoff(), 0),
            **self._options,
        }
        self._identity = (tuple(self._servers), tuple(sorted(map(str, self._options.items()))))
        from redis.exceptions import RedisError

        self._errors = (RedisError, OSError)

    @property
    def _cache(self) -> _Client:  # type: ignore[override]
        client = _clients.get(self._identity)
        if client is None:
            with _clients_lock:
                client = _clients.setdefault(
                    self._identity, _Client(self._servers, **self._options)
                )
        return client

    @property
    def _outage(self) -> _Outage:
        outage = _outages.get(self._identity)
        if outage is None:
            with _clients_lock:
                outage = _outages.setdefault(self._identity, _Outage())
        return outage

    def _call(self, name: str, *args: Any, fallback: Any = None, write: bool = False) -> Any:
        outage = self._outage
        if outage.skipping():
            outage.lost_write = outage.lost_write or write
            return fallback
        try:
            result = getattr(self._cache, name)(*args)
        except self._errors as error:
            outage.failed(error, write=write)
            return fallback
        if outage.failed_at is not None and outage.answered():
            self._clear_quietly()
        return result

    def _clear_quietly(self) -> None:
        try:
            self._cache.clear()
        except self._errors as error:
            self._outage.failed(error, write=True)

    def ping(self) -> bool:
        """Whether Redis answers now (for /healthz), tried even while an outage is assumed."""
        try:
            self._cache.get_client(write=True).ping()
        except self._errors:
            return False
        return True

    # Django's RedisCache methods, each through _call with what an empty cache would answer.

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        timeout = self.get_backend_timeout(timeout)
        return self._call("add", key, value, timeout, fallback=True, write=True)

    def get(self, key, default=None, version=None) -> Any:
        key = self.make_and_validate_key(key, version=version)
        return self._call("get", key, default, fallback=default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        key = self.make_and_validate_key(key, version=version)
        self._call("set", key, value, self.get_backend_timeout(timeout), write=True)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self._call("touch", key, self.get_backend_timeout(timeout), fallback=False)

    def delete(self, key, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self._call("delete", key, fallback=False, write=True)

    def get_many(self, keys, version=None) -> dict:
        key_map = {self.make_and_validate_key(key, version=version): key for key in keys}
        found = self._call("get_many", list(key_map), fallback={})
        return {key_map[k]: v for k, v in found.items()}

    def has_key(self, key, version=None) -> bool:
        key = self.make_and_validate_key(key, version=version)
        return self._call("has_key", key, fallback=False)

    def incr(self, key, delta=1, version=None) -> int:
        made = self.make_and_validate_key(key, version=version)
        result = self._call("incr", made, delta, fallback=_MISSING, write=True)
        if result is _MISSING:
            raise ValueError(f"Key '{key}' not found.")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None) -> list:
        if data:
            safe = {self.make_and_validate_key(k, version=version): v for k, v in data.items()}
            self._call("set_many", safe, self.get_backend_timeout(timeout), write=True)
        return []

    def delete_many(self, keys, version=None) -> None:
        if keys:
            safe = [self.make_and_validate_key(key, version=version) for key in keys]
            self._call("delete_many", safe, write=True)

    def clear(self) -> bool:
        return self._call("clear", fallback=False, write=True)

    def count_hit(self, key, timeout: int, version=None) -> int | None:
        """`count_hit` below in one round trip: create the key with its expiry unless it
        exists, and increment it, in one pipeline."""
        key = self.make_and_validate_key(key, version=version)
        return self._call("count_hit", key, timeout, write=True)


def count_hit(key: str, timeout: int) -> int | None:
    """One more hit on `key` in the default cache, which expires `timeout` seconds after its
    first hit; how many it has now (a rate limit's window), or None when the cache cannot say
    (an outage: limits fail open). On Redis one round trip; on any other backend add and incr."""
    from django.core.cache import caches

    cache = caches["default"]  # the backend itself: `django.core.cache.cache` is a proxy
    if isinstance(cache, ResilientRedisCache):
        return cache.count_hit(key, timeout)
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, timeout=timeout)
        return 1
