"""ICLD's cost norms, each row in force from its `valid_from`: the norm in force on a day is, per
key (country, route, fee, component), the row with the latest `valid_from` on or before that
day (`selectors.norms_on`). A change is a new row with a later date, so the budgets computed
from the old one can still be explained; the history (audit app) keeps who changed what.

Amounts are whole kronor (integers), never floats.
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partnerships.models import Component, Country

MAX_SEK = 10_000_000


def amount_field(verbose_name, **kwargs) -> models.PositiveIntegerField:
    return models.PositiveIntegerField(
        verbose_name, validators=[MaxValueValidator(MAX_SEK)], **kwargs
    )


class Norm(models.Model):
    valid_from = models.DateField(
        _("in force from"),
        help_text=_("Budgets computed on this day or later use this figure."),
    )
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("Where the figure comes from, e.g. the decision or the guidelines."),
    )

    class Meta:
        abstract = True
        ordering = ["-valid_from"]


class CountryRate(Norm):
    """Per diem and accommodation cap per person in one country (no country: in Sweden)."""

    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cost_rates",
        verbose_name=_("country"),
        help_text=_("Empty: visits in Sweden."),
    )
    per_diem_sek = amount_field(_("per diem (SEK per person and day)"))
    accommodation_sek = amount_field(_("accommodation cap (SEK per person and night)"))

    class Meta(Norm.Meta):
        verbose_name = _("per diem and accommodation norm")
        verbose_name_plural = _("per diem and accommodation norms")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "valid_from"],
                name="country_rate_once_a_day",
                condition=Q(country__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["valid_from"],
                name="sweden_rate_once_a_day",
                condition=Q(country__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country or _('Sweden')} ({self.valid_from})"


class TravelBand(Norm):
    """What one person's return journey costs at most: Sweden ↔ a cooperation country, or
    domestic travel within a country (no country: within Sweden) during a visit."""

    class Route(models.TextChoices):
        INTERNATIONAL = "international", _("Sweden ↔ the country (return)")
        DOMESTIC = "domestic", _("Domestic travel during a visit")

    route = models.CharField(_("route"), max_length=20, choices=Route.choices)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="travel_bands",
        verbose_name=_("country"),
        help_text=_("Empty for domestic travel: within Sweden."),
    )
    amount_sek = amount_field(_("amount (SEK per person)"))

    class Meta(Norm.Meta):
        verbose_name = _("travel cost band")
        verbose_name_plural = _("travel cost bands")
        constraints = [
            models.UniqueConstraint(
                fields=["route", "country", "valid_from"],
                name="travel_band_once_a_day",
                condition=Q(country__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["route", "valid_from"],
                name="travel_band_sweden_once_a_day",
                condition=Q(country__isnull=True),
            ),
            # Every journey abroad has a country at its other end.
            models.CheckConstraint(
                condition=~Q(route="international") | Q(country__isnull=False),
                name="international_band_has_country",
                violation_error_message=_(
                    "A journey between Sweden and a country names the country."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_route_display()}: {self.country or _('Sweden')} ({self.valid_from})"


class LanguageFee(Norm):
    """The fees ICLD reimburses for professional interpreters and translators — the fee table
    of ICLD's Guidelines for Interpretation ("vilka arvoden för tolk ICLD kan ersätta",
    seeds/000_14b0168a9370566d.txt line 30), kept as data."""

    class Service(models.TextChoices):
        INTERPRETER_DAY = "interpreter_day", _("Interpreter, full day")
        INTERPRETER_HALF_DAY = "interpreter_half_day", _("Interpreter, half day")
        TRANSLATION_PAGE = "translation_page", _("Translation, per page")

    service = models.CharField(_("service"), max_length=30, choices=Service.choices)
    amount_sek = amount_field(_("fee (SEK)"))

    class Meta(Norm.Meta):
        verbose_name = _("interpreter or translator fee")
        verbose_name_plural = _("interpreter and translator fees")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "valid_from"], name="language_fee_once_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_service_display()} ({self.valid_from})"


class ComponentCeiling(Norm):
    """The most ICLD grants for one application for a component."""

    component = models.CharField(_("component"), max_length=20, choices=Component.choices)
    ceiling_sek = amount_field(_("ceiling (SEK)"))

    class Meta(Norm.Meta):
        verbose_name = _("ceiling per component")
        verbose_name_plural = _("ceilings per component")
        constraints = [
            models.UniqueConstraint(
                fields=["component", "valid_from"], name="component_ceiling_once_a_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_component_display()} ({self.valid_from})"
