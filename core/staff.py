"""The group that gives ICLD's case officers what their work needs in the admin, so that staff
need not be superusers: add a staff account to it and it can review, decide, export and read
the history, but not delete cases or reports (the audit trail) or manage accounts.

`ensure_staff_group` runs after every `migrate` (core/apps.py), so the group follows new
models and permissions by itself.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

STAFF_GROUP = "ICLD-handläggare"
# The portal's apps whose permissions case officers get.
STAFF_APPS = [
    "applications",
    "reporting",
    "reminders",
    "exports",
    "audit",
    "privacy",
    "partnerships",
    "networks",
    "pages",
]
# Deleting these would erase what the audit trail and the programme's decisions rest on; the
# history is read, never written by hand.
NEVER = Q(content_type__app_label__in=["applications", "reporting", "partnerships"]) & Q(
    codename__startswith="delete_"
) | Q(content_type__app_label="audit") & ~Q(codename__startswith="view_")


def ensure_staff_group(**kwargs) -> Group:
    group, _created = Group.objects.get_or_create(name=STAFF_GROUP)
    permissions = Permission.objects.filter(content_type__app_label__in=STAFF_APPS).exclude(NEVER)
    group.permissions.set(permissions)
    return group
