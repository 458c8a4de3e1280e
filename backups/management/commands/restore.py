from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups.services import BackupError, restore


class Command(BaseCommand):
    help = (
        "Restore a backup made by `manage.py backup` into an empty database, and its media "
        "files into the media storage."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("backup", help="the tar file `manage.py backup` wrote")
        parser.add_argument(
            "--database-url",
            help="an empty database to restore into (default: DATABASE_URL's)",
        )

    def handle(self, *args, backup: str, database_url: str | None, **options) -> None:
        try:
            summary = restore(Path(backup), database_url=database_url)
        except (BackupError, FileNotFoundError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"restored the {summary.database} database and {summary.files} media files "
            f"from {summary.path}"
        )
        if summary.held:
            self.stdout.write(
                f"{summary.held} e-mails unsent at backup time are held (they may have gone out "
                "since): release or delete them in the admin's outbox"
            )
