from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from backups.services import BackupError, backup


class Command(BaseCommand):
    help = (
        "Back up the database and every media file into one tar file "
        "(restore it with `manage.py restore`)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--output", default="var/backups", help="folder for the backup (var/backups)"
        )

    def handle(self, *args, output: str, **options) -> None:
        try:
            summary = backup(Path(output))
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"{summary.path}: the {summary.database} database and {summary.files} media files"
        )
