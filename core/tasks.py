"""The portal's base for Celery tasks, the sweep that queues what the broker missed, and the
e-mail outbox's tasks."""

import logging
import smtplib
import time
from datetime import timedelta

from celery import Task, shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import OperationalError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from .models import OutgoingEmail
from .redaction import redact

logger = logging.getLogger(__name__)

BROKER_BACKOFF = 10.0
# The retries of a task that renders or writes a file (`@shared_task(base=TransactionAwareTask,
# **FILE_RETRY)`): the media storage or the disk fail now and then and come back; a broken
# template does not, and is not tried again.
FILE_RETRY = {
    "autoretry_for": (OSError,),
    "retry_backoff": 10,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 6,
}
# The retries of a periodic task whose database went away (`@shared_task(**DATABASE_RETRY)`);
# such a task re-checks its rows, so running it again is safe.
DATABASE_RETRY = {
    "autoretry_for": (OperationalError,),
    "retry_backoff": 60,
    "retry_backoff_max": 3600,
    "retry_jitter": True,
    "max_retries": 6,
}
_broker_failed_at: float | None = None


class TransactionAwareTask(Task):
    """A task queued only once the caller's transaction commits (at once outside one), so a
    worker never looks for a row that is not there yet or was rolled back (pretix's idea).

    With the broker down the error is logged and the change stands: the task's row waits for
    its sweep (`requeue_missed`)."""

    abstract = True

    def apply_async(self, args=None, kwargs=None, **options):
        if transaction.get_connection().in_atomic_block:
            transaction.on_commit(lambda: self._queue(args, kwargs, options))
            return None
        return self._queue(args, kwargs, options)

    def _queue(self, args, kwargs, options):
        # After a failed publish the process leaves the broker alone for BROKER_BACKOFF: each
        # try against a down or hung broker costs a request its timeouts and retry.
        global _broker_failed_at
        failed_at = _broker_failed_at
        if failed_at is not None and time.monotonic() - failed_at < BROKER_BACKOFF:
            logger.warning(
                "broker unreachable lately: %s%r waits for its sweep",
                self.name,
                tuple(args or ()),
            )
            return None
        try:
            result = super().apply_async(args, kwargs, **options)
        except Exception:
            _broker_failed_at = time.monotonic()
            logger.warning(
                "broker unreachable: %s%r waits for its sweep", self.name, tuple(args or ())
            )
            return None
        _broker_failed_at = None
        return result


def requeue_missed(task: Task, queryset: QuerySet, *, limit: int = 1000) -> list[int]:
    """Queue `task` for the first `limit` rows of `queryset` (what the broker missed: the rows
    a task should have taken and has not). Returns their primary keys."""
    ids = list(queryset.values_list("pk", flat=True)[:limit])
    for pk in ids:
        task.delay(pk)
    if ids:
        logger.info("%s: queued %d that the broker missed", task.name, len(ids))
    return ids


# Errors worth another try: the mail server or the network, not the message itself.
TRANSIENT_MAIL_ERRORS = (smtplib.SMTPServerDisconnected, smtplib.SMTPConnectError, OSError)
MAIL_RETRY = {
    "autoretry_for": TRANSIENT_MAIL_ERRORS,
    "retry_backoff": 30,
    "retry_backoff_max": 3600,
    "retry_jitter": True,
    "max_retries": 8,
}


@shared_task(base=TransactionAwareTask, **MAIL_RETRY)
def send_email(email_id: int) -> None:
    """Send one outbox message; a message already sent is not sent again."""
    deliver(email_id)


@shared_task(base=TransactionAwareTask, **MAIL_RETRY)
def send_emails(email_ids: list[int]) -> None:
    """Send many outbox messages (notify_many); a retry skips those that went out already."""
    for email_id in email_ids:
        deliver(email_id)


def deliver(email_id: int) -> None:
    """Send one outbox message unless it was sent. The row stays locked while the message goes
    out, so two workers given the same id send it once."""
    try:
        with transaction.atomic():
            email = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
            if email is None or email.sent_at is not None or email.held:
                return
            EmailMessage(
                subject=email.subject,
                body=email.body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[email.recipient],
            ).send()
            email.sent_at = timezone.now()
            email.attempts += 1
            # Delivered: the outbox (readable in the admin) keeps no working link.
            email.body = redact(email.body)
            email.save(update_fields=["sent_at", "attempts", "body"])
    except Exception:
        OutgoingEmail.objects.filter(pk=email_id).update(attempts=F("attempts") + 1)
        raise


@shared_task
def requeue_unsent_email(older_than_minutes: int = 5) -> list[int]:
    """Hand the outbox's forgotten messages (broker down when they were written) to the queue."""
    cutoff = timezone.now() - timedelta(minutes=older_than_minutes)
    unsent = OutgoingEmail.objects.filter(sent_at__isnull=True, held=False, created_at__lt=cutoff)
    return requeue_missed(send_email, unsent)
