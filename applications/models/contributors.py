"""The people the coordinator invites onto a case, and the invitations by e-mail."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import StatusEvent

from .application import Application


class ContributorRole(models.TextChoices):
    READER = "reader", _("May read")
    EDITOR = "editor", _("May read and edit")


class Contributor(models.Model):
    """A person the coordinator invited onto a case (medverkande)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="contributors"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contributions"
    )
    role = models.CharField(_("role"), max_length=10, choices=ContributorRole.choices)
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("contributor")
        verbose_name_plural = _("contributors")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "user"], name="contributor_once_per_case"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"


class Invitation(models.Model):
    """An invitation by e-mail; the link works once and for 14 days. Only its hash is stored."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=10, choices=ContributorRole.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("invited"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.email


class AddressRequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the coordinator")
    CONFIRMED = "confirmed", _("Confirmed")
    REFUSED = "refused", _("Refused")


class AddressRequest(models.Model):
    """Someone signed in with another address than the invited one asks to join the case on the
    invitation; the coordinator confirms or refuses it (applications/workflow.py), and only a
    confirmation gives access."""

    invitation = models.ForeignKey(
        Invitation, on_delete=models.CASCADE, related_name="address_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("asked by"),
    )
    # The address the account had when it asked: what the coordinator confirmed.
    email = models.EmailField(_("the asker's e-mail"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=AddressRequestStatus.choices,
        default=AddressRequestStatus.PENDING,
    )
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)

    class Meta:
        verbose_name = _("request to join with another address")
        verbose_name_plural = _("requests to join with another address")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "requested_by"],
                condition=models.Q(status="pending"),
                name="one_pending_address_request_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.invitation.email}"


class AddressRequestEvent(StatusEvent):
    """Who asked, confirmed or refused a request to join with another address, and when."""

    request = models.ForeignKey(AddressRequest, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(
        _("from"), max_length=10, choices=AddressRequestStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=10, choices=AddressRequestStatus.choices)

    class Meta(StatusEvent.Meta):
        verbose_name = _("event of a request to join")
        verbose_name_plural = _("history of the request to join")
