from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    """Staff exports (ZIP of participant forms, CSV/XLSX) run as tasks with progress."""

    name = "exports"
    verbose_name = _("Exports")
