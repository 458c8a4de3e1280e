from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "assessments"
    verbose_name = _("Assessments")

    def ready(self) -> None:
        # The application's admin page (applications') links to its screening and assessment.
        from .admin import register_application_links

        register_application_links()

        # Every route into assessment goes through the screening: applications' "start the
        # review" is refused without a recorded one (and made on the screening's page, see
        # register_application_links); a resubmission is screened again. The arrow points
        # assessments → applications.
        from applications.workflow import APPLICATION_WORKFLOW

        from .services import screen_again
        from .workflow import require_screening

        APPLICATION_WORKFLOW.also_after("start_review", require_screening)
        APPLICATION_WORKFLOW.also_after("submit", screen_again)
