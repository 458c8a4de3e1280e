"""How django-allauth fits the portal: its e-mail goes through the outbox like all e-mail."""

from allauth.account.adapter import DefaultAccountAdapter
from django.utils.translation import get_language

from .notify import queue_email


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        message = self.render_mail(template_prefix, email, context)
        queue_email(
            recipient=email, subject=message.subject, body=message.body, language=get_language()
        )

    def save_user(self, request, user, form, commit=True):
        # E-mail from the portal later comes in the language the person signed up in.
        user.language = get_language() or "sv"
        return super().save_user(request, user, form, commit=commit)


def user_display(user) -> str:
    """How allauth names a person on its pages and in its e-mail: never the internal username."""
    return user.get_full_name() or user.email
