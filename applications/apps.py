from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    """Application rounds, applications, teams, contributors and the programme's rules."""

    name = "applications"
    verbose_name = _("Applications")
