"""ICLD's decision-makers (ICLD-beslutsfattare, decisions' group) countersign agreements; case
officers (ICLD-handläggare) read them and decide amendments, but do not countersign."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "ICLD-beslutsfattare"
PERMISSIONS = [
    ("agreements", "countersign_agreement"),
    ("agreements", "view_agreement"),
    ("agreements", "change_agreement"),
]


def grant(apps, schema_editor):
    config = apps.get_app_config("agreements")
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


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="agreements",
                codename__in=[codename for _label, codename in PERMISSIONS],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0001_initial"),
        ("decisions", "0002_decision_makers_group"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
