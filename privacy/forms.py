from django import forms
from django.utils.translation import gettext_lazy as _


class ExportForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_(
            "Everything the portal holds about the person with this address: account, "
            "memberships, applications, team rows with this address or the account's name, "
            "invitations, network registrations, e-mails sent and the history of changes."
        ),
    )
