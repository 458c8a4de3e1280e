"""The report's forms: one per step of the report wizard."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applications.models import Participant
from core.money import sek
from core.uploads import ACCEPT

from . import rules
from .models import Report, ReportCost, ReportVisit
from .selectors import budget_lines, claimable_participants, granted_of_lines


class ParticipantChoiceField(forms.ModelMultipleChoiceField):
    """Offers the case's approved team, including those who left (for what they did before);
    anyone else of the case is refused with their name, so a stale or forged form gets a clear
    error rather than "not one of the available choices". With `day`, people who had left by
    that day are refused too (rules.may_claim); a visit checks its own date (VisitForm)."""

    def __init__(
        self,
        *,
        application_id: int,
        claimable: list[Participant] | None = None,
        day=None,
        **kwargs,
    ) -> None:
        super().__init__(
            queryset=Participant.with_left.filter(application_id=application_id).order_by(
                "party", "pk"
            ),
            widget=forms.CheckboxSelectMultiple,
            **kwargs,
        )
        self.day = day
        # A formset passes the team it read once, so that each row costs no query.
        if claimable is None:
            claimable = list(claimable_participants(application_id))
        self.widget.choices = [(p.pk, participant_label(p)) for p in claimable]

    def clean(self, value):
        people = super().clean(value)
        refused = [p.name for p in people if not p.approved_at]
        if refused:
            raise ValidationError(
                _(
                    "%(names)s cannot be claimed: only participants ICLD has approved can be "
                    "named in a report."
                )
                % {"names": ", ".join(refused)}
            )
        if self.day is not None:
            refuse_departed(people, self.day)
        return people


def participant_label(person: Participant) -> str:
    label = f"{person.name} ({person.get_party_display()}, {person.position})"
    if person.left_at:
        left = date_format(timezone.localdate(person.left_at))
        label += " – " + _("left the team on %(date)s") % {"date": left}
    return label


def refuse_departed(people, day) -> None:
    """A ValidationError naming whoever had left the team by `day` (rules.may_claim)."""
    gone = [
        p
        for p in people
        if not rules.may_claim(
            approved=True,
            left_on=timezone.localdate(p.left_at) if p.left_at else None,
            day=day,
        )
    ]
    if gone:
        raise ValidationError(
            _(
                "%(names)s had left the team by %(date)s: people who left can be named only "
                "for what they did before they left."
            )
            % {"names": ", ".join(p.name for p in gone), "date": date_format(day)}
        )


class ContentForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = [
            "activities",
            "results",
            "democratic_areas",
            "democratic_results",
            "lessons",
            "knowledge_home",
        ]
        widgets = {
            "democratic_areas": forms.CheckboxSelectMultiple,
            **{
                name: forms.Textarea(attrs={"rows": 5})
                for name in [
                    "activities",
                    "results",
                    "democratic_results",
                    "lessons",
                    "knowledge_home",
                ]
            },
        }


class ParticipantsForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ["participants"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Someone who left during the report's period took part before leaving.
        self.fields["participants"] = ParticipantChoiceField(
            application_id=self.instance.application_id,
            required=False,
            label=gettext_lazy("Participants who took part"),
            day=self.instance.period_start,
        )


class VisitForm(forms.ModelForm):
    class Meta:
        model = ReportVisit
        fields = ["date", "host", "place", "travellers", "learnt", "brought_home"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "learnt": forms.Textarea(attrs={"rows": 3}),
            "brought_home": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, application_id: int, claimable: list[Participant], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["travellers"] = ParticipantChoiceField(
            application_id=application_id,
            claimable=claimable,
            required=False,
            label=gettext_lazy("Who travelled"),
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date") and cleaned.get("travellers"):
            try:
                refuse_departed(cleaned["travellers"], cleaned["date"])
            except ValidationError as error:
                self.add_error("travellers", error)
        return cleaned


VisitFormSet = inlineformset_factory(
    Report, ReportVisit, form=VisitForm, extra=0, can_delete=True, max_num=30
)


class CostsForm(forms.Form):
    """The actual cost of every line of the approved budget, with an explanation where it
    deviates from what the decision granted the line by more than the rule allows."""

    def __init__(self, data=None, *, report: Report) -> None:
        super().__init__(data)
        self.report = report
        self.lines = budget_lines(report.application_id)
        self.granted = granted_of_lines(report.application_id, self.lines)
        saved = {c.budget_line_id: c for c in report.costs.all()}
        self.rows = []
        for line in self.lines:
            cost = saved.get(line.pk)
            amount = forms.IntegerField(
                label=_("Actual amount (SEK): %(line)s") % {"line": line.description},
                min_value=0,
                max_value=10_000_000,
                required=False,
                initial=cost.actual_sek if cost else None,
            )
            explanation = forms.CharField(
                label=_("Explanation of the deviation: %(line)s") % {"line": line.description},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                max_length=5000,
                initial=cost.explanation if cost else "",
            )
            self.fields[f"actual_{line.pk}"] = amount
            self.fields[f"explanation_{line.pk}"] = explanation
            self.rows.append(
                (
                    line,
                    self.granted[line.pk],
                    self[f"actual_{line.pk}"],
                    self[f"explanation_{line.pk}"],
                )
            )

    def clean(self):
        cleaned = super().clean()
        for line in self.lines:
            actual = cleaned.get(f"actual_{line.pk}")
            explanation = (cleaned.get(f"explanation_{line.pk}") or "").strip()
            if (
                actual is not None
                and not explanation
                and rules.needs_explanation(approved=self.granted[line.pk], actual=actual)
            ):
                self.add_error(
                    f"explanation_{line.pk}",
                    _(
                        "The cost deviates from the granted %(granted)s by more than "
                        "%(percent)s %%: explain why."
                    )
                    % {
                        "granted": sek(self.granted[line.pk]),
                        "percent": round(rules.DEVIATION_THRESHOLD * 100),
                    },
                )
        return cleaned

    def save(self) -> None:
        for line in self.lines:
            actual = self.cleaned_data.get(f"actual_{line.pk}")
            if actual is None:
                ReportCost.objects.filter(report=self.report, budget_line=line).delete()
                continue
            ReportCost.objects.update_or_create(
                report=self.report,
                budget_line=line,
                defaults={
                    "actual_sek": actual,
                    "explanation": self.cleaned_data.get(f"explanation_{line.pk}", "").strip(),
                },
            )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
