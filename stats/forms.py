from django import forms
from django.utils.translation import gettext_lazy as _

from applications.models import ApplicationRound
from partnerships.models import FIRST_YEAR, LAST_YEAR

from .selectors import Filters


class FilterForm(forms.Form):
    """The dashboard's filters, sent with GET; an empty field filters nothing."""

    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        help_text=_("Applications: the year the round closed. Partnerships: a year they ran."),
    )
    round = forms.ModelChoiceField(
        label=_("Round"),
        queryset=ApplicationRound.objects.order_by("-closes_on", "-name"),
        to_field_name="name",
        required=False,
        empty_label=_("All rounds"),
        help_text=_("Applies to applications and their participants."),
    )

    def filters(self) -> Filters:
        """The filters to apply: none while the form has errors."""
        if not self.is_bound or not self.is_valid():
            return Filters()
        return Filters(year=self.cleaned_data["year"], round=self.cleaned_data["round"])
