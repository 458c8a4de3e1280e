from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    """Deadline reminders: each sent at most once per person, deadline and day."""

    name = "reminders"
    verbose_name = _("Reminders")
