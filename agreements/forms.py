from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from applications.models import BudgetLine

from .models import AmendmentKind


class SignForm(forms.Form):
    accept = forms.BooleanField(
        label=_("I have read the agreement and sign it on behalf of the organisation."),
        error_messages={"required": _("Tick the box to sign the agreement.")},
    )


class AmendmentForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What should change?"), choices=AmendmentKind.choices, widget=forms.RadioSelect
    )
    new_period_end = forms.DateField(
        label=_("New end of the period"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}),
        help_text=_("Only for an extension."),
    )
    motivation = forms.CharField(
        label=_("Motivation"),
        widget=forms.Textarea(attrs={"rows": 5, "class": "form-control"}),
        max_length=5000,
        help_text=_("Why the change is needed, and what it means for the activities."),
    )

    def __init__(self, *args, amounts: dict[str, int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for category, label in BudgetLine.Category.choices:
            self.fields[f"amount_{category}"] = forms.IntegerField(
                label=label,
                min_value=0,
                max_value=10_000_000,
                required=False,
                initial=amounts.get(category, 0),
                help_text=_("SEK; only for a reallocation."),
                widget=forms.NumberInput(attrs={"class": "form-control"}),
            )

    def new_amounts(self) -> dict[str, int]:
        return {
            category: self.cleaned_data.get(f"amount_{category}") or 0
            for category in BudgetLine.Category.values
        }
