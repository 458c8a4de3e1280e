"""The public forms: interest registration, a partner's declaration of interest and a
coordinator's interest in a listed partner. Each checks format and choices; the services
check the rules again, so a form is never the only guard."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.uploads import max_bytes
from partnerships.models import Cluster, PartnerOrganisationType, SwedishOrganisation

from . import selectors, services

NAME_MAX_LENGTH = 200
EMAIL_MAX_LENGTH = 254
TEXT_MAX_LENGTH = 4000
DECISION_ACCEPT = ".pdf,.docx,.odt," + ",".join(sorted(services.DECISION_TYPES))


class InterestRegistrationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=SwedishOrganisation.objects.order_by("name"),
        help_text=_("Municipalities, regions and other eligible organisations."),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=NAME_MAX_LENGTH)
    contact_email = forms.EmailField(
        label=_("Contact person's e-mail"),
        max_length=EMAIL_MAX_LENGTH,
        help_text=_("The receipt and ICLD's answer are sent here."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=selectors.themes(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What the organisation wants to work on with a partner."),
    )
    preferred_countries = forms.ModelMultipleChoiceField(
        label=_("Preferred countries"),
        queryset=selectors.cluster_countries(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Leave empty if any cooperation country will do."),
    )
    preferred_cluster = forms.ChoiceField(
        label=_("Preferred cluster"),
        choices=[("", _("No preference")), *Cluster.choices],
        required=False,
    )
    wants_to_develop = forms.CharField(
        label=_("What does the organisation want to develop?"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    political_support_sought = forms.BooleanField(
        label=_(
            "We confirm that political support and anchoring in the municipal leadership are "
            "being sought."
        ),
        help_text=_("An application later requires them."),
        error_messages={
            "required": _(
                "Confirm that political support and anchoring in the municipal leadership are "
                "being sought."
            )
        },
    )
    decision = forms.FileField(
        label=_("Decision (optional)"),
        required=False,
        widget=forms.FileInput(attrs={"accept": DECISION_ACCEPT}),
    )

    def __init__(self, *args, network=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Querysets are evaluated per form, in the language of the request.
        self.fields["themes"].queryset = selectors.themes()
        self.fields["preferred_countries"].queryset = selectors.cluster_countries()
        if network is not None and "themes" not in self.initial:
            self.initial["themes"] = [network.theme_id]
        self.fields["decision"].help_text = gettext(
            "E.g. a decision of the municipal executive board: PDF, Word (.docx) or "
            "OpenDocument text (.odt), at most %(max)s."
        ) % {"max": filesizeformat(max_bytes())}

    def clean_decision(self) -> UploadedFile | None:
        decision = self.cleaned_data.get("decision")
        if decision:
            services.check_decision(decision)
        return decision or None


class DeclarationForm(forms.Form):
    """In English: partners abroad fill it in."""

    organisation_name = forms.CharField(label=_("Organisation"), max_length=NAME_MAX_LENGTH)
    organisation_type = forms.ChoiceField(
        label=_("Type of organisation"), choices=PartnerOrganisationType.choices
    )
    country = forms.ModelChoiceField(
        label=_("Country"),
        queryset=selectors.cluster_countries(),
        help_text=_("New partnerships can start in the programme's cluster countries."),
    )
    city = forms.CharField(label=_("City or town"), max_length=100, required=False)
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=selectors.themes(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("What you would like to work on with a Swedish partner."),
    )
    description = forms.CharField(
        label=_("About your organisation and what it wants to work on"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("ICLD publishes this text, without your contact details."),
    )
    contact_name = forms.CharField(label=_("Contact person"), max_length=NAME_MAX_LENGTH)
    contact_email = forms.EmailField(
        label=_("Contact person's e-mail"),
        max_length=EMAIL_MAX_LENGTH,
        help_text=_("Only ICLD sees it."),
    )
    publish_consent = forms.BooleanField(
        label=_(
            "We agree that ICLD publishes the name, country, themes and description of our "
            "organisation."
        )
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["themes"].queryset = selectors.themes()
        self.fields["country"].queryset = selectors.cluster_countries()


class ExpressInterestForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Your organisation"), queryset=SwedishOrganisation.objects.none()
    )
    message = forms.CharField(
        label=_("Message to ICLD (optional)"),
        max_length=services.MESSAGE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("E.g. what your organisation would like to work on with this partner."),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        organisations = selectors.organisations_of(user)
        self.fields["organisation"].queryset = organisations
        first = organisations.first()
        if first is not None:
            self.initial.setdefault("organisation", first.pk)
