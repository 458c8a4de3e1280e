"""ICLD staff use a second factor (TOTP) for /admin/.

Staff sign in through allauth's login (the admin's own login page sends them there), which
asks for the code once an authenticator is set up; staff without one are sent to set it up
before the admin opens.
"""

from collections.abc import Callable
from urllib.parse import quote

from allauth.mfa.models import Authenticator
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _


def admin_login(request: HttpRequest, extra_context=None) -> HttpResponse:
    """The admin's login page: the portal's, which knows the second factor."""
    return redirect_to_login(
        request.GET.get("next", reverse("admin:index")), reverse("account_login")
    )


class StaffSecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            request.path.startswith("/admin/")
            and user.is_authenticated
            and user.is_staff
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            messages.info(
                request,
                _(
                    "ICLD staff sign in with a second factor. Set up an authenticator app to continue."
                ),
            )
            return redirect(f"{reverse('mfa_activate_totp')}?next={quote(request.get_full_path())}")
        return self.get_response(request)
