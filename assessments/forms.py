from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from .models import ScreeningReason, Verdict


class ScreeningForm(forms.Form):
    """A verdict (confirm or override, with why) on each reason of an open screening, a reason
    of staff's own, and a note for the letter."""

    new_reason = forms.CharField(
        label=gettext_lazy("Add a reason of your own (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    note = forms.CharField(
        label=gettext_lazy("A note for the letter (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, reasons: list[ScreeningReason], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.reasons = reasons
        for reason in reasons:
            self.fields[f"verdict_{reason.pk}"] = forms.ChoiceField(
                label=reason.message,
                choices=Verdict.choices,
                required=False,
                initial=reason.verdict,
                widget=forms.RadioSelect,
            )
            self.fields[f"comment_{reason.pk}"] = forms.CharField(
                label=gettext_lazy("Why (needed to override)"),
                required=False,
                max_length=2000,
                initial=reason.comment,
            )

    def rows(self):
        for reason in self.reasons:
            yield reason, self[f"verdict_{reason.pk}"], self[f"comment_{reason.pk}"]

    def verdicts(self) -> dict[int, tuple[str, str]]:
        return {
            r.pk: (
                self.cleaned_data.get(f"verdict_{r.pk}") or "",
                self.cleaned_data.get(f"comment_{r.pk}") or "",
            )
            for r in self.reasons
        }
