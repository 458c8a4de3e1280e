from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "casework"
    verbose_name = _("Case work")

    def ready(self) -> None:
        # Staff's "return for completion" writes its comment into the case's thread. The arrow
        # points casework → applications: the applications table only runs what is registered.
        from applications.workflow import APPLICATION_WORKFLOW

        from .services import assign_on_submit, write_return_comment

        APPLICATION_WORKFLOW.also_after("return", write_return_comment)
        # A new submission gets its officer by the assignment rules (or the round's lead).
        APPLICATION_WORKFLOW.also_after("submit", assign_on_submit)

        # The thread in short on the case page, which belongs to applications.
        from applications.panels import CASE_PANELS
        from core.panels import Panel

        from .selectors import case_panel

        CASE_PANELS.register(
            Panel("messages", "casework/fragment_case_thread.html", case_panel, order=40)
        )

        # The officer's queue on the admin's index, which belongs to core.
        from core.admin import ADMIN_INDEX_PANELS

        from .selectors import admin_index_panel

        ADMIN_INDEX_PANELS.register(
            Panel("queue", "casework/fragment_admin_index.html", admin_index_panel)
        )
