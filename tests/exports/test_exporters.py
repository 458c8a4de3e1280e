"""What each export holds, checked against direct queries on a few cases of two rounds."""

from __future__ import annotations

import csv
import subprocess
import zipfile
from pathlib import Path

import pytest
from django.db.models import Sum
from django.utils import timezone, translation

from applications.models import (
    Application,
    ApplicationEvent,
    BudgetLine,
    Participant,
    ParticipantFormVersion,
)
from exports import production
from exports.models import ExportStatus
from partnerships.models import Component

from .conftest import make_case, make_job, read_xlsx

pytestmark = pytest.mark.django_db

GENDERS = ["woman", "man", "other", "undisclosed"]


def export(world, kind: str, fmt: str, *, whole: bool = False, by=None) -> Path:
    """Produce an export in this process (the worker's code, without the broker)."""
    round_ = None if whole else world.round
    job = make_job(
        by or world.staff,
        kind=kind,
        parameters={
            "round": round_.pk if round_ else None,
            "round_name": round_.name if round_ else "",
            "format": fmt,
        },
    )
    production.produce_export(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE, job.error
    return Path(job.file.path)


def read_csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    return list(csv.reader(data.decode("utf-8-sig").splitlines()))


def local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def expected_applications(applications) -> list[list[str]]:
    """Each case's row, from plain queries, in English (the requester's language)."""
    rows = []
    with translation.override("en"):
        for a in sorted(applications, key=lambda a: a.case_number):
            a = Application.objects.get(pk=a.pk)
            decided = (
                ApplicationEvent.objects.filter(
                    application=a, to_status__in=["approved", "declined"]
                )
                .order_by("-created_at")
                .first()
            )
            budget = BudgetLine.objects.filter(application=a).aggregate(s=Sum("amount_sek"))["s"]
            rows.append(
                [
                    a.case_number,
                    a.round.name,
                    "Project",
                    a.get_status_display(),
                    a.organisation.name,
                    a.organisation.county.name,
                    "Kisumu County Government",
                    "Kenya",
                    "East Africa",
                    "2026-09-01",
                    "2028-08-31",
                    local(a.submitted_at),
                    local(decided.created_at) if decided else "",
                    str(budget),
                    *[str(a.participants.filter(gender=g).count()) for g in GENDERS],
                ]
            )
    return rows


def test_the_applications_csv_has_one_row_per_case_of_the_round_as_the_database_has_it(world):
    rows = read_csv(export(world, "applications", "csv"))

    assert rows[0][:4] == ["Case number", "Round", "Component", "Status"]
    assert rows[0][-4:] == [
        "Participants: Woman",
        "Participants: Man",
        "Participants: Other",
        "Participants: Prefer not to say",
    ]
    assert rows[1:] == expected_applications(world.cases)
    assert rows[1][3] == "Approved" and rows[1][12] != ""  # the decided case has its date
    assert rows[1][13] == "42500" and rows[1][14:] == ["1", "1", "0", "0"]


def test_the_applications_xlsx_holds_the_same_cells_as_the_csv(world):
    xlsx = read_xlsx(export(world, "applications", "xlsx"))
    assert xlsx == read_csv(export(world, "applications", "csv"))


def test_without_a_round_every_case_with_a_case_number_is_exported_and_no_draft(world):
    draft = make_case(world.round, 99, names=["Utkast Person"])
    Application.objects.filter(pk=draft.pk).update(case_number=None, status="draft")

    rows = read_csv(export(world, "applications", "csv", whole=True))

    assert [row[0] for row in rows[1:]] == ["ICLD-2026-0012", "ICLD-2026-0013", "ICLD-2026-0040"]


def test_labels_are_in_the_requesters_language(world):
    world.staff.language = "sv"
    world.staff.save()
    with translation.override("sv"):
        project = str(Component.PROJEKT.label)
    with translation.override("en"):
        assert project != str(Component.PROJEKT.label)

    rows = read_csv(export(world, "applications", "csv"))

    assert rows[1][2] == project


def expected_participants(applications) -> list[list[str]]:
    rows = []
    with translation.override("en"):
        for a in sorted(applications, key=lambda a: a.case_number):
            approval = ApplicationEvent.objects.filter(application=a, to_status="approved").first()
            for p in Participant.with_left.filter(application=a).order_by("party", "pk"):
                name = p.name if not p.name.startswith("=") else "'" + p.name
                rows.append(
                    [
                        a.case_number,
                        p.get_party_display(),
                        name,
                        p.organisation,
                        p.position,
                        p.get_category_display(),
                        p.get_political_side_display(),
                        "Coordinator" if p.is_coordinator else "",
                        p.get_gender_display(),
                        local(p.approved_at),
                        (p.approved_by or approval.actor).username if p.approved_at else "",
                        local(p.left_at),
                    ]
                )
    return rows


def test_the_participants_csv_lists_every_person_of_the_rounds_cases(world):
    rows = read_csv(export(world, "participants", "csv"))

    assert rows[0] == [
        "Case number",
        "Party",
        "Name",
        "Organisation",
        "Job title",
        "Category",
        "Political side",
        "Role",
        "Gender",
        "Approved at",
        "Approved by",
        "Left the team",
    ]
    assert rows[1:] == expected_participants(world.cases)
    assert "Other Round Person" not in str(rows)
    assert {r[2] for r in rows if r[0] == "ICLD-2026-0012"} == {"Åsa Öberg", "Joseph Otieno"}
    assert {r[10] for r in rows if r[0] == "ICLD-2026-0012"} == {"handlaggare"}


def test_a_cell_that_looks_like_a_formula_stays_text(world):
    csv_rows = read_csv(export(world, "participants", "csv"))
    path = export(world, "participants", "xlsx")
    xlsx_rows = read_xlsx(path)

    assert "'=HYPERLINK(1)" in [r[2] for r in csv_rows]
    assert "=HYPERLINK(1)" in [r[2] for r in xlsx_rows]
    with zipfile.ZipFile(path) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")


def test_the_participants_xlsx_holds_the_same_people_as_the_csv(world):
    csv_rows = read_csv(export(world, "participants", "csv"))
    xlsx_rows = read_xlsx(export(world, "participants", "xlsx"))

    assert [r[:2] + r[3:] for r in xlsx_rows] == [r[:2] + r[3:] for r in csv_rows]


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "form.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True)
    return " ".join(out.stdout.split())


def test_the_zip_holds_the_current_form_of_each_case_of_the_round_and_no_other(world, tmp_path):
    with zipfile.ZipFile(export(world, "participant_forms_zip", "zip")) as archive:
        names = archive.namelist()
        contents = {name: archive.read(name) for name in names}

    assert names == ["ICLD-2026-0012_v2.pdf", "ICLD-2026-0013_v2.pdf"]
    for application in world.cases:
        latest = ParticipantFormVersion.objects.get(application=application, version=2)
        stored = Path(latest.file.path).read_bytes()
        assert contents[f"{application.case_number}_v2.pdf"] == stored


def test_a_form_without_its_pdf_is_rendered_on_the_way_naming_the_team(world, tmp_path):
    names = ["Ingrid Åkesson", "Peter Wanjiru", "Sofia Lindqvist"]
    unrendered = make_case(world.round, 14, names=names, rendered=False)

    with zipfile.ZipFile(export(world, "participant_forms_zip", "zip")) as archive:
        data = archive.read("ICLD-2026-0014_v2.pdf")

    text = pdf_text(data, tmp_path)
    assert "ICLD-2026-0014" in text
    for name in names:
        assert name in text
    version = ParticipantFormVersion.objects.get(application=unrendered, version=2)
    assert version.file and Path(version.file.path).read_bytes() == data  # kept, not redone
