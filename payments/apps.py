from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    """Payments of a grant: the plan, staff's approval, the export to finance, repayments."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "payments"
    verbose_name = _("Payments")

    def ready(self) -> None:
        # A grant decided makes its payment plan in the decision's transaction (the arrow
        # points payments → decisions: the table only runs what is registered).
        from decisions.workflow import DECISION_WORKFLOW

        from .services import plan_on_decision

        DECISION_WORKFLOW.also_after("decide", plan_on_decision)

        # The payment plan on the case page, which belongs to applications.
        from applications.panels import CASE_PANELS
        from core.panels import Panel

        from .selectors import case_panel

        CASE_PANELS.register(
            Panel("payments", "payments/fragment_case_payments.html", case_panel, order=25)
        )
