"""Reports (redovisning) on granted components: the rules that set their due dates, the
reports with their visits, costs, participants and attachments, and their history."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.models import Party, UploadedFile
from core.models import StatusEvent
from core.money import sek
from partnerships.models import Component


class ReportRule(models.Model):
    """When a component's reports are due: kept by staff, one row per component."""

    component = models.CharField(
        _("component"), max_length=20, choices=Component.choices, unique=True
    )
    final_months_after_end = models.PositiveSmallIntegerField(
        _("final report: months after the period ends"),
        default=2,
        validators=[MaxValueValidator(24)],
    )
    yearly_months_after_year = models.PositiveSmallIntegerField(
        _("yearly report: months after each project year"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(24)],
        help_text=_("Only for components that run several years (Project). Empty: none."),
    )

    class Meta:
        verbose_name = _("report rule")
        verbose_name_plural = _("report rules")
        ordering = ["component"]

    def __str__(self) -> str:
        return self.get_component_display()


class ReportKind(models.TextChoices):
    FINAL = "final", _("Final report")
    YEARLY = "yearly", _("Yearly report")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for completion")
    APPROVED = "approved", _("Approved")


EDITABLE_REPORT_STATUSES = {ReportStatus.DRAFT, ReportStatus.RETURNED}


def report_pdf_path(instance: Report, filename: str) -> str:
    return f"reports/{instance.application_id}/{uuid.uuid4().hex}.pdf"


class Report(models.Model):
    """One report on a granted case: the final one, or a Project's report on one year."""

    application = models.ForeignKey(
        "applications.Application",
        on_delete=models.PROTECT,
        related_name="reports",
        verbose_name=_("application"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    # The project year a yearly report covers; a final report has the number of the last year.
    project_year = models.PositiveSmallIntegerField(_("project year"), default=1)
    period_start = models.DateField(_("period covered from"))
    period_end = models.DateField(_("period covered to"))
    due_date = models.DateField(_("due date"))
    due_date_reason = models.TextField(
        _("why the due date was changed"), blank=True, help_text=_("Required when you change it.")
    )
    due_date_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("due date changed by"),
    )
    due_date_changed_at = models.DateTimeField(_("due date changed"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    # A report goes in once its period has ended, unless staff allowed it earlier and why.
    early_submission_reason = models.TextField(
        _("why it may be submitted before its period ends"), blank=True
    )
    early_submission_allowed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("early submission allowed by"),
    )
    early_submission_allowed_at = models.DateTimeField(
        _("early submission allowed"), null=True, blank=True
    )

    activities = models.TextField(_("activities carried out"), blank=True)
    results = models.TextField(_("results against the goals"), blank=True)
    democratic_areas = models.ManyToManyField(
        "partnerships.DemocraticArea", blank=True, verbose_name=_("core democratic areas")
    )
    democratic_results = models.TextField(_("results in the core democratic areas"), blank=True)
    lessons = models.TextField(_("lessons learnt"), blank=True)
    knowledge_home = models.TextField(_("how the knowledge was brought home"), blank=True)
    participants = models.ManyToManyField(
        "applications.Participant",
        blank=True,
        related_name="reports",
        verbose_name=_("participants who took part"),
    )

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    # The PDF of the last submission, rendered by a task after commit.
    pdf = models.FileField(_("PDF"), upload_to=report_pdf_path, blank=True, max_length=200)
    pdf_checksum = models.CharField(_("SHA-256"), max_length=64, blank=True)
    pdf_rendered_at = models.DateTimeField(_("PDF rendered"), null=True, blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["due_date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind", "project_year"], name="report_once_per_year"
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="report_period_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["status", "due_date"], name="report_status_due")]

    def __str__(self) -> str:
        if self.kind == ReportKind.YEARLY:
            return _("%(case)s: yearly report, year %(year)s") % {
                "case": self.application,
                "year": self.project_year,
            }
        return _("%(case)s: final report") % {"case": self.application}

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_REPORT_STATUSES

    @property
    def early_submission_allowed(self) -> bool:
        return self.early_submission_allowed_at is not None

    @property
    def is_overdue(self) -> bool:
        """Past its due date and not yet with ICLD (a draft, or returned for completion)."""
        return self.is_editable and self.due_date < timezone.localdate()


class ReportVisit(models.Model):
    """A partner visit that was made."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="visits")
    date = models.DateField(_("when"))
    host = models.CharField(_("host"), max_length=10, choices=Party.choices)
    place = models.CharField(_("where"), max_length=200)
    travellers = models.ManyToManyField(
        "applications.Participant", blank=True, related_name="+", verbose_name=_("who travelled")
    )
    learnt = models.TextField(_("what was learnt"))
    brought_home = models.TextField(_("how it was brought home"))

    class Meta:
        verbose_name = _("visit made")
        verbose_name_plural = _("visits made")
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.date} {self.place}"


class ReportCost(models.Model):
    """The actual cost of one line of the approved budget."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="costs")
    budget_line = models.ForeignKey(
        "applications.BudgetLine",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("budget line"),
    )
    actual_sek = models.PositiveIntegerField(
        _("actual amount (SEK)"), validators=[MaxValueValidator(10_000_000)]
    )
    explanation = models.TextField(_("explanation of the deviation"), blank=True)

    class Meta:
        verbose_name = _("cost")
        verbose_name_plural = _("costs")
        ordering = ["budget_line_id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "budget_line"], name="report_cost_once")
        ]

    def __str__(self) -> str:
        return f"{self.budget_line}: {sek(self.actual_sek)}"


def report_attachment_path(instance: ReportAttachment, filename: str) -> str:
    # The uploaded name is never part of the path.
    return f"report-attachments/{instance.report_id}/{uuid.uuid4().hex}"


class ReportAttachment(UploadedFile):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=report_attachment_path, max_length=200)

    class Meta:
        verbose_name = _("report attachment")
        verbose_name_plural = _("report attachments")
        ordering = ["uploaded_at", "pk"]


class ReportEvent(StatusEvent):
    """The report's history: every change of status, who made it, when and why. Append-only."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("from"), max_length=10, choices=ReportStatus.choices)
    to_status = models.CharField(_("to"), max_length=10, choices=ReportStatus.choices)

    class Meta(StatusEvent.Meta):
        verbose_name = _("report event")
        verbose_name_plural = _("history")
