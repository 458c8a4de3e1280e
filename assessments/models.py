"""Before ICLD decides on an application: its screening (is it admissible?), the assessors'
scores against the component's rubric (each assessor first declares no conflict of interest,
jäv), and the responsible officer's recommendation that the decision reads."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from applications.models import Application, BudgetLine
from core.models import StatusEvent
from core.money import sek
from partnerships.models import Component

# --- screening ----------------------------------------------------------------------------------


class ScreeningStatus(models.TextChoices):
    OPEN = "open", _("Being screened")
    ADMISSIBLE = "admissible", _("Admissible")
    INADMISSIBLE = "inadmissible", _("Inadmissible")


class Screening(models.Model):
    """Whether an application is admissible, recorded by staff before it is assessed."""

    application = models.OneToOneField(
        Application,
        on_delete=models.CASCADE,
        related_name="screening",
        verbose_name=_("application"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ScreeningStatus.choices,
        default=ScreeningStatus.OPEN,
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("started by"),
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)

    class Meta:
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")

    def __str__(self) -> str:
        return f"{self.application}: {self.get_status_display()}"


class ScreeningEvent(StatusEvent):
    screening = models.ForeignKey(
        Screening, on_delete=models.CASCADE, related_name="events", verbose_name=_("screening")
    )
    from_status = models.CharField(
        _("from"), max_length=20, choices=ScreeningStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=ScreeningStatus.choices)

    class Meta(StatusEvent.Meta):
        verbose_name = _("screening event")
        verbose_name_plural = _("screening events")


class Verdict(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed: it makes the application inadmissible")
    OVERRIDDEN = "overridden", _("Overridden: it does not")


class ScreeningReason(models.Model):
    """One reason the application may be inadmissible: a finding of the programme's rules
    (applications/rules/, its stable code) or one staff add. Staff confirm or override each;
    an override says why."""

    STAFF_CODE = "staff"

    screening = models.ForeignKey(
        Screening, on_delete=models.CASCADE, related_name="reasons", verbose_name=_("screening")
    )
    code = models.CharField(_("reason code"), max_length=60)
    severity = models.CharField(_("severity"), max_length=10, blank=True)
    # The finding's message in both languages, as the rules gave it when the screening began:
    # the letter goes out in the coordinator's language.
    message_sv = models.TextField(_("reason (Swedish)"))
    message_en = models.TextField(_("reason (English)"))
    from_rules = models.BooleanField(_("from the programme's rules"), default=True)
    verdict = models.CharField(_("verdict"), max_length=12, choices=Verdict.choices, blank=True)
    comment = models.TextField(_("why"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        verbose_name = _("screening reason")
        verbose_name_plural = _("screening reasons")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.code

    @property
    def message(self) -> str:
        return self.message_en if translation.get_language() == "en" else self.message_sv

    def message_in(self, language: str) -> str:
        return self.message_en if language == "en" else self.message_sv


# --- the rubric ---------------------------------------------------------------------------------


class Criterion(models.Model):
    """One criterion of a component's rubric: data staff edit in the admin (seeded by a data
    migration from the programme's own pages), never code."""

    component = models.CharField(_("component"), max_length=20, choices=Component.choices)
    key = models.SlugField(_("key"), max_length=60)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title_sv = models.CharField(_("title (Swedish)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    guidance_sv = models.TextField(_("guidance (Swedish)"))
    guidance_en = models.TextField(_("guidance (English)"))
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=5)
    source = models.CharField(
        _("source"), max_length=200, blank=True, help_text=_("Where the programme says it.")
    )
    active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("assessment criterion")
        verbose_name_plural = _("assessment criteria")
        ordering = ["component", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["component", "key"], name="criterion_key_once"),
            models.CheckConstraint(
                condition=models.Q(scale_max__gt=models.F("scale_min")),
                name="criterion_scale_ordered",
                violation_error_message=_("The highest score must be above the lowest."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_component_display()}: {self.title}"

    @property
    def title(self) -> str:
        return self.title_en if translation.get_language() == "en" else self.title_sv

    @property
    def guidance(self) -> str:
        return self.guidance_en if translation.get_language() == "en" else self.guidance_sv

    @property
    def scale(self) -> range:
        return range(self.scale_min, self.scale_max + 1)


# --- assessors and their scores -----------------------------------------------------------------


class AssessmentStatus(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned: no declaration yet")
    DECLARED = "declared", _("No conflict of interest declared")
    CONFLICT = "conflict", _("Conflict of interest (jäv) declared")
    SUBMITTED = "submitted", _("Submitted")


class Assessment(models.Model):
    """One assessor's assessment of one application."""

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("application"),
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="assessments",
        verbose_name=_("assessor"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.ASSIGNED,
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    assigned_at = models.DateTimeField(_("assigned"), auto_now_add=True)
    summary = models.TextField(_("overall comment"), blank=True)

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "assessor"], name="assessor_once")
        ]

    def __str__(self) -> str:
        return f"{self.application} – {self.assessor}"


class AssessmentEvent(StatusEvent):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="events", verbose_name=_("assessment")
    )
    from_status = models.CharField(
        _("from"), max_length=20, choices=AssessmentStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=AssessmentStatus.choices)

    class Meta(StatusEvent.Meta):
        verbose_name = _("assessment event")
        verbose_name_plural = _("assessment events")


class Score(models.Model):
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("assessment")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="+", verbose_name=_("criterion")
    )
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["criterion__order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="score_once")
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.score}"


# --- the officer's recommendation ---------------------------------------------------------------


class Outcome(models.TextChoices):
    GRANT = "grant", _("Grant")
    DECLINE = "decline", _("Decline")


class RecommendationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    RECOMMENDED = "recommended", _("Recommended")


class Recommendation(models.Model):
    """The responsible officer's summary: the outcome they recommend and the amounts they
    propose per budget category (whole kronor). The decision reads it
    (selectors.recommendation_for)."""

    application = models.OneToOneField(
        Application,
        on_delete=models.CASCADE,
        related_name="recommendation",
        verbose_name=_("application"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.DRAFT,
    )
    outcome = models.CharField(_("recommended outcome"), max_length=10, choices=Outcome.choices)
    summary = models.TextField(_("summary"))
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("officer"),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self) -> str:
        return f"{self.application}: {self.get_outcome_display()}"


class RecommendationEvent(StatusEvent):
    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("recommendation"),
    )
    from_status = models.CharField(
        _("from"), max_length=20, choices=RecommendationStatus.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=20, choices=RecommendationStatus.choices)

    class Meta(StatusEvent.Meta):
        verbose_name = _("recommendation event")
        verbose_name_plural = _("recommendation events")


class ProposedAmount(models.Model):
    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.CASCADE,
        related_name="amounts",
        verbose_name=_("recommendation"),
    )
    category = models.CharField(_("category"), max_length=20, choices=BudgetLine.Category.choices)
    amount_sek = models.PositiveIntegerField(_("proposed amount (SEK)"))

    class Meta:
        verbose_name = _("proposed amount")
        verbose_name_plural = _("proposed amounts")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "category"], name="proposed_category_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {sek(self.amount_sek)}"
