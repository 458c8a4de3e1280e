"""Staff look up the sent reminders in the admin, in Chromium, with axe checking each page."""

from __future__ import annotations

import datetime

import pytest

from reminders.models import Reminder
from tests.accessibility import assert_accessible
from tests.browser_login import log_in_with_totp, staff_with_totp
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_find_a_reminder_by_kind_and_read_it(page, live_server):
    staff = staff_with_totp()
    for kind, key in [("application_deadline", "application:12"), ("report_due", "report:34")]:
        Reminder.objects.create(
            recipient=UserFactory(email=f"{key.replace(':', '-')}@testkoping.se"),
            kind=kind,
            object_key=key,
            due_date=datetime.date(2031, 3, 8),
            days_before=7,
        )

    log_in_with_totp(page, staff.email)

    page.goto("/admin/reminders/reminder/")
    assert page.locator("#result_list").inner_text().count("@testkoping.se") == 2
    assert page.locator(".object-tools a.addlink").count() == 0  # nobody adds one
    assert_accessible(page)

    page.goto("/admin/reminders/reminder/?kind__exact=report_due")
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 1
    rows.first.locator("th a").click()
    page.wait_for_url("**/change/**")
    assert "report:34" in page.locator("#content-main").inner_text()
    assert page.locator("#content-main input[type=submit]").count() == 0  # read only
    assert_accessible(page)
