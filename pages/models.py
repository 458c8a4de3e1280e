"""Site content that staff edit in the admin, each text in Swedish and English."""

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def in_language(obj: models.Model, field: str) -> str:
    """The English text in English when there is one, else the Swedish."""
    english = getattr(obj, f"{field}_en")
    return english if get_language() == "en" and english else getattr(obj, f"{field}_sv")


class NewsItemQuerySet(models.QuerySet):
    def published(self) -> "NewsItemQuerySet":
        return self.filter(published_at__lte=timezone.now())


class NewsItem(models.Model):
    """A news item (Aktuellt). Published from `published_at`; plain text with paragraphs."""

    slug = models.SlugField(_("address"), unique=True, max_length=120)
    title_sv = models.CharField(_("title in Swedish"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    summary_sv = models.CharField(_("summary in Swedish"), max_length=300)
    summary_en = models.CharField(_("summary in English"), max_length=300, blank=True)
    body_sv = models.TextField(_("text in Swedish"))
    body_en = models.TextField(_("text in English"), blank=True)
    published_at = models.DateTimeField(
        _("published"), null=True, blank=True, help_text=_("Empty: not published.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        ordering = ["-published_at"]

    def __str__(self) -> str:
        return self.title_sv

    @property
    def title(self) -> str:
        return in_language(self, "title")

    @property
    def summary(self) -> str:
        return in_language(self, "summary")

    @property
    def body(self) -> str:
        return in_language(self, "body")


class FaqEntry(models.Model):
    question_sv = models.CharField(_("question in Swedish"), max_length=300)
    question_en = models.CharField(_("question in English"), max_length=300, blank=True)
    answer_sv = models.TextField(_("answer in Swedish"))
    answer_en = models.TextField(_("answer in English"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("FAQ entry")
        verbose_name_plural = _("FAQ")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.question_sv

    @property
    def question(self) -> str:
        return in_language(self, "question")

    @property
    def answer(self) -> str:
        return in_language(self, "answer")


class Guideline(models.Model):
    """A guideline for partnerships, e.g. on interpretation, with an optional document."""

    slug = models.SlugField(_("address"), unique=True, max_length=120)
    title_sv = models.CharField(_("title in Swedish"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    body_sv = models.TextField(_("text in Swedish"))
    body_en = models.TextField(_("text in English"), blank=True)
    document = models.FileField(_("document"), upload_to="guidelines/", blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("guideline")
        verbose_name_plural = _("guidelines")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title_sv

    @property
    def title(self) -> str:
        return in_language(self, "title")

    @property
    def body(self) -> str:
        return in_language(self, "body")
