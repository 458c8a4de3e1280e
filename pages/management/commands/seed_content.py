from django.core.management.base import BaseCommand

from pages.demo import seed_content


class Command(BaseCommand):
    help = "Add example rounds, FAQ, a guideline and news for a development installation."

    def handle(self, *args, **options) -> None:
        added = seed_content()
        summary = ", ".join(f"{count} {kind}" for kind, count in added.items())
        self.stdout.write(f"Example content: added {summary}.")
