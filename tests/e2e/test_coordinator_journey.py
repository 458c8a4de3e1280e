"""The coordinator's journey as a public service (issue 18, "Done when"), once per component:
home → "Så ansöker ni" → create an account → verify → join the organisation → Mina ärenden →
a new application, stored by its first saved step → the task list → every step (an error put
right through the error summary's link) → check your answers → change one answer → the
declaration → submit → receipt. axe on every page, and the phone's pages never scroll
sideways.

Signing up (home to joining the organisation) is the same for every component: Förberedelse
(sv, 390) and Projekt (en, 1280) go through it in the browser, the others start logged in as
the coordinator it leaves (`signed_up`).

Each component runs in one language at one width; the task list and check-your-answers are
also checked at the other width, so every language × width pair is seen at least twice:

    component     language  width  also at
    Förberedelse  sv        390    1280
    Projekt       en        1280   390
    Styrgrupp     sv        1280   390
    Breddning     en        390    1280
    Spridning     en        1280   390

A Projekt, a Styrgrupp and a Breddning build on what the partnership already has (a granted
steering group, a granted project), so those journeys choose the organisation's existing
partnership in step 1; Förberedelse and Spridning name a new partner."""

import datetime
import re
from dataclasses import dataclass

import pytest
from allauth.account.models import EmailAddress
from django.utils import translation
from django.utils.translation import gettext, ngettext

from applications.findings import PLANNING_FIELDS
from applications.models import Application, ApplicationStatus
from core.models import OutgoingEmail
from pages.demo import seed_content
from partnerships.models import Country, Membership, MembershipStatus, SwedishOrganisation
from tests.accessibility import assert_accessible
from tests.browser_login import log_in
from tests.factories import (
    ApplicationFactory,
    ComponentHistoryFactory,
    PartnerOrganisationFactory,
    PartnershipFactory,
    make_coordinator,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "Lokal demokrati 2026!"
SCREENSHOTS = "/tmp/journey-{name}-{language}-{width}.png"
TODAY = datetime.date.today()
START = TODAY + datetime.timedelta(days=30)

# Per party: (category, political side, coordinator, project leader).
POLITICAL_TEAM = [
    ("politician", "majority", False, False),
    ("politician", "opposition", False, False),
    ("official", "", True, False),
]
TEAMS = {
    "forberedelse": POLITICAL_TEAM,
    "projekt": [
        ("official", "", False, True),
        ("official", "", False, False),
        ("official", "", False, False),
    ],
    "styrgrupp": POLITICAL_TEAM,
    "breddning": [*POLITICAL_TEAM, ("official", "", False, False)],
    "spridning": [("official", "", False, True), ("official", "", False, False)],
}
MONTHS = {"forberedelse": 12, "projekt": 24, "styrgrupp": 24, "breddning": 6, "spridning": 12}
# What the partnership must already have for the component (ApplicationFactory fields).
GRANTED_BEFORE = {"projekt": "styrgrupp", "styrgrupp": "projekt", "breddning": "styrgrupp"}


@dataclass(frozen=True)
class Journey:
    component: str
    language: str
    width: int

    @property
    def other_width(self) -> int:
        return 1280 if self.width == 390 else 390

    def t(self, message: str) -> str:
        """A string of the portal (or allauth) as the page shows it in the journey's language."""
        with translation.override(self.language):
            return gettext(message)

    def errors(self, count: int) -> str:
        with translation.override(self.language):
            return ngettext("Error: %(count)d error – ", "Error: %(count)d errors – ", count) % {
                "count": count
            }

    def home(self) -> str:
        return "/" if self.language == "sv" else f"/{self.language}/"


JOURNEYS = [
    Journey("forberedelse", "sv", 390),
    Journey("projekt", "en", 1280),
    Journey("styrgrupp", "sv", 1280),
    Journey("breddning", "en", 390),
    Journey("spridning", "en", 1280),
]
# Signing up is the same in every journey: these go through it in the browser (one in each
# language, at each width); the others start as the coordinator it leaves.
SIGN_UP_IN_THE_BROWSER = {"forberedelse", "projekt"}


def looked_at(page, journey: Journey, name: str, *, both_widths: bool = False) -> None:
    """axe finds nothing, nothing scrolls sideways, and a screenshot to look at; with
    `both_widths`, the same at the journey's other width too."""
    widths = [journey.width, journey.other_width] if both_widths else [journey.width]
    for width in widths:
        page.set_viewport_size({"width": width, "height": 844})
        assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), name
        page.screenshot(
            path=SCREENSHOTS.format(
                name=f"{name}-{journey.component}", language=journey.language, width=width
            ),
            full_page=True,
        )
    page.set_viewport_size({"width": journey.width, "height": 844})


def send(page, button: str) -> None:
    with page.expect_navigation():  # the page checks the session before a form is sent
        page.get_by_role("button", name=button, exact=True).click()


def existing_partnership(component: str, organisation: SwedishOrganisation):
    """The organisation's partnership in Kenya with the component granted that `component`
    needs, for a period covering the new one."""
    partnership = PartnershipFactory(
        swedish_organisation=organisation,
        partner_organisation=PartnerOrganisationFactory(
            name="Kisumu County Government", country=Country.objects.get(code="KE")
        ),
    )
    granted = ApplicationFactory(
        organisation=organisation,
        partnership=partnership,
        new_partner_name="",
        new_partner_country=None,
        component=GRANTED_BEFORE[component],
        status=ApplicationStatus.APPROVED,
        case_number="KP-2025-0042",
        period_start=START - datetime.timedelta(days=60),
        period_end=START + datetime.timedelta(days=365 * 3),
    )
    # The partnership's history, as the approval records it (applications.workflow._history).
    ComponentHistoryFactory(
        partnership=partnership,
        component=granted.component,
        start_year=granted.period_start.year,
        end_year=granted.period_end.year,
    )
    return partnership


def sign_up(page, journey: Journey, email: str) -> None:
    """Home → the start page → create an account → verify → join the organisation."""
    page.goto(journey.home())
    assert_accessible(page)
    page.get_by_role("link", name=journey.t("How to apply"), exact=True).first.click()
    page.wait_for_load_state()
    looked_at(page, journey, "start")
    page.get_by_role("link", name=journey.t("Start an application")).click()
    page.wait_for_url(re.compile(r".*/(konto|account)/signup/.*"))
    assert_accessible(page)
    page.get_by_label(journey.t("E-mail address")).fill(email)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    send(page, journey.t("Sign Up"))
    assert_accessible(page)
    body = OutgoingEmail.objects.get(recipient=email).body
    assert "ICLD" in body and " ." not in body  # the site is named ("…konto på ." was empty)
    page.goto(re.search(r"https?://[^/\s]+(/\S*confirm-email/\S+/)", body).group(1))
    assert_accessible(page)
    send(page, journey.t("Confirm the address"))
    page.wait_for_url(re.compile(r".*/organisation/.*"))
    assert_accessible(page)
    page.select_option("#id_organisation", label="Stockholms kommun")
    send(page, journey.t("Ask to join"))
    Membership.objects.update(status=MembershipStatus.APPROVED)  # ICLD approves, in the admin


def fill_person(page, prefix: str, index: int, person: tuple) -> None:
    category, side, coordinator, leader = person
    field = f"#id_{prefix}-{index}-"
    page.fill(field + "name", f"{prefix.title()} Person {index}")
    page.fill(field + "organisation", "Organisation")
    page.fill(field + "position", "Handläggare")
    page.select_option(field + "category", category)
    if side:
        page.select_option(field + "political_side", side)
    if coordinator:
        page.check(field + "is_coordinator")
    if leader:
        page.check(field + "is_project_leader")
    page.select_option(field + "gender", "woman" if index % 2 else "man")
    page.fill(field + "motivation", "Har mandat och erfarenhet av medborgardialog.")
    page.check(field + "code_of_conduct")


def every_step(page, journey: Journey, partnership, email: str) -> None:
    """From the new-application form through every step to check-your-answers."""
    t = journey.t
    page.get_by_role("link", name=t("New application")).click()
    assert_accessible(page)
    page.select_option("#id_component", journey.component)
    send(page, t("Start the application"))

    # Step 1 of a draft that does not exist yet: nothing is stored until it is saved.
    assert page.locator("[data-new-draft]").is_visible()
    assert not Application.objects.filter(status=ApplicationStatus.DRAFT).exists()
    if partnership is not None:
        # The picker tells the partnership by its years, components so far and status.
        granted = partnership.components.get()
        with translation.override(journey.language):
            so_far = f"{granted.get_component_display()} {granted.start_year}"
        option = page.locator(f'#id_partnership option[value="{partnership.pk}"]')
        assert so_far in option.inner_text()
        page.select_option("#id_partnership", str(partnership.pk))
    else:
        page.fill("#id_new_partner_name", "Kisumu County Government")
        page.select_option("#id_new_partner_country", str(Country.objects.get(code="KE").pk))
        page.select_option("#id_new_partner_type", "municipality")
    looked_at(page, journey, "first-step")
    send(page, t("Save draft"))
    assert Application.objects.filter(status=ApplicationStatus.DRAFT).count() == 1

    # The task list, reached from the step's breadcrumb: every step but the first to do.
    page.get_by_role("link", name=t("Task list"), exact=True).click()
    tasks = page.locator("[data-task-list]")
    assert tasks.locator('[data-task="partnership"][data-status="completed"]').count() == 1
    assert tasks.locator('[data-status="not_started"]').count() >= 5
    # The tab names the application, not its database row ("Utkast 316").
    with translation.override(journey.language):
        component = Application.objects.get(created_by__email=email).get_component_display()
    assert page.title() == f"{t('Draft application')}: {component} – ICLD"
    looked_at(page, journey, "tasklist", both_widths=True)
    tasks.get_by_role("link", name=t("Content"), exact=True).click()

    # Content, with an error put right through the summary's link.
    end = START + datetime.timedelta(days=30 * MONTHS[journey.component])
    page.fill("#id_title", "Unga röster i Kisumu")
    page.fill("#id_purpose", "Stärka ungas inflytande i lokala beslut.")
    page.fill("#id_target_group", "Unga 15–25 år")
    page.fill("#id_period_start", START.isoformat())
    page.fill("#id_period_end", (START - datetime.timedelta(days=1)).isoformat())
    send(page, t("Save and continue"))
    assert page.title().startswith(journey.errors(1))
    summary = page.locator("[data-error-summary]")
    assert summary.evaluate("node => node === document.activeElement")
    assert page.input_value("#id_title") == "Unga röster i Kisumu"  # the input is kept
    assert_accessible(page)
    summary.get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "id_period_end"
    page.fill("#id_period_end", end.isoformat())
    send(page, t("Save and continue"))

    for name in PLANNING_FIELDS:
        page.fill(f"#id_{name}", "Gemensamt planerat.")
    if journey.component == "spridning":  # always preceded by a dialogue with ICLD
        page.fill("#id_dialogue_date", (TODAY - datetime.timedelta(days=20)).isoformat())
        page.fill("#id_dialogue_note", "Dialog med ICLD om spridning till fler kommuner.")
    assert_accessible(page)
    send(page, t("Save and continue"))

    page.select_option("#id_visits-0-host", "partner")
    page.fill("#id_visits-0-months", "Mars 2027")
    page.fill("#id_visits-0-participants", "4")
    page.fill("#id_visits-0-learning_goals", "Medborgardialog med unga.")
    assert_accessible(page)
    send(page, t("Save and continue"))

    page.select_option("#id_budget-0-category", "travel")
    page.fill("#id_budget-0-description", "Resor till Kisumu")
    page.fill("#id_budget-0-amount_sek", "24500")
    page.fill("#id_budget-0-explanation", "Två resor à 12 250 kr enligt offert.")
    assert_accessible(page)
    send(page, t("Save and continue"))

    assert_accessible(page)  # attachments: none is required
    page.get_by_role("link", name=t("Continue"), exact=True).click()

    team = TEAMS[journey.component]
    for prefix, add in (
        ("swedish", t("Add a person to the Swedish team")),
        ("partner", t("Add a person to the partner team")),
    ):
        for index, person in enumerate(team):
            if index:
                page.get_by_role("button", name=add).click()
            fill_person(page, prefix, index, person)
    assert_accessible(page)
    send(page, t("Save and continue"))
    page.wait_for_url(re.compile(r".*/(granska|review)/.*"))


def check_change_and_submit(page, journey: Journey, email: str) -> None:
    """Check your answers, change one, come back, declare and submit; the receipt."""
    t = journey.t
    assert page.get_by_text(f"{t('Travel')}: Resor till Kisumu", exact=True).is_visible()
    assert page.locator("[data-findings=errors]").count() == 0, page.locator("main").inner_text()
    looked_at(page, journey, "check-answers", both_widths=True)
    page.get_by_role("link", name=f"{t('Change')} {t('title')}").click()
    page.fill("#id_title", "Unga röster i Kisumu och Stockholm")
    send(page, t("Save and return to check your answers"))
    page.wait_for_url(re.compile(r".*/(granska|review)/.*"))
    assert page.get_by_text("Unga röster i Kisumu och Stockholm").first.is_visible()

    if journey.component == "forberedelse":  # the declaration is needed
        send(page, t("Submit the application"))
        assert page.title().startswith(journey.errors(1))
        assert_accessible(page)
    page.locator("#id_declaration").check()
    send(page, t("Submit the application"))
    case_number = Application.objects.get(created_by__email=email).case_number
    assert re.fullmatch(r"KP-\d{4}-\d{4}", case_number)
    assert page.get_by_text(case_number).first.is_visible()
    looked_at(page, journey, "receipt")
    receipt = OutgoingEmail.objects.filter(recipient=email).latest("created_at")
    assert case_number in receipt.subject
    assert page.title().startswith(f"{case_number}: ")
    page.goto(f"{journey.home()}{'mina-arenden' if journey.language == 'sv' else 'my-cases'}/")
    looked_at(page, journey, "mycases-submitted", both_widths=True)
    tables_read_well(page, journey)


def tables_read_well(page, journey: Journey) -> None:
    """Mina ärenden at both widths: each table's caption above it, the status column on the
    screen; the page has the portal's icon."""
    for width in (journey.width, journey.other_width):
        page.set_viewport_size({"width": width, "height": 844})
        for table in page.locator("main table").all():
            caption, head = table.locator("caption"), table.locator("thead")
            assert caption.bounding_box()["y"] + caption.bounding_box()["height"] <= (
                head.bounding_box()["y"] + 1
            ), caption.inner_text()
            status = table.get_by_role("columnheader", name=journey.t("Status"), exact=True)
            box = status.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, width
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert icon.endswith("favicon.svg") and page.request.get(icon).ok


def signed_up(page, email: str, organisation: SwedishOrganisation) -> None:
    """What `sign_up` leaves, made by the factories: an approved coordinator of `organisation`
    with a verified address, logged in."""
    user = make_coordinator(organisation, email=email, username=email)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    log_in(page, email)


@pytest.mark.parametrize("journey", JOURNEYS, ids=lambda j: f"{j.component}-{j.language}-{j.width}")
def test_a_newcomer_applies_from_the_home_page_to_the_receipt(page, reference_data, journey):
    seed_content()
    organisation = SwedishOrganisation.objects.get(code="0180")
    partnership = (
        existing_partnership(journey.component, organisation)
        if journey.component in GRANTED_BEFORE
        else None
    )
    email = f"anna.{journey.component}@stockholm.se"
    page.set_viewport_size({"width": journey.width, "height": 844})
    if journey.component in SIGN_UP_IN_THE_BROWSER:
        sign_up(page, journey, email)
    else:
        signed_up(page, email, organisation)
    page.goto(f"{journey.home()}{'mina-arenden' if journey.language == 'sv' else 'my-cases'}/")
    looked_at(page, journey, "mycases")
    every_step(page, journey, partnership, email)
    check_change_and_submit(page, journey, email)
    assert Application.objects.get(created_by__email=email).status == ApplicationStatus.SUBMITTED
