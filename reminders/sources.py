"""Where reminders come from. A source is a function `(today) -> Iterable[DueReminder]` named in
`settings.REMINDER_SOURCES`, kept by the app whose deadline it is (`applications.reminders`,
`reporting.reminders`); the sweep (`tasks.send_due_reminders`) runs each and sends what it
yields once (`services.send_reminder`). Sources only read; they never send."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from core.models import User
from partnerships.models import Membership, MembershipStatus


@dataclass(frozen=True)
class DueReminder:
    """One reminder a source wants sent: to whom, about what, for which deadline and day."""

    recipient: User
    kind: str
    object_key: str
    due_date: datetime.date
    days_before: int
    template: str  # a core.notify template name
    context: dict[str, Any] = field(compare=False)
    # The context entries that differ from person to person (core.notify.Notification.varying):
    # the sweep renders each distinct rest once per batch and language.
    varying: tuple[str, ...] = field(default=(), compare=False)


def coordinators_by_organisation(organisation_ids: set[int]) -> dict[int, list[User]]:
    """The approved members of each organisation: every one of them coordinates its cases."""
    people = defaultdict(list)
    memberships = Membership.objects.filter(
        organisation_id__in=organisation_ids, status=MembershipStatus.APPROVED
    ).select_related("user")
    for membership in memberships:
        people[membership.organisation_id].append(membership.user)
    return people
