"""A coordinator writes and submits a report on a granted case; staff approve it in the admin;
the coordinator sees it approved. Every report page passes axe."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.urls import reverse
from django.utils import translation

from partnerships.models import Component, DemocraticArea
from reporting.models import Report, ReportStatus
from tests.accessibility import assert_accessible
from tests.browser_login import SECRET, log_in
from tests.factories import UserFactory
from tests.reporting.factories import granted_case, report_of

pytestmark = [pytest.mark.e2e, pytest.mark.redis, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def shared_media(settings, tmp_path, monkeypatch):
    """One media folder for the live server and the worker process."""
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setenv("MEDIA_ROOT", str(settings.MEDIA_ROOT))
    return settings.MEDIA_ROOT


def next_step(page) -> None:
    with page.expect_navigation():  # the page checks the session first
        page.locator("button[name=next]").click()
    page.wait_for_load_state()


def test_a_coordinator_writes_and_submits_a_report_and_staff_approve_it(
    shared_media, page, browser, live_server, reference_data, celery_worker
):
    application, people = granted_case()
    report = report_of(application)
    coordinator = people["coordinator"]
    EmailAddress.objects.create(
        user=coordinator, email=coordinator.email, verified=True, primary=True
    )
    travel, meetings = people["lines"]

    log_in(page, coordinator.email)
    page.goto(reverse("reporting:case_reports", args=[application.pk]))
    assert_accessible(page)
    page.goto(reverse("applications:case", args=[application.pk]))
    with page.expect_navigation():
        page.locator(f'a[href="{reverse("reporting:report", args=[report.pk])}"]').first.click()
    assert_accessible(page)

    with page.expect_navigation():
        page.locator("#edit-report").click()
    page.fill("#id_activities", "Två workshoppar om ungas inflytande i Kisumu.")
    page.fill("#id_results", "Ett ungdomsråd har bildats.")
    page.locator("#id_democratic_areas_0").check()
    page.fill("#id_democratic_results", "Fler unga deltar i budgetdialoger.")
    page.fill("#id_lessons", "Förankring i nämnderna tar tid.")
    page.fill("#id_knowledge_home", "Seminarium för kommunstyrelsen.")
    assert_accessible(page)
    next_step(page)

    page.locator("#id_participants_0").check()
    page.locator("#id_participants_1").check()
    assert_accessible(page)
    next_step(page)

    page.fill("#id_visits-0-date", "2025-05-12")
    page.select_option("#id_visits-0-host", "partner")
    page.fill("#id_visits-0-place", "Kisumu")
    page.locator("#id_visits-0-travellers_0").check()
    page.fill("#id_visits-0-learnt", "Hur unga bjuds in till budgetdialoger.")
    page.fill("#id_visits-0-brought_home", "Presenterat för nämnden.")
    assert_accessible(page)
    next_step(page)

    # A deviation without an explanation is refused, the amount kept; then explained.
    page.fill(f"#id_actual_{travel.pk}", "52000")
    page.fill(f"#id_actual_{meetings.pk}", "10000")
    next_step(page)
    assert page.input_value(f"#id_actual_{travel.pk}") == "52000"
    assert_accessible(page)
    page.fill(f"#id_explanation_{travel.pk}", "Flygpriserna steg.")
    next_step(page)

    assert_accessible(page)  # attachments
    page.goto(reverse("reporting:review", args=[report.pk]))
    assert_accessible(page)
    with page.expect_navigation():  # the page checks the session first
        page.locator("#submit-report").click()
    page.wait_for_load_state()
    assert Report.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED
    assert page.locator("[data-status=submitted]").count() == 1
    assert_accessible(page)

    # The worker renders the PDF after the submission; the report page then offers it.
    celery_worker.wait_for(lambda: Report.objects.get(pk=report.pk).pdf, what="the report's PDF")
    page.reload()
    assert page.locator("#report-pdf").count() == 1

    staff_page = browser.new_context(base_url=live_server.url).new_page()
    staff = UserFactory(email="handlaggare@icld.se", is_staff=True, is_superuser=True)
    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)
    TOTP.activate(staff, SECRET)
    log_in(staff_page, staff.email, totp=True)
    staff_page.goto(f"/admin/reporting/report/{report.pk}/change/")
    assert "Flygpriserna steg." in staff_page.content()
    staff_page.goto(f"/admin/reporting/report/{report.pk}/transition/approve/")
    assert_accessible(staff_page)
    staff_page.locator("#confirm-transition").click()
    staff_page.wait_for_load_state()
    assert Report.objects.get(pk=report.pk).status == ReportStatus.APPROVED

    # The staff dashboard counts it: the component's row of "Reports overdue" has it approved.
    staff_page.goto("/admin/statistics/")
    with translation.override("sv"):
        component = str(Component(report.application.component).label)
    row = staff_page.locator(
        "#reports-overdue tbody tr", has=staff_page.locator("th", has_text=component)
    )
    # Columns after the component: overdue, open, submitted, approved.
    assert row.locator("td").nth(3).inner_text() == "1"

    page.goto(reverse("reporting:report", args=[report.pk]))
    assert page.locator("[data-status=approved]").count() == 1
    assert "Två workshoppar om ungas inflytande i Kisumu." in page.content()
    assert_accessible(page)
    assert DemocraticArea.objects.first() in Report.objects.get(pk=report.pk).democratic_areas.all()
