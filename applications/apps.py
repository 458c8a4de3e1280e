from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    """Application rounds, applications, teams, contributors and the programme's rules."""

    name = "applications"
    verbose_name = _("Applications")

    def ready(self) -> None:
        from core.pagecache import connect_content

        from .models import ApplicationRound

        connect_content(ApplicationRound)
