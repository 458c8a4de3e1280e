from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworksConfig(AppConfig):
    """Thematic networks, interest registrations and matching to partners."""

    name = "networks"
    verbose_name = _("Networks")

    def ready(self) -> None:
        from core.pagecache import connect_content

        from .models import Network

        connect_content(Network)
