"""Sending a reminder: recorded and sent together, and never twice."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from core.notify import notify

from .models import Reminder
from .sources import DueReminder


# No savepoint of its own inside the sweep's transaction: the one below is all it needs.
@transaction.atomic(savepoint=False)
def send_reminder(*, due: DueReminder) -> bool:
    """Record the reminder and queue its e-mail in the recipient's language, in one transaction.

    False, and nothing sent, when the reminder was sent before. Two sweeps at the same moment
    both try the insert; the unique constraint makes the second wait for the first and then
    fail, so exactly one of them sends.
    """
    fields = {
        "recipient": due.recipient,
        "kind": due.kind,
        "object_key": due.object_key,
        "due_date": due.due_date,
        "days_before": due.days_before,
    }
    try:
        # A savepoint: when the insert fails, the e-mail written before it goes too, its sending
        # is never queued (on_commit forgets what a rolled-back savepoint registered), and the
        # caller's transaction goes on.
        with transaction.atomic():
            email = notify(
                recipient=due.recipient.email,
                template=due.template,
                context=due.context,
                language=due.recipient.language,
            )
            Reminder.objects.create(**fields, email=email)
    except IntegrityError:
        if Reminder.objects.filter(**fields).exists():
            return False
        raise  # some other constraint: a real error, not a reminder sent before
    return True
