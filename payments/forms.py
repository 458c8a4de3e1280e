"""Staff's change of a case's payment plan (in the admin)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Trigger

MAX_SEK = 10_000_000


class PlanForm(forms.Form):
    """The instalments not yet due, one row each, and an empty row for one more; a row without
    an amount (or 0) is left out of the plan."""

    reason = forms.CharField(
        label=_("Why the plan changes"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the plan's history."),
    )

    def __init__(self, *args, rows: list[tuple[str, int]], first: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.numbers = list(range(first, first + len(rows) + 1))
        for number, (trigger, amount) in zip(self.numbers, [*rows, ("", None)], strict=True):
            self.fields[f"trigger_{number}"] = forms.ChoiceField(
                label=_("Instalment %(number)s: due") % {"number": number},
                choices=[("", "–"), *Trigger.choices],
                required=False,
                initial=trigger,
            )
            self.fields[f"amount_{number}"] = forms.IntegerField(
                label=_("Instalment %(number)s: amount (SEK)") % {"number": number},
                min_value=0,
                max_value=MAX_SEK,
                required=False,
                initial=amount,
            )

    def clean(self):
        data = super().clean()
        for number in self.numbers:
            if data.get(f"amount_{number}") and not data.get(f"trigger_{number}"):
                self.add_error(f"trigger_{number}", _("Say when this instalment falls due."))
        return data

    def rows(self) -> list[tuple[str, int]]:
        return [
            (self.cleaned_data[f"trigger_{n}"], self.cleaned_data[f"amount_{n}"])
            for n in self.numbers
            if self.cleaned_data.get(f"amount_{n}")
        ]

    def row_fields(self):
        return [(self[f"trigger_{n}"], self[f"amount_{n}"]) for n in self.numbers]
