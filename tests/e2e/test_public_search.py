"""A visitor searches the partnership database, opens a partnership and reads it in English."""

import re

import pytest
from playwright.sync_api import expect

from tests.accessibility import assert_accessible
from tests.partnerships.public_data import make_programme

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_visitor_searches_goteborg_in_kenya_and_reads_a_partnership_in_english(
    page, reference_data
):
    programme = make_programme()
    page.goto("/partnerskap/")
    assert_accessible(page)

    page.locator("#id_q").fill("Göteborg")
    page.locator("#id_country").select_option("KE")
    page.locator("#partnership-search button[type=submit]").click()
    # The script swaps the results and puts the filters in the address.
    page.wait_for_url(re.compile(r"/partnerskap/\?q=G%C3%B6teborg&country=KE"))
    # "2 partnerships found", in Swedish once the catalogue has it
    count = page.locator("#results h2").inner_text()
    assert count.startswith("2 ")
    assert page.locator("#search-status").inner_text() == count
    assert_accessible(page)

    page.get_by_role("link", name="Göteborgs kommun – Kisumu County Government").click()
    page.wait_for_url(f"**/partnerskap/{programme.goteborg_kisumu.pk}/")
    assert (
        page.get_by_role("heading", level=1).inner_text()
        == "Göteborgs kommun – Kisumu County Government"
    )
    assert_accessible(page)

    page.get_by_role("link", name="English").click()
    page.wait_for_url(f"**/en/partnerships/{programme.goteborg_kisumu.pk}/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="In Sweden").is_visible()
    assert page.get_by_role("cell", name="2016–2019").is_visible()
    assert_accessible(page)


def test_back_returns_to_the_earlier_filters(page, reference_data):
    make_programme()
    page.goto("/partnerskap/")
    page.locator("#id_status").select_option("active")
    page.wait_for_url(re.compile(r"status=active"))
    expect(page.locator("#results h2")).to_have_text(re.compile(r"^4 "))
    page.go_back()
    page.wait_for_url(re.compile(r"/partnerskap/$"))
    # The page reloads for the earlier address: wait for its results.
    expect(page.locator("#results h2")).to_have_text(re.compile(r"^8 "))
    expect(page.locator("#id_status")).to_have_value("all")
    assert_accessible(page)


def test_the_search_works_without_the_search_script(page, reference_data):
    # The enhancement script is blocked, not JavaScript as a whole: axe-core needs it to run.
    page.route("**/partnership-search.js", lambda route: route.abort())
    make_programme()
    page.goto("/partnerskap/")
    page.locator("#id_q").fill("Malmo")
    page.locator("#id_year_from").fill("2030")
    page.locator("#id_year_to").fill("2015")
    page.locator("#partnership-search button[type=submit]").click()
    page.wait_for_url(re.compile(r"q=Malmo"))
    # The error sits next to its field, and the form keeps what the visitor typed.
    assert page.locator("#id_year_to").get_attribute("aria-invalid") == "true"
    assert page.locator("#id_q").input_value() == "Malmo"
    assert_accessible(page)

    page.locator("#id_year_from").fill("")
    page.locator("#partnership-search button[type=submit]").click()
    page.wait_for_url(re.compile(r"year_from=&"))
    assert page.locator("#results h2").inner_text().startswith("1 ")
    assert_accessible(page)
