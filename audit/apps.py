from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """Append-only history of every change to cases, teams, reports and memberships."""

    name = "audit"
    verbose_name = _("Audit history")
