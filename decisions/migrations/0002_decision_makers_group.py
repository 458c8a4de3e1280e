"""The group of ICLD's decision-makers (ICLD-beslutsfattare): they hold `decide_grant`, which
case officers (ICLD-handläggare) do not, and what deciding moves on the application."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "ICLD-beslutsfattare"
PERMISSIONS = [
    ("decisions", "decide_grant"),
    ("decisions", "view_decision"),
    ("applications", "view_application"),
    # Deciding approves or declines the application through its transition table.
    ("applications", "change_application"),
]


def create_group(apps, schema_editor):
    # Permissions are otherwise made after the last migration; the group needs them now.
    for label in ("decisions", "applications"):
        config = apps.get_app_config(label)
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    for app_label, codename in PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            group.permissions.add(permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
