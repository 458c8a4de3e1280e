"""ICLD staff use a second factor (TOTP), and staff powers need a session that passed it.

Staff sign in through allauth's login (the admin's own login page sends them there), which
asks for the code once an authenticator is set up. A staff account is treated as staff only
in a session that passed the second factor (allauth records each passed factor in the
session): elsewhere, on the portal too, it is an ordinary account. `/admin/` sends staff
without an authenticator to set one up, and staff with one to type its code.
"""

from collections.abc import Callable
from urllib.parse import quote

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth.middleware import get_user
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _


def admin_login(request: HttpRequest, extra_context=None) -> HttpResponse:
    """The admin's login page: the portal's, which knows the second factor."""
    return redirect_to_login(
        request.GET.get("next", reverse("admin:index")), reverse("account_login")
    )


def passed_second_factor(request: HttpRequest, user) -> bool:
    """Whether this session of `user` passed a second factor (at login or re-authentication)."""
    return any(r.get("method") == "mfa" for r in get_authentication_records(request, user))


def has_staff_power(user, permission: str | None = None) -> bool:
    """Whether `user` may act as ICLD staff: staff, active, in a session that passed the second
    factor (set by the middleware below), and holding `permission` when one is named.

    Every staff power on the portal asks this, never `is_staff` alone."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and getattr(user, "second_factor", False)
        and (permission is None or user.has_perm(permission))
    )


def _annotated_user(request: HttpRequest):
    user = get_user(request)
    if user.is_authenticated and user.is_staff:
        user.second_factor = passed_second_factor(request, user)
    return user


class StaffSecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Still lazy: a public page that never looks at the user loads no session or user.
        request.user = SimpleLazyObject(lambda: _annotated_user(request))
        user = request.user
        if (
            request.path.startswith("/admin/")
            and user.is_authenticated
            and user.is_staff
            and not user.second_factor
        ):
            next_url = quote(request.get_full_path())
            if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
                return redirect(f"{reverse('mfa_reauthenticate')}?next={next_url}")
            messages.info(
                request,
                _(
                    "ICLD staff sign in with a second factor. Set up an authenticator app to continue."
                ),
            )
            return redirect(f"{reverse('mfa_activate_totp')}?next={next_url}")
        return self.get_response(request)
