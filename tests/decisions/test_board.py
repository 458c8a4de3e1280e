"""The round board (issue 19, item 5): counts by status and officer, the drafts still open with
what blocks them (as the deadline reminders compute it), batch actions (start screening, assign,
move to decision) and the decision list exported as XLSX (read back with openpyxl) and PDF."""

from __future__ import annotations

import datetime
import io
import subprocess

import openpyxl
import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from applications.models import ApplicationRound, ApplicationStatus, BudgetLine
from applications.reminders import application_drafts
from assessments.models import Screening
from assessments.services import recommend
from casework.models import CaseOfficer
from casework.selectors import QUEUE_SOURCES
from casework.services import assign_item_officer, assign_officer
from core.money import figure
from decisions.models import Decision
from exports import production
from exports.models import ExportJob, ExportStatus
from payments.models import Instalment, Payment
from tests.factories import ApplicationFactory, ParticipantChangeFactory, as_staff
from tests.reporting.factories import report_of

pytestmark = pytest.mark.django_db

C = BudgetLine.Category


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def officer(make_officer):
    return make_officer(first_name="Hanna", last_name="Handläggare")


@pytest.fixture
def round_(db):
    today = timezone.localdate()
    return ApplicationRound.objects.create(
        name="2026-02",
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today + datetime.timedelta(days=7),
        components=["projekt"],
    )


def case(round_, status, number, **budget):
    application = ApplicationFactory(
        component="projekt", round=round_, status=status, case_number=number
    )
    for category, amount in budget.items():
        BudgetLine.objects.create(
            application=application, category=category, description="x", amount_sek=amount
        )
    return application


def board_url(round_):
    return f"/admin/decisions/rounds/{round_.pk}/"


def test_the_board_counts_by_status_and_officer(client, round_, officer, make_officer):
    colleague = make_officer(first_name="Olle", last_name="Kollega")
    one = case(round_, "submitted", "KP-2026-0301")
    two = case(round_, "submitted", "KP-2026-0302")
    three = case(round_, "in_review", "KP-2026-0303")
    assign_officer(applications=[one, two], officer=officer, by=as_staff(officer))
    assign_officer(applications=[three], officer=colleague, by=as_staff(officer))
    case(round_, "in_review", "KP-2026-0304")  # nobody's yet
    case(None, "submitted", "KP-2026-0399")  # another round's: not counted
    client.force_login(officer)
    response = client.get(board_url(round_))
    assert response.status_code == 200
    found = response.context["board"]
    assert found.by_status == [
        (ApplicationStatus.SUBMITTED.label, 2),
        (ApplicationStatus.IN_REVIEW.label, 2),
    ]
    assert {load.name: load.counts[0] for load in found.by_officer} == {
        "": 1,
        "Hanna Handläggare": 2,
        "Olle Kollega": 1,
    }
    assert found.cases.paginator.count == 4


def test_the_board_counts_each_officers_changes_reports_and_payments_too(
    client, round_, officer, make_officer
):
    colleague = make_officer(first_name="Olle", last_name="Kollega")
    granted = case(round_, "approved", "KP-2026-0311")
    assign_officer(applications=[granted], officer=officer, by=as_staff(officer))
    ParticipantChangeFactory(application=granted)
    given = ParticipantChangeFactory(application=granted)
    assign_item_officer(items=[given], officer=colleague, by=as_staff(officer))
    ParticipantChangeFactory(application=granted, status="withdrawn")  # not waiting
    today = timezone.localdate()
    report_of(
        granted,
        status="submitted",
        submitted_at=timezone.now(),
        period_start=today,
        period_end=today,
    )
    decision = Decision.objects.create(
        application=granted, outcome="granted", status="decided", proposed_by=officer
    )
    instalment = Instalment.objects.create(
        application=granted, decision=decision, sequence=1, trigger="signing", amount_sek=40_000
    )
    Payment.objects.create(instalment=instalment, amount_sek=40_000, status="requested")
    elsewhere = case(None, "approved", "KP-2026-0398")  # another round's: not counted
    assign_officer(applications=[elsewhere], officer=officer, by=as_staff(officer))
    ParticipantChangeFactory(application=elsewhere)
    nobodys = case(round_, "approved", "KP-2026-0312")
    ParticipantChangeFactory(application=nobodys)
    client.force_login(officer)
    response = client.get(board_url(round_))
    found = response.context["board"]
    titles = {source.key: source.title for source in QUEUE_SOURCES}
    columns = [gettext("Applications"), *(titles[k] for k in ("changes", "reports", "payments"))]
    assert found.load_columns[0] == columns[0]
    loads = {
        load.name: [dict(zip(found.load_columns, load.counts, strict=True))[c] for c in columns]
        for load in found.by_officer
    }
    assert loads == {
        "Hanna Handläggare": [1, 1, 1, 1],
        "Olle Kollega": [0, 1, 0, 0],
        "": [1, 1, 0, 0],
    }
    assert [load.name for load in found.by_officer] == ["Hanna Handläggare", "", "Olle Kollega"]
    table = response.content.decode().split('id="by-officer"')[1].split("</table>")[0]
    assert "Ansvarig handläggare" in table and "Ingen ännu" in table
    assert "<td>4</td>" in table  # Hanna's total


def test_the_open_drafts_show_what_the_reminder_would_list_as_missing(
    client, round_, officer, settings
):
    draft = ApplicationFactory(component="projekt", status="draft", title="")
    ApplicationFactory(component="breddning", status="draft", title="")  # not in this round
    client.force_login(officer)
    found = client.get(board_url(round_)).context["board"]
    assert found.drafts_total == 1
    ((shown, blockers),) = found.drafts
    assert shown == draft
    codes = [f.code for f in blockers]
    assert "title_missing" in codes
    assert all(f.severity == "error" for f in blockers)
    # The same findings the deadline reminder sends (it is due 7 days before the round closes).
    settings.REMINDER_DAYS = [7]
    (due,) = [
        d for d in application_drafts(timezone.localdate()) if d.recipient == draft.created_by
    ]
    assert [str(m) for m in due.context["missing"]] == [str(f.message) for f in blockers]


def test_start_screening_and_assign_in_bulk(client, round_, officer, make_officer):
    one = case(round_, "submitted", "KP-2026-0301")
    two = case(round_, "submitted", "KP-2026-0302")
    other_round = case(None, "submitted", "KP-2026-0399")
    colleague = make_officer()
    client.force_login(officer)
    response = client.post(
        board_url(round_), {"action": "start_screening", "cases": [one.pk, two.pk]}
    )
    assert response.status_code == 302
    assert Screening.objects.filter(application__in=[one, two]).count() == 2
    response = client.post(
        board_url(round_),
        {"action": "assign", "cases": [one.pk, two.pk], "assign-officer": colleague.pk},
    )
    assert response.status_code == 302
    assert set(CaseOfficer.objects.values_list("application_id", "officer_id")) == {
        (one.pk, colleague.pk),
        (two.pk, colleague.pk),
    }
    # Another round's application is not among the choices: the form refuses, nothing changes.
    response = client.post(
        board_url(round_), {"action": "start_screening", "cases": [other_round.pk]}
    )
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert not Screening.objects.filter(application=other_round).exists()


def test_assigning_without_an_officer_keeps_the_ticks_and_says_why(client, round_, officer):
    one = case(round_, "submitted", "KP-2026-0301")
    client.force_login(officer)
    response = client.post(board_url(round_), {"action": "assign", "cases": [one.pk]})
    assert response.status_code == 400
    page = response.content.decode()
    assert "error-summary" in page
    assert f'value="{one.pk}" id="case-{one.pk}" checked' in page
    assert not CaseOfficer.objects.exists()


def test_move_to_decision_proposes_what_the_officer_recommended(client, round_, officer):
    granted = case(round_, "in_review", "KP-2026-0301", travel=100_000, other=20_000)
    declined = case(round_, "in_review", "KP-2026-0302", travel=50_000)
    without = case(round_, "in_review", "KP-2026-0303", travel=10_000)
    assign_officer(applications=[granted, declined, without], officer=officer, by=as_staff(officer))
    recommend(
        application=granted,
        by=as_staff(officer),
        outcome="grant",
        summary="Bra.",
        amounts={C.TRAVEL: 80_000},
    )
    recommend(
        application=declined,
        by=as_staff(officer),
        outcome="decline",
        summary="Svag förankring.",
        amounts={},
    )
    client.force_login(officer)
    response = client.post(
        board_url(round_),
        {"action": "to_decision", "cases": [granted.pk, declined.pk, without.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "KP-2026-0303: ingen rekommendation är registrerad." in page
    first = Decision.objects.get(application=granted)
    assert (first.outcome, first.status) == ("granted", "proposed")
    assert {line.category: line.granted_sek for line in first.lines.all()} == {
        C.TRAVEL: 80_000,
        C.OTHER: 0,  # the officer proposed nothing for it
    }
    second = Decision.objects.get(application=declined)
    assert (second.outcome, second.reasons) == ("declined", "Svag förankring.")
    assert not Decision.objects.filter(application=without).exists()


def test_the_decision_list_exports_as_xlsx_that_openpyxl_reads_and_as_pdf(
    client, round_, officer, media
):
    granted = case(round_, "in_review", "KP-2026-0301", travel=100_000, other=20_000)
    case(round_, "submitted", "KP-2026-0302", travel=1)  # not yet under review: not listed
    assign_officer(applications=[granted], officer=officer, by=as_staff(officer))
    recommend(
        application=granted,
        by=as_staff(officer),
        outcome="grant",
        summary="Väl förankrad.",
        amounts={C.TRAVEL: 80_000, C.OTHER: 15_000},
    )
    client.force_login(officer)
    page = client.get(board_url(round_)).content.decode()
    assert 'name="kind" value="decision_list"' in page
    for fmt in ("xlsx", "pdf"):
        response = client.post(
            "/admin/exports/exportjob/add/",
            {"kind": "decision_list", "round": round_.pk, "format": fmt},
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    xlsx_job, pdf_job = ExportJob.objects.order_by("pk")
    for job in (xlsx_job, pdf_job):
        production.produce_export(job_id=job.pk)
        job.refresh_from_db()
        assert job.status == ExportStatus.DONE, job.error if hasattr(job, "error") else job
    with xlsx_job.file.open("rb") as handle:
        sheet = openpyxl.load_workbook(io.BytesIO(handle.read())).active
    rows = list(sheet.iter_rows(values_only=True))
    with translation.override("sv"):  # the requester's language
        assert rows[0][:2] == (gettext("Case number"), gettext("Applicant organisation"))
    assert len(rows) == 2
    row = rows[1]
    assert row[0] == "KP-2026-0301"
    assert "Hanna Handläggare" in row
    assert "Bevilja" in row
    assert 120_000 in row and 95_000 in row  # requested, proposed
    assert "Väl förankrad." in row
    with pdf_job.file.open("rb") as handle:
        data = handle.read()
    assert data.startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()
    assert "KP-2026-0301" in text and "Beslutslista, omgång 2026-02" in text


def test_the_board_shows_what_each_application_waits_for(client, round_, officer):
    application = case(round_, "in_review", "KP-2026-0301", travel=100_000)
    assign_officer(applications=[application], officer=officer, by=as_staff(officer))
    recommend(
        application=application,
        by=as_staff(officer),
        outcome="grant",
        summary="Bra.",
        amounts={C.TRAVEL: 90_000},
    )
    client.force_login(officer)
    page = client.get(board_url(round_)).content.decode()
    assert "KP-2026-0301" in page
    # Requested and proposed in the reader's digit grouping (core.money), the board in Swedish.
    assert figure(100_000, language="sv") in page and figure(90_000, language="sv") in page
    assert f"/admin/assessments/case/{application.pk}/" in page


def test_the_rounds_list_links_to_each_board(client, round_, officer):
    client.force_login(officer)
    page = client.get("/admin/decisions/rounds/").content.decode()
    assert board_url(round_) in page
