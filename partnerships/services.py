"""Writes on partnership data other than changes of status (approving or declining a
membership, confirming a dialogue: those are in workflow.py): a member's signatory role.

Each one transaction with the row locked; the audit history (audit/) records the change with
the deciding user.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.models import User
from core.staff import check_staff_decision

from .models import Membership, MembershipStatus


@transaction.atomic
def set_signatory(*, membership: Membership, signatory: bool, by: User) -> Membership:
    """Staff make an approved member the organisation's authorised signatory (who signs its
    agreements with ICLD), or take the role back. Never for their own membership; the history
    records who changed it."""
    check_staff_decision(
        by, permission="partnerships.change_membership", own=membership.user_id == by.pk
    )
    membership = Membership.objects.select_for_update(of=("self",)).get(pk=membership.pk)
    if signatory and membership.status != MembershipStatus.APPROVED:
        raise ValidationError(_("Only an approved member can be an authorised signatory."))
    if membership.is_signatory != signatory:
        membership.is_signatory = signatory
        membership._history_user = by
        membership.save(update_fields=["is_signatory"])
    return membership
