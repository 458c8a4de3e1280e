"""Reading the history: one case's changes, field by field, with who made them and when.

The diffs are worked out in Python from the historical rows, which are read in one query per
historical model: no query per row (simple-history's `prev_record` would cost one each).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db import models
from django.utils.formats import localize
from django.utils.translation import gettext as _

from applications.models import (
    Application,
    Attachment,
    BudgetLine,
    Contributor,
    Invitation,
    Participant,
    ParticipantChange,
    ParticipantFormVersion,
    Visit,
)

# The parts of a case that have their own history, each found by its `application_id`.
CASE_PARTS: tuple[type[models.Model], ...] = (
    Participant,
    ParticipantChange,
    Visit,
    BudgetLine,
    Attachment,
    Contributor,
    Invitation,
    ParticipantFormVersion,
)

# Bookkeeping that changes with every save and says nothing to a reader.
NOT_SHOWN = frozenset({"updated_at"})


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: str
    kind: str  # "+" created, "~" changed, "-" deleted
    kind_label: str
    what: str  # e.g. "participant #12"
    label: str  # the object as it read at the time
    changes: tuple[FieldChange, ...]


def display_value(field: models.Field, value: object) -> str:
    if value is None or value == "":
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(field, models.ForeignKey):
        return f"#{value}"
    return str(localize(value))


def _kind_label(kind: str) -> str:
    return {"+": _("created"), "~": _("changed"), "-": _("deleted")}[kind]


def _entries(records: Iterable[models.Model], model: type[models.Model]) -> list[HistoryEntry]:
    """Each historical row against the one before it of the same object."""
    fields = [
        f
        for f in model.history.model.tracked_fields
        if f.name not in NOT_SHOWN and not f.primary_key
    ]
    by_object: dict[int, list] = defaultdict(list)
    for record in records:
        by_object[record.id].append(record)
    entries = []
    for versions in by_object.values():
        versions.sort(key=lambda r: (r.history_date, r.history_id))
        previous = None
        for record in versions:
            changes = []
            for field in fields:
                new = getattr(record, field.attname)
                old = getattr(previous, field.attname) if previous is not None else None
                if record.history_type == "-" or (previous is not None and old == new):
                    continue
                if previous is None and new in (None, "", [], {}):
                    continue
                changes.append(
                    FieldChange(
                        label=str(field.verbose_name),
                        old=display_value(field, old) if previous is not None else "",
                        new=display_value(field, new),
                    )
                )
            previous = record
            if record.history_type == "~" and not changes:
                # Only bookkeeping changed (e.g. a wizard step saved with nothing new).
                continue
            user = record.history_user
            entries.append(
                HistoryEntry(
                    when=record.history_date,
                    who=_who(user),
                    kind=record.history_type,
                    kind_label=_kind_label(record.history_type),
                    what=f"{model._meta.verbose_name} #{record.id}",
                    label=_label(model, record),
                    changes=tuple(changes),
                )
            )
    return entries


def _who(user) -> str:
    if user is None:
        return _("the system")  # a task, a management command or the demo seeder
    name = user.get_full_name()
    return f"{name} <{user.email}>" if name else user.email


def _label(model: type[models.Model], record: models.Model) -> str:
    # The historical row's own __str__ follows foreign keys (a query each); these fields say
    # enough without them.
    for name in ("name", "title", "original_name", "email", "description", "case_number"):
        value = getattr(record, name, "")
        if value:
            return str(value)
    return ""


def case_history(application_id: int) -> list[HistoryEntry]:
    """Every recorded change to the case and its parts (team, visits, budget, attachments,
    contributors, invitations, participant changes and forms), newest first."""
    entries = _entries(
        Application.history.filter(id=application_id).select_related("history_user"), Application
    )
    for model in CASE_PARTS:
        records = model.history.filter(application_id=application_id).select_related("history_user")
        entries += _entries(records, model)
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries
