import time

from django.conf import settings
from django.http import HttpRequest

from .security import LOGIN_AT


def portal(request: HttpRequest) -> dict:
    return {
        "CONTACT_EMAIL": settings.CONTACT_EMAIL,
        "SESSION_TIMEOUT": _session_timeout(request),
        "SESSION_MAX_AGE_HOURS": settings.SESSION_MAX_AGE_HOURS,
    }


def _session_timeout(request: HttpRequest) -> dict[str, int] | None:
    """Seconds left of a signed-in session, for the warning before it ends (WCAG 2.2.1).

    Relative seconds rather than clock times, so a browser whose clock is wrong still warns
    at the right moment. `idle` restarts with every request; `absolute` never does.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    now = int(time.time())
    login_at = request.session.get(LOGIN_AT, now)
    return {
        "idle": settings.SESSION_IDLE_TIMEOUT_MINUTES * 60,
        "absolute": max(0, login_at + settings.SESSION_MAX_AGE_HOURS * 3600 - now),
    }
