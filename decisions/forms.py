"""The officer's proposal of a decision (in the admin)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from applications.models import Application, ApplicationRound, BudgetLine
from core.money import sek

from .models import Outcome

MAX_SEK = 10_000_000


class ProposalForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    period_start = forms.DateField(
        label=_("Period start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(
        label=_("Period end"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    conditions = forms.CharField(
        label=_("Conditions"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("They are written into the decision letter and the agreement."),
    )
    reasons = forms.CharField(
        label=_("Reasons for a decline"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required for a decline: the letter gives them."),
    )

    def __init__(self, *args, requested: dict[str, int], defaults: dict[str, int], **kwargs):
        super().__init__(*args, **kwargs)
        # The categories the application asks for: what ICLD grants is decided on each.
        self.requested = {c: asked for c, asked in requested.items() if asked}
        labels = dict(BudgetLine.Category.choices)
        for category, asked in self.requested.items():
            self.fields[f"granted_{category}"] = forms.IntegerField(
                label=_("%(category)s: granted (SEK)") % {"category": labels[category]},
                min_value=0,
                max_value=MAX_SEK,
                initial=defaults.get(category, asked),
                help_text=_("Requested: %(amount)s") % {"amount": sek(asked)},
            )

    def granted_fields(self):
        return [self[f"granted_{category}"] for category in self.requested]

    def clean(self):
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The period cannot end before it starts."))
        if data.get("outcome") == Outcome.DECLINED and not (data.get("reasons") or "").strip():
            self.add_error("reasons", _("A decline needs its reasons: they go into the letter."))
        return data

    def granted(self) -> dict[str, int]:
        return {c: self.cleaned_data[f"granted_{c}"] for c in self.requested}


class BatchForm(forms.Form):
    """A batch action of the round board on the applications ticked (of that round only)."""

    ACTIONS = [
        ("start_screening", _("Start screening")),
        ("assign", _("Assign the case officer chosen")),
        ("to_decision", _("Move to decision (as recommended)")),
    ]
    action = forms.ChoiceField(label=_("Batch action"), choices=ACTIONS)
    cases = forms.ModelMultipleChoiceField(
        label=_("Applications"),
        queryset=Application.objects.none(),
        error_messages={"required": _("Tick the applications to act on.")},
    )

    def __init__(self, *args, round_: ApplicationRound, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cases"].queryset = Application.objects.live().filter(round=round_)
