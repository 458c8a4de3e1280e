"""Forms of the application wizard, one per step, and of starting a case.

Every field of the draft is optional: a draft is saved as it is, and what is still missing
is listed on the review step. Format errors (a bad date, a too long text) are shown at once.
"""

from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from partnerships.models import (
    Cluster,
    Component,
    Country,
    CountryStatus,
    DemocraticArea,
    Membership,
    PartnerOrganisationType,
    Partnership,
    SwedishOrganisation,
)
from partnerships.selectors import partnership_choices, picker_label

from .findings import PLANNING_FIELDS
from .models import (
    TEAM_MEMBER_FIELDS,
    Application,
    BudgetLine,
    Participant,
    ParticipantChange,
    Party,
    Visit,
)
from .rules import country_finding
from .selectors import country_facts

SDG_NAMES = [
    _("No poverty"),
    _("Zero hunger"),
    _("Good health and well-being"),
    _("Quality education"),
    _("Gender equality"),
    _("Clean water and sanitation"),
    _("Affordable and clean energy"),
    _("Decent work and economic growth"),
    _("Industry, innovation and infrastructure"),
    _("Reduced inequalities"),
    _("Sustainable cities and communities"),
    _("Responsible consumption and production"),
    _("Climate action"),
    _("Life below water"),
    _("Life on land"),
    _("Peace, justice and strong institutions"),
    _("Partnerships for the goals"),
]
SDG_CHOICES = [(str(n), f"{n}. {name}") for n, name in enumerate(SDG_NAMES, start=1)]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class MembershipRequestForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Your organisation"),
        queryset=SwedishOrganisation.objects.order_by("name"),
        help_text=_("Municipalities, regions and other eligible organisations."),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_organisation(self) -> SwedishOrganisation:
        organisation = self.cleaned_data["organisation"]
        if Membership.objects.filter(user=self.user, organisation=organisation).exists():
            raise forms.ValidationError(_("You have already asked to join this organisation."))
        return organisation


class NewApplicationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Applicant organisation"), queryset=SwedishOrganisation.objects.none()
    )
    component = forms.ChoiceField(label=_("Component"), choices=Component.choices)
    language = forms.ChoiceField(
        label=_("Language of the case"),
        choices=[("sv", _("Swedish")), ("en", _("English"))],
        help_text=_("The language of the participant form and of ICLD's letters."),
    )

    def __init__(self, *args, organisations, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        only = list(organisations[:2])
        if len(only) == 1:
            self.fields["organisation"].initial = only[0]


class DeclarationForm(forms.Form):
    """What the coordinator confirms when sending the application on the organisation's behalf."""

    declaration = forms.BooleanField(
        error_messages={"required": _("Confirm the declaration to submit the application.")},
    )

    def __init__(self, *args, organisation: SwedishOrganisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["declaration"].label = _(
            "I confirm on behalf of %(organisation)s that the information in the application is "
            "correct and that the organisation stands behind it"
        ) % {"organisation": organisation.name}

    @property
    def statement(self) -> str:
        """The declaration as made, for the case's history."""
        return str(self.fields["declaration"].label)


class PartnershipChoiceField(forms.ModelChoiceField):
    """Partnerships named so that two of the same organisations tell themselves apart."""

    def label_from_instance(self, obj: Partnership) -> str:
        return picker_label(obj)


class CountryChoiceField(forms.ModelChoiceField):
    """Countries named with their status in the programme, so that a coordinator sees at once
    which take new partnerships ("Kosovo (Europa, klusterland)", "Turkiet (tidigare land)")."""

    def label_from_instance(self, obj: Country) -> str:
        status = CountryStatus(obj.status).label if obj.status in CountryStatus.values else ""
        if obj.cluster in Cluster.values:
            return f"{obj.name} ({Cluster(obj.cluster).label}, {str(status).lower()})"
        return f"{obj.name} ({str(status).lower()})"


# What to do instead, by what the country's status refuses and where the country came from: an
# existing partnership's, or the one named for a new partner.
WHAT_TO_DO = {
    ("country_former", "partnership"): _(
        "This partnership takes no new components; a new application needs a partner in one of "
        "the programme's countries."
    ),
    ("country_former", "new_partner_country"): _(
        "Choose a partner in one of the programme's countries; the page “Who can apply” lists them."
    ),
    ("country_continuing_new_partnership", "partnership"): _(
        "If your organisation has had a dialogue with ICLD about this partnership, state it on "
        "the partnership's page under “My cases”; once ICLD has confirmed it, you can apply."
    ),
    ("country_continuing_new_partnership", "new_partner_country"): _(
        "If your organisation already works with a partner there, choose that partnership above; "
        "otherwise choose a partner in a cluster country."
    ),
}


class PartnershipStepForm(forms.ModelForm):
    """Step 1: the component, and an existing partnership or a new partner abroad.

    The partner country's status is judged here, not only on review: a former country, or a
    new partnership in a continuing country, is refused at once with what to do instead
    (issue 18: "step 1 … refuses a former country … right there")."""

    partnership = PartnershipChoiceField(
        label=_("Existing partnership"),
        queryset=Partnership.objects.none(),
        required=False,
        help_text=_("Leave empty to apply with a new partner organisation."),
    )
    new_partner_country = CountryChoiceField(
        label=_("Partner country"), queryset=Country.objects.order_by("name_sv"), required=False
    )
    new_partner_type = forms.ChoiceField(
        label=_("Type of partner organisation"),
        choices=[("", "—"), *PartnerOrganisationType.choices],
        required=False,
    )

    class Meta:
        model = Application
        fields = [
            "component",
            "partnership",
            "new_partner_name",
            "new_partner_country",
            "new_partner_type",
            "new_partner_city",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = partnership_choices(
            Partnership.objects.filter(swedish_organisation=self.instance.organisation)
        )

    def clean(self) -> dict:
        data = super().clean()
        if data.get("partnership") and data.get("new_partner_name"):
            raise forms.ValidationError(
                _("Choose an existing partnership or name a new partner, not both.")
            )
        self._judge_country(data)
        return data

    def _judge_country(self, data: dict) -> None:
        partnership = data.get("partnership")
        if partnership is not None:
            field, country = "partnership", partnership.partner_organisation.country
            history, had_dialogue = country_facts(partnership)
        else:
            field, country = "new_partner_country", data.get("new_partner_country")
            history, had_dialogue = (), False
        if country is None:
            return  # chosen later; the review step asks for it
        finding = country_finding(country.status, history, had_dialogue=had_dialogue)
        if finding is not None:
            self.add_error(field, f"{finding.message} {WHAT_TO_DO[(finding.code, field)]}")


class ContentStepForm(forms.ModelForm):
    democratic_areas = forms.ModelMultipleChoiceField(
        label=_("Core democratic areas addressed"),
        queryset=DemocraticArea.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    sdgs = forms.MultipleChoiceField(
        label=_("Related global goals (Agenda 2030)"),
        choices=SDG_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Application
        fields = [
            "title",
            "purpose",
            "democratic_areas",
            "sdgs",
            "target_group",
            "period_start",
            "period_end",
        ]
        widgets = {"period_start": DateInput(), "period_end": DateInput()}

    def clean_sdgs(self) -> list[int]:
        return sorted(int(n) for n in self.cleaned_data["sdgs"])

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end <= start:
            self.add_error("period_end", _("The end must come after the start."))
        return data


class PlanningStepForm(forms.ModelForm):
    class Meta:
        model = Application
        fields = [*PLANNING_FIELDS, "dialogue_date", "dialogue_note"]
        widgets = {"dialogue_date": DateInput()}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.component != Component.SPRIDNING:
            del self.fields["dialogue_date"]
            del self.fields["dialogue_note"]


class VisitForm(forms.ModelForm):
    """One planned visit. Once the team exists, the coordinator ticks who travels (the team of
    the party that does not host) and the number follows them; while it is empty, the number
    of travellers stands alone."""

    methods = forms.MultipleChoiceField(
        label=_("Methods"),
        choices=Visit.Method.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Visit
        fields = [
            "host",
            "months",
            "participants",
            "days",
            "interpreter",
            "travellers",
            "learning_goals",
            "methods",
        ]
        widgets = {"learning_goals": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, team: Sequence[Participant] = (), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The team is read once for every row (the formset passes it), not once per row.
        self.team = {person.pk: person for person in team}
        if not self.team:
            del self.fields["travellers"]
            return
        parties = dict(Party.choices)
        self.fields["travellers"] = forms.TypedMultipleChoiceField(
            label=_("Who travels"),
            choices=[
                (pk, f"{person.name} ({parties[person.party]})") for pk, person in self.team.items()
            ],
            coerce=int,
            widget=forms.CheckboxSelectMultiple,
            required=False,
            help_text=_(
                "The team of the party that does not host travels. The budget counts the people "
                "you tick; with no one ticked, it counts the number above."
            ),
        )
        self.fields["participants"].required = False
        if self.instance.pk:
            self.initial["travellers"] = [p.pk for p in self.instance.travellers.all()]

    def clean(self):
        cleaned = super().clean()
        chosen = [self.team[pk] for pk in cleaned.get("travellers") or []]
        host = cleaned.get("host")
        if chosen and host:
            hosts = [person.name for person in chosen if person.party == host]
            if hosts:
                self.add_error(
                    "travellers",
                    _(
                        "%(names)s belong to the hosting party's team: the other party's team "
                        "travels to this visit."
                    )
                    % {"names": ", ".join(hosts)},
                )
        if chosen:
            # The number follows the people (the budget's rule, rules.travelling).
            cleaned["participants"] = len(chosen)
        elif not cleaned.get("participants") and "participants" not in self.errors:
            self.add_error(
                "participants",
                _("Give the number of travellers, or tick who travels."),
            )
        return cleaned


class VisitPlanForm(forms.ModelForm):
    """Why the visit plan differs from what the component funds, when it does."""

    class Meta:
        model = Application
        fields = ["visit_plan_reason"]
        widgets = {"visit_plan_reason": forms.Textarea(attrs={"rows": 3})}


class BudgetLineForm(forms.ModelForm):
    """A line of the coordinator's own; the visits' lines are computed (services)."""

    class Meta:
        model = BudgetLine
        fields = ["category", "description", "amount_sek", "explanation"]
        widgets = {"explanation": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # A line computed from the norms explains itself; one of one's own must say why.
        explanation = self.fields["explanation"]
        explanation.required = True
        explanation.error_messages["required"] = _(
            "Say what the line pays for and how you reached the amount."
        )


class TeamMemberRules:
    """What a form about a person checks beyond the fields: shared by the team step's rows
    and the proposed person of a participant change."""

    def clean(self) -> dict:
        data = super().clean()
        if data.get("political_side") and data.get("category") != Participant.Category.POLITICIAN:
            self.add_error("political_side", _("Only politicians have a political side."))
        return data


class ParticipantForm(TeamMemberRules, forms.ModelForm):
    class Meta:
        model = Participant
        fields = [
            "name",
            "organisation",
            "position",
            "category",
            "political_side",
            "is_coordinator",
            "is_project_leader",
            "gender",
            "email",
            "motivation",
            "code_of_conduct",
        ]
        widgets = {"motivation": forms.Textarea(attrs={"rows": 3})}


def _formset(model, form, *, extra: int = 0, row_label=None):
    formset = inlineformset_factory(
        Application, model, form=form, extra=extra, can_delete=True, max_num=60, validate_max=True
    )
    formset.row_label = row_label  # how the page's error summary names a row
    return formset


VisitFormSet = _formset(Visit, VisitForm, extra=1, row_label=_("Visit"))
_BudgetFormSet = _formset(BudgetLine, BudgetLineForm, extra=1, row_label=_("Budget line"))


class BudgetFormSet(_BudgetFormSet):
    """The coordinator's own lines only: those computed for a visit are not edited here."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("queryset", BudgetLine.objects.filter(visit__isnull=True))
        super().__init__(*args, **kwargs)


ParticipantFormSet = _formset(Participant, ParticipantForm)


TEAM_ROW_LABELS = {
    Party.SWEDISH: _("Swedish team, person"),
    Party.PARTNER: _("Partner team, person"),
}


class TeamFormSet(ParticipantFormSet):
    """One party's rows; the party comes from the formset's prefix."""

    def __init__(self, *args, party: Party, **kwargs) -> None:
        self.party = party
        self.row_label = TEAM_ROW_LABELS[party]
        queryset = Participant.objects.filter(party=party)
        super().__init__(*args, prefix=party.value, queryset=queryset, **kwargs)

    def save_new(self, form, commit=True):
        form.instance.party = self.party
        return super().save_new(form, commit=commit)

    def typed_people(self) -> list[Participant]:
        """The party's team as the rows stand, saved or only typed, for the programme's rules
        (unsaved instances as the form built them): rows marked for removal and new rows left
        empty are not part of it. A field that does not validate yet keeps its saved value (a
        new row: none); its row shows the field's own error."""
        if not self.is_bound:
            return [form.instance for form in self.initial_forms]
        people = []
        for form in self.forms:
            form.instance.party = self.party
            form.is_valid()  # builds the instance from what validates
            if form.cleaned_data.get("DELETE") or (
                form in self.extra_forms and not form.has_changed()
            ):
                continue
            people.append(form.instance)
        return people


class ValidRows:
    """The rows of a formset that are valid, saved without the others ("Save draft" on the team
    step): a row marked for removal is removed, a changed one saved, an invalid one waits."""

    def __init__(self, formset) -> None:
        self.formset = formset
        self.saved = 0

    def save(self) -> None:
        formset = self.formset
        for form in formset.forms:
            if not form.is_valid() or not form.has_changed():
                continue
            if formset.can_delete and form.cleaned_data.get("DELETE"):
                if form.instance.pk:
                    formset.delete_existing(form.instance)
                continue
            if form.instance.pk:
                formset.save_existing(form, form.instance)
            else:
                formset.save_new(form)
            self.saved += 1

    def waiting_data(self, data) -> dict[str, list[str]]:
        """What the page shows next: the saved rows (with their ids now) first, then the ones
        still waiting, renumbered, so that sending the page again saves nothing twice."""
        formset, prefix = self.formset, self.formset.prefix
        saved, waiting = [], []
        for form in formset.forms:
            removed = form.is_valid() and form.cleaned_data.get("DELETE")
            if removed or (form.is_valid() and not form.has_changed() and not form.instance.pk):
                continue
            (saved if form.instance.pk else waiting).append(form)
        out: dict[str, list[str]] = {}
        for index, form in enumerate(saved + waiting):
            for key, values in data.lists():
                if key.startswith(f"{form.prefix}-"):
                    out[f"{prefix}-{index}-{key[len(form.prefix) + 1 :]}"] = values
            if form.instance.pk:
                out[f"{prefix}-{index}-id"] = [str(form.instance.pk)]
        out[f"{prefix}-TOTAL_FORMS"] = [str(len(saved) + len(waiting))]
        out[f"{prefix}-INITIAL_FORMS"] = [str(len(saved))]
        out[f"{prefix}-MIN_NUM_FORMS"] = ["0"]
        out[f"{prefix}-MAX_NUM_FORMS"] = ["1000"]
        return out


class ParticipantChangeForm(TeamMemberRules, forms.ModelForm):
    """A proposed change of a granted case's team: who leaves (or no one), why, and who joins.

    The person who joins is described as on the team step; whether the team still meets the
    programme's rules after the change is for the service to say.
    """

    leaving = forms.ModelChoiceField(
        label=_("Who leaves the team"),
        queryset=Participant.objects.none(),
        required=False,
        empty_label=_("No one: the change adds a person"),
    )

    class Meta:
        model = ParticipantChange
        fields = ["leaving", "reason", *TEAM_MEMBER_FIELDS]
        labels = {
            "reason": _("Why the team changes"),
            "party": _("Party of the new participant"),
            "name": _("Name of the new participant"),
        }
        widgets = {
            "reason": forms.Textarea(attrs={"rows": 3}),
            "motivation": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, application: Application, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["leaving"].queryset = application.participants.order_by("party", "name")
        self.fields["leaving"].label_from_instance = lambda p: (
            f"{p.name} ({p.get_party_display()}, {p.position})"
        )
        # Every participant follows the code of conduct: the new one is no exception.
        self.fields["code_of_conduct"].required = True
