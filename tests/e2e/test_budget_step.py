"""The budget from the visit plan in the browser (issue 20, item 2): a coordinator plans two
visits, one with an interpreter, and the budget step shows each visit's lines computed from the
cost norms, explained; a line of one's own without an explanation is an error in the summary.
Axe at desktop and phone widths; the page never scrolls sideways."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from applications.models import BudgetLine
from costnorms.examples import load_example_norms
from tests.accessibility import assert_accessible
from tests.e2e.test_review_journey import log_in
from tests.factories import valid_forberedelse

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def fill_visit(page, index: int, *, host: str, participants: str, days: str) -> None:
    field = f"#id_visits-{index}-"
    page.select_option(field + "host", host)
    page.fill(field + "months", "Mars 2027")
    page.fill(field + "participants", participants)
    page.fill(field + "days", days)
    page.fill(field + "learning_goals", "Hur unga tas med i budgetarbetet.")


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", [1280, 390])
def test_a_coordinator_builds_a_budget_from_two_visits_with_an_interpreter(
    page, reference_data, width
):
    load_example_norms()
    application = valid_forberedelse(language="sv")
    coordinator = application.created_by
    EmailAddress.objects.create(
        user=coordinator, email=coordinator.email, verified=True, primary=True
    )
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, coordinator.email)
    page.goto(reverse("applications:step", args=[application.pk, "visits"]))
    fill_visit(page, 0, host="swedish", participants="3", days="4")
    page.get_by_role("button", name="Lägg till ett besök").click()
    fill_visit(page, 1, host="partner", participants="4", days="5")
    page.check("#id_visits-1-interpreter")
    assert_accessible(page)
    assert no_horizontal_scroll(page)
    page.screenshot(path=f"/tmp/budget-visits-{width}.png", full_page=True)
    with page.expect_navigation():  # the page checks the session first
        page.get_by_role("button", name="Spara och fortsätt").click()

    assert "/steg/budget/" in page.url
    costs = page.locator("#visit-costs table")
    assert costs.count() == 2
    assert page.locator("#visit-costs").get_by_text("Tolk", exact=True).is_visible()
    assert page.get_by_text("4 personer × 5 dygn ×").first.is_visible()
    total = sum(
        BudgetLine.objects.filter(application=application).values_list("amount_sek", flat=True)
    )
    assert total > 0
    assert_accessible(page)
    assert no_horizontal_scroll(page)
    page.screenshot(path=f"/tmp/budget-step-{width}.png", full_page=True)

    # A line of one's own without an explanation: the summary links to the field; fixed, the
    # line counts in the total.
    page.fill("#id_budget-0-description", "Lokalhyra")
    page.select_option("#id_budget-0-category", "meetings")
    page.fill("#id_budget-0-amount_sek", "4000")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara utkast").click()
    link = page.locator('#error-summary a[href="#id_budget-0-explanation"]')
    assert link.is_visible()
    assert page.input_value("#id_budget-0-description") == "Lokalhyra"  # the input is kept
    assert_accessible(page)
    assert no_horizontal_scroll(page)
    page.screenshot(path=f"/tmp/budget-step-error-{width}.png", full_page=True)
    link.click()
    page.fill("#id_budget-0-explanation", "Två halvdagar i stadshuset, 2 000 kr styck.")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara utkast").click()
    assert BudgetLine.objects.get(visit__isnull=True).amount_sek == 4000
    shown = re.sub(r"\s", "", page.locator("#budget-total").inner_text())
    assert f"{total + 4000:,}".replace(",", "") in shown


@pytest.mark.parametrize("width", [1280, 390])
def test_the_report_cost_step_sets_the_actual_costs_beside_the_grant(page, width):
    from reporting.models import ReportCost
    from tests.reporting.factories import decided_grant, granted_case, report_of

    application, people = granted_case()
    coordinator = people["coordinator"]
    EmailAddress.objects.create(
        user=coordinator, email=coordinator.email, verified=True, primary=True
    )
    decided_grant(application, {"travel": (40_000, 32_000), "meetings": (10_000, 10_000)})
    report = report_of(application)
    travel, _meetings = people["lines"]
    ReportCost.objects.create(report=report, budget_line=travel, actual_sek=35_500)
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, coordinator.email)
    page.goto(reverse("reporting:step", args=[report.pk, "costs"]))
    comparison = page.locator("#grant-comparison")
    assert comparison.is_visible()
    # Budgeted 50 000, granted 42 000, spent 35 500: 6 500 less than granted.
    total = re.sub(r"\s", "", comparison.locator("tfoot").first.inner_text())
    assert total.endswith("500004200035500-6500")
    assert_accessible(page)
    assert no_horizontal_scroll(page)
    page.screenshot(path=f"/tmp/report-costs-{width}.png", full_page=True)


@pytest.mark.parametrize(
    ("width", "language"), [(1280, "sv"), (390, "sv"), (1280, "en"), (390, "en")]
)
def test_the_coordinator_ticks_who_travels_and_the_budget_counts_them(
    page, reference_data, width, language
):
    """Issue 20, item 2: each visit lists which team members travel. The team exists, so the
    visit offers it; two of the Swedish team go to Kenya and the budget counts two."""
    from django.utils import translation

    from applications.models import Participant

    load_example_norms()
    application = valid_forberedelse(language="sv")
    coordinator = application.created_by
    EmailAddress.objects.create(
        user=coordinator, email=coordinator.email, verified=True, primary=True
    )
    swedes = list(Participant.objects.filter(application=application, party="swedish"))
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, coordinator.email)
    with translation.override(language):
        page.goto(reverse("applications:step", args=[application.pk, "visits"]))
    fill_visit(page, 0, host="partner", participants="4", days="5")
    page.check(f"input[name='visits-0-travellers'][value='{swedes[0].pk}']")
    page.check(f"input[name='visits-0-travellers'][value='{swedes[1].pk}']")
    assert_accessible(page)
    assert no_horizontal_scroll(page)
    page.locator("input[name='visits-0-travellers']").first.scroll_into_view_if_needed()
    page.screenshot(path=f"/tmp/grant-travellers-{language}-{width}.png", full_page=True)
    button = {"sv": "Spara och fortsätt", "en": "Save and continue"}[language]
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()
    assert "/budget/" in page.url
    expected = {"sv": "2 personer × 5 dygn ×", "en": "2 people × 5 days ×"}[language]
    assert page.get_by_text(expected).first.is_visible()
    assert_accessible(page)
    page.screenshot(path=f"/tmp/grant-travellers-budget-{language}-{width}.png", full_page=True)
