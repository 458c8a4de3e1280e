"""The one way the portal sends notifications.

`notify()` renders the message in the recipient's language, writes it to the outbox in the
caller's transaction and queues the sending after commit.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from .links import absolute_url
from .models import OutgoingEmail, User
from .tasks import send_email, send_emails


def notify(
    *, recipient: str, template: str, context: Mapping[str, Any], language: str
) -> OutgoingEmail:
    """Send `template` (`<template>_subject.txt` and `<template>_body.txt`) to `recipient`."""
    with translation.override(language):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_body.txt", context)
    return queue_email(recipient=recipient, subject=subject, body=body, language=language)


def notify_user(
    user: User,
    *,
    template: str,
    context: Mapping[str, Any],
    link: tuple[object, ...] | None = None,
) -> OutgoingEmail:
    """Send `template` to `user` in their language; `link` (URL name and arguments) becomes the
    context's `url`, with the prefix of the user's language."""
    if link is not None:
        name, *args = link
        context = {**context, "url": absolute_url(name, *args, language=user.language)}
    return notify(recipient=user.email, template=template, context=context, language=user.language)


@dataclass(frozen=True)
class Notification:
    recipient: str
    template: str
    context: Mapping[str, Any]
    language: str


def notify_many(notifications: Iterable[Notification]) -> list[OutgoingEmail]:
    """`notify()` for many messages at once: one insert for all of them and one task for their
    sending after commit (a sweep sends thousands; a query and a task each cost more than the
    message)."""
    emails = []
    for note in notifications:
        with translation.override(note.language):
            subject = render_to_string(f"{note.template}_subject.txt", note.context).strip()
            body = render_to_string(f"{note.template}_body.txt", note.context)
        emails.append(
            OutgoingEmail(
                recipient=note.recipient,
                subject=" ".join(subject.split()),
                body=body,
                language=note.language,
            )
        )
    emails = OutgoingEmail.objects.bulk_create(emails)
    if emails:
        ids = [email.pk for email in emails]
        send_emails.delay(ids)  # after commit (core.tasks.TransactionAwareTask)
    return emails


def queue_email(*, recipient: str, subject: str, body: str, language: str) -> OutgoingEmail:
    """Write an already rendered message to the outbox and send it after commit."""
    email = OutgoingEmail.objects.create(
        recipient=recipient, subject=" ".join(subject.split()), body=body, language=language
    )
    send_email.delay(email.pk)  # after commit (core.tasks.TransactionAwareTask)
    return email
