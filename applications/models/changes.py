"""Participant changes of a granted case's team, and their history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import StatusEvent

from .application import Application
from .team import Participant, TeamMember


class ParticipantChangeStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for ICLD")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ParticipantChange(TeamMember):
    """A change of a granted case's team, proposed by the applicant and decided by ICLD: one
    person leaves (or no one, for an addition) and the person named here joins."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="participant_changes",
        verbose_name=_("application"),
    )
    leaving = models.ForeignKey(
        Participant,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="leaving_changes",
        verbose_name=_("leaving participant"),
        help_text=_("Empty when the change only adds a person."),
    )
    reason = models.TextField(_("reason for the change"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ParticipantChangeStatus.choices,
        default=ParticipantChangeStatus.PENDING,
    )
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
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_comment = models.TextField(_("ICLD's comment"), blank=True)

    class Meta:
        verbose_name = _("participant change")
        verbose_name_plural = _("participant changes")
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            # Decided by ICLD, or not: the decision's fields come together.
            models.CheckConstraint(
                condition=Q(
                    status__in=["approved", "rejected"],
                    decided_by__isnull=False,
                    decided_at__isnull=False,
                )
                | Q(status__in=["pending", "withdrawn"], decided_by__isnull=True),
                name="participant_change_decided_by_staff",
            ),
        ]

    def __str__(self) -> str:
        if self.leaving_id:
            return _("%(leaving)s → %(joining)s") % {"leaving": self.leaving, "joining": self.name}
        return _("+ %(joining)s") % {"joining": self.name}

    @property
    def is_pending(self) -> bool:
        return self.status == ParticipantChangeStatus.PENDING


class ParticipantChangeEvent(StatusEvent):
    """The history of a participant change: who proposed, withdrew or decided it, when and
    why. Append-only, like the case's ApplicationEvent (which keeps to the case's status)."""

    change = models.ForeignKey(ParticipantChange, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(
        _("from"), max_length=10, choices=ParticipantChangeStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=10, choices=ParticipantChangeStatus.choices)

    class Meta(StatusEvent.Meta):
        verbose_name = _("participant change event")
        verbose_name_plural = _("history of the change")
