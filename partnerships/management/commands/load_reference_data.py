from django.apps import apps
from django.core.management.base import BaseCommand

from partnerships.reference_data import load_reference_data


class Command(BaseCommand):
    help = (
        "Load Swedish counties, municipalities and regions, the programme's countries, subject "
        "categories and core democratic areas. Adds only what is missing."
    )

    def handle(self, *args, **options) -> None:
        added = load_reference_data()
        # Apps above partnerships add their own reference data (e.g. the default rule set)
        # through their AppConfig, so that this app imports none of them.
        for config in apps.get_app_configs():
            if config.name != "partnerships" and hasattr(config, "load_reference_data"):
                added.update(config.load_reference_data())
        summary = ", ".join(f"{count} {kind}" for kind, count in added.items())
        self.stdout.write(f"Reference data loaded; added {summary}.")
