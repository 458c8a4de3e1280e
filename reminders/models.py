"""Reminders sent: one row per person, thing, deadline and day before it, so each goes out once."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Reminder(models.Model):
    """A reminder that went out. The unique constraint is what makes a reminder go out at most
    once, also when two sweeps run at the same moment: the second insert fails."""

    class Kind(models.TextChoices):
        APPLICATION_DEADLINE = "application_deadline", _("Application deadline")
        REPORT_DUE = "report_due", _("Report due")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminders",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    # What the reminder is about, e.g. "application:123" or "report:45".
    object_key = models.CharField(_("about"), max_length=100)
    due_date = models.DateField(_("deadline"))
    days_before = models.PositiveSmallIntegerField(_("days before the deadline"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    email = models.ForeignKey(
        "core.OutgoingEmail",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("e-mail"),
    )

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "object_key", "due_date", "days_before"],
                name="reminder_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.object_key}: {self.due_date} −{self.days_before}"
