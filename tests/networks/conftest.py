"""Helpers shared by the networks tests."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation


def english(name: str, *args: object) -> str:
    """The English page: assertions on text hold whatever the Swedish catalogue says."""
    with translation.override("en"):
        return reverse(name, args=args)


def count_queries(client, url: str) -> int:
    """The queries of the page as rendered, not as served from the page cache (the data of a
    test never commits, so the cache's version would not move)."""
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT
