from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    """Countries, organisations, partnerships; the public database, map and open-data API."""

    name = "partnerships"
    verbose_name = _("Partnerships")

    def ready(self) -> None:
        from . import signals

        signals.connect()
