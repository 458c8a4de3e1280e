"""The participant form (deltagarformulär) of a case's team, one PDF per version."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from .application import Application
from .changes import ParticipantChange


def participant_form_path(instance: ParticipantFormVersion, filename: str) -> str:
    return f"participant-forms/{instance.application_id}/{uuid.uuid4().hex}.pdf"


class ParticipantFormVersion(models.Model):
    """One version of the participant form (deltagarformulär) of a case's whole team, as PDF.

    Version 1 is made when the application is submitted; each approved change of participants
    makes the next one. A version is rendered once: the task that renders it finds the file
    there and stops.
    """

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="participant_forms"
    )
    version = models.PositiveSmallIntegerField(_("version"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    language = models.CharField(_("language"), max_length=8)
    # The team as it was, so that later versions can say who left and who joined.
    team = models.JSONField(_("team"), default=list)
    file = models.FileField(_("file"), upload_to=participant_form_path, blank=True, max_length=200)
    checksum = models.CharField(_("SHA-256"), max_length=64, blank=True)
    rendered_at = models.DateTimeField(_("rendered"), null=True, blank=True)
    # The approved change that made this version; empty for the version of a submission.
    change = models.ForeignKey(
        ParticipantChange,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="form_versions",
        verbose_name=_("made by the change"),
    )

    class Meta:
        verbose_name = _("participant form")
        verbose_name_plural = _("participant forms")
        ordering = ["application", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "version"], name="participant_form_version_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} v{self.version}"
