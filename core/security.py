"""What the portal adds to Django's own protection on every request.

- `log_security_event`: the one way to write a line to the "icld.security" log.
- `SessionLifetimeMiddleware`: signed-in sessions end after a time idle and after a maximum
  in all; a session whose account was disabled ends on its next request.
- `PrivatePagesMiddleware`: nothing shown to a signed-in person is kept in any cache.
- `RefusedAccessLogMiddleware`: a refused case (the 404 of `applications.access.get_case`)
  is logged.
- `HostileInputMiddleware`: a body longer than REQUEST_MAX_BYTES is a 413 before it is read;
  an integer in the path that no database column can hold is a 404; in the model admin's
  changelists a NUL byte or such an integer in the query is a 400 before the admin passes it
  to the database (PostgreSQL refuses NUL in text, SQLite integers beyond 64 bits).
- `csrf_failure`: the portal's own page, in the portal's layout and language, for a form
  sent without a valid CSRF token.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME, SESSION_KEY, logout
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

security_log = logging.getLogger("icld.security")

# Seconds since the epoch (the session is serialised as JSON: no datetimes).
LOGIN_AT = "_icld_login_at"
LAST_SEEN = "_icld_last_seen"
# The last-activity stamp is rewritten at most this often: a session write per request would
# be a database write per page view, and a minute is far below the idle limit.
LAST_SEEN_RESOLUTION = 60

Field = str | int | None


def log_security_event(event: str, **fields: Field) -> None:
    """Write one line `event=<event> key=value …` (logfmt) to the "icld.security" log.

    Callers pass identifiers only (user ids, URL names, addresses, reasons): never an e-mail
    address, a password, a token or anything about a participant. The fields also travel as
    `record.security` for a handler that writes JSON.
    """
    pairs = " ".join(f"{key}={_logfmt(value)}" for key, value in fields.items())
    security_log.info("event=%s %s", event, pairs, extra={"security": {"event": event, **fields}})


def _logfmt(value: Field) -> str:
    if value is None:
        return "-"
    text = str(value)
    if not text or any(c in text for c in ' ="\n\r\t'):
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'
    return text


def start_session_clock(sender: type, request: HttpRequest | None, user, **kwargs) -> None:
    """At login (`user_logged_in`): the session's login time and last activity are now."""
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[LOGIN_AT] = now
        request.session[LAST_SEEN] = now


class SessionLifetimeMiddleware:
    """End a signed-in session after SESSION_IDLE_TIMEOUT_MINUTES without a request, after
    SESSION_MAX_AGE_HOURS since login whatever the activity, and as soon as its account has
    been disabled.

    Why two timestamps in the session instead of SESSION_COOKIE_AGE with
    SESSION_SAVE_EVERY_REQUEST: that pair gives an idle limit only by saving the session (a
    database write) on every request, and it can never give an absolute limit, since every
    save pushes the expiry forward. Here the server checks both limits itself, whatever
    cookie the browser sends back, and writes the activity stamp at most once a minute.
    SESSION_COOKIE_AGE (set to the absolute limit) only lets the cookie and the stored
    session of a long-gone visitor lapse on their own.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        ended = self._end_session_if_due(request)
        if ended is not None:
            return ended
        response = self.get_response(request)
        if _is_login_redirect(response) and _session_gone(request):
            # The browser still held a session the server no longer has (ended elsewhere,
            # lapsed, or the account was disabled): the login page says why it is there.
            messages.info(request, _("Your session has ended. Log in again to continue."))
        return response

    def _end_session_if_due(self, request: HttpRequest) -> HttpResponse | None:
        session = request.session
        if not request.user.is_authenticated:
            if SESSION_KEY in session:
                # A user id but no user: Django's auth backends no longer accept the account
                # (disabled, or deleted). Remove the session itself, not just its use.
                log_security_event(
                    "session.ended", reason="account_disabled", user=session[SESSION_KEY]
                )
                session.flush()
            return None
        now = int(time.time())
        # A session from before this middleware existed has no stamps: its clock starts now.
        login_at = session.setdefault(LOGIN_AT, now)
        last_seen = session.setdefault(LAST_SEEN, now)
        if now - login_at > settings.SESSION_MAX_AGE_HOURS * 3600:
            reason = "max_age"
        elif now - last_seen > settings.SESSION_IDLE_TIMEOUT_MINUTES * 60:
            reason = "idle"
        else:
            if now - last_seen >= LAST_SEEN_RESOLUTION:
                session[LAST_SEEN] = now
            return None
        log_security_event("session.expired", reason=reason, user=request.user.pk)
        logout(request)
        messages.info(request, _expiry_message(reason))
        if request.path == reverse("session_keepalive"):
            # The warning's "stay logged in" fetch: answer it, and leave the message for the
            # login page the person opens next (a followed redirect would use it up unseen).
            return JsonResponse({"active": False}, status=401)
        back_to = _return_path(request)
        return redirect_to_login(
            back_to,
            login_url=settings.LOGIN_URL,
            redirect_field_name=REDIRECT_FIELD_NAME if back_to else None,
        )


def _session_gone(request: HttpRequest) -> bool:
    """A session cookie came with the request, but no session exists for it any more."""
    return (
        not request.user.is_authenticated
        and settings.SESSION_COOKIE_NAME in request.COOKIES
        and not request.session.exists(request.COOKIES[settings.SESSION_COOKIE_NAME])
    )


def _is_login_redirect(response: HttpResponse) -> bool:
    login_path = resolve_url(settings.LOGIN_URL)
    return response.status_code == 302 and response.get("Location", "").startswith(login_path)


def _expiry_message(reason: str) -> str:
    if reason == "idle":
        minutes = settings.SESSION_IDLE_TIMEOUT_MINUTES
        return ngettext(
            "You have been logged out after %(count)d minute without activity. Log in again to continue.",
            "You have been logged out after %(count)d minutes without activity. Log in again to continue.",
            minutes,
        ) % {"count": minutes}
    hours = settings.SESSION_MAX_AGE_HOURS
    return ngettext(
        "You have been logged out because a session lasts at most %(count)d hour. Log in again to continue.",
        "You have been logged out because a session lasts at most %(count)d hours. Log in again to continue.",
        hours,
    ) % {"count": hours}


def _return_path(request: HttpRequest) -> str:
    """Where to come back to after logging in again: the page asked for, or for a form that
    was sent (the data are gone) the page the form was on. Only ever a page of this site."""
    if request.method in ("GET", "HEAD"):
        candidate = request.get_full_path()
    else:
        candidate = request.headers.get("Referer", "")
    allowed = url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return candidate if allowed else ""


class PrivatePagesMiddleware:
    """Every response to a signed-in person that says nothing about caching gets
    `Cache-Control: private, no-store`: case pages and anything else with personal data stay
    out of shared caches and out of the browser's back-button history on a shared computer.
    Views that decide for themselves (a public calendar feed) keep their header."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response


class RefusedAccessLogMiddleware:
    """Log the 404s of case URLs: `get_case` answers 404 to anyone without access, so these
    are refused accesses (or mistyped addresses). Only ids and the URL's name are written:
    the path itself can hold an invitation token."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if response.status_code == 404 and match is not None and match.app_name == "applications":
            user = getattr(request, "user", None)
            case = match.kwargs.get("pk")
            log_security_event(
                "access.refused",
                user=user.pk if user is not None else None,
                view=match.view_name,
                case=case if isinstance(case, int) else None,
                method=request.method,
            )
        return response


# More digits than a 64-bit integer has (19): no id, year or amount of the portal is that long.
HUGE_INTEGER = re.compile(r"[0-9]{20,}")


# What a browser's <form> sends (and the session script's FormData); no portal view reads more.
FORM_ENCODINGS = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})


class HostileInputMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        length = request.META.get("CONTENT_LENGTH") or "0"
        if not length.isdigit() or int(length) > settings.REQUEST_MAX_BYTES:
            # Refused from the header, before a byte of the body is read or streamed to disk.
            return render(request, "413.html", status=413)
        if any(HUGE_INTEGER.fullmatch(part) for part in request.path.split("/")):
            raise Http404  # e.g. /admin/…/case/<an id beyond any row>/
        if (
            request.method in {"POST", "PUT", "PATCH"}
            and request.content_type not in FORM_ENCODINGS
            and int(length) > 0  # an empty body has nothing to misread
            and not request.path_info.startswith("/api/")
        ):
            # The portal's forms read request.POST, which is empty for any other body: a
            # JSON-bodied POST would save a wizard step as empty. Refused here, for every view.
            return render(request, "400.html", status=400)
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        # The portal's own forms (and the staff pages beside the admin) answer such values with
        # an error next to the field; only the model admin's changelist hands its query string
        # (filters, date hierarchy, lookups) to the database as it is.
        match = request.resolver_match
        if (
            match is None
            or match.namespace != "admin"
            or not (match.url_name or "").endswith("_changelist")  # the catch-all has no name
        ):
            return None
        for key, values in request.GET.lists():
            for text in (key, *values):
                if "\x00" in text:
                    raise BadRequest("NUL byte in the query string")
                if HUGE_INTEGER.fullmatch(text.strip().lstrip("+-")):
                    raise BadRequest("integer beyond 64 bits in the query string")
        return None


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: the portal's 403 page explaining what to do, and a log line.

    `reason` is Django's own short description ("CSRF token missing."), never the token.
    """
    user = getattr(request, "user", None)
    match = getattr(request, "resolver_match", None)
    log_security_event(
        "csrf.refused",
        user=user.pk if user is not None and user.is_authenticated else None,
        view=match.view_name if match is not None else None,
        reason=reason,
    )
    return render(request, "403.html", {"csrf_failed": True}, status=403)
