"""Sending a reminder: recorded and sent together, and never twice."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.db.models import Q

from core.notify import Notification, notify, notify_many

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


def _key(due: DueReminder) -> tuple:
    return (due.recipient.pk, due.kind, due.object_key, due.due_date, due.days_before)


def send_reminders(*, due: Sequence[DueReminder]) -> int:
    """Send a batch of reminders, each once; returns how many went out.

    Three queries for the whole batch: what was sent before, the e-mails, the reminders (and
    one task queues the e-mails after commit). When a sweep running at the same moment sent
    some of them first, the unique constraint refuses the batch's insert: it is rolled back and
    each reminder goes through `send_reminder`, which sends exactly the ones still unsent.
    """
    try:
        with transaction.atomic():
            return _send_batch(due)
    except IntegrityError:
        sent = 0
        for reminder in due:
            with transaction.atomic():
                sent += send_reminder(due=reminder)
        return sent


def _send_batch(due: Sequence[DueReminder]) -> int:
    fresh = {_key(reminder): reminder for reminder in due}  # the same one twice goes once
    if not fresh:
        return 0
    sent_before = Reminder.objects.filter(
        Q(recipient_id__in={key[0] for key in fresh}),
        Q(object_key__in={key[2] for key in fresh}),
    ).values_list("recipient_id", "kind", "object_key", "due_date", "days_before")
    for key in sent_before:
        fresh.pop(key, None)
    reminders = list(fresh.values())
    emails = notify_many(
        Notification(
            recipient=reminder.recipient.email,
            template=reminder.template,
            context=reminder.context,
            language=reminder.recipient.language,
            varying=reminder.varying,
        )
        for reminder in reminders
    )
    Reminder.objects.bulk_create(
        Reminder(
            recipient=reminder.recipient,
            kind=reminder.kind,
            object_key=reminder.object_key,
            due_date=reminder.due_date,
            days_before=reminder.days_before,
            email=email,
        )
        for reminder, email in zip(reminders, emails, strict=True)
    )
    return len(reminders)
