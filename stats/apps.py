from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    """The staff-only statistics dashboard: charts, tables and CSV of the programme's figures."""

    name = "stats"
    verbose_name = _("Statistics")
