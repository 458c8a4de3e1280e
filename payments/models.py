"""Payments of a grant: the plan (instalments that add up to the granted total), the payment
of each instalment through staff's approval, and what a grantee pays back.

An instalment is paid at most once: a payment is requested when its instalment becomes due
(the advance at signing, the rest after the approved final report), staff approve it, the
export to ICLD's finance system takes it, finance pays it. A constraint holds that one
instalment has at most one payment approved (or further), whatever happens at once."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import StatusEvent
from core.money import sek


class Trigger(models.TextChoices):
    SIGNING = "signing", _("At the signing of the agreement")
    FINAL_REPORT = "final_report", _("After the approved final report")


class Instalment(models.Model):
    """One part of a grant's payment plan: how much, and what makes it due."""

    application = models.ForeignKey(
        "applications.Application",
        on_delete=models.PROTECT,
        related_name="instalments",
        verbose_name=_("application"),
    )
    decision = models.ForeignKey(
        "decisions.Decision",
        on_delete=models.PROTECT,
        related_name="instalments",
        verbose_name=_("decision"),
    )
    sequence = models.PositiveSmallIntegerField(_("number"))
    trigger = models.CharField(_("due"), max_length=20, choices=Trigger.choices)
    amount_sek = models.PositiveIntegerField(_("amount (SEK)"))
    # Set when its trigger happened (signing, final report approved): it can be paid from then.
    due_at = models.DateTimeField(_("requestable since"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("instalment")
        verbose_name_plural = _("payment plan")
        ordering = ["application", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "sequence"], name="one_instalment_per_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} #{self.sequence}: {sek(self.amount_sek)}"


class PaymentStatus(models.TextChoices):
    REQUESTED = "requested", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    EXPORTED = "exported", _("Sent to finance")
    PAID = "paid", _("Paid")
    REJECTED = "rejected", _("Rejected")


# A payment in one of these states holds its instalment: nothing else is paid for it.
HOLDING_STATUSES = [PaymentStatus.APPROVED, PaymentStatus.EXPORTED, PaymentStatus.PAID]


class Payment(models.Model):
    """The payment of one instalment: requested, approved by staff, exported, paid."""

    instalment = models.ForeignKey(
        Instalment, on_delete=models.PROTECT, related_name="payments", verbose_name=_("instalment")
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PaymentStatus.choices,
        default=PaymentStatus.REQUESTED,
    )
    # The instalment's amount, or less for the final one when the report's costs were lower.
    amount_sek = models.PositiveIntegerField(_("amount (SEK)"))
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    # Staff who asked for it (a plan changed after signing); empty when the portal asked at
    # signing or after the final report. Whoever asked does not approve it.
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("requested by"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    # The export (exports.ExportJob) that took it to finance; a number, since exports sit above.
    export_job_id = models.PositiveIntegerField(_("export"), null=True, blank=True)
    exported_at = models.DateTimeField(_("sent to finance"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["-requested_at", "-pk"]
        permissions = [("approve_payment", _("Can approve a payment"))]
        constraints = [
            models.UniqueConstraint(
                fields=["instalment"],
                condition=Q(status__in=["approved", "exported", "paid"]),
                name="one_approved_payment_per_instalment",
            )
        ]

    def __str__(self) -> str:
        return f"{self.instalment.application} #{self.instalment.sequence}: {sek(self.amount_sek)}"


class PaymentEvent(StatusEvent):
    """A payment's history: approved, rejected, exported, paid; who, when, why. Append-only."""

    payment = models.ForeignKey(Payment, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(
        _("from"), max_length=20, choices=PaymentStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=PaymentStatus.choices)

    class Meta(StatusEvent.Meta):
        verbose_name = _("payment event")
        verbose_name_plural = _("payment history")


class RepaymentStatus(models.TextChoices):
    DUE = "due", _("To be paid back")
    EXPORTED = "exported", _("Sent to finance")


class Repayment(models.Model):
    """What the grantee pays back: more was paid out than the final report's actual costs."""

    application = models.OneToOneField(
        "applications.Application",
        on_delete=models.PROTECT,
        related_name="repayment",
        verbose_name=_("application"),
    )
    amount_sek = models.PositiveIntegerField(_("amount (SEK)"))
    granted_sek = models.PositiveIntegerField(_("granted (SEK)"))
    actual_sek = models.PositiveIntegerField(_("actual costs (SEK)"))
    paid_sek = models.PositiveIntegerField(_("paid out (SEK)"))
    status = models.CharField(
        _("status"), max_length=20, choices=RepaymentStatus.choices, default=RepaymentStatus.DUE
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    export_job_id = models.PositiveIntegerField(_("export"), null=True, blank=True)
    exported_at = models.DateTimeField(_("sent to finance"), null=True, blank=True)

    class Meta:
        verbose_name = _("repayment")
        verbose_name_plural = _("repayments")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.application}: {sek(self.amount_sek)}"
