import time

from django.conf import settings
from django.http import HttpRequest

from .security import LAST_SEEN, LOGIN_AT


def portal(request: HttpRequest) -> dict:
    return {
        "CONTACT_EMAIL": settings.CONTACT_EMAIL,
        "SESSION_TIMEOUT": _session_timeout(request),
        "SESSION_MAX_AGE_HOURS": settings.SESSION_MAX_AGE_HOURS,
    }


def _session_timeout(request: HttpRequest) -> dict[str, int] | None:
    """Seconds left of a signed-in session, for the warning before it ends (WCAG 2.2.1).

    Relative seconds rather than clock times, so a browser whose clock is wrong still warns
    at the right moment. `idle` is the idle limit; `idle_left` counts from the last request the
    server recorded (it records one a minute at most, so this can be less than `idle`);
    `absolute` never restarts.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    now = int(time.time())
    login_at = request.session.get(LOGIN_AT, now)
    idle = settings.SESSION_IDLE_TIMEOUT_MINUTES * 60
    return {
        "idle": idle,
        "idle_left": max(0, request.session.get(LAST_SEEN, now) + idle - now),
        "absolute": max(0, login_at + settings.SESSION_MAX_AGE_HOURS * 3600 - now),
    }
