from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    """Thematic networks, interest registrations and matching to partners."""

    name = "networks"
    verbose_name = _("Networks")
