from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applications.models import BudgetLine
from core.money import sek

from .models import Outcome, ScreeningReason, Verdict


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


class ScoresForm(forms.Form):
    """An assessor's score (within the criterion's scale) and comment on each criterion of the
    component's rubric; a score may stay empty until the assessment is submitted."""

    summary = forms.CharField(
        label=gettext_lazy("Overall comment (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, criteria: list, scores: dict, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            found = scores.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.title,
                choices=[(n, str(n)) for n in criterion.scale],
                coerce=int,
                empty_value=None,
                required=False,
                initial=found.score if found else None,
                widget=forms.RadioSelect,
                help_text=criterion.guidance,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on %(criterion)s") % {"criterion": criterion.title},
                required=False,
                max_length=5000,
                initial=found.comment if found else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def rows(self):
        for criterion in self.criteria:
            yield criterion, self[f"score_{criterion.pk}"], self[f"comment_{criterion.pk}"]

    def scores(self) -> dict[int, tuple[int | None, str]]:
        return {
            c.pk: (
                self.cleaned_data.get(f"score_{c.pk}"),
                self.cleaned_data.get(f"comment_{c.pk}") or "",
            )
            for c in self.criteria
        }


class AssessorForm(forms.Form):
    assessor = forms.ModelChoiceField(label=gettext_lazy("Assessor"), queryset=None)

    def __init__(self, *args, assessors, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assessor"].queryset = assessors
        self.fields["assessor"].label_from_instance = lambda u: u.get_full_name() or u.email


class RecommendationForm(forms.Form):
    """The responsible officer's recommendation: the outcome, the summary of the assessment and
    the proposed amount per budget category (whole kronor; none for a decline). An empty amount
    proposes nothing for the category (decisions.services.proposal_defaults says why), so a new
    recommendation starts from the requested amounts, written out."""

    outcome = forms.ChoiceField(
        label=gettext_lazy("Recommended outcome"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    summary = forms.CharField(
        label=gettext_lazy("Summary of the assessment"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, requested: dict[str, int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.requested = requested
        for category, label in BudgetLine.Category.choices:
            self.fields[f"amount_{category}"] = forms.IntegerField(
                label=_("Proposed for %(category)s (SEK)") % {"category": label},
                required=False,
                min_value=0,
                max_value=10_000_000,
                help_text=_("Requested: %(amount)s. Empty: nothing is proposed for it.")
                % {"amount": sek(requested.get(category, 0))},
            )

    def amount_fields(self):
        return [self[f"amount_{category}"] for category in BudgetLine.Category.values]

    def amounts(self) -> dict[str, int | None]:
        return {c: self.cleaned_data.get(f"amount_{c}") for c in BudgetLine.Category.values}
