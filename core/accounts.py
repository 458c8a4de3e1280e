"""How django-allauth fits the portal: its e-mail goes through the outbox like all e-mail,
and every authentication event is written to the "icld.security" log."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter, get_adapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .notify import queue_email
from .security import log_security_event


@dataclass(frozen=True)
class PortalSite:
    """What allauth's e-mail call `current_site`: the portal's name and its public host, from
    SITE_URL (not the request's host, and never empty)."""

    name: str
    domain: str


def portal_site() -> PortalSite:
    return PortalSite(
        name=str(_("ICLD's portal for municipal partnerships")),
        domain=urlsplit(settings.SITE_URL).netloc,
    )


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request: HttpRequest) -> str:
        """The client's address: X-Forwarded-For counts only when the request comes from one
        of TRUSTED_PROXIES (the load balancer); from anywhere else the header is the client's
        own words, and rotating it would dodge every per-address limit."""
        if _from_trusted_proxy(request.META.get("REMOTE_ADDR", "")):
            return super().get_client_ip(request)
        return request.META.get("REMOTE_ADDR", "")

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        context = {"email": email, "current_site": portal_site()} | context
        message = self.render_mail(template_prefix, email, context)
        queue_email(
            recipient=email, subject=message.subject, body=message.body, language=get_language()
        )

    def save_user(self, request, user, form, commit=True):
        # E-mail from the portal later comes in the language the person signed up in.
        user.language = get_language() or "sv"
        return super().save_user(request, user, form, commit=commit)

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        # allauth refuses here, before checking the password, once ACCOUNT_RATE_LIMITS
        # ["login_failed"] is used up: that refusal is the lockout.
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            log_security_event(
                "login.locked_out", user=account_id(credentials), ip=client_ip(request)
            )
            raise


def user_display(user) -> str:
    """How allauth names a person on its pages and in its e-mail: never the internal username."""
    return user.get_full_name() or user.email


def account_id(credentials: dict[str, Any]) -> int | None:
    """The id of the account a login attempt named, so the log shows which account is under
    attack without writing the address (or whatever was typed) itself."""
    User = get_user_model()
    if credentials.get("email"):
        lookup = {"email__iexact": credentials["email"]}
    elif credentials.get(User.USERNAME_FIELD):
        lookup = {User.USERNAME_FIELD: credentials[User.USERNAME_FIELD]}
    else:
        return None
    return User.objects.filter(**lookup).values_list("pk", flat=True).first()


def _from_trusted_proxy(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(net, strict=False) for net in settings.TRUSTED_PROXIES)


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address as allauth's rate limits see it (TRUSTED_PROXIES and
    ALLAUTH_TRUSTED_PROXY_COUNT); the open-data API's limit uses it too."""
    if request is None:
        return None
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return None


# Receivers of django.contrib.auth's signals, connected in CoreConfig.ready(). They cover
# allauth's pages and the admin's login alike.


def log_login(sender: type, request: HttpRequest | None, user, **kwargs: Any) -> None:
    log_security_event("login.succeeded", user=user.pk, ip=client_ip(request))


def log_login_failure(
    sender: str, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # `credentials` has the password masked by Django, but still holds the typed address.
    log_security_event("login.failed", user=account_id(credentials), ip=client_ip(request))


def log_logout(sender: type, request: HttpRequest | None, user, **kwargs: Any) -> None:
    log_security_event("logout", user=user.pk if user is not None else None)
