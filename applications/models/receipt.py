"""The receipt of a submission: the whole application as it was sent, kept as data and as PDF."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .application import Application


def receipt_path(instance: SubmissionReceipt, filename: str) -> str:
    return f"receipts/{instance.application_id}/{uuid.uuid4().hex}.pdf"


class SubmissionReceipt(models.Model):
    """What was submitted, numbered per case (a returned application submitted again gets the
    next number): every step, both teams, the visits, the budget and the attachments' names,
    snapshotted in the submission's transaction; the PDF is rendered from the snapshot in a
    worker, once."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="receipts")
    number = models.PositiveSmallIntegerField(_("submission"))
    submitted_at = models.DateTimeField(_("submitted"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    language = models.CharField(_("language"), max_length=8)
    snapshot = models.JSONField(_("what was submitted"), default=dict)
    file = models.FileField(_("file"), upload_to=receipt_path, blank=True, max_length=200)
    checksum = models.CharField(_("SHA-256"), max_length=64, blank=True)
    rendered_at = models.DateTimeField(_("rendered"), null=True, blank=True)

    class Meta:
        verbose_name = _("submission receipt")
        verbose_name_plural = _("submission receipts")
        ordering = ["application", "number"]
        constraints = [
            models.UniqueConstraint(fields=["application", "number"], name="receipt_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.application} #{self.number}"
