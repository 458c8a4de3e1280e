"""Staff logged in through the browser, second factor included, for the admin's browser tests."""

from __future__ import annotations

import time
from collections.abc import Callable

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

from tests.factories import UserFactory

PASSWORD = "correct horse battery staple"  # every UserFactory user's
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def staff_with_totp(email: str = "handlaggare@icld.se", **fields):
    """An administrator with a verified address and the authenticator app `SECRET`."""
    staff = UserFactory(**{"email": email, "is_staff": True, "is_superuser": True} | fields)
    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)
    TOTP.activate(staff, SECRET)
    return staff


def totp_code(secret: str = SECRET) -> str:
    """The authenticator's current code, taken early in its 30-second window.

    allauth accepts only the current window (MFA_TOTP_TOLERANCE 0): a code typed in a window's
    last seconds reaches the server in the next one on a loaded machine, and the login is
    refused. Up to a third of the window before it closes, this waits for the next one."""
    if time.time() % 30 > 20:
        time.sleep(30 - time.time() % 30 + 0.5)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def log_in(
    page,
    email: str,
    *,
    totp: bool = False,
    password: str = PASSWORD,
    on_second_factor: Callable | None = None,
) -> None:
    """Log in on the Swedish login page; with `totp`, pass the second factor with the current
    code of `SECRET` (`on_second_factor(page)` runs on its page first, e.g. axe). Returns once
    the login's last page has loaded: a page opened before would race the session's cookie."""
    page.goto("/konto/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", password)
    if totp:
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_url("**/2fa/**")
        if on_second_factor is not None:
            on_second_factor(page)
        page.fill("#id_code", totp_code())
    with page.expect_navigation():
        page.get_by_role("button", name="Logga in").click()


def log_in_with_totp(page, email: str) -> None:
    """Log in as staff with the authenticator app `SECRET`."""
    log_in(page, email, totp=True)
