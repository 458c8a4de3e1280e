import pytest

from tests.accessibility import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_visitor_reads_the_home_page_and_switches_to_english(page):
    page.goto("/")
    assert page.title() == "Kommunala partnerskap – ICLD"
    assert page.locator("html").get_attribute("lang") == "sv"
    assert_accessible(page)

    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/")
    assert page.title() == "Municipal partnerships – ICLD"
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page)

    page.get_by_role("link", name="About the programme", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "About the programme"
    page.get_by_role("link", name="Svenska").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Om programmet"
    assert_accessible(page)


def test_the_skip_link_takes_keyboard_users_to_the_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hoppa till huvudinnehållet")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
