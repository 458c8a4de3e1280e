"""Everything the portal holds about one person, found by e-mail address, as JSON.

The answer to an access request (GDPR art. 15). Also the copies of the person's data the portal
keeps in documents: their rows in the submission receipts' and participant forms' team snapshots
(with the PDFs' names, as the PDFs print those rows), the reports that name them, the messages
they wrote and the agreements they signed. Written as a stream of sections so that a
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
from django.db.models import CharField, Q, Value
from django.utils import timezone

from agreements.models import Agreement
from applications.models import (
    AddressRequest,
    Application,
    Contributor,
    Invitation,
    Participant,
    ParticipantChange,
    ParticipantFormVersion,
    SubmissionReceipt,
)
from audit.models import TRACKED
from casework.models import Message
from core.models import OutgoingEmail, User
from networks.models import InterestRegistration, PartnerInterest
from partnerships.models import Membership, PartnerSeeking
from reminders.models import Reminder
from reporting.models import Report

from . import inventory

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
    # The documents that copy team rows (receipts, participant forms) hold the person's row as
    # it was then, under the participant's id; a row whose participant is gone since is found
    # by the name.
    team = _TeamRows(people=people, full_name=full_name)
    yield "submission_receipts", _receipts(user=user, team=team)
    yield "participant_forms", _participant_forms(team=team)
    yield (
        "reports",
        (
            row(r, exclude=["pdf"])
            for r in Report.objects.filter(_of(user, "submitted_by")).order_by("pk")
        ),
    )
    yield "reports_naming_you", _reports_naming(team=team)
    yield (
        "messages",
        (
            row(m) | {"attachment": _attachment_name(m)}
            for m in Message.objects.filter(_of(user, "author"))
            .select_related("attachment")
            .order_by("pk")
        ),
    )
    yield (
        "agreements_signed",
        (
            row(a, exclude=["document", "sealed"])
            | {"document": a.document.name, "signed_agreement": a.sealed.name}
            for a in Agreement.objects.filter(
                _of(user, "signed_by") | _of(user, "countersigned_by")
            ).order_by("pk")
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
    # Asking to join a case with another address than the invited one: the address the person
    # asked with, on which invitation, and what became of it.
    yield (
        "address_requests",
        (
            row(r)
            | {
                "invited_address": r.invitation.email,
                "application_id": r.invitation.application_id,
                "history": [row(e, exclude=["request"]) for e in r.events.all()],
            }
            for r in AddressRequest.objects.filter(
                Q(email__iexact=email) | _of(user, "requested_by")
            )
            .select_related("invitation")
            .prefetch_related("events")
            .order_by("pk")
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
    yield inventory.ACCOUNT_RECORDS, _records_naming(user)
    yield "history", _history(user=user, people=people, email=email, team=team)


def _records_naming(user: User | None) -> Iterator[dict[str, Any]]:
    """Which records name the person's account, and as what (who made an event, was assigned,
    approved a payment …), for the models that have no section of their own
    (privacy/inventory.py): the record and the role, not the case data around it. One query."""
    if user is None:
        return
    parts = [
        model._default_manager.filter(**{field: user})
        .annotate(
            label=Value(model._meta.label, output_field=CharField()),
            role=Value(field, output_field=CharField()),
        )
        .values_list("pk", "label", "role")
        for model, field in inventory.account_records()
    ]
    for pk, label, role in parts[0].union(*parts[1:], all=True).order_by("label", "role", "pk"):
        yield {"model": label, "id": pk, "as": role}


class _TeamRows:
    """Picks the person's rows out of a snapshot of a team (participant_forms.snapshot_person):
    by the participant's id, or by the full name for a row whose participant no longer exists.
    The ids are read once, when the first document asks."""

    def __init__(self, *, people: Q, full_name: str) -> None:
        self.people = people
        self.name = full_name
        self._folded = full_name.casefold()
        self._ids: set[int] | None = None

    @property
    def participants(self) -> models.QuerySet:
        return Participant.with_left.filter(self.people).values("pk")

    def documents(self, team_field: str) -> Q:
        """The documents whose team snapshot (`team_field`) may hold a row of the person: of a
        case they are on, or naming them (a row deleted since, e.g. before a resubmission)."""
        match = Q(
            application_id__in=Participant.with_left.filter(self.people).values("application_id")
        )
        if self.name:
            match |= Q(**{f"{team_field}__contains": [{"name": self.name}]})
        return match

    @property
    def ids(self) -> set[int]:
        if self._ids is None:
            self._ids = set(Participant.with_left.filter(self.people).values_list("pk", flat=True))
        return self._ids

    def of(self, snapshot: list[dict[str, Any]]) -> list[dict[str, Any]]:
        ids = self.ids
        return [
            person
            for person in snapshot
            if person.get("id") in ids
            or (self._folded and str(person.get("name", "")).casefold() == self._folded)
        ]


def _receipts(*, user: User | None, team: _TeamRows) -> Iterator[dict[str, Any]]:
    """The receipts that name the person on a team, and those they submitted: the receipt and
    its PDF's name, with the person's own team rows only (the others' rows are not theirs)."""
    receipts = SubmissionReceipt.objects.filter(
        team.documents("snapshot__team") | _of(user, "submitted_by")
    ).order_by("pk")
    for receipt in receipts:
        mine = team.of(receipt.snapshot.get("team", []))
        submitted = user is not None and receipt.submitted_by_id == user.pk
        if not mine and not submitted:
            continue  # a namesake's case with no row of theirs
        yield row(receipt, exclude=["snapshot"]) | {
            "case_number": receipt.snapshot.get("case_number", ""),
            "submitted_by_you": submitted,
            "your_team_rows": mine,
        }


def _participant_forms(*, team: _TeamRows) -> Iterator[dict[str, Any]]:
    """The participant forms (and their PDFs) whose team lists the person."""
    versions = ParticipantFormVersion.objects.filter(team.documents("team")).order_by("pk")
    for version in versions:
        mine = team.of(version.team)
        if mine:
            yield row(version, exclude=["team"]) | {"your_team_rows": mine}


def _reports_naming(*, team: _TeamRows) -> Iterator[dict[str, Any]]:
    """The reports that list the person as having taken part or travelled (their PDFs print
    the names): which report and its PDF, and what it says of them."""
    reports = (
        Report.objects.filter(
            Q(participants__in=team.participants) | Q(visits__travellers__in=team.participants)
        )
        .distinct()
        .prefetch_related("participants", "visits__travellers")
        .order_by("pk")
    )
    for report in reports:
        ids = team.ids
        yield {
            "id": report.pk,
            "application_id": report.application_id,
            "kind": report.kind,
            "project_year": report.project_year,
            "status": report.status,
            "submitted_at": report.submitted_at,
            "pdf": report.pdf.name if report.pdf else "",
            "took_part": any(p.pk in ids for p in report.participants.all()),
            "travelled": [
                {"date": visit.date, "place": visit.place, "host": visit.host}
                for visit in report.visits.all()
                if any(p.pk in ids for p in visit.travellers.all())
            ],
        }


def _attachment_name(message: Message) -> str:
    attachment = getattr(message, "attachment", None)
    return attachment.original_name if attachment is not None else ""


def _history(
    *, user: User | None, people: Q, email: str, team: _TeamRows
) -> Iterator[dict[str, Any]]:
    """History rows about the person (their team rows, invitations, memberships,
    contributions, the participant forms that listed them), and which changes they made (what
    was changed, not the data of others)."""
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
    # A participant form's history copies its team: the person's rows only.
    for record in ParticipantFormVersion.history.filter(team.documents("team")).order_by(
        "history_date"
    ):
        mine = team.of(record.team)
        if mine:
            yield (
                {"model": ParticipantFormVersion._meta.label, "about_you": True}
                | row(record, exclude=["team"])
                | {"your_team_rows": mine}
            )
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
