"""Everything the portal holds about one person, found by e-mail address, as JSON.

The answer to an access request (GDPR art. 15). Written as a stream of sections so that a
person with a long history never has to fit in memory. Never included: password hashes,
invitation token hashes, MFA secrets; in e-mail bodies, anything that looks like a key
(invitation or password-reset links) is cut out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone

from applications.models import (
    Application,
    Contributor,
    Invitation,
    Participant,
    ParticipantChange,
)
from audit.models import TRACKED
from core.models import OutgoingEmail, User
from networks.models import InterestRegistration, PartnerInterest
from partnerships.models import Membership, PartnerSeeking
from reminders.models import Reminder
from reporting.models import Report

# Never exported, on whatever model they appear.
SECRET_FIELDS = frozenset({"password", "token_hash", "secret", "key"})
# Long runs of key-like characters in a message: the keys of links (invitations, password
# reset, e-mail confirmation). Ordinary words are shorter.
KEY_LIKE = re.compile(r"[A-Za-z0-9_\-:=]{24,}")
REMOVED = "[removed]"
ENCODER = DjangoJSONEncoder(ensure_ascii=False, indent=None)


def row(obj: models.Model, *, exclude: Iterable[str] = ()) -> dict[str, Any]:
    """A model instance as plain data: its own columns, foreign keys as ids."""
    skip = SECRET_FIELDS | set(exclude)
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name in skip or field.attname in skip:
            continue
        value = getattr(obj, field.attname)
        if isinstance(field, models.FileField):
            value = value.name if value else ""
        data[field.attname] = value
    return data


def without_keys(text: str) -> str:
    return KEY_LIKE.sub(REMOVED, text)


def _participant_filter(email: str, full_name: str) -> Q:
    match = Q(email__iexact=email)
    if full_name:
        match |= Q(name__iexact=full_name)
    return match


def _of(user: User | None, field: str) -> Q:
    """Rows whose `field` is the user; none when the address has no account."""
    return Q(pk__in=[]) if user is None else Q(**{field: user})


def sections(email: str) -> Iterator[tuple[str, Iterable[dict[str, Any]]]]:
    """(name, rows) for every kind of data; the rows are lazy, read while the file is written."""
    user = User.objects.filter(email__iexact=email).first()
    full_name = user.get_full_name().strip() if user is not None else ""
    people = _participant_filter(email, full_name)
    yield (
        "request",
        [{"email": email, "exported_at": timezone.now(), "account_found": user is not None}],
    )
    yield "user", [row(user)] if user is not None else []
    yield (
        "email_addresses",
        (
            row(address, exclude=["user"])
            for address in EmailAddress.objects.filter(Q(email__iexact=email) | _of(user, "user"))
        ),
    )
    # Which second factors are set up and when: never their secrets or codes.
    yield (
        "second_factors",
        (
            {"type": a.type, "created_at": a.created_at, "last_used_at": a.last_used_at}
            for a in Authenticator.objects.filter(_of(user, "user"))
        ),
    )
    yield "memberships", (row(m) for m in Membership.objects.filter(_of(user, "user")))
    yield (
        "applications",
        (
            row(a)
            for a in Application.objects.filter(
                _of(user, "created_by") | _of(user, "submitted_by")
            ).order_by("pk")
        ),
    )
    yield (
        "participants",
        (row(p) for p in Participant.with_left.filter(people).order_by("pk")),
    )
    yield (
        "participant_changes",
        (row(p) for p in ParticipantChange.objects.filter(people).order_by("pk")),
    )
    yield (
        "reports",
        (
            row(r, exclude=["pdf"])
            for r in Report.objects.filter(_of(user, "submitted_by")).order_by("pk")
        ),
    )
    yield "contributions", (row(c) for c in Contributor.objects.filter(_of(user, "user")))
    yield (
        "invitations",
        (
            row(i)
            for i in Invitation.objects.filter(
                Q(email__iexact=email) | _of(user, "invited_by") | _of(user, "accepted_by")
            ).order_by("pk")
        ),
    )
    yield (
        "network_interest_registrations",
        (
            row(r)
            for r in InterestRegistration.objects.filter(
                Q(contact_email__iexact=email) | _of(user, "created_by")
            ).order_by("pk")
        ),
    )
    yield (
        "partner_interests",
        (row(i) for i in PartnerInterest.objects.filter(_of(user, "user")).order_by("pk")),
    )
    yield (
        "partner_seeking_listings",
        (row(s) for s in PartnerSeeking.objects.filter(contact_email__iexact=email).order_by("pk")),
    )
    yield (
        "outgoing_emails",
        (
            row(e) | {"body": without_keys(e.body), "subject": without_keys(e.subject)}
            for e in OutgoingEmail.objects.filter(recipient__iexact=email).order_by("pk")
        ),
    )
    yield (
        "reminders",
        (row(r) for r in Reminder.objects.filter(_of(user, "recipient")).order_by("pk")),
    )
    yield "history", _history(user=user, people=people, email=email)


def _history(*, user: User | None, people: Q, email: str) -> Iterator[dict[str, Any]]:
    """History rows about the person (their team rows, invitations, memberships,
    contributions), and which changes they made (what was changed, not the data of others)."""
    about: dict[type[models.Model], Q] = {
        Participant: people,
        ParticipantChange: people,
        Invitation: Q(email__iexact=email),
    }
    if user is not None:
        about |= {Membership: Q(user=user), Contributor: Q(user=user)}
    for model, match in about.items():
        for record in model.history.filter(match).order_by("history_date"):
            yield {"model": model._meta.label, "about_you": True} | row(record)
    if user is None:
        return
    for tracked in TRACKED:
        historical = tracked.model.history.model
        for history_id, object_id, date, kind in (
            historical.objects.filter(history_user=user)
            .order_by("history_date")
            .values_list("history_id", "id", "history_date", "history_type")
        ):
            yield {
                "model": tracked.model._meta.label,
                "made_by_you": True,
                "history_id": history_id,
                "id": object_id,
                "history_date": date,
                "history_type": kind,
            }


def export_json(email: str) -> Iterator[str]:
    """The export as chunks of one JSON object: {"section": [rows…], …}."""
    yield "{"
    for index, (name, rows) in enumerate(sections(email)):
        yield ("," if index else "") + f"\n{json.dumps(name)}: ["
        for position, data in enumerate(rows):
            yield ("," if position else "") + "\n  " + ENCODER.encode(data)
        yield "]"
    yield "\n}\n"
