from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """GDPR: export of everything held about one person, retention and anonymisation."""

    name = "privacy"
    verbose_name = _("Privacy")
