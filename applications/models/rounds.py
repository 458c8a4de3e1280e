"""Application rounds: when applications for the round components are processed."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from partnerships.models import Component

# Förberedelse is applied for at any time; every other component is processed in rounds.
ROUND_COMPONENTS = [c for c in Component if c != Component.FORBEREDELSE]


class ApplicationRound(models.Model):
    """A round in which applications are processed, named like 2024-03. Kept by staff."""

    name = models.CharField(
        _("name"), max_length=7, unique=True, help_text=_("Year and number, e.g. 2024-03.")
    )
    opens_on = models.DateField(_("opens"))
    closes_on = models.DateField(_("closes"), help_text=_("The last day to submit."))
    components = models.JSONField(
        _("components"),
        default=list,
        help_text=_("The components this round processes."),
    )

    class Meta:
        verbose_name = _("application round")
        verbose_name_plural = _("application rounds")
        ordering = ["closes_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(name__regex=r"^[0-9]{4}-[0-9]{2}$"),
                name="round_name_year_number",
                violation_error_message=_("The name is the year and a number, e.g. 2024-03."),
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="round_closes_after_opening",
                violation_error_message=_("A round cannot close before it opens."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        unknown = set(self.components) - set(ROUND_COMPONENTS)
        if unknown or not self.components:
            raise ValidationError(
                {"components": _("Choose one or more of the components processed in rounds.")}
            )

    def get_components_display(self) -> list[str]:
        return [str(Component(c).label) for c in self.components if c in Component.values]

    def is_open(self, day: datetime.date) -> bool:
        return self.opens_on <= day <= self.closes_on
