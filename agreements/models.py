"""The agreement (avtal) between ICLD and the Swedish organisation, made from a grant decision,
and its amendments (ändringar). Each amendment ICLD approves makes a new version of the agreement
(an annex, bilaga); every version is kept and can be downloaded."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from applications.models import BudgetLine
from core.models import StatusEvent
from core.money import sek


class AgreementStatus(models.TextChoices):
    DRAFTED = "drafted", _("Waiting for the organisation's signature")
    SIGNED_BY_ORGANISATION = "signed_by_organisation", _("Signed by the organisation")
    COUNTERSIGNED = "countersigned", _("Countersigned by ICLD")
    IN_FORCE = "in_force", _("In force")
    SUPERSEDED = "superseded", _("Replaced by a later version")


def agreement_path(instance: Agreement, filename: str) -> str:
    return f"agreements/{instance.application_id}/{uuid.uuid4().hex}.pdf"


class Agreement(models.Model):
    """One version of a case's agreement: version 1 from the decision, each later one from an
    approved amendment. The terms (period, amounts per category, conditions) are its own fields,
    so a version says what was agreed whatever changes later."""

    application = models.ForeignKey(
        "applications.Application",
        on_delete=models.PROTECT,
        related_name="agreements",
        verbose_name=_("application"),
    )
    decision = models.ForeignKey(
        "decisions.Decision",
        on_delete=models.PROTECT,
        related_name="agreements",
        verbose_name=_("decision"),
    )
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    amendment = models.OneToOneField(
        "Amendment",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="annex",
        verbose_name=_("amendment"),
    )
    status = models.CharField(
        _("status"), max_length=30, choices=AgreementStatus.choices, default=AgreementStatus.DRAFTED
    )
    language = models.CharField(_("language"), max_length=8)
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    # The document to sign, rendered once in Celery (core.documents.render_once).
    document = models.FileField(
        _("agreement"), upload_to=agreement_path, blank=True, max_length=200
    )
    document_checksum = models.CharField(_("SHA-256"), max_length=64, blank=True)
    document_rendered_at = models.DateTimeField(_("rendered"), null=True, blank=True)

    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("signed by"),
    )
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)
    # How the signatory signed (agreements/signing.py: the method and what it proved).
    signature_method = models.CharField(_("signature method"), max_length=30, blank=True)
    signature_evidence = models.JSONField(_("signature evidence"), default=dict, blank=True)
    countersigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("countersigned by"),
    )
    countersigned_at = models.DateTimeField(_("countersigned"), null=True, blank=True)

    # The signed agreement with both signatures and the portal's PAdES seal (agreements/seal.py).
    sealed = models.FileField(
        _("signed agreement"), upload_to=agreement_path, blank=True, max_length=200
    )
    sealed_checksum = models.CharField(_("SHA-256 (signed)"), max_length=64, blank=True)
    sealed_at = models.DateTimeField(_("sealed"), null=True, blank=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["application", "-version"]
        permissions = [("countersign_agreement", _("Can countersign an agreement for ICLD"))]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "version"], name="one_agreement_per_version"
            ),
            # A version waiting to be signed or signed, not yet replaced: one per case.
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(status__in=["drafted", "signed_by_organisation", "countersigned"]),
                name="one_open_agreement_per_application",
            ),
        ]

    def __str__(self) -> str:
        return _("Agreement %(case)s, version %(version)s") % {
            "case": self.application,
            "version": self.version,
        }

    @property
    def total_sek(self) -> int:
        """The agreed amount in all, summed by the database."""
        return self.lines.aggregate(total=Coalesce(Sum("amount_sek"), 0))["total"]

    @property
    def file_for_download(self):
        return self.sealed or self.document


class AgreementLine(models.Model):
    """What the agreement grants in one budget category."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="lines", verbose_name=_("agreement")
    )
    category = models.CharField(_("category"), max_length=20, choices=BudgetLine.Category.choices)
    amount_sek = models.PositiveIntegerField(_("amount (SEK)"))

    class Meta:
        verbose_name = _("agreement line")
        verbose_name_plural = _("agreement lines")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "category"], name="one_agreement_line_per_category"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {sek(self.amount_sek)}"


class AgreementEvent(StatusEvent):
    """The agreement's history: drafted, signed, countersigned, in force. Append-only."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(
        _("from"), max_length=30, choices=AgreementStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=30, choices=AgreementStatus.choices)

    class Meta(StatusEvent.Meta):
        verbose_name = _("agreement event")
        verbose_name_plural = _("agreement history")


class AmendmentKind(models.TextChoices):
    EXTENSION = "extension", _("Extend the period")
    REALLOCATION = "reallocation", _("Move money between budget categories")


class AmendmentStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Amendment(models.Model):
    """A coordinator's request to change an agreement in force: a later end of the period, or
    amounts moved between categories (the total stays). Approved, it makes the next version."""

    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.PROTECT,
        related_name="amendments",
        verbose_name=_("agreement"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AmendmentKind.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AmendmentStatus.choices,
        default=AmendmentStatus.REQUESTED,
    )
    new_period_end = models.DateField(_("new end of the period"), null=True, blank=True)
    # For a reallocation: the new amount per category ({"travel": 40000, ...}), same total.
    new_amounts = models.JSONField(_("new amounts"), default=dict, blank=True)
    motivation = models.TextField(_("motivation"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement"],
                condition=Q(status="requested"),
                name="one_open_amendment_per_agreement",
            )
        ]

    def __str__(self) -> str:
        return f"{self.agreement.application}: {self.get_kind_display()}"


class AmendmentEvent(StatusEvent):
    amendment = models.ForeignKey(Amendment, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(
        _("from"), max_length=20, choices=AmendmentStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=AmendmentStatus.choices)

    class Meta(StatusEvent.Meta):
        verbose_name = _("amendment event")
        verbose_name_plural = _("amendment history")
