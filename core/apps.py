from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app shares: health, notifications (the e-mail outbox), template helpers."""

    name = "core"
    verbose_name = _("Portal core")
