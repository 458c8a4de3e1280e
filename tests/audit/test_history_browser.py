"""Staff read a case's history in Chromium, with axe checking the page."""

from __future__ import annotations

import pytest

from tests.accessibility import assert_accessible
from tests.browser_login import log_in_with_totp, staff_with_totp
from tests.factories import ApplicationFactory, ParticipantFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in_as_staff(page) -> None:
    log_in_with_totp(page, staff_with_totp().email)


def test_staff_read_a_case_history_and_use_the_gdpr_export_form(page, live_server, reference_data):
    application = ApplicationFactory(title="Före")
    application.title = "Efter"
    application.save()
    ParticipantFactory(application=application, name="Anna Andersson")
    log_in_as_staff(page)

    page.goto("/admin/audit/historicalapplication/")
    # The link's text is translated by the lead at the end: either language will do.
    page.locator(f'a[href$="/case/{application.pk}/"]').first.click()
    page.wait_for_url(f"**/admin/audit/historicalapplication/case/{application.pk}/")

    table = page.locator("#case-history").inner_text()
    assert "Före" in table and "Efter" in table and "Anna Andersson" in table
    assert page.locator("#content-main input[type=submit]").count() == 0
    assert_accessible(page)

    page.goto("/admin/privacy/export/")
    page.fill("#id_email", "inte en adress")
    with page.expect_navigation():
        page.locator("#content-main input[type=submit]").click()
    assert page.locator(".errornote").count() == 1
    assert page.locator("#id_email").input_value() == "inte en adress"
    assert_accessible(page)
