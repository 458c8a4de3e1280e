"""Thematic networks, the interest registrations of Swedish organisations that want to join
one, and coordinators' interest in partners abroad that seek a Swedish partner.

The link between a network and its partnerships lives here, not on `Partnership`, so that
`partnerships` never depends on `networks`.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from partnerships.models import (
    Cluster,
    Country,
    PartnerSeeking,
    Partnership,
    SubjectCategory,
    SwedishOrganisation,
    TranslatedName,
)


class NetworkStatus(models.TextChoices):
    OPEN_FOR_INTEREST = "open_for_interest", _("Open for interest registrations")
    RUNNING = "running", _("Running")
    CLOSED = "closed", _("Closed")


class Network(TranslatedName):
    """Several partnerships in one theme, supported together by ICLD."""

    theme = models.ForeignKey(
        SubjectCategory, on_delete=models.PROTECT, related_name="networks", verbose_name=_("theme")
    )
    cluster = models.CharField(
        _("region"),
        max_length=20,
        choices=Cluster.choices,
        blank=True,
        help_text=_("The cluster the network works in; empty for every region."),
    )
    description_sv = models.TextField(_("description in Swedish"))
    description_en = models.TextField(_("description in English"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=NetworkStatus.choices,
        default=NetworkStatus.OPEN_FOR_INTEREST,
    )
    offers_training = models.BooleanField(_("joint training"), default=True)
    offers_experts = models.BooleanField(_("experts"), default=True)
    # Named contacts are shown publicly by name and role only; e-mail goes through ICLD.
    coordinator_name = models.CharField(_("ICLD project coordinator"), max_length=200, blank=True)
    coordinator_role = models.CharField(_("role of the coordinator"), max_length=200, blank=True)
    adviser_name = models.CharField(_("research adviser"), max_length=200, blank=True)
    adviser_role = models.CharField(_("role of the research adviser"), max_length=200, blank=True)
    partnerships = models.ManyToManyField(
        Partnership, blank=True, related_name="networks", verbose_name=_("partnerships")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name_sv"]

    @property
    def description(self) -> str:
        return self.description_en if get_language() == "en" else self.description_sv

    @property
    def is_open(self) -> bool:
        return self.status == NetworkStatus.OPEN_FOR_INTEREST


class RegistrationStatus(models.TextChoices):
    NEW = "new", _("New")
    MATCHED = "matched", _("Matched")
    DECLINED = "declined", _("Declined")


def decision_path(instance: InterestRegistration, filename: str) -> str:
    # The uploaded name is never part of the path; `decision_name` keeps it as a label.
    return f"network_decisions/{uuid.uuid4().hex}"


class InterestRegistration(models.Model):
    """An intresseanmälan: a Swedish organisation wants to join a network and be matched."""

    network = models.ForeignKey(
        Network,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("network"),
    )
    organisation = models.ForeignKey(
        SwedishOrganisation,
        on_delete=models.PROTECT,
        related_name="network_registrations",
        verbose_name=_("organisation"),
    )
    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_email = models.EmailField(_("contact e-mail"))
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="sv"
    )
    themes = models.ManyToManyField(
        SubjectCategory, related_name="network_registrations", verbose_name=_("themes")
    )
    preferred_countries = models.ManyToManyField(
        Country,
        blank=True,
        related_name="network_registrations",
        verbose_name=_("preferred countries"),
    )
    preferred_cluster = models.CharField(
        _("preferred cluster"), max_length=20, choices=Cluster.choices, blank=True
    )
    wants_to_develop = models.TextField(_("what the organisation wants to develop"))
    political_support_sought = models.BooleanField(
        _("political support and anchoring are being sought")
    )
    # Private: stored under a random name outside the web root, served to staff by the admin.
    decision = models.FileField(_("decision"), upload_to=decision_path, max_length=200, blank=True)
    decision_name = models.CharField(_("file name of the decision"), max_length=200, blank=True)
    decision_content_type = models.CharField(_("type of the decision"), max_length=100, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.NEW,
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("partnership"),
    )
    partner_seeking = models.ForeignKey(
        PartnerSeeking,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("matched partner seeking"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        verbose_name = _("interest registration")
        verbose_name_plural = _("interest registrations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(political_support_sought=True),
                name="registration_political_support_sought",
                violation_error_message=_(
                    "An interest registration confirms that political support is being sought."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(status=RegistrationStatus.MATCHED) | Q(partnership__isnull=False),
                name="registration_matched_has_partnership",
                violation_error_message=_("A matched registration has a partnership."),
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.network}"


class PartnerInterest(models.Model):
    """A coordinator's interest in a partner seeking a Swedish partner; ICLD makes contact."""

    seeking = models.ForeignKey(
        PartnerSeeking,
        on_delete=models.CASCADE,
        related_name="interests",
        verbose_name=_("partner seeking"),
    )
    organisation = models.ForeignKey(
        SwedishOrganisation,
        on_delete=models.PROTECT,
        related_name="partner_interests",
        verbose_name=_("Swedish organisation"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="partner_interests",
        verbose_name=_("coordinator"),
    )
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    contacted_at = models.DateTimeField(_("parties put in contact"), null=True, blank=True)

    class Meta:
        verbose_name = _("interest in a partner")
        verbose_name_plural = _("interests in partners")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["seeking", "organisation"],
                name="partner_interest_once_per_organisation",
                violation_error_message=_(
                    "Your organisation has already expressed interest in this partner."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.seeking.organisation_name}"
