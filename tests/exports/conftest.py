"""A round with a few cases, their teams, budgets and participant forms, for the exports."""

from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from django.core.files.base import ContentFile
from django.utils import timezone

from applications.models import (
    Application,
    ApplicationEvent,
    ApplicationRound,
    BudgetLine,
    ParticipantFormVersion,
)
from applications.participant_forms import snapshot_person
from exports.models import ExportJob
from tests.factories import (
    ApplicationFactory,
    ParticipantFactory,
    UserFactory,
    make_staff,
    pdf_bytes,
)


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def make_round(name: str) -> ApplicationRound:
    year = int(name[:4])
    return ApplicationRound.objects.create(
        name=name,
        opens_on=datetime.date(year, 1, 15),
        closes_on=datetime.date(year, 3, 15),
        components=["projekt", "styrgrupp"],
    )


def make_case(round_, number: int, *, names: list[str], rendered: bool = True) -> Application:
    """A submitted Projekt of `round_` with a team of `names`, a budget and one form version.

    `rendered=False` leaves the version without its PDF, as when the broker was down."""
    application = ApplicationFactory(
        round=round_,
        component="projekt",
        status="submitted",
        case_number=f"ICLD-{round_.name[:4]}-{number:04d}",
        submitted_at=timezone.now(),
        period_start=datetime.date(2026, 9, 1),
        period_end=datetime.date(2028, 8, 31),
    )
    genders = ["woman", "man", "woman", "other"]
    for index, name in enumerate(names):
        ParticipantFactory(
            application=application,
            name=name,
            party="swedish" if index % 2 == 0 else "partner",
            gender=genders[index % len(genders)],
        )
    BudgetLine.objects.create(
        application=application, category="travel", description="Resor", amount_sek=40_000
    )
    BudgetLine.objects.create(
        application=application, category="meetings", description="Möten", amount_sek=2_500
    )
    team = [snapshot_person(p) for p in application.participants.order_by("pk")]
    ParticipantFormVersion.objects.create(
        application=application, version=1, language="sv", team=team[:1]
    )
    latest = ParticipantFormVersion.objects.create(
        application=application, version=2, language="sv", team=team
    )
    if rendered:
        # A stand-in PDF whose text names the team, as the renderer's would.
        latest.file.save("ignored.pdf", ContentFile(pdf_bytes(" ".join(names))))
        latest.rendered_at = timezone.now()
        latest.save()
    return application


@dataclass
class ExportWorld:
    round: ApplicationRound
    cases: list[Application]
    other_round_case: Application
    staff: object


@pytest.fixture
def world(media) -> ExportWorld:
    spring, autumn = make_round("2026-01"), make_round("2026-02")
    cases = [
        make_case(spring, 12, names=["Åsa Öberg", "Joseph Otieno"]),
        make_case(spring, 13, names=["=HYPERLINK(1)", "Grace Achieng", "Märta Ek"]),
    ]
    staff = make_staff(username="handlaggare", language="en")
    approved = cases[0]
    Application.objects.filter(pk=approved.pk).update(status="approved")
    ApplicationEvent.objects.create(
        application=approved, actor=staff, from_status="in_review", to_status="approved"
    )
    approved.participants.update(approved_at=timezone.now())
    return ExportWorld(
        round=spring,
        cases=cases,
        other_round_case=make_case(autumn, 40, names=["Other Round Person"]),
        staff=staff,
    )


def staff_without_exports():
    """Staff who may use the admin but were given no permission on exports."""
    user = UserFactory(is_staff=True)
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={})
    return user


def make_job(requested_by, **fields) -> ExportJob:
    fields.setdefault("kind", "applications")
    fields.setdefault("parameters", {"round": None, "round_name": "", "format": "csv"})
    return ExportJob.objects.create(requested_by=requested_by, **fields)


# --- reading the files back --------------------------------------------------------------------

SHEET = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _column(reference: str) -> int:
    letters = re.match(r"[A-Z]+", reference)[0]
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number - 1


def read_xlsx(path) -> list[list[str]]:
    """The first sheet's cells as text, row by row (empty cells as "")."""
    with zipfile.ZipFile(path) as archive:
        # The workbook is the one the test just had the portal write, not outside input.
        root = ET.fromstring(archive.read("xl/worksheets/sheet1.xml"))  # noqa: S314
    rows = []
    for row in root.iter(f"{SHEET}row"):
        cells: dict[int, str] = {}
        for cell in row.iter(f"{SHEET}c"):
            if cell.get("t") == "inlineStr":
                value = "".join(t.text or "" for t in cell.iter(f"{SHEET}t"))
            else:
                value = cell.find(f"{SHEET}v").text
            cells[_column(cell.get("r"))] = value
        rows.append(cells)
    # Empty cells are not written: each row is as wide as the header.
    width = max(rows[0]) + 1
    return [[cells.get(i, "") for i in range(width)] for cells in rows]
