"""Issue 19's journey: staff assign a round's submissions in bulk on the round board; an
assessor declares no jäv and scores; the officer writes the recommendation; the coordinator and
the officer exchange two messages (one with an attachment) while an internal note stays
invisible to the coordinator; the round board exports the decision list, which openpyxl reads
back. axe on every page; screenshots under the test's folder."""

from __future__ import annotations

import datetime
import io

import openpyxl
import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from applications.models import Application, ApplicationRound, BudgetLine
from assessments.models import Assessment, Criterion, Recommendation, Screening
from casework.models import CaseOfficer, Message, MessageKind
from core.staff import STAFF_GROUP
from exports.models import ExportJob, ExportStatus
from tests.accessibility import assert_accessible
from tests.browser_login import SECRET, log_in
from tests.factories import ApplicationFactory, UserFactory, make_coordinator, pdf_bytes
from tests.screening import screen_admissible_in_browser

pytestmark = [pytest.mark.e2e, pytest.mark.redis, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def shared_media(settings, tmp_path, monkeypatch):
    """One media folder for the live server and the worker process."""
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setenv("MEDIA_ROOT", str(settings.MEDIA_ROOT))
    return settings.MEDIA_ROOT


def verified(user):
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def staff_member(email: str, first_name: str, *, officer: bool):
    user = verified(UserFactory(email=email, first_name=first_name, is_staff=True))
    if officer:
        user.groups.add(Group.objects.get(name=STAFF_GROUP))
    else:
        user.user_permissions.add(
            *Permission.objects.filter(
                content_type__app_label="assessments",
                codename__in=["change_score", "view_score", "view_criterion", "view_assessment"],
            )
        )
    TOTP.activate(user, SECRET)
    return user


def look(page, tmp_path, name: str) -> None:
    """axe on the page, and a screenshot of it to look at."""
    assert_accessible(page)
    page.screenshot(path=str(tmp_path / f"{name}.png"), full_page=True)


def test_staff_assign_assess_recommend_talk_and_export_the_decision_list(
    shared_media, celery_worker, page, browser, live_server, tmp_path
):
    today = timezone.localdate()
    round_ = ApplicationRound.objects.create(
        name="2026-05",
        opens_on=today - datetime.timedelta(days=20),
        closes_on=today + datetime.timedelta(days=20),
        components=["projekt"],
    )
    coordinator = verified(make_coordinator(email="samordnare@kommun.example"))
    organisation = coordinator.memberships.get().organisation
    cases = [
        ApplicationFactory(
            organisation=organisation,
            created_by=coordinator,
            submitted_by=coordinator,
            component="projekt",
            round=round_,
            status="submitted",
            case_number=f"KP-2026-05{n:02d}",
            title=f"Demokrati i vardagen {n}",
        )
        for n in (1, 2)
    ]
    for case in cases:
        BudgetLine.objects.create(
            application=case, category="travel", description="Resor", amount_sek=120_000
        )
    first = cases[0]
    officer = staff_member("handlaggare@icld.se", "Hanna", officer=True)
    assessor = staff_member("bedomare@icld.se", "Astrid", officer=False)

    # 1. The officer assigns the round's submissions in bulk on the round board.
    log_in(page, officer.email, totp=True)
    page.goto("/admin/")
    page.get_by_role("link", name="Omgångstavlor").click()
    page.get_by_role("link", name="Omgång 2026-05").click()
    look(page, tmp_path, "1-board")
    for case in cases:
        page.get_by_label(f"Välj {case}").check()
    page.select_option("#id_action", "assign")
    page.select_option("#id_assign-officer", str(officer.pk))
    with page.expect_navigation():
        page.get_by_role("button", name="Utför").click()
    assert page.get_by_text("2 ärenden har fått en ny handläggare").is_visible()
    assert CaseOfficer.objects.filter(officer=officer).count() == 2
    look(page, tmp_path, "2-board-assigned")
    # The board starts both screenings; the officer screens each admissible on its page, which
    # puts it under review (the only way there: "start the review" needs a recorded screening).
    for case in cases:
        page.get_by_label(f"Välj {case}").check()
    page.select_option("#id_action", "start_screening")
    with page.expect_navigation():
        page.get_by_role("button", name="Utför").click()
    assert Screening.objects.filter(application__in=cases, status="open").count() == 2
    for case in cases:
        screen_admissible_in_browser(page, case)
    look(page, tmp_path, "2b-screened")
    assert {c.status for c in Application.objects.filter(pk__in=[c.pk for c in cases])} == {
        "in_review"
    }

    # 2. The officer adds an assessor on the case's assessment page.
    page.goto(reverse("assessments_staff:case", args=[first.pk]))
    page.select_option("#id_assessor", str(assessor.pk))
    with page.expect_navigation():
        page.get_by_role("button", name="Lägg till bedömaren").click()
    assert Assessment.objects.get().assessor == assessor
    look(page, tmp_path, "3-case-with-assessor")

    # 3. The assessor declares no jäv and scores every criterion.
    assessor_page = browser.new_context(
        base_url=live_server.url, locale="sv-SE", reduced_motion="reduce"
    ).new_page()
    log_in(assessor_page, assessor.email, totp=True)
    assessor_page.goto("/admin/")
    assessor_page.get_by_role("link", name="Mina bedömningar").click()
    look(assessor_page, tmp_path, "4-my-assessments")
    assessor_page.get_by_role("link", name=str(first)).click()
    look(assessor_page, tmp_path, "5-declaration")
    with assessor_page.expect_navigation():
        assessor_page.get_by_role("button", name="Jag är inte jävig").click()
    look(assessor_page, tmp_path, "6-scores")
    for criterion in Criterion.objects.filter(component="projekt", active=True):
        assessor_page.locator(f"input[name=score_{criterion.pk}][value='4']").check()
        assessor_page.fill(f"#id_comment_{criterion.pk}", f"Motivering {criterion.key}")
    with assessor_page.expect_navigation():
        assessor_page.get_by_role("button", name="Lämna in bedömningen").click()
    assert Assessment.objects.get().status == "submitted"
    look(assessor_page, tmp_path, "7-submitted")

    # 4. The officer reads the scores and records the recommendation.
    page.goto(reverse("assessments_staff:case", args=[first.pk]))
    assert "Motivering" in page.locator("#scores").inner_text()
    page.get_by_label("Bevilja").check()
    page.fill("#id_summary", "Väl förankrad i båda organisationerna.")
    page.fill("#id_amount_travel", "100000")
    with page.expect_navigation():
        page.get_by_role("button", name="Registrera rekommendationen").click()
    assert Recommendation.objects.get().status == "recommended"
    look(page, tmp_path, "8-recommended")

    # 5. The coordinator writes with an attachment; the officer answers and adds a note.
    coordinator_page = browser.new_context(
        base_url=live_server.url, locale="sv-SE", reduced_motion="reduce"
    ).new_page()
    log_in(coordinator_page, coordinator.email, totp=False)
    thread = reverse("casework:thread", args=[first.pk])
    coordinator_page.goto(thread)
    coordinator_page.fill("#id_body", "Här är det undertecknade intyget.")
    coordinator_page.set_input_files(
        "#id_file",
        files=[{"name": "intyg.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("Intyg")}],
    )
    with coordinator_page.expect_navigation():
        coordinator_page.get_by_role("button", name="Skicka").click()
    look(coordinator_page, tmp_path, "9-coordinator-sent")

    page.goto(f"/admin/applications/application/{first.pk}/change/")
    assert "intyg.pdf" in page.content()
    page.fill("#casework-write #id_body", "Tack, intyget är mottaget.")
    with page.expect_navigation():
        page.locator("#casework-write input[type=submit]").click()
    page.fill("#casework-write #id_body", "Intern: kontrollera underskriften.")
    page.check("#casework-write #id_internal")
    with page.expect_navigation():
        page.locator("#casework-write input[type=submit]").click()
    # Looked at, not checked by axe: the application's own admin form has violations of its
    # own (the partnership's autocomplete and the deleted-at date lack names), outside this.
    page.screenshot(path=str(tmp_path / "10-admin-thread.png"), full_page=True)
    assert Message.objects.filter(application=first, kind=MessageKind.NOTE).count() == 1

    coordinator_page.goto(thread)
    text = coordinator_page.locator("main").inner_text()
    assert "Tack, intyget är mottaget." in text
    assert "Här är det undertecknade intyget." in text
    assert "kontrollera underskriften" not in coordinator_page.content()
    look(coordinator_page, tmp_path, "11-coordinator-thread")

    # 6. The round board exports the decision list; openpyxl reads it back.
    page.goto(reverse("decisions_staff:round_board", args=[round_.pk]))
    page.get_by_role("button", name="Exportera som XLSX").click()
    job = ExportJob.objects.get()
    page.wait_for_url(f"**/admin/exports/exportjob/{job.pk}/change/")
    link = page.locator(f"a[href$='/admin/exports/exportjob/{job.pk}/download/']")
    link.wait_for(timeout=60_000)
    assert ExportJob.objects.get().status == ExportStatus.DONE
    look(page, tmp_path, "12-export-done")
    with page.expect_download() as download:
        link.click()
    saved = tmp_path / "decision-list.xlsx"
    download.value.save_as(saved)
    sheet = openpyxl.load_workbook(io.BytesIO(saved.read_bytes())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == ["KP-2026-0501", "KP-2026-0502"]
    listed = rows[1]
    assert "Bevilja" in listed and 120_000 in listed and 100_000 in listed
    assert "Väl förankrad i båda organisationerna." in listed
