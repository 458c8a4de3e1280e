"""Export jobs: a file staff asked for, made by a Celery task that reports its progress."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class ExportKind(models.TextChoices):
    PARTICIPANT_FORMS_ZIP = "participant_forms_zip", _("Participant forms of a round (ZIP)")
    APPLICATIONS = "applications", _("Applications")
    PARTICIPANTS = "participants", _("Participants (personal data)")
    # Declared ahead of its exporter (reporting) so that adding it needs no migration here.
    REPORTS = "reports", _("Reports")
    PAYMENTS = "payments", _("Payments to finance (CSV and SIE 4, ZIP)")
    DECISION_LIST = "decision_list", _("Decision list of a round (for the decision meeting)")


class ExportFormat(models.TextChoices):
    CSV = "csv", _("CSV (comma-separated, UTF-8)")
    XLSX = "xlsx", _("Excel (XLSX)")
    ZIP = "zip", _("ZIP")
    PDF = "pdf", _("PDF")


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


# A job in these states is not run again: a new export is a new job.
FINISHED_STATUSES = {ExportStatus.DONE, ExportStatus.FAILED}


def export_path(instance: ExportJob, filename: str) -> str:
    # A random name in the private media storage; the download view gives the readable one.
    return f"exports/{uuid.uuid4().hex}"


class ExportJob(models.Model):
    """One export: what was asked (kind and parameters), by whom, how far it got, the file."""

    kind = models.CharField(_("kind"), max_length=40, choices=ExportKind.choices)
    # E.g. {"round": 3, "format": "xlsx"}; the exporter of the kind reads what it needs.
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    progress_done = models.PositiveIntegerField(_("done"), default=0)
    progress_total = models.PositiveIntegerField(_("total"), default=0)
    # When the running job last moved: a job whose progress stands still this long was left by
    # a worker that died, and a sweep hands it to another (exports/tasks.py).
    progress_at = models.DateTimeField(_("progress at"), null=True, blank=True, editable=False)
    file = models.FileField(_("file"), upload_to=export_path, blank=True, max_length=200)
    checksum = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("size in bytes"), null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)
    # The run that owns the job: a run restarted after a crash takes it over, and the run it
    # replaced finds its progress updates refused and stops.
    run_id = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("export")
        verbose_name_plural = _("exports")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=models.Q(status="queued"),
                name="exportjob_queued",
            ),
            models.Index(
                fields=["progress_at"],
                condition=models.Q(status="running"),
                name="exportjob_running",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def format(self) -> str:
        return self.parameters.get("format", "")

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED_STATUSES

    @property
    def found_nothing(self) -> bool:
        """Done, with nothing in it: the file is empty (a round without participant forms)."""
        return self.status == ExportStatus.DONE and not self.progress_total

    @property
    def nothing_found_text(self) -> str:
        """What an export that found nothing says (its page, its e-mail), so that an empty
        file is not taken for a fault."""
        if self.kind == ExportKind.PARTICIPANT_FORMS_ZIP:
            return gettext(
                "Done, but no case of this round has a participant form yet (a form is made "
                "when an application is submitted): the ZIP is empty."
            )
        return gettext("Done, but nothing matched what was asked for: the file is empty.")

    @property
    def percent(self) -> int:
        if self.status == ExportStatus.DONE:
            return 100
        if not self.progress_total:
            return 0
        return min(100, self.progress_done * 100 // self.progress_total)

    @property
    def download_name(self) -> str:
        """A readable file name: kind, round if any, job number and format."""
        parts = [self.kind.replace("_zip", "").replace("_", "-")]
        if self.parameters.get("round_name"):
            parts.append(self.parameters["round_name"])
        parts.append(str(self.pk))
        return "-".join(parts) + "." + (self.format or "bin")
