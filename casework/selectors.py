"""Reads of case work: a case's thread as one person may see it, and the work queue."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from applications.models import Application, ApplicationStatus, ParticipantChange
from applications.models import ParticipantChangeStatus as C

from .access import QUEUE_PERMISSION, sees_internal_notes
from .models import Message, MessageKind, ThreadRead

# At most this many rows of each group are listed; the heading counts them all.
QUEUE_ROWS = 50


def visible_messages(user, application: Application) -> QuerySet[Message]:
    messages = Message.objects.filter(application=application)
    if not sees_internal_notes(user, application):
        messages = messages.exclude(kind=MessageKind.NOTE)
    return messages


def thread(user, application: Application) -> tuple[list[Message], datetime.datetime | None]:
    """The messages `user` may read, oldest first, and when they last read the thread."""
    read_at = _read_at(user, application)
    messages = list(visible_messages(user, application).select_related("author", "attachment"))
    for message in messages:
        message.is_new = message.author_id != user.pk and (
            read_at is None or message.created_at > read_at
        )
    return messages, read_at


@dataclass
class ThreadSummary:
    total: int
    unread: int


def _read_at(user, application: Application) -> datetime.datetime | None:
    return (
        ThreadRead.objects.filter(application=application, user=user)
        .values_list("read_at", flat=True)
        .first()
    )


def summary(user, application: Application) -> ThreadSummary:
    """How many messages `user` may read in the case's thread and how many are new to them:
    one query, the read marker in it."""
    read_at = Subquery(
        ThreadRead.objects.filter(application=application, user=user).values("read_at")[:1]
    )
    never = Value(datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC))
    new = ~Q(author=user) & Q(created_at__gt=Coalesce(read_at, never))
    counts = visible_messages(user, application).aggregate(
        total=Count("pk"), unread=Count("pk", filter=new)
    )
    return ThreadSummary(**counts)


def admin_index_panel(user, _none) -> dict | None:
    """The admin index's row (core.admin.ADMIN_INDEX_PANELS): what waits for the officer."""
    if not user.has_perm(QUEUE_PERMISSION):
        return None
    counts = queue_counts(user)
    return {"queue": {"total": sum(counts.values()), **counts}}


def case_panel(user, application: Application) -> dict:
    """The case page's messages panel (applications.panels): the thread in short."""
    return {"thread": summary(user, application)}


# --- the work queue -----------------------------------------------------------------------------


@dataclass
class QueueRow:
    label: str
    case: Application
    since: datetime.datetime | None
    admin_url_name: str
    object_pk: int

    @property
    def days_waiting(self) -> int | None:
        if self.since is None:
            return None
        return (timezone.localdate() - timezone.localtime(self.since).date()).days


@dataclass
class QueueGroup:
    key: str
    title: Promise
    count: int
    rows: list[QueueRow] = field(default_factory=list)


def _cases(officer) -> QuerySet[Application]:
    cases = Application.objects.all()
    if officer == "none":
        return cases.filter(case_officer__isnull=True)
    if officer is not None:
        return cases.filter(case_officer__officer=officer)
    return cases


def _on_cases(queryset: QuerySet, officer) -> QuerySet:
    if officer == "none":
        return queryset.filter(application__case_officer__isnull=True)
    if officer is not None:
        return queryset.filter(application__case_officer__officer=officer)
    return queryset


APPLICATION_GROUPS = [
    ("to_screen", ApplicationStatus.SUBMITTED, _("To screen")),
    ("to_assess", ApplicationStatus.IN_REVIEW, _("To assess")),
    ("waiting", ApplicationStatus.RETURNED, _("Waiting for the coordinator")),
]


@dataclass(frozen=True)
class QueueSource:
    """A kind of thing on a case that waits for its officer (a participant change to decide, a
    report to review, …): the app that owns it registers one (`register_queue_source`, in its
    AppConfig.ready), so that the queue lists it without casework importing that app."""

    key: str
    title: Promise
    # The rows that wait, each with an `application` foreign key to its case.
    waiting: Callable[[], QuerySet]
    # The field saying since when a row waits; the longest waiting come first.
    since: str
    label: Callable[[Any], str]
    admin_url_name: str


QUEUE_SOURCES: list[QueueSource] = [
    QueueSource(
        key="changes",
        title=_("Participant changes to decide"),
        waiting=lambda: ParticipantChange.objects.filter(status=C.PENDING),
        since="proposed_at",
        label=lambda change: str(_("Participant change")),
        admin_url_name="applications_participantchange",
    ),
]


def register_queue_source(source: QueueSource) -> None:
    if any(known.key == source.key for known in QUEUE_SOURCES):
        raise ValueError(f"The work queue already has a source {source.key!r}.")
    QUEUE_SOURCES.append(source)


def queue_counts(officer) -> dict[str, int]:
    """How many cases of each group wait: one query for the applications and one per source,
    whatever the number of cases."""
    statuses = {status: key for key, status, _title in APPLICATION_GROUPS}
    counts = dict.fromkeys([*statuses.values(), *(source.key for source in QUEUE_SOURCES)], 0)
    rows = _cases(officer).filter(status__in=statuses).values("status").annotate(n=Count("pk"))
    for row in rows:
        counts[statuses[row["status"]]] = row["n"]
    for source in QUEUE_SOURCES:
        counts[source.key] = _on_cases(source.waiting(), officer).count()
    return counts


def work_queue(officer) -> list[QueueGroup]:
    """The cases waiting for `officer` (a user; None for the whole team, "none" for cases
    nobody handles yet), grouped by what comes next, longest waiting first."""
    counts = queue_counts(officer)
    groups = []
    for key, status, title in APPLICATION_GROUPS:
        cases = (
            _cases(officer)
            .filter(status=status)
            .select_related("organisation", "case_officer__officer")
            .annotate(since=Max("events__created_at"))
            .order_by("since", "pk")[:QUEUE_ROWS]
        )
        rows = [
            QueueRow(c.get_component_display(), c, c.since, "applications_application", c.pk)
            for c in cases
        ]
        groups.append(QueueGroup(key, title, counts[key], rows))
    for source in QUEUE_SOURCES:
        waiting = (
            _on_cases(source.waiting(), officer)
            .select_related("application__organisation", "application__case_officer__officer")
            .order_by(source.since, "pk")[:QUEUE_ROWS]
        )
        rows = [
            QueueRow(
                source.label(row),
                row.application,
                getattr(row, source.since),
                source.admin_url_name,
                row.pk,
            )
            for row in waiting
        ]
        groups.append(QueueGroup(source.key, source.title, counts[source.key], rows))
    return groups
