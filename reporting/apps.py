from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    """Reports on granted components (redovisning): due dates, drafts, review and PDFs."""

    name = "reporting"
    verbose_name = _("Reporting")

    def ready(self) -> None:
        # A granted case owes its reports from the moment of the decision, so the applications
        # table's "approve" creates them in its transaction (the arrow points reporting →
        # applications: the table only runs what is registered). No GET creates a row.
        from applications.workflow import APPLICATION_WORKFLOW

        from .services import reports_on_grant

        APPLICATION_WORKFLOW.also_after("approve", reports_on_grant)
