"""Whole anonymous public responses kept in the cache, per URL, language and data version.

Public pages change only when staff change data, and then a version number moves (for the
partnership database `partnerships.data_version`; for the site's content a `Version` of
this module, bumped by its app's receivers). A page decorated with `public_page(version=...)`
is rendered once per (path, language, query string, version) and afterwards served from the
cache with no database query and no template rendering: the cheapest 10× there is.

Only visitors without a session are served from (and stored into) the cache: anyone with a
session cookie may be signed in, or have a message waiting, and gets the page rendered for
them. A response that sets a cookie (a CSRF token for a form, a session) is never stored, so
a cached page can never hand one visitor's cookie to another.

The cache is an optimisation, never a dependency: when it fails (the cache backend reports
or swallows its errors, see settings) the page is rendered as if it were not there.
"""

from __future__ import annotations

import datetime
import gzip
import hashlib
import threading
import time
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

from .models import PrecomputedPage, PublicVersion

View = Callable[..., HttpResponse]

DEFAULT_TIMEOUT = 600
# The headers a stored response keeps; everything else the middleware adds again per request.
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Cache-Control", "Content-Language")


# The versions read during the current request, by name: a page asks for its version several
# times (the page cache, each cached select's options, the API's ETag), and each ask was a
# round trip to Redis. Kept only between request_started and request_finished, so a worker
# or a shell outside a request always reads the current value.
_this_request = threading.local()


def _begin_request(**kwargs: Any) -> None:
    _this_request.versions = {}


def _end_request(**kwargs: Any) -> None:
    _this_request.versions = None


request_started.connect(_begin_request, dispatch_uid="pagecache-versions-begin")
request_finished.connect(_end_request, dispatch_uid="pagecache-versions-end")


class Version:
    """A version number for one kind of public data: `current()` to key on it, `bump()` when
    the data changed.

    Kept in the database (`models.PublicVersion`) and copied into the cache: a page served
    from the cache asks only the cache, and a flushed or restarted cache loses nothing but
    the copy (one query reads it again), so what was precomputed for a version stays valid.
    """

    TIMEOUT = 24 * 60 * 60

    def __init__(self, name: str) -> None:
        self.name = name
        self.key = f"public-version:{name}"

    def current(self) -> str:
        """The version, read once per request (the first read decides for the whole request,
        so its parts agree) and afresh on every call outside one."""
        seen = getattr(_this_request, "versions", None)
        if seen is not None and self.name in seen:
            return seen[self.name]
        value = cache.get(self.key)
        if value is None:
            value = self._stored()
            # add, not set: a bump that lands meanwhile wins over the value read before it.
            cache.add(self.key, value, self.TIMEOUT)
        if seen is not None:
            seen[self.name] = str(value)
        return str(value)

    def _stored(self) -> int:
        row, _created = PublicVersion.objects.get_or_create(
            name=self.name, defaults={"value": time.time_ns()}
        )
        return row.value

    def bump(self, **kwargs: Any) -> None:
        """A new number once the caller's transaction commits: a page rendered in between
        must not be stored under it, and neither the cache nor this write may fail the change
        (a Redis outage). Also usable as a signal receiver (it ignores the signal's arguments)."""
        transaction.on_commit(self._write_new, robust=True)

    def _write_new(self) -> None:
        value = time.time_ns()  # unique also across a restored database, unlike a counter
        PublicVersion.objects.update_or_create(name=self.name, defaults={"value": value})
        cache.set(self.key, value, self.TIMEOUT)
        seen = getattr(_this_request, "versions", None)
        if seen is not None:  # what the rest of this request renders is of the new data
            seen[self.name] = str(value)


def anonymous(request: HttpRequest) -> bool:
    """No session and no stored messages: the page cannot depend on who asks."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies


def page_key(request: HttpRequest, version: str, *, daily: bool) -> str:
    """One key per path, language, query string (parameters sorted) and version."""
    query = sorted(request.GET.lists())
    parts = [request.path, get_language() or "", repr(query), version]
    if daily:  # pages that show what is open today (rounds) change at midnight by themselves
        parts.append(timezone.localdate().isoformat())
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]
    return f"public-page:{digest}"


def public_page(
    *,
    version: Callable[[], str],
    timeout: int = DEFAULT_TIMEOUT,
    daily: bool = False,
    compress: bool = False,
    precompute: bool = False,
) -> Callable[[View], View]:
    """Serve an anonymous GET/HEAD of the view from the cache, keyed by `version()`.

    `daily=True` adds today's date to the key, for pages whose content follows the calendar.
    `compress=True` keeps the body gzipped (large JSON: a tenth of the size in the cache and
    on the wire) and sends it so to clients that accept gzip.
    `precompute=True` also keeps the page in the database for the current version (a
    `PrecomputedPage`), for pages that follow from the data alone and take long to compute:
    with the cache flushed or restarted such a page costs one query, not its computing.
    """
    if precompute and daily:
        raise ValueError("A precomputed page follows the data version, not the calendar.")

    def decorator(view: View) -> View:
        name = f"{view.__module__}.{view.__qualname__}"

        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method not in ("GET", "HEAD") or not anonymous(request):
                return view(request, *args, **kwargs)
            current = version()
            key = page_key(request, current, daily=daily)
            stored = cache.get(key)
            if stored is not None:
                return restore(stored, request)
            if precompute:
                stored = _precomputed(key, current)
                if stored is not None:
                    cache.set(key, stored, timeout)
                    return restore(stored, request)
            response = view(request, *args, **kwargs)
            if storable(request, response):
                stored = freeze(response, compress=compress)
                cache.set(key, stored, timeout)
                if precompute:
                    _keep(key, name, current, stored)
            return response

        return wrapper

    return decorator


def _precomputed(key: str, version: str) -> Stored | None:
    fresh = timezone.now() - datetime.timedelta(seconds=Version.TIMEOUT)
    row = (
        PrecomputedPage.objects.filter(key=key, version=version, stored_at__gte=fresh)
        .values_list("content", "headers", "compressed")
        .first()
    )
    if row is None:
        return None
    content, headers, compressed = row
    return bytes(content), [tuple(header) for header in headers], compressed


def _keep(key: str, view: str, version: str, stored: Stored) -> None:
    """Store the page for `version` and drop the view's pages of older versions: the table
    holds the current version's pages only. (Versions are nanosecond stamps of one width, so
    they sort as text; a slow request storing an old version's page drops nothing newer.)"""
    content, headers, compressed = stored
    PrecomputedPage.objects.bulk_create(
        [
            PrecomputedPage(
                key=key,
                view=view,
                version=version,
                content=content,
                headers=headers,
                compressed=compressed,
                stored_at=timezone.now(),
            )
        ],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=["view", "version", "content", "headers", "compressed", "stored_at"],
    )
    PrecomputedPage.objects.filter(view=view, version__lt=version).delete()


def storable(request: HttpRequest, response: HttpResponse) -> bool:
    """A plain 200 that sets no cookie now and makes no middleware set one later (a page with
    a form asked for a CSRF token; something wrote to the session)."""
    session = getattr(request, "session", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not (session is not None and session.modified)
    )


Stored = tuple[bytes, list[tuple[str, str]], bool]


def freeze(response: HttpResponse, *, compress: bool = False) -> Stored:
    headers = [(name, response[name]) for name in KEPT_HEADERS if response.has_header(name)]
    content = gzip.compress(response.content, compresslevel=6) if compress else response.content
    return content, headers, compress


def accepts_gzip(request: HttpRequest) -> bool:
    return "gzip" in request.headers.get("Accept-Encoding", "").lower()


def restore(stored: Stored, request: HttpRequest) -> HttpResponse:
    content, headers, compressed = stored
    if compressed and not accepts_gzip(request):
        content, compressed = gzip.decompress(content), False
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    if stored[2]:  # the answer depends on Accept-Encoding, whichever one this is
        patch_vary_headers(response, ["Accept-Encoding"])
    if compressed:
        response["Content-Encoding"] = "gzip"
    return response


# The site's own content (news, FAQ, guidelines, rounds, networks): each app that owns such a
# model bumps it from its receivers (`connect_content`); pages showing it key on it.
content_version = Version("content")


def connect_content(*models: type) -> None:
    """Bump `content_version` whenever a row of `models` is saved or deleted."""
    from django.db.models.signals import post_delete, post_save

    for model in models:
        label = model._meta.label
        post_save.connect(content_version.bump, sender=model, dispatch_uid=f"{label}-content")
        post_delete.connect(content_version.bump, sender=model, dispatch_uid=f"{label}-content-d")
