from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    """The agreement (avtal) made from a grant decision: signing, the portal's seal, amendments."""

    name = "agreements"
    verbose_name = _("Agreements")

    def ready(self) -> None:
        # A grant gets its agreement in the decision's transaction (the arrow points
        # agreements → decisions: the decision's table only runs what is registered).
        from decisions.workflow import DECISION_WORKFLOW

        from .services import agreement_on_grant

        DECISION_WORKFLOW.also_after("decide", agreement_on_grant)

        # The agreement on the case page, which belongs to applications.
        from applications.panels import CASE_PANELS
        from core.panels import Panel

        from .selectors import case_panel

        CASE_PANELS.register(
            Panel("agreement", "agreements/fragment_case_agreement.html", case_panel, order=20)
        )

        # The workflow registers what follows the seal (documents.on_sealed) when it loads.
        from . import workflow  # noqa: F401
