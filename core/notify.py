"""The one way the portal sends notifications.

`notify()` renders the message in the recipient's language, writes it to the outbox in the
caller's transaction and queues the sending after commit.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.functional import Promise

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
    # Names of context entries that differ from message to message (a name, a link). When given,
    # the message is rendered once per template, language and the rest of the context, with a
    # slot for each of these, and each message gets its own values put in the slots (as text,
    # not escaped: the notification templates are plain text). The rest of the context is then
    # compared as values (a model instance by its pk) and must not depend on the recipient.
    varying: tuple[str, ...] = ()


def _slot(name: str) -> str:
    return f"\x1f{name}\x1f"  # a control character no rendered text contains


def _frozen(value: Any) -> Any:
    """`value` as something hashable that compares equal when it renders the same (in the
    current language: lazy translations become text)."""
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, Mapping):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, list | tuple | set | frozenset):
        return tuple(_frozen(v) for v in value)
    return value


def _render(note: Notification, rendered: dict[tuple, tuple[str, str]]) -> tuple[str, str]:
    """(subject, body) of one notification, in the current language; `rendered` keeps the
    messages of a batch by their shared context (see Notification.varying)."""
    if not note.varying:
        subject = render_to_string(f"{note.template}_subject.txt", note.context).strip()
        return subject, render_to_string(f"{note.template}_body.txt", note.context)
    shared = {k: v for k, v in note.context.items() if k not in note.varying}
    key = (note.template, note.language, note.varying, _frozen(shared))
    if key not in rendered:
        context = shared | {name: _slot(name) for name in note.varying}
        subject = render_to_string(f"{note.template}_subject.txt", context).strip()
        rendered[key] = (subject, render_to_string(f"{note.template}_body.txt", context))
    subject, body = rendered[key]
    for name in note.varying:
        value = str(note.context.get(name, ""))
        subject = subject.replace(_slot(name), value)
        body = body.replace(_slot(name), value)
    return subject, body


def notify_many(notifications: Iterable[Notification]) -> list[OutgoingEmail]:
    """`notify()` for many messages at once: one insert for all of them and one task for their
    sending after commit (a sweep sends thousands; a query and a task each cost more than the
    message). Messages that name their `varying` context are rendered once per distinct rest."""
    emails = []
    rendered: dict[tuple, tuple[str, str]] = {}
    for note in notifications:
        with translation.override(note.language):
            subject, body = _render(note, rendered)
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
