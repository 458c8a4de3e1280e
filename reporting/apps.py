from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    """Reports on granted components (redovisning), staff statistics and exports."""

    name = "reporting"
    verbose_name = _("Reporting")
