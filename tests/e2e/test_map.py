"""A visitor explores the partnership map: markers, popups, filters and the world view."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from tests.accessibility import assert_accessible
from tests.partnerships.public_data import make_programme

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def map_url(language: str = "en") -> str:
    with translation.override(language):
        return reverse("partnerships:map")


def popup_shown(page) -> None:
    """Wait until the popup has faded in: axe measures contrast on what is painted."""
    expect(page.locator(".leaflet-popup")).to_have_css("opacity", "1")


@pytest.fixture
def problems(page) -> list[str]:
    """Script errors and Content-Security-Policy refusals on the page; the test expects none."""
    found: list[str] = []
    page.on("pageerror", lambda error: found.append(str(error)))
    page.on(
        "console",
        lambda message: found.append(message.text) if message.type == "error" else None,
    )
    return found


def test_a_visitor_opens_a_popup_filters_and_switches_to_the_world(page, problems, reference_data):
    make_programme()
    page.goto(map_url())
    page.get_by_role("button", name="Stockholms kommun: 2 partnerships").wait_for()
    # Göteborg and the region lie close together: one cluster counting their partnerships.
    cluster = page.get_by_role("button", name=re.compile(r"^4 partnerships in this area"))
    assert cluster.is_visible()
    assert page.locator("#map-summary").inner_text() == "8 partnerships in 5 Swedish organisations."
    assert page.locator("#map-legend-heading").inner_text() == "Partnerships per municipality"
    assert_accessible(page)

    page.get_by_role("button", name="Stockholms kommun: 2 partnerships").click()
    popup = page.locator(".leaflet-popup")
    link = popup.get_by_role("link", name="Stockholms kommun – Wuhan Municipal People's Government")
    assert link.is_visible()
    assert popup.get_by_role("link", name="Show them in the list").get_attribute("href") == (
        "/en/partnerships/?municipality=0180"
    )
    popup_shown(page)
    assert_accessible(page)

    # The filters redraw the map without a reload and keep the address shareable.
    page.locator("#id_country").select_option("KE")
    page.wait_for_url(re.compile(r"\?country=KE"))
    page.get_by_role("button", name=re.compile(r"^3 partnerships in this area")).click()
    # The cluster opens up into its organisations.
    page.get_by_role("button", name="Göteborgs kommun: 2 partnerships").wait_for()
    assert page.get_by_role("button", name="Västra Götalandsregionen: 1 partnership").is_visible()
    assert page.locator("#map-summary").inner_text() == "2 partnerships in 2 Swedish organisations."
    assert page.get_by_role("link", name="Show as list").get_attribute("href") == (
        "/en/partnerships/?country=KE&status=all"
    )
    assert page.get_by_role("button", name="Stockholms kommun: 2 partnerships").count() == 0

    page.get_by_role("button", name="World").click()
    expect(page.get_by_role("button", name="World")).to_have_attribute("aria-pressed", "true")
    page.locator("#map-legend-heading", has_text="Partnerships per partner country").wait_for()
    assert page.locator("path.map-shape").count() > 150  # the world's countries
    assert page.locator("path.map-shape:not(.map-shade-0):not(.map-shade-home)").count() == 1
    assert_accessible(page)

    page.get_by_role("button", name="Sweden").click()
    page.get_by_role("button", name=re.compile(r"partnerships")).first.wait_for()
    page.get_by_role("link", name="Show as list").click()
    page.wait_for_url("**/en/partnerships/?country=KE&status=all")
    assert page.get_by_role("link", name="Göteborgs kommun – Kisumu County Government").is_visible()
    assert problems == []


def test_a_keyboard_user_opens_and_closes_a_popup(page, problems, reference_data):
    make_programme()
    page.goto(map_url())
    marker = page.get_by_role("button", name="Malmö kommun: 2 partnerships")
    marker.focus()
    page.keyboard.press("Enter")
    heading = page.locator(".leaflet-popup .map-popup-heading")
    heading.wait_for()
    assert heading.evaluate("el => el === document.activeElement")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").startswith("Malmö kommun – ")
    page.keyboard.press("Escape")
    heading.wait_for(state="detached")
    assert marker.evaluate("el => el === document.activeElement")
    assert problems == []


def test_the_swedish_map_page_passes_axe(page, problems, reference_data):
    make_programme()
    page.goto(map_url("sv"))
    page.locator(".map-marker").first.wait_for()
    assert page.locator("html").get_attribute("lang") == "sv"
    assert_accessible(page)
    assert problems == []


def test_without_javascript_the_filters_summary_and_list_link_still_work(
    browser, live_server, reference_data
):
    make_programme()
    context = browser.new_context(
        base_url=live_server.url, locale="en-GB", java_script_enabled=False
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto(map_url())
        assert page.get_by_text("The map needs JavaScript.").is_visible()
        assert not page.get_by_role("button", name="World").is_visible()
        page.locator("#id_country").select_option("KE")
        page.get_by_role("button", name="Show on the map").click()
        page.wait_for_url(re.compile(r"country=KE"))
        summary = "2 partnerships in 2 Swedish organisations."
        assert page.locator("#map-summary").inner_text() == summary
        assert "country=KE" in page.get_by_role("link", name="Show as list").get_attribute("href")
        # axe-core is a script: with scripts off it never answers. Check the same address with
        # scripts on instead.
        url = page.url
    finally:
        context.close()
    page = browser.new_page(base_url=live_server.url)
    try:
        page.goto(url)
        page.locator(".map-marker").first.wait_for()
        assert_accessible(page)
    finally:
        page.close()
