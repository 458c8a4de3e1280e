from django.core.management.base import BaseCommand

from partnerships.reference_data import load_reference_data


class Command(BaseCommand):
    help = (
        "Load Swedish counties, municipalities and regions, the programme's countries, subject "
        "categories and core democratic areas. Adds only what is missing."
    )

    def handle(self, *args, **options) -> None:
        added = load_reference_data()
        summary = ", ".join(f"{count} {kind}" for kind, count in added.items())
        self.stdout.write(f"Reference data loaded; added {summary}.")
