from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    """Reports on granted components (redovisning): due dates, drafts, review and PDFs."""

    name = "reporting"
    verbose_name = _("Reporting")
