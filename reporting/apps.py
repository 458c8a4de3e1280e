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

        # The period moves when the agreement is signed by both or extended: the reports
        # still to be written follow it (agreements sits below reporting).
        from agreements.workflow import AGREEMENT_WORKFLOW, AMENDMENT_WORKFLOW

        from .services import period_moved

        AGREEMENT_WORKFLOW.also_after("countersign", period_moved)
        AMENDMENT_WORKFLOW.also_after("approve", period_moved)

        # The reports on the case page and on "Mina ärenden", which belong to applications.
        from applications.panels import CASE_PANELS, DASHBOARD_PANELS
        from core.panels import Panel

        from .selectors import case_panel, dashboard_panel

        CASE_PANELS.register(
            Panel("reports", "reporting/fragment_case_reports.html", case_panel, order=30)
        )
        DASHBOARD_PANELS.register(
            Panel("reports_due", "reporting/fragment_reports_due.html", dashboard_panel)
        )

        # Submitted reports wait for the case's officer in casework's work queue.
        from casework.selectors import QueueSource, register_queue_source

        from .models import Report, ReportStatus

        register_queue_source(
            QueueSource(
                key="reports",
                title=_("Reports to review"),
                waiting=lambda: Report.objects.filter(status=ReportStatus.SUBMITTED),
                since="submitted_at",
                label=lambda report: report.get_kind_display(),
                admin_url_name="reporting_report",
            )
        )
        # Each report has a responsible officer (the case's, unless staff give it another).
        from casework.admin import extend_item_admin

        extend_item_admin(Report)

    def seed_demo(self, *, seed: int) -> dict[str, int]:
        """Called by `seed_demo` after the applications: reports of granted demo cases."""
        from .demo import seed_reports

        return seed_reports()
