"""The dialogue with ICLD as a workflow on core's transition table: a coordinator states that a
dialogue took place, staff confirm it; staff may also record one that counts at once."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.workflow import Transition, TransitionTable

from .models import (
    Dialogue,
    DialogueEvent,
    DialogueStatus,
    Membership,
    MembershipStatus,
    Partnership,
)

S = DialogueStatus

TRANSITIONS = TransitionTable(
    [
        Transition(
            "confirm",
            frozenset({S.STATED}),
            S.CONFIRMED,
            gettext_lazy("Confirm the dialogue"),
            by_staff=True,
        ),
    ],
    statuses=S,
    refusal=gettext_lazy("%(action)s is not possible for a dialogue that is %(status)s."),
)


def _check_day(held_on: datetime.date) -> None:
    if held_on > timezone.localdate():
        raise ValidationError(_("The dialogue must have taken place: its date cannot be ahead."))


@transaction.atomic
def state_dialogue(*, partnership: Partnership, held_on: datetime.date, note: str, by) -> Dialogue:
    """A coordinator of the partnership's Swedish organisation states a dialogue; staff who
    record one confirm it in the same step."""
    _check_day(held_on)
    if not note.strip():
        raise ValidationError(_("Say what the dialogue was about."))
    is_coordinator = Membership.objects.filter(
        user=by,
        organisation_id=partnership.swedish_organisation_id,
        status=MembershipStatus.APPROVED,
    ).exists()
    if not (by.is_staff or is_coordinator):
        raise PermissionDenied
    dialogue = Dialogue.objects.create(
        partnership=partnership, held_on=held_on, note=note.strip(), stated_by=by
    )
    DialogueEvent.objects.create(dialogue=dialogue, actor=by, to_status=S.STATED)
    if by.is_staff:
        return confirm_dialogue(dialogue=dialogue, by=by)
    return dialogue


@transaction.atomic
def confirm_dialogue(*, dialogue: Dialogue, by, comment: str = "") -> Dialogue:
    """Staff confirm a stated dialogue: the row locked, so two confirmations make one event."""
    if not by.is_staff:
        raise PermissionDenied
    dialogue = Dialogue.objects.select_for_update().get(pk=dialogue.pk)
    transition = TRANSITIONS.check(dialogue.status, "confirm")
    DialogueEvent.objects.create(
        dialogue=dialogue,
        actor=by,
        from_status=dialogue.status,
        to_status=transition.target,
        comment=comment,
    )
    dialogue.status = transition.target
    dialogue.save(update_fields=["status"])
    return dialogue
