import sys
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from . import health
from .security import LAST_SEEN


@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the database and the broker answer, else 503; each part named ok or down,
    within about a second whatever hangs (health.py)."""
    checks = health.check_all()
    return JsonResponse(
        {name: "ok" if ok else "down" for name, ok in checks.items()},
        status=200 if all(checks[name] for name in health.REQUIRED) else 503,
    )


@require_POST
@never_cache
def session_keepalive(request: HttpRequest) -> JsonResponse:
    """ "Stay logged in" in the warning before a session ends: this request is the activity.

    The session middleware has already ended a session that was over its limits; a live one
    gets its idle clock restarted here.
    """
    if not request.user.is_authenticated:
        return JsonResponse({"active": False}, status=401)
    request.session[LAST_SEEN] = int(time.time())
    return JsonResponse({"active": True, "idle": settings.SESSION_IDLE_TIMEOUT_MINUTES * 60})


# How long a client should wait before trying again when the database is down.
DATABASE_DOWN_RETRY_AFTER = 60


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: a database outage is a 503 with Retry-After, in the visitor's language;
    anything else is the standalone 500 page."""
    if not isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return defaults.server_error(request)
    language = translation.get_language() or settings.LANGUAGE_CODE
    html = render_to_string(
        "503.html",
        {"language": language, "home": "/" if language == settings.LANGUAGE_CODE else "/en/"},
    )
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(DATABASE_DOWN_RETRY_AFTER)
    return response
