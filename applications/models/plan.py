"""What an application plans: the partner visits and the budget."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.money import sek
from costnorms.norms import Line

from .application import Application, Party


class Visit(models.Model):
    """A partner visit in the peer-learning plan."""

    class Method(models.TextChoices):
        BENCHMARKING = "benchmarking", _("Benchmarking")
        MENTORING = "mentoring", _("Mentoring")
        STUDY_VISIT = "study_visit", _("Study visit")
        JOB_SHADOWING = "job_shadowing", _("Job shadowing")
        WORKSHOP = "workshop", _("Joint workshop")
        OTHER = "other", _("Other")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="visits")
    host = models.CharField(_("host"), max_length=10, choices=Party.choices)
    months = models.CharField(
        _("when (months)"), max_length=100, help_text=_("E.g. March–April 2026.")
    )
    participants = models.PositiveSmallIntegerField(
        _("number of participants"),
        validators=[MinValueValidator(1), MaxValueValidator(50)],
        help_text=_("How many travel: the budget counts their journeys, per diem and nights."),
    )
    # Who of the team travels (issue 20, item 2: "which team members travel"). The team step
    # may come after the visit plan, so the number above stands while no one is chosen; once
    # people are chosen, the budget counts them.
    travellers = models.ManyToManyField(
        "Participant",
        blank=True,
        related_name="planned_visits",
        verbose_name=_("who travels"),
    )
    # Null on visits planned before budgets were computed; the budget step asks for it.
    days = models.PositiveSmallIntegerField(
        _("days away"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Travel days included: four days away are three nights."),
    )
    interpreter = models.BooleanField(
        _("a professional interpreter is needed"),
        default=False,
        help_text=_("ICLD reimburses professional interpreters by its fee table."),
    )
    learning_goals = models.TextField(_("what each side expects to learn"))
    methods = models.JSONField(_("methods"), default=list)

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_host_display()} {self.months}"


class BudgetLine(models.Model):
    class Category(models.TextChoices):
        TRAVEL = "travel", _("Travel")
        ACCOMMODATION = "accommodation", _("Accommodation")
        INTERPRETATION = "interpretation", _("Interpretation and translation")
        MEETINGS = "meetings", _("Meetings")
        OTHER = "other", _("Other")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="budget_lines"
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    description = models.CharField(_("description"), max_length=200)
    amount_sek = models.PositiveIntegerField(
        _("amount (SEK)"), validators=[MaxValueValidator(10_000_000)]
    )
    explanation = models.TextField(
        _("explanation"),
        blank=True,
        help_text=_("What the line pays for and how you reached the amount."),
    )
    # A line computed from the cost norms belongs to its visit and keeps the facts it was
    # computed from (costnorms.norms.Line.basis), so that it explains itself in either
    # language; a line of the coordinator's own has neither.
    visit = models.ForeignKey(
        Visit,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="budget_lines",
        verbose_name=_("visit"),
    )
    basis = models.JSONField(_("computed from"), default=dict, blank=True)

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {sek(self.amount_sek)}"

    @property
    def computed(self) -> Line | None:
        """The norms' line this one was computed from, or None for a line of one's own."""
        return Line.from_basis(self.basis) if self.basis else None
