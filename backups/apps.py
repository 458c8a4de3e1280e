from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackupsConfig(AppConfig):
    """Backups of the database and the media files, and their restore (`manage.py backup`,
    `manage.py restore`). No models: a backup is one tar file outside the database."""

    name = "backups"
    verbose_name = _("Backups")
