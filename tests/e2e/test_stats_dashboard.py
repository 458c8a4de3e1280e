"""Staff open the statistics dashboard from the admin's home page: the charts, their tables
and the CSV links are there, and the page passes axe."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.utils import translation
from django.utils.translation import gettext

from stats.figures import FIGURES
from tests.accessibility import assert_accessible
from tests.browser_login import SECRET, log_in_with_totp
from tests.factories import UserFactory
from tests.stats.conftest import reports, world  # noqa: F401 - the known programme, as fixtures

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sv(text: str) -> str:
    """`text` as the admin shows it: /admin/ is not language-prefixed, the browser asks for sv."""
    with translation.override("sv"):
        return gettext(text)


def test_staff_open_the_dashboard_from_the_admin_and_it_is_accessible(
    page,
    live_server,
    reference_data,
    reports,  # noqa: F811
):
    staff = UserFactory(email="handlaggare@icld.se", is_staff=True, is_superuser=True)
    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)
    TOTP.activate(staff, SECRET)
    log_in_with_totp(page, staff.email)

    page.goto("/admin/")
    page.get_by_role("link", name=sv("Statistics"), exact=True).click()
    page.wait_for_url("**/admin/statistics/")
    charts = page.get_by_role("img")
    assert charts.count() == len(FIGURES)
    assert page.locator(".stats-figure table caption").count() == len(FIGURES)
    assert page.get_by_role("link", name=sv("Download CSV")).count() == len(FIGURES)
    page.screenshot(path="/tmp/stats_dashboard.png", full_page=True)
    assert_accessible(page)

    page.fill("#id_year", "1800")
    page.get_by_role("button", name=sv("Show")).click()
    assert page.get_by_role("alert").is_visible()
    assert page.input_value("#id_year") == "1800"
    assert_accessible(page)
