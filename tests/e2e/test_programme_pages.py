import pytest

from pages.demo import seed_content
from tests.accessibility import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/",
    "/om-programmet/",
    "/vem-kan-soka/",
    "/programmets-regler/",
    "/ansokningsomgangar/",
    "/aktuellt/",
    "/aktuellt/ny-portal/",
    "/fragor-och-svar/",
    "/riktlinjer/",
    "/kontakt/",
    "/tillganglighet/",
    "/personuppgifter/",
    "/en/",
    "/en/application-rounds/",
    "/en/who-can-apply/",
    "/en/programme-rules/",
]


def test_every_programme_page_passes_axe_in_both_languages(page, reference_data):
    seed_content()
    for path in PAGES:
        response = page.goto(path)
        assert response.status == 200, path
        assert_accessible(page)


def test_the_menu_works_with_the_keyboard_on_a_small_screen(page, reference_data):
    page.set_viewport_size({"width": 400, "height": 800})
    page.goto("/")
    toggler = page.get_by_role("button", name="Visa eller dölj menyn")
    toggler.focus()
    page.keyboard.press("Enter")
    rounds = page.get_by_role("link", name="Ansökningsomgångar", exact=True)
    rounds.wait_for(state="visible")
    rounds.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/ansokningsomgangar/")
    assert page.get_by_role("heading", level=1).inner_text() == "Ansökningsomgångar"


def test_the_rules_page_shows_a_finding_s_rule_at_its_anchor(page, reference_data):
    page.goto("/programmets-regler/#rule-forberedelse")
    heading = page.get_by_role("heading", name="Förberedelsens team")
    assert heading.is_visible()
    page.screenshot(path="/tmp/rules-page.png")
