"""The coordinator's journey as a public service (issue 18): home → "Så ansöker ni" → create an
account → verify → join the organisation → the task list → every step (an error put right
through the error summary's link) → check your answers → change one answer → the declaration →
submit → receipt. axe on every page; the phone's pages never scroll sideways.

The whole journey runs once (Förberedelse, Swedish, on a phone); every other component takes
the shorter path through the task list, a step with an error, and check-your-answers, in English
or Swedish and at desktop or phone width, so the suite stays quick."""

import datetime
import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from applications.findings import PLANNING_FIELDS
from core.models import OutgoingEmail
from pages.demo import seed_content
from partnerships.models import Country, Membership, MembershipStatus
from tests.accessibility import assert_accessible
from tests.factories import ApplicationFactory, make_coordinator

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "Lokal demokrati 2026!"
SCREENSHOTS = "/tmp/journey-{name}-{width}.png"


def looked_at(page, name: str, width: int) -> None:
    """axe finds nothing, nothing scrolls sideways, and a screenshot to look at."""
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), name
    page.screenshot(path=SCREENSHOTS.format(name=name, width=width), full_page=True)


def send(page, button: str) -> None:
    with page.expect_navigation():  # the page checks the session before a form is sent
        page.get_by_role("button", name=button, exact=True).click()


def fill_person(page, prefix: str, index: int, category: str, side: str, coordinator: bool):
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


TEAM = [
    ("politician", "majority", False),
    ("politician", "opposition", False),
    ("official", "", True),
]


def test_a_newcomer_applies_for_a_forberedelse_from_the_home_page_to_the_receipt(
    page, reference_data
):
    width = 390
    seed_content()
    page.set_viewport_size({"width": width, "height": 844})
    page.goto("/")
    assert_accessible(page)
    page.get_by_role("link", name="Så ansöker ni").first.click()
    page.wait_for_url("**/sa-ansoker-ni/")
    looked_at(page, "start", width)
    page.get_by_role("link", name="Starta en ansökan").click()
    page.wait_for_url("**/konto/signup/**")
    assert_accessible(page)
    page.get_by_label("E-postadress").fill("anna@stockholm.se")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    send(page, "Skapa konto")
    assert_accessible(page)
    body = OutgoingEmail.objects.get(recipient="anna@stockholm.se").body
    page.goto(re.search(r"https?://\S+(/konto/confirm-email/\S+/)", body).group(1))
    assert_accessible(page)
    send(page, "Bekräfta adressen")

    # First the organisation one works for; ICLD approves the membership in the admin.
    page.wait_for_url("**/mina-arenden/organisation/**")
    assert_accessible(page)
    page.select_option("#id_organisation", label="Stockholms kommun")
    send(page, "Be om att få gå med")
    Membership.objects.update(status=MembershipStatus.APPROVED)
    page.goto("/mina-arenden/")
    looked_at(page, "mycases", width)
    page.get_by_role("link", name="Ny ansökan").click()
    assert_accessible(page)
    page.select_option("#id_component", "forberedelse")
    send(page, "Påbörja ansökan")

    # The task list: every step not started, in any order.
    tasks = page.locator("[data-task-list]")
    assert tasks.locator('[data-status="not_started"]').count() >= 6
    looked_at(page, "tasklist", width)
    tasks.get_by_role("link", name="Partnerskap och komponent").click()
    page.fill("#id_new_partner_name", "Kisumu County Government")
    page.select_option("#id_new_partner_country", str(Country.objects.get(code="KE").pk))
    page.select_option("#id_new_partner_type", "municipality")
    assert_accessible(page)
    send(page, "Spara och fortsätt")

    # Content, with an error put right through the summary's link.
    start = datetime.date.today() + datetime.timedelta(days=30)
    page.fill("#id_title", "Unga röster i Kisumu")
    page.fill("#id_purpose", "Stärka ungas inflytande i lokala beslut.")
    page.fill("#id_period_start", start.isoformat())
    page.fill("#id_period_end", (start - datetime.timedelta(days=1)).isoformat())
    send(page, "Spara och fortsätt")
    assert page.title().startswith("Fel: 1 fel – ")
    summary = page.locator("[data-error-summary]")
    assert summary.evaluate("node => node === document.activeElement")
    assert_accessible(page)
    summary.get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "id_period_end"
    page.fill("#id_period_end", (start + datetime.timedelta(days=365)).isoformat())
    send(page, "Spara och fortsätt")

    for name in PLANNING_FIELDS:
        page.fill(f"#id_{name}", "Gemensamt planerat.")
    assert_accessible(page)
    send(page, "Spara och fortsätt")

    page.select_option("#id_visits-0-host", "partner")
    page.fill("#id_visits-0-months", "Mars 2027")
    page.fill("#id_visits-0-participants", "4")
    page.fill("#id_visits-0-learning_goals", "Medborgardialog med unga.")
    assert_accessible(page)
    send(page, "Spara och fortsätt")

    page.select_option("#id_budget-0-category", "travel")
    page.fill("#id_budget-0-description", "Resor till Kisumu")
    page.fill("#id_budget-0-amount_sek", "24500")
    page.fill("#id_budget-0-explanation", "Två resor à 12 250 kr enligt offert.")
    assert_accessible(page)
    send(page, "Spara och fortsätt")

    assert_accessible(page)  # attachments: none needed for a Förberedelse
    page.get_by_role("link", name="Fortsätt").click()

    for prefix, add in (("swedish", "det svenska teamet"), ("partner", "partnerteamet")):
        for index, person in enumerate(TEAM):
            if index:
                page.get_by_role("button", name=f"Lägg till en person i {add}").click()
            fill_person(page, prefix, index, *person)
    assert_accessible(page)
    send(page, "Spara och fortsätt")

    # Check your answers, change one, come back.
    page.wait_for_url("**/granska/**")
    assert page.get_by_text("Resor: Resor till Kisumu", exact=True).is_visible()
    looked_at(page, "check-answers", width)
    page.get_by_role("link", name="Ändra titel").click()
    page.fill("#id_title", "Unga röster i Kisumu och Stockholm")
    send(page, "Spara och gå tillbaka till granskningen")
    page.wait_for_url("**/granska/**")
    assert page.get_by_text("Unga röster i Kisumu och Stockholm").first.is_visible()

    # The declaration is needed; then the application goes.
    send(page, "Skicka in ansökan")
    assert page.title().startswith("Fel: 1 fel – ")
    assert_accessible(page)
    page.get_by_label(re.compile("Jag intygar på uppdrag av Stockholms kommun")).check()
    send(page, "Skicka in ansökan")
    assert page.get_by_text(re.compile(r"KP-\d{4}-0001")).first.is_visible()
    assert_accessible(page)
    receipt = OutgoingEmail.objects.filter(recipient="anna@stockholm.se").latest("created_at")
    assert re.search(r"KP-\d{4}-0001", receipt.subject)
    page.goto("/mina-arenden/")
    looked_at(page, "mycases-submitted", width)


def log_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


SHORT = {
    "sv": {
        "continue": "Spara och fortsätt",
        "change": "Ändra titel",
        "title": "Fel: 1 fel – ",
        "back": "Spara och gå tillbaka till granskningen",
        "content": "Innehåll",
        "unsaved": "ändringar som inte är sparade",
    },
    "en": {
        "continue": "Save and continue",
        "change": "Change title",
        "title": "Error: 1 error – ",
        "back": "Save and return to check your answers",
        "content": "Content",
        "unsaved": "changes that are not saved",
    },
}


@pytest.mark.parametrize(
    "component, language, width",
    [
        ("projekt", "en", 1280),
        ("styrgrupp", "sv", 1280),
        ("breddning", "en", 390),
        ("spridning", "sv", 390),
    ],
)
def test_every_component_goes_through_the_task_list_a_fixed_error_and_check_your_answers(
    page, live_server, reference_data, component, language, width
):
    words = SHORT[language]
    coordinator = make_coordinator()
    draft = ApplicationFactory(
        component=component,
        organisation=coordinator.memberships.get().organisation,
        created_by=coordinator,
        language=language,
    )
    log_in(page, live_server, coordinator)
    page.set_viewport_size({"width": width, "height": 844})
    with translation.override(language):
        case, review = (
            reverse(name, args=[draft.pk]) for name in ("applications:case", "applications:review")
        )
    page.goto(case)
    looked_at(page, f"tasklist-{component}", width)
    page.locator("[data-task-list]").get_by_role("link", name=words["content"], exact=True).click()
    # Typed but not saved: a link away asks first, and staying keeps the text.
    page.fill("#id_target_group", "Unga")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.locator(".wizard-steps").get_by_role("link").nth(2).click()
    assert asked and words["unsaved"] in asked[0]
    assert "/content/" in page.url and page.input_value("#id_target_group") == "Unga"
    page.fill("#id_period_start", "2027-03-01")
    page.fill("#id_period_end", "2027-02-01")
    send(page, words["continue"])
    assert page.title().startswith(words["title"])
    assert_accessible(page)
    page.locator("[data-error-summary]").get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "id_period_end"
    page.fill("#id_period_end", "2028-02-01")
    send(page, words["continue"])
    page.goto(review)
    looked_at(page, f"check-answers-{component}", width)
    page.get_by_role("link", name=words["change"]).click()
    page.fill("#id_title", "Ny titel")
    send(page, words["back"])
    assert page.get_by_text("Ny titel").first.is_visible()
    assert_accessible(page)
