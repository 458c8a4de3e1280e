"""The group of the staff who keep ICLD's cost norms (ICLD-normansvariga): they add and change
norms, which case officers (ICLD-handläggare) only read."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "ICLD-normansvariga"
MODELS = ["countryrate", "travelband", "languagefee", "componentceiling"]


def create_group(apps, schema_editor):
    # Permissions are otherwise made after the last migration; the group needs them now.
    config = apps.get_app_config("costnorms")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    codenames = [f"{action}_{model}" for model in MODELS for action in ("view", "add", "change", "delete")]
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="costnorms", codename__in=codenames)
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("costnorms", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
