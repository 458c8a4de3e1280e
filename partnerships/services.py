"""State changes of partnership data: memberships of Swedish organisations.

Each one transaction with the row locked; the audit history (audit/) records the change with
the deciding user, and the e-mail to the member is queued after commit.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.models import User
from core.notify import notify_user
from core.staff import check_staff_decision

from .models import Membership, MembershipStatus


def _lock_pending(membership: Membership, by: User) -> Membership:
    check_staff_decision(
        by, permission="partnerships.change_membership", own=membership.user_id == by.pk
    )
    membership = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("user", "organisation")
        .get(pk=membership.pk)
    )
    if membership.status != MembershipStatus.PENDING:
        raise ValidationError(_("This membership has already been decided."))
    return membership


def _tell_member(membership: Membership, template: str) -> None:
    notify_user(
        membership.user,
        template=f"partnerships/email/{template}",
        context={"organisation": membership.organisation.name},
        link=("applications:dashboard",),
    )


@transaction.atomic
def approve_membership(*, membership: Membership, by: User) -> Membership:
    """Staff confirm that the user works for the organisation: they may now submit for it."""
    membership = _lock_pending(membership, by)
    membership.status = MembershipStatus.APPROVED
    membership.decided_at = timezone.now()
    membership.decided_by = by
    membership._history_user = by  # the history names the approver, also outside a request
    membership.save(update_fields=["status", "decided_at", "decided_by"])
    _tell_member(membership, "membership_approved")
    return membership


@transaction.atomic
def decline_membership(*, membership: Membership, by: User) -> None:
    """Staff refuse a request: it is removed (the history keeps it, and who declined it), and
    the user may ask again, e.g. for another organisation."""
    membership = _lock_pending(membership, by)
    membership._history_user = by
    _tell_member(membership, "membership_declined")
    membership.delete()


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
