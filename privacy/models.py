"""What the privacy app keeps itself: the retention warnings, and the export permission."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from applications.models import Application


class PersonalData(models.Model):
    """No table: only the holder of the permission to export what the portal holds about a
    person, so that staff can be given it (or not) in the admin like any other right."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [("export_personal_data", _("Can export all personal data about a person"))]

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


class RetentionWarning(models.Model):
    """A draft untouched for RETENTION_DRAFT_MONTHS has been warned about once; it is deleted
    RETENTION_WARNING_DAYS later unless someone saves it meanwhile (which removes the warning).
    One per draft: a second run of the task warns nobody twice."""

    application = models.OneToOneField(
        Application,
        on_delete=models.CASCADE,
        related_name="retention_warning",
        verbose_name=_("application"),
    )
    warned_at = models.DateTimeField(_("warned"))
    recipient_count = models.PositiveSmallIntegerField(_("people warned"), default=0)

    class Meta:
        verbose_name = _("retention warning")
        verbose_name_plural = _("retention warnings")
        ordering = ["warned_at"]

    def __str__(self) -> str:
        return f"{self.application} ({self.warned_at:%Y-%m-%d})"
