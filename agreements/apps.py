from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    """The agreement (avtal) made from a grant decision: signing, the portal's seal, amendments."""

    name = "agreements"
    verbose_name = _("Agreements")
