"""What changed since a case was returned: when a coordinator submits a returned application
again, staff read every field, visit, budget line, attachment and team row that differs from
the submission they returned. Both versions are the submissions' receipts (`receipts`), the
whole application snapshotted as each was sent; the comparison is pure, over their data, in
the reader's language."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Model
from django.utils.translation import gettext as _

from .models import (
    Application,
    ApplicationEvent,
    ApplicationStatus,
    Attachment,
    BudgetLine,
    Participant,
    Party,
    SubmissionReceipt,
    Visit,
)
from .participant_form_pdf import ROLE_LABELS, choice_label


@dataclass(frozen=True)
class Piece:
    text: str
    marked: bool  # removed (in the old value) or added (in the new one)


@dataclass(frozen=True)
class Change:
    section: str
    what: str
    kind: str  # "changed", "added", "removed"
    old: list[Piece]
    new: list[Piece]


@dataclass(frozen=True)
class Resubmission:
    earlier: SubmissionReceipt
    current: SubmissionReceipt
    returned: ApplicationEvent  # staff's return between them
    changes: list[Change] = field(default_factory=list)


def _label(model: type[Model], name: str) -> str:
    return str(model._meta.get_field(name).verbose_name).capitalize()


def _text(value) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


WORDS = re.compile(r"\s+|[^\s]+")


def _pieces(old: str, new: str) -> tuple[list[Piece], list[Piece]]:
    """The two values word by word, the words only one of them has marked."""
    a, b = WORDS.findall(old), WORDS.findall(new)
    before, after = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if i2 > i1:
            before.append(Piece("".join(a[i1:i2]), op != "equal"))
        if j2 > j1:
            after.append(Piece("".join(b[j1:j2]), op != "equal"))
    return before, after


def _change(section: str, what: str, old, new) -> Change | None:
    old, new = _text(old), _text(new)
    if old == new:
        return None
    before, after = _pieces(old, new)
    return Change(section, what, "changed", before, after)


def _whole(section: str, what: str, kind: str, row: str) -> Change:
    piece = [Piece(row, True)]
    return Change(
        section, what, kind, piece if kind == "removed" else [], piece if kind == "added" else []
    )


# Each kind of row: its fields as (label, how to read the value from the snapshot's row).
Fields = list[tuple[str, Callable[[dict], object]]]


def _visit_fields() -> Fields:
    return [
        (_label(Visit, "host"), lambda v: choice_label(Party, v["host"])),
        (_label(Visit, "months"), lambda v: v["months"]),
        (_label(Visit, "participants"), lambda v: v["participants"]),
        (_label(Visit, "days"), lambda v: v["days"]),
        (_label(Visit, "interpreter"), lambda v: v["interpreter"]),
        (_label(Visit, "learning_goals"), lambda v: v["learning_goals"]),
        (
            _label(Visit, "methods"),
            lambda v: [choice_label(Visit.Method, m) for m in v.get("methods") or []],
        ),
    ]


def _budget_fields() -> Fields:
    return [
        (
            _label(BudgetLine, "category"),
            lambda b: choice_label(BudgetLine.Category, b["category"]),
        ),
        (_label(BudgetLine, "description"), lambda b: b["description"]),
        (_label(BudgetLine, "explanation"), lambda b: b["explanation"]),
        (_label(BudgetLine, "amount_sek"), lambda b: b["amount"]),
    ]


def _attachment_fields() -> Fields:
    return [
        (_("Name"), lambda a: a["name"]),
        (_label(Attachment, "description"), lambda a: a["description"]),
    ]


def _person_fields() -> Fields:
    return [
        (_label(Participant, "name"), lambda p: p["name"]),
        (_label(Participant, "organisation"), lambda p: p["organisation"]),
        (_label(Participant, "position"), lambda p: p["position"]),
        (
            _label(Participant, "category"),
            lambda p: choice_label(Participant.Category, p["category"]),
        ),
        (
            _label(Participant, "political_side"),
            lambda p: choice_label(Participant.Side, p["side"]) if p["side"] else "",
        ),
        (_("Role"), lambda p: [str(ROLE_LABELS[r]) for r in p["role"] if r in ROLE_LABELS]),
        (_label(Participant, "gender"), lambda p: choice_label(Participant.Gender, p["gender"])),
        (_label(Participant, "motivation"), lambda p: p["motivation"]),
    ]


def _row_text(fields: Fields, row: dict) -> str:
    return "; ".join(f"{label}: {_text(read(row))}" for label, read in fields)


def _rows(
    section: str, fields: Fields, old: list[dict], new: list[dict], name: Callable[[dict], str]
) -> list[Change]:
    """Rows without an id of their own (visits, budget lines, attachments): the rows both
    versions have unchanged are matched first; the others are paired in order (a changed row),
    and what is left over was added or removed."""
    a = [_row_text(fields, r) for r in old]
    b = [_row_text(fields, r) for r in new]
    changes = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        for k in range(max(i2 - i1, j2 - j1)):
            before = old[i1 + k] if i1 + k < i2 else None
            after = new[j1 + k] if j1 + k < j2 else None
            if before is not None and after is not None:
                for label, read in fields:
                    if found := _change(
                        section, f"{name(after)} – {label}", read(before), read(after)
                    ):
                        changes.append(found)
            elif after is not None:
                changes.append(_whole(section, name(after), "added", _row_text(fields, after)))
            else:
                changes.append(_whole(section, name(before), "removed", _row_text(fields, before)))
    return changes


def _team(old: list[dict], new: list[dict]) -> list[Change]:
    """Team rows are matched by their id, so a renamed person is a change, not a swap."""
    fields = _person_fields()
    section = _("Team")
    before = {p["id"]: p for p in old}
    after = {p["id"]: p for p in new}
    changes = []

    def who(person: dict) -> str:
        return f"{person['name']} ({choice_label(Party, person['party'])})"

    for person in old:
        if person["id"] not in after:
            changes.append(_whole(section, who(person), "removed", _row_text(fields, person)))
    for person in new:
        earlier = before.get(person["id"])
        if earlier is None:
            changes.append(_whole(section, who(person), "added", _row_text(fields, person)))
            continue
        for label, read in [
            (_label(Participant, "party"), lambda p: choice_label(Party, p["party"])),
            *fields,
        ]:
            if found := _change(section, f"{who(person)} – {label}", read(earlier), read(person)):
                changes.append(found)
    return changes


def compare_snapshots(old: dict, new: dict) -> list[Change]:
    """Every difference between two receipts' snapshots, section by section, in the active
    language."""
    changes: list[Change] = []

    def add(section: str, what: str, a, b) -> None:
        if found := _change(section, what, a, b):
            changes.append(found)

    partner = _("Partner organisation")
    for key, label in [
        ("name", _("Name")),
        ("country", _label(Application, "new_partner_country")),
        ("type", _label(Application, "new_partner_type")),
        ("city", _label(Application, "new_partner_city")),
    ]:
        add(partner, label, old.get("partner", {}).get(key), new.get("partner", {}).get(key))
    add(_("Application"), _("Round"), old.get("round"), new.get("round"))
    content = _("Content")
    a, b = old.get("content", {}), new.get("content", {})
    for key in ["title", "purpose", "democratic_areas", "sdgs", "target_group"]:
        add(content, _label(Application, key), a.get(key), b.get(key))
    add(content, _("Period"), _period(a), _period(b))
    planning = _("Planning tool")
    a, b = old.get("planning", {}), new.get("planning", {})
    for key in dict.fromkeys([*a, *b]):
        add(planning, _label(Application, key), a.get(key), b.get(key))

    def visit_name(visit: dict) -> str:
        return _("Visit (host: %(host)s)") % {"host": choice_label(Party, visit["host"])}

    changes += _rows(
        _("Visit plan"), _visit_fields(), old.get("visits", []), new.get("visits", []), visit_name
    )
    changes += _rows(
        _("Budget"),
        _budget_fields(),
        old.get("budget", []),
        new.get("budget", []),
        lambda line: line["description"] or choice_label(BudgetLine.Category, line["category"]),
    )
    changes += _rows(
        _("Attachments"),
        _attachment_fields(),
        old.get("attachments", []),
        new.get("attachments", []),
        lambda attachment: attachment["name"],
    )
    changes += _team(old.get("team", []), new.get("team", []))
    return changes


def _period(content: dict) -> str:
    start, end = content.get("period_start"), content.get("period_end")
    return "" if not (start or end) else f"{start or '?'} – {end or '?'}"


def since_returned(application: Application) -> Resubmission | None:
    """The application's latest submission against the one before it, when it was returned in
    between (three queries); None for a first submission or one not yet sent again."""
    if application.status in (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED):
        return None
    receipts = list(application.receipts.order_by("-number")[:2])
    if len(receipts) < 2:
        return None
    current, earlier = receipts
    returned = (
        ApplicationEvent.objects.filter(
            application=application,
            to_status=ApplicationStatus.RETURNED,
            created_at__gte=earlier.submitted_at,
            created_at__lte=current.submitted_at,
        )
        .select_related("actor")
        .order_by("-created_at")
        .first()
    )
    if returned is None:
        return None
    return Resubmission(
        earlier, current, returned, compare_snapshots(earlier.snapshot, current.snapshot)
    )
