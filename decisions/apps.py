from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    """The grant decision (beslut): the officer proposes, a decision-maker decides, the letter."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "decisions"
    verbose_name = _("Decisions")

    def ready(self) -> None:
        # The application's approve/decline are made through the decision, on its pages.
        from .admin import register_application_links

        register_application_links()

        # ICLD's decision on the case page, which belongs to applications.
        from applications.panels import CASE_PANELS
        from core.panels import Panel

        from .selectors import case_panel

        CASE_PANELS.register(
            Panel("decision", "decisions/fragment_case_decision.html", case_panel, order=10)
        )

        # A proposed decision waits in casework's work queue under the case's officer, so that
        # the team sees what waits for a decision-maker (issue 20, item 8: staff follow it in
        # the work queue); a decision-maker sees all of them in the whole team's queue.
        from casework.selectors import QueueSource, register_queue_source

        from .models import Decision, DecisionStatus

        register_queue_source(
            QueueSource(
                key="decisions",
                title=_("Proposed decisions waiting for a decision-maker"),
                waiting=lambda: Decision.objects.filter(
                    status=DecisionStatus.PROPOSED, is_current=True
                ),
                since="proposed_at",
                label=lambda decision: decision.get_outcome_display(),
                admin_url_name="decisions_decision",
            )
        )
