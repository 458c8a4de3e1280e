"""Default report rules: every final report two months after the period ends; a multi-year
Project also reports two months after each project year. Staff change them in the admin."""

from django.db import migrations

DEFAULTS = {
    "forberedelse": (2, None),
    "projekt": (2, 2),
    "styrgrupp": (2, None),
    "breddning": (2, None),
    "spridning": (2, None),
}


def add_rules(apps, schema_editor):
    ReportRule = apps.get_model("reporting", "ReportRule")
    for component, (final, yearly) in DEFAULTS.items():
        ReportRule.objects.get_or_create(
            component=component,
            defaults={"final_months_after_end": final, "yearly_months_after_year": yearly},
        )


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_initial")]

    operations = [migrations.RunPython(add_rules, migrations.RunPython.noop)]
