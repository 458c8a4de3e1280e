"""The group that gives ICLD's case officers what their work needs in the admin, so that staff
need not be superusers: add a staff account to it and it can review, decide, export and read
the history, but not delete cases or reports (the audit trail) or manage accounts.

`ensure_staff_group` runs after every `migrate` (core/apps.py), so the group follows new
models and permissions by itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from .models import User

STAFF_GROUP = "ICLD-handläggare"
# The portal's apps whose permissions case officers get.
STAFF_APPS = [
    "applications",
    "reporting",
    "casework",
    "assessments",
    "decisions",
    "costnorms",
    "payments",
    "agreements",
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
NEVER = Q(
    content_type__app_label__in=[
        "applications",
        "reporting",
        "partnerships",
        "decisions",
        "payments",
        "agreements",
    ]
) & Q(codename__startswith="delete_") | Q(content_type__app_label="audit") & ~Q(
    codename__startswith="view_"
)
# Officers propose decisions; deciding is for ICLD's decision-makers (decisions' own group).
NEVER |= Q(content_type__app_label="decisions", codename="decide_grant")
# Officers read the cost norms; ICLD-normansvariga (costnorms' own group) change them.
NEVER |= Q(content_type__app_label="costnorms") & ~Q(codename__startswith="view_")
# ICLD's countersignature on an agreement is a decision-maker's too (agreements' migration 0002).
NEVER |= Q(content_type__app_label="agreements", codename="countersign_agreement")


def ensure_staff_group(**kwargs) -> Group:
    group, _created = Group.objects.get_or_create(name=STAFF_GROUP)
    permissions = Permission.objects.filter(content_type__app_label__in=STAFF_APPS).exclude(NEVER)
    group.permissions.set(permissions)
    return group


def is_staff_with(user: User, permission: str) -> bool:
    """Whether `user` is an active staff account with `permission` (``"app.codename"``)."""
    return user.is_active and user.is_staff and user.has_perm(permission)


def check_staff_decision(by: User, *, permission: str, own: bool) -> None:
    """Staff decide on a membership, case, change or report only with `permission`, and never
    on one that is their own (`own`: they are its member, applicant, contributor or proposer):
    someone else at ICLD decides that one. The second factor is checked where the request is
    (core/mfa.py); this holds wherever the decision is made."""
    if not is_staff_with(by, permission):
        raise PermissionDenied
    if own:
        raise ValidationError(
            _("You take part in this yourself, so another member of ICLD's staff decides it.")
        )
