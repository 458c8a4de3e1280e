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
