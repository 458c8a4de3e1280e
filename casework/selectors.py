"""Reads of case work: a case's thread as one person may see it, and the work queue."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    BigIntegerField,
    Count,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from applications.models import Application, ApplicationStatus, ParticipantChange
from applications.models import ParticipantChangeStatus as C
from core.models import User

from .access import QUEUE_PERMISSION, sees_internal_notes
from .models import ItemOfficer, Message, MessageKind, ThreadRead

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
    """The admin index's row (core.admin.ADMIN_INDEX_PANELS): what waits for the officer, by
    what comes next."""
    if not user.has_perm(QUEUE_PERMISSION):
        return None
    counts = queue_counts(user)
    titles = dict(group_titles())
    return {
        "queue": {
            "total": sum(counts.values()),
            "groups": [(titles[key], n) for key, n in counts.items() if n],
        }
    }


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
    officer_id: int | None = None
    officer: User | None = None

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


APPLICATION_GROUPS = [
    ("to_screen", ApplicationStatus.SUBMITTED, _("To screen")),
    ("to_assess", ApplicationStatus.IN_REVIEW, _("To assess")),
    ("waiting", ApplicationStatus.RETURNED, _("Waiting for the coordinator")),
]


@dataclass(frozen=True)
class QueueSource:
    """A kind of thing on a case that waits for its officer (a participant change to decide, a
    report to review, a payment to approve): the app that owns it registers one
    (`register_queue_source`, in its AppConfig.ready), so that the queue lists it without
    casework importing that app. Each such thing has a responsible officer: the one staff gave
    it (ItemOfficer), else the case's."""

    key: str
    title: Promise
    # The rows that wait, each leading to its case through `case_path`.
    waiting: Callable[[], QuerySet]
    # The field saying since when a row waits; the longest waiting come first.
    since: str
    label: Callable[[Any], str]
    admin_url_name: str
    case_path: str = "application"

    @property
    def model(self):
        return self.waiting().model

    def case_of(self, row) -> Application:
        for name in self.case_path.split("__"):
            row = getattr(row, name)
        return row


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


def source_for(model) -> QueueSource | None:
    return next((s for s in QUEUE_SOURCES if s.model is model), None)


def group_titles() -> list[tuple[str, Promise]]:
    return [(key, title) for key, _status, title in APPLICATION_GROUPS] + [
        (source.key, source.title) for source in QUEUE_SOURCES
    ]


def with_responsible(queryset: QuerySet, case_path: str = "application") -> QuerySet:
    """`queryset`'s rows (things on cases) with `responsible_id`: the officer staff gave the
    row, else its case's officer (None when neither)."""
    own = ItemOfficer.objects.filter(
        item_type=ContentType.objects.get_for_model(queryset.model), item_id=OuterRef("pk")
    ).values("officer")[:1]
    return queryset.annotate(
        responsible_id=Coalesce(
            Subquery(own),
            F(f"{case_path}__case_officer__officer"),
            output_field=BigIntegerField(),
        )
    )


def _waiting_for(source: QueueSource, officer) -> QuerySet:
    rows = with_responsible(source.waiting(), source.case_path)
    if officer == "none":
        return rows.filter(responsible_id__isnull=True)
    if officer is not None:
        return rows.filter(responsible_id=officer.pk)
    return rows


def waiting_by_officer(**case_filter) -> dict[str, dict[int | None, int]]:
    """For each queue source, how many of its rows wait on the cases `case_filter` selects
    (lookups on the case, e.g. round=…), by responsible officer's pk (None: nobody yet): one
    query per source, whatever the number of cases."""
    counts = {}
    for source in QUEUE_SOURCES:
        rows = with_responsible(
            source.waiting().filter(
                **{f"{source.case_path}__{lookup}": v for lookup, v in case_filter.items()}
            ),
            source.case_path,
        )
        counts[source.key] = dict(
            rows.order_by()
            .values("responsible_id")
            .annotate(n=Count("pk"))
            .values_list("responsible_id", "n")
        )
    return counts


def queue_counts(officer) -> dict[str, int]:
    """How many cases of each group wait: one query for the applications and one per source,
    whatever the number of cases."""
    statuses = {status: key for key, status, _title in APPLICATION_GROUPS}
    counts = dict.fromkeys([*statuses.values(), *(source.key for source in QUEUE_SOURCES)], 0)
    rows = _cases(officer).filter(status__in=statuses).values("status").annotate(n=Count("pk"))
    for row in rows:
        counts[statuses[row["status"]]] = row["n"]
    for source in QUEUE_SOURCES:
        counts[source.key] = _waiting_for(source, officer).count()
    return counts


def work_queue(officer) -> list[QueueGroup]:
    """The cases waiting for `officer` (a user; None for the whole team, "none" for what nobody
    is responsible for yet), grouped by what comes next, longest waiting first; each row with
    its responsible officer (one query for them all)."""
    counts = queue_counts(officer)
    groups = []
    for key, status, title in APPLICATION_GROUPS:
        cases = (
            _cases(officer)
            .filter(status=status)
            .select_related("organisation", "case_officer")
            .annotate(since=Max("events__created_at"))
            .order_by("since", "pk")[:QUEUE_ROWS]
        )
        rows = [
            QueueRow(
                c.get_component_display(),
                c,
                c.since,
                "applications_application",
                c.pk,
                getattr(getattr(c, "case_officer", None), "officer_id", None),
            )
            for c in cases
        ]
        groups.append(QueueGroup(key, title, counts[key], rows))
    for source in QUEUE_SOURCES:
        waiting = (
            _waiting_for(source, officer)
            .select_related(f"{source.case_path}__organisation")
            .order_by(source.since, "pk")[:QUEUE_ROWS]
        )
        rows = [
            QueueRow(
                source.label(row),
                source.case_of(row),
                getattr(row, source.since),
                source.admin_url_name,
                row.pk,
                row.responsible_id,
            )
            for row in waiting
        ]
        groups.append(QueueGroup(source.key, source.title, counts[source.key], rows))
    people = User.objects.in_bulk(
        {row.officer_id for group in groups for row in group.rows if row.officer_id}
    )
    for group in groups:
        for row in group.rows:
            row.officer = people.get(row.officer_id)
    return groups
