import time

from django.conf import settings
from django.http import HttpRequest, JsonResponse
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
