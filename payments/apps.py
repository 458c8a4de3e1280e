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

        # Requested payments wait for their responsible officer in casework's work queue
        # (issue 20, item 8); the rules of payments stay here.
        from casework.admin import extend_item_admin
        from casework.selectors import QueueSource, register_queue_source
        from core.money import sek

        from .models import Payment, PaymentStatus

        register_queue_source(
            QueueSource(
                key="payments",
                title=_("Payments to approve"),
                waiting=lambda: Payment.objects.filter(status=PaymentStatus.REQUESTED),
                since="requested_at",
                label=lambda payment: (
                    _("Instalment %(number)s: %(amount)s")
                    % {"number": payment.instalment.sequence, "amount": sek(payment.amount_sek)}
                ),
                admin_url_name="payments_payment",
                case_path="instalment__application",
            )
        )
        extend_item_admin(Payment)
