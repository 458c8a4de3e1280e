"""The whole journey of a coordinator: sign up, verify, join, draft, fix, submit, receipt."""

import datetime
import re

import pytest

from core.models import OutgoingEmail
from partnerships.models import Membership, MembershipStatus
from tests.accessibility import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "Lokal demokrati 2026!"


def fill_person(page, prefix: str, index: int, *, category: str, side: str = "", coordinator=False):
    field = f"#id_{prefix}-{index}-"
    page.fill(field + "name", f"{prefix.title()} Person {index}")
    page.fill(field + "organisation", "Organisation")
    page.fill(field + "position", "Handläggare")
    page.select_option(field + "category", category)
    if side:
        page.select_option(field + "political_side", side)
    if coordinator:
        page.check(field + "is_coordinator")
    page.select_option(field + "gender", "woman" if index % 2 else "man")
    page.fill(field + "motivation", "Har mandat och erfarenhet av medborgardialog.")
    page.check(field + "code_of_conduct")


def test_a_coordinator_signs_up_drafts_fixes_and_submits(page, reference_data):
    page.goto("/konto/signup/")
    assert_accessible(page)
    page.fill("#id_email", "anna@stockholm.se")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    with page.expect_navigation():  # the page checks the session first
        page.get_by_role("button", name="Skapa konto").click()

    # The verification link arrives by e-mail (the outbox).
    confirmation = OutgoingEmail.objects.get(recipient="anna@stockholm.se")
    path = re.search(r"https?://[^/\s]+(/\S*confirm-email/\S+)", confirmation.body).group(1)
    page.goto(path)
    # The page asks the keep-alive endpoint before it sends a form: wait for the answer page.
    with page.expect_navigation():
        page.get_by_role("button", name="Bekräfta adressen").click()

    page.goto("/mina-arenden/organisation/")
    assert_accessible(page)
    page.select_option("#id_organisation", label="Stockholms kommun")
    # The page asks the keep-alive endpoint before it sends a form: wait for the answer page.
    with page.expect_navigation():
        page.get_by_role("button", name="Be om att få gå med").click()
    # Staff approve the membership in the admin.
    Membership.objects.update(status=MembershipStatus.APPROVED)

    page.goto("/arenden/ny/")
    assert_accessible(page)
    page.select_option("#id_component", "forberedelse")
    with page.expect_navigation():  # the page checks the session first
        page.get_by_role("button", name="Påbörja ansökan").click()

    page.fill("#id_new_partner_name", "Kisumu County Government")
    page.select_option("#id_new_partner_country", label="Kenya")
    page.select_option("#id_new_partner_type", "municipality")
    assert_accessible(page)
    with page.expect_navigation():  # the page checks the session first
        page.get_by_role("button", name="Spara och fortsätt").click()

    today = datetime.date.today()
    page.fill("#id_title", "Unga röster i Kisumu")
    page.fill("#id_purpose", "Stärka ungas inflytande i lokala beslut.")
    page.fill("#id_period_start", today.isoformat())
    page.fill("#id_period_end", (today + datetime.timedelta(days=365)).isoformat())
    assert_accessible(page)
    with page.expect_navigation():  # the page checks the session first
        page.get_by_role("button", name="Spara och fortsätt").click()
    for name in [
        "context_swedish",
        "context_partner",
        "shared_challenges",
        "target_group_involvement",
        "exchange_swedish",
        "exchange_partner",
    ]:
        page.fill(f"#id_{name}", "Gemensamt planerat.")
    with page.expect_navigation():  # the page checks the session first
        page.get_by_role("button", name="Spara och fortsätt").click()

    page.goto(page.url.split("/steg/")[0] + "/steg/team/")
    # Two rules broken: the Swedish team has one politician, the partner team no coordinator.
    fill_person(page, "swedish", 0, category="politician", side="majority")
    page.get_by_role("button", name="Lägg till en person i det svenska teamet").click()
    fill_person(page, "swedish", 1, category="official", coordinator=True)
    fill_person(page, "partner", 0, category="politician", side="majority")
    for _ in (1, 2):
        page.get_by_role("button", name="Lägg till en person i partnerteamet").click()
    fill_person(page, "partner", 1, category="politician", side="opposition")
    fill_person(page, "partner", 2, category="official")
    assert_accessible(page)
    with page.expect_navigation():  # the page checks the session first
        page.get_by_role("button", name="Spara utkast").click()

    page.goto(page.url.split("/steg/")[0] + "/granska/")
    errors = page.locator(".alert-danger li")
    codes = {errors.nth(i).get_attribute("data-code") for i in range(errors.count())}
    assert {"politician_count", "coordinator_count"} <= codes
    assert_accessible(page)

    # Fix both: a second Swedish politician, a partner coordinator.
    page.goto(page.url.replace("/granska/", "/steg/team/"))
    page.get_by_role("button", name="Lägg till en person i det svenska teamet").click()
    fill_person(page, "swedish", 2, category="politician", side="opposition")
    page.check("#id_partner-2-is_coordinator")
    with page.expect_navigation():  # the page checks the session first
        page.get_by_role("button", name="Spara utkast").click()
    page.goto(page.url.split("/steg/")[0] + "/granska/")
    assert page.locator(".alert-danger").count() == 0
    with page.expect_navigation():  # the page checks the session first
        page.get_by_role("button", name="Skicka in ansökan").click()

    assert page.get_by_text(re.compile(r"KP-\d{4}-0001")).first.is_visible()
    assert_accessible(page)
    receipt = OutgoingEmail.objects.filter(recipient="anna@stockholm.se").latest("created_at")
    assert re.search(r"KP-\d{4}-0001", receipt.subject)
