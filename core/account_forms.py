"""django-allauth's entrance forms as the portal shows them: the e-mail field labelled from
our own catalogue ("E-postadress") and no placeholders, which repeat the label, vanish while
typing and came in allauth's own Swedish ("Epost-adress")."""

from __future__ import annotations

from allauth.account import forms as allauth_forms
from django.utils.translation import gettext_lazy as _

EMAIL_FIELDS = {"login", "email"}


class PortalFieldsMixin:
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.pop("placeholder", None)
            if name in EMAIL_FIELDS:
                field.label = _("E-mail address")


class LoginForm(PortalFieldsMixin, allauth_forms.LoginForm):
    pass


class SignupForm(PortalFieldsMixin, allauth_forms.SignupForm):
    pass


class ResetPasswordForm(PortalFieldsMixin, allauth_forms.ResetPasswordForm):
    pass


class ResetPasswordKeyForm(PortalFieldsMixin, allauth_forms.ResetPasswordKeyForm):
    pass


class ChangePasswordForm(PortalFieldsMixin, allauth_forms.ChangePasswordForm):
    pass


class AddEmailForm(PortalFieldsMixin, allauth_forms.AddEmailForm):
    pass
