"""core.cache.count_hit: a rate limit's window counter in one round trip to Redis."""

from __future__ import annotations

import pytest
from django.core.cache import caches

from core.cache import ResilientRedisCache, count_hit

pytestmark = pytest.mark.redis


def test_it_counts_from_one_and_the_window_expires_after_its_first_hit():
    cache = caches["default"]
    assert isinstance(cache, ResilientRedisCache)  # the run's Redis, as in production
    assert count_hit("window-test", timeout=61) == 1
    assert count_hit("window-test", timeout=61) == 2
    assert 0 < cache._cache.get_client().ttl(cache.make_key("window-test")) <= 61


def test_a_later_hit_does_not_extend_the_window():
    cache = caches["default"]
    count_hit("window-test-2", timeout=61)
    key = cache.make_key("window-test-2")
    cache._cache.get_client().expire(key, 5)
    assert count_hit("window-test-2", timeout=61) == 2
    assert cache._cache.get_client().ttl(key) <= 5
