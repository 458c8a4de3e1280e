"""Every URL pattern of the portal, read from Django's resolver, as concrete paths.

The security tests walk these instead of a hand-written list, so a new URL is covered (or
makes a test fail until someone says what it should do) the day it is added.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RegexPattern, RoutePattern

# `<int:pk>` in a path() route, `(?P<pk>…)` in a re_path() regex.
_ROUTE_PARAM = re.compile(r"<(?:\w+:)?(\w+)>")
_REGEX_PARAM = re.compile(r"\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)")


@dataclass(frozen=True)
class Route:
    name: str  # "applications:case"; "" for the few unnamed patterns (admin's redirects)
    pattern: str  # the whole pattern, prefixes included, as written in the URLconfs
    params: tuple[str, ...]
    callback: Callable

    @property
    def namespace(self) -> str:
        return self.name.rpartition(":")[0]

    def path(self, values: Mapping[str, object]) -> str:
        """The pattern with each parameter replaced by `values[name]`, checked by resolving it."""
        missing = [p for p in self.params if p not in values]
        if missing:
            raise LookupError(f"{self.pattern}: give the tests a value for {missing}")

        def value(match: re.Match) -> str:
            return str(values[match[1]])

        # Regex groups first: `(?P<key>…)` also looks like a route's `<key>`.
        path = "/" + _ROUTE_PARAM.sub(value, _REGEX_PARAM.sub(value, self.pattern))
        path = path.replace("^", "").replace("$", "")
        if resolve(path).func is not self.callback:
            raise LookupError(f"{self.pattern}: {path} resolves to another view")
        return path


def _params(pattern) -> list[str]:
    if isinstance(pattern, RoutePattern):
        return _ROUTE_PARAM.findall(str(pattern))
    if isinstance(pattern, RegexPattern):
        return list(pattern.regex.groupindex)
    return []  # LocalePrefixPattern


def _walk(patterns, namespace: str, prefix: str, params: list[str]) -> Iterator[Route]:
    for entry in patterns:
        here = prefix + str(entry.pattern)
        found = params + _params(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, inner, here, found)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else ""
            yield Route(name, here, tuple(found), entry.callback)


def all_routes() -> list[Route]:
    """Every pattern under ROOT_URLCONF, in the current language."""
    return list(_walk(get_resolver().url_patterns, "", "", []))
