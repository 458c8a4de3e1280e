"""The workflows of partnership data on core's transition table.

A membership request: staff approve it (the user may then submit for the organisation) or
decline it (it is removed; the history keeps it, and who declined it); the member is told
either way. The dialogue with ICLD: a coordinator states that a dialogue took place, staff
confirm it; staff may also record one, which they confirm at once."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.models import User
from core.notify import notify_user
from core.workflow import Transition, TransitionTable, record_event

from .models import (
    Dialogue,
    DialogueEvent,
    DialogueStatus,
    Membership,
    MembershipStatus,
    Partnership,
)

M = MembershipStatus
MEMBERSHIP_PERMISSION = "partnerships.change_membership"


def _decided(membership: Membership, *, by: User, **details) -> None:
    membership.decided_at = timezone.now()
    membership.decided_by = by


def _tell_member(template: str):
    def tell(membership: Membership, **details) -> None:
        notify_user(
            membership.user,
            template=f"partnerships/email/{template}",
            context={"organisation": membership.organisation.name},
            link=("applications:dashboard",),
        )

    return tell


MEMBERSHIP_WORKFLOW = TransitionTable(
    [
        Transition(
            "approve",
            frozenset({M.PENDING}),
            M.APPROVED,
            gettext_lazy("Approve the membership"),
            permission=MEMBERSHIP_PERMISSION,
            before=_decided,
            after=_tell_member("membership_approved"),
        ),
        Transition(
            "decline",
            frozenset({M.PENDING}),
            None,  # removed: the user may ask again, e.g. for another organisation
            gettext_lazy("Decline the membership request"),
            permission=MEMBERSHIP_PERMISSION,
            after=_tell_member("membership_declined"),
        ),
    ],
    model=Membership,
    event=None,  # the audit history (audit/) records each decision and who made it
    refusal=gettext_lazy("This membership has already been decided."),
    parties=lambda user, membership: membership.user_id == user.pk,
    select_related=("user", "organisation"),
)


def approve_membership(*, membership: Membership, by: User) -> Membership:
    """Staff confirm that the user works for the organisation: they may now submit for it."""
    return MEMBERSHIP_WORKFLOW.apply(membership, "approve", by=by)


def decline_membership(*, membership: Membership, by: User) -> None:
    """Staff refuse a request: it is removed (the history keeps it, and who declined it), and
    the user may ask again, e.g. for another organisation."""
    MEMBERSHIP_WORKFLOW.apply(membership, "decline", by=by)


S = DialogueStatus
CONFIRM_PERMISSION = "partnerships.change_dialogue"

DIALOGUE_WORKFLOW = TransitionTable(
    [
        Transition(
            "confirm",
            frozenset({S.STATED}),
            S.CONFIRMED,
            gettext_lazy("Confirm the dialogue"),
            permission=CONFIRM_PERMISSION,
        ),
    ],
    model=Dialogue,
    event=DialogueEvent,
    refusal=gettext_lazy("%(action)s is not possible for a dialogue that is %(status)s."),
)


def _is_coordinator(user, partnership: Partnership) -> bool:
    return Membership.objects.filter(
        user=user,
        organisation_id=partnership.swedish_organisation_id,
        status=MembershipStatus.APPROVED,
    ).exists()


def check_held_on(held_on: datetime.date) -> datetime.date:
    """A dialogue counts once it has taken place: its date is not ahead (forms use this too)."""
    if held_on > timezone.localdate():
        raise ValidationError(_("The dialogue must have taken place: its date cannot be ahead."))
    return held_on


@transaction.atomic
def state_dialogue(
    *, partnership: Partnership, held_on: datetime.date, note: str, by: User
) -> Dialogue:
    """A coordinator of the partnership's Swedish organisation states a dialogue (it counts once
    staff confirm it); staff who may confirm record one that counts at once."""
    check_held_on(held_on)
    if not note.strip():
        raise ValidationError(_("Say what the dialogue was about."))
    staff = by.is_staff and by.has_perm(CONFIRM_PERMISSION)
    if not (staff or _is_coordinator(by, partnership)):
        raise PermissionDenied
    dialogue = Dialogue.objects.create(
        partnership=partnership, held_on=held_on, note=note.strip(), stated_by=by
    )
    record_event(DialogueEvent, dialogue, by=by, to=S.STATED, from_status="")
    if staff:
        return confirm_dialogue(dialogue=dialogue, by=by)
    return dialogue


def confirm_dialogue(*, dialogue: Dialogue, by: User, comment: str = "") -> Dialogue:
    """Staff confirm a stated dialogue: the row locked, so two confirmations make one event."""
    return DIALOGUE_WORKFLOW.apply(dialogue, "confirm", by=by, comment=comment)
