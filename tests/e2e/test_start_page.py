"""The way in: home → "Så ansöker ni" → create an account → verify → the new application,
checked with axe at desktop and phone widths."""

import re

import pytest
from allauth.account.models import EmailAddress

from core.models import OutgoingEmail
from pages.demo import seed_content
from tests.accessibility import assert_accessible
from tests.factories import ApplicationFactory, make_coordinator

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = [1280, 390]


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_newcomer_goes_from_home_through_sign_up_to_a_new_application(
    page, reference_data, width
):
    seed_content()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/")
    page.get_by_role("link", name="Så ansöker ni").first.click()
    page.wait_for_url("**/sa-ansoker-ni/")
    assert_accessible(page)
    assert no_horizontal_scroll(page)
    page.screenshot(path=f"/tmp/journey-start-{width}.png", full_page=True)

    page.get_by_role("link", name="Starta en ansökan").click()
    page.wait_for_url("**/konto/signup/**")
    assert_accessible(page)
    page.get_by_role("button", name="Skapa konto").click()  # empty: our messages, not the browser's
    assert page.locator(".invalid-feedback, .invalid-feedback.d-block").first.is_visible()
    assert_accessible(page)
    page.get_by_label("E-postadress").fill(f"ny{width}@example.se")
    page.locator("#id_password1").fill("en-lång-lösenfras-2026")
    page.locator("#id_password2").fill("en-lång-lösenfras-2026")
    page.get_by_role("button", name="Skapa konto").click()
    page.wait_for_url("**/konto/confirm-email/")
    assert_accessible(page)

    body = OutgoingEmail.objects.get(recipient=f"ny{width}@example.se").body
    page.goto(re.search(r"https?://\S+/konto/confirm-email/\S+/", body).group(0))
    assert_accessible(page)
    page.get_by_role("button", name="Bekräfta adressen").click()
    # Straight on towards the new application: first the organisation one works for.
    page.wait_for_url(re.compile(r".*/mina-arenden/organisation/|.*/arenden/ny/"))
    assert_accessible(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_my_cases_and_the_login_page_fit_a_phone(page, reference_data, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/konto/login/?next=/mina-arenden/")
    assert_accessible(page)
    coordinator = make_coordinator()
    EmailAddress.objects.create(
        user=coordinator, email=coordinator.email, verified=True, primary=True
    )
    ApplicationFactory(
        organisation=coordinator.memberships.get().organisation, created_by=coordinator
    )
    page.get_by_label("E-postadress").fill(coordinator.email)
    page.locator("#id_password").fill("correct horse battery staple")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/mina-arenden/")
    assert_accessible(page)
    assert no_horizontal_scroll(page)
    assert page.get_by_role("columnheader", name="Status").is_visible()
    page.screenshot(path=f"/tmp/journey-mycases-{width}.png", full_page=True)
