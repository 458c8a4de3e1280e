"""The decision on an application (beslut): what ICLD grants per budget category, on which
conditions and for which period, or why it declines; and the letter that says so.

An officer proposes (status "proposed"), a decision-maker decides ("decided"); a proposal can be
withdrawn and a new one made. One decision per application is *current* (a constraint): the one
proposed or decided, never a withdrawn one."""

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


class DecisionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    DECIDED = "decided", _("Decided")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Outcome(models.TextChoices):
    GRANTED = "granted", _("Granted")
    DECLINED = "declined", _("Declined")


def letter_path(instance: Decision, filename: str) -> str:
    return f"decisions/{instance.application_id}/{uuid.uuid4().hex}.pdf"


class Decision(models.Model):
    application = models.ForeignKey(
        "applications.Application",
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("application"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DecisionStatus.choices,
        default=DecisionStatus.PROPOSED,
    )
    # False once withdrawn: the application's next proposal becomes its current decision.
    is_current = models.BooleanField(_("current"), default=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    # The agreement may move the start to the day it is signed.
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    reasons = models.TextField(_("reasons"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    proposed_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    # The decision letter, rendered in Celery once decided (core.documents.render_once).
    letter = models.FileField(
        _("decision letter"), upload_to=letter_path, blank=True, max_length=200
    )
    letter_checksum = models.CharField(_("SHA-256"), max_length=64, blank=True)
    letter_rendered_at = models.DateTimeField(_("letter rendered"), null=True, blank=True)
    # When the letter was posted into the case's thread (and e-mailed): once only.
    letter_sent_at = models.DateTimeField(_("letter sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-pk"]
        permissions = [("decide_grant", _("Can decide on a grant"))]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(is_current=True),
                name="one_current_decision_per_application",
            ),
            models.CheckConstraint(
                condition=Q(is_current=False) | ~Q(status="withdrawn"),
                name="withdrawn_decision_not_current",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} – {self.get_outcome_display()} ({self.get_status_display()})"

    @property
    def granted_total(self) -> int:
        """The sum of the granted amounts, computed by the database (or taken from the
        `granted_sum` annotation of `selectors.with_totals`)."""
        annotated = getattr(self, "granted_sum", None)
        if annotated is not None:
            return annotated
        return self.lines.aggregate(total=Coalesce(Sum("granted_sek"), 0))["total"]


class DecisionLine(models.Model):
    """What the applicant asked for in one budget category and what ICLD grants of it."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="lines", verbose_name=_("decision")
    )
    category = models.CharField(_("category"), max_length=20, choices=BudgetLine.Category.choices)
    requested_sek = models.PositiveIntegerField(_("requested (SEK)"))
    granted_sek = models.PositiveIntegerField(_("granted (SEK)"))

    class Meta:
        verbose_name = _("decision line")
        verbose_name_plural = _("decision lines")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["decision", "category"], name="one_decision_line_per_category"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {sek(self.granted_sek)}"


class DecisionEvent(StatusEvent):
    """The decision's history: proposed, decided, withdrawn; who, when, why. Append-only."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(
        _("from"), max_length=20, choices=DecisionStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=DecisionStatus.choices)

    class Meta(StatusEvent.Meta):
        verbose_name = _("decision event")
        verbose_name_plural = _("decision history")
