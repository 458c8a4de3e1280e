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

        # What waits for ICLD waits for its responsible officer in casework's work queue
        # (issue 20, item 8: staff see it in the work queue): agreements the organisation has
        # signed, to countersign, and amendments to approve or reject.
        from casework.admin import extend_item_admin
        from casework.selectors import QueueSource, register_queue_source

        from .models import Agreement, AgreementStatus, Amendment, AmendmentStatus

        register_queue_source(
            QueueSource(
                key="countersign",
                title=_("Agreements to countersign"),
                waiting=lambda: Agreement.objects.filter(
                    status=AgreementStatus.SIGNED_BY_ORGANISATION
                ),
                since="signed_at",
                label=lambda agreement: (
                    _("Agreement, version %(version)s") % {"version": agreement.version}
                ),
                admin_url_name="agreements_agreement",
            )
        )
        register_queue_source(
            QueueSource(
                key="amendments",
                title=_("Amendments to decide"),
                waiting=lambda: Amendment.objects.filter(status=AmendmentStatus.REQUESTED),
                since="requested_at",
                label=lambda amendment: amendment.get_kind_display(),
                admin_url_name="agreements_amendment",
                case_path="agreement__application",
            )
        )
        extend_item_admin(Agreement)
        extend_item_admin(Amendment)

        # The workflow registers what follows the seal (documents.on_sealed) when it loads.
        from . import workflow  # noqa: F401
