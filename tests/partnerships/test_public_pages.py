"""The public partnership database's pages: search list, by country, detail, organisation."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from partnerships.models import PartnershipStatus
from tests.factories import MembershipFactory, PartnerSeekingFactory
from tests.partnerships.public_data import bulk_partnerships, make_programme, organisation, partner

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def english(name: str, *args: int) -> str:
    """The English page: assertions on text hold whatever the Swedish catalogue says."""
    with translation.override("en"):
        return reverse(name, args=args)


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_list_shows_every_partnership_with_count_years_status_and_categories(client):
    programme = make_programme()
    response = client.get(english("partnerships:list"))
    assert response.status_code == 200
    assert "8 partnerships found" in response.text
    assert "Göteborgs kommun – Kisumu County Government" in response.text
    assert english("partnerships:detail", programme.malmo_bogota.pk) in response.text
    assert "2015–2019" in response.text
    assert "Gender equality" in response.text


def test_the_list_keeps_the_filters_in_the_url_and_shows_them_in_the_form(client):
    programme = make_programme()
    response = client.get(english("partnerships:list"), {"q": "Göteborg", "country": "KE"})
    assert "2 partnerships found" in response.text
    assert english("partnerships:detail", programme.goteborg_kisumu.pk) in response.text
    assert english("partnerships:detail", programme.region_kisumu.pk) in response.text
    assert 'value="Göteborg"' in response.text
    assert '<option value="KE" selected>' in response.text


def test_the_list_pages_by_25_with_the_current_page_marked(client):
    bulk_partnerships(60)
    response = client.get(reverse("partnerships:list"), {"country": "KE", "page": "2"})
    assert response.text.count('class="card mb-3"') == 25
    assert 'aria-current="page">2</a>' in response.text
    assert "?country=KE&amp;page=3" in response.text


@pytest.mark.parametrize("page", ["-1", "0", "abc", "99999", "9" * 40])
def test_a_bad_or_too_high_page_shows_a_page_instead_of_failing(client, page):
    bulk_partnerships(30)
    response = client.get(reverse("partnerships:list"), {"page": page})
    assert response.status_code == 200
    assert 'aria-current="page">' in response.text


@pytest.mark.parametrize(
    "params",
    [
        {"year_from": "abc"},
        {"year_from": "2020", "year_to": "2010"},
        {"country": "XX"},
        {"sort": "password"},
        {"q": "x" * 5000},
        {"q": "nul\x00"},
        {"municipality": "'; DROP TABLE x; --"},
    ],
)
def test_invalid_filters_show_an_error_next_to_the_field_not_a_server_error(client, params):
    make_programme()
    response = client.get(reverse("partnerships:list"), params)
    assert response.status_code == 200
    assert "is-invalid" in response.text
    assert 'aria-invalid="true"' in response.text


def test_the_fragment_holds_only_the_results_for_the_search_script(client):
    make_programme()
    response = client.get(english("partnerships:list"), {"country": "KE", "fragment": "1"})
    assert response.status_code == 200
    assert "<html" not in response.text
    assert 'data-valid="true"' in response.text
    assert "2 partnerships found" in response.text
    assert "fragment" not in response.text  # page links lead to full pages


def test_the_list_issues_the_same_number_of_queries_for_10_and_1000_rows(
    client, django_capture_on_commit_callbacks
):
    url = reverse("partnerships:list") + "?country=KE&municipality=1480&category=gender-equality"
    bulk_partnerships(10)
    few = queries(client, url)
    with django_capture_on_commit_callbacks(execute=True):  # a new data version on commit
        bulk_partnerships(990)
    # The version, the three filters' rows, the choices of the four model selects (once per
    # data version), the count and the page's rows with their further names and categories.
    assert queries(client, url) == few == 9


def test_the_detail_shows_both_sides_components_and_categories(client):
    programme = make_programme()
    partnership = programme.region_kisumu
    response = client.get(reverse("partnerships:detail", args=[partnership.pk]))
    assert response.status_code == 200
    text = response.text
    assert "Västra Götalandsregionen" in text
    assert "Göteborgs kommun" in text  # a further Swedish party
    assert "Kisumu County Government" in text
    assert "<caption" in text and '<th scope="col">' in text
    assert "2023–2024" in text


def test_an_unknown_partnership_is_404(client):
    assert client.get(reverse("partnerships:detail", args=[987654])).status_code == 404


def test_the_detail_issues_the_same_number_of_queries_for_10_and_1000_components(client):
    small = bulk_partnerships(1, components=10)[0]
    large = bulk_partnerships(1, components=1000)[0]
    few = queries(client, reverse("partnerships:detail", args=[small.pk]))
    many = queries(client, reverse("partnerships:detail", args=[large.pk]))
    # The partnership with its categories, its components, its further organisations on each
    # side (the data version is in the cache).
    assert few == many == 4


def test_the_detail_of_a_partnership_without_further_organisations_takes_two_queries(client):
    partnership = bulk_partnerships(1)[0]
    partnership.additional_swedish_organisations.clear()
    partnership.additional_partner_organisations.clear()
    url = reverse("partnerships:detail", args=[partnership.pk])
    client.get(url)  # reads the data version into the cache
    # Another query string, so not the page just cached: the partnership and its components.
    assert queries(client, url + "?from=search") == 2


def test_the_organisation_page_lists_its_partnerships_over_time(client):
    programme = make_programme()
    goteborg = organisation("1480")
    # The English page: the test reads its English text and its English links.
    translation.activate("en")
    response = client.get(reverse("partnerships:organisation", args=[goteborg.pk]))
    assert response.status_code == 200
    assert "3 partnerships through the years" in response.text
    for partnership in (
        programme.goteborg_kisumu,
        programme.goteborg_gulu,
        programme.region_kisumu,
    ):
        assert reverse("partnerships:detail", args=[partnership.pk]) in response.text
    assert reverse("partnerships:detail", args=[programme.malmo_bogota.pk]) not in response.text


def test_an_unknown_organisation_is_404(client):
    assert client.get(reverse("partnerships:organisation", args=[987654])).status_code == 404


def test_the_organisation_page_issues_the_same_number_of_queries_for_10_and_1000_rows(client):
    url = reverse("partnerships:organisation", args=[organisation("1480").pk])
    bulk_partnerships(10)
    few = queries(client, url)
    bulk_partnerships(990)
    assert queries(client, url) == few == 7


def test_by_country_groups_active_partnerships_by_cluster_and_country(client):
    programme = make_programme()
    response = client.get(english("partnerships:by_country"))
    text = response.text
    assert response.status_code == 200
    assert "East Africa" in text
    assert "Kenya: 1 partnership" in text  # the region's; Göteborg–Kisumu has ended
    assert "Uganda: 2 partnerships" in text
    assert "Colombia: 1 partnership" in text
    assert "Bosnia and Herzegovina" not in text  # only ended partnerships there
    assert english("partnerships:detail", programme.goteborg_kisumu.pk) not in text


def test_by_country_puts_countries_without_a_cluster_under_other_countries(client):
    bulk_partnerships(2, partner_organisation=partner("Hanoi People's Committee", "VN"))
    response = client.get(english("partnerships:by_country"))
    other = response.text.index("Other countries")
    assert response.text.index("Vietnam: 2 partnerships") > other


def test_by_country_issues_the_same_number_of_queries_for_10_and_1000_rows(
    client, django_capture_on_commit_callbacks
):
    url = reverse("partnerships:by_country")
    bulk_partnerships(10)
    bulk_partnerships(5, status=PartnershipStatus.ENDED)
    few = queries(client, url)
    with django_capture_on_commit_callbacks(execute=True):  # a new data version on commit
        bulk_partnerships(990)
    # The rows; the precomputed copy looked for, then written and the older ones dropped.
    assert queries(client, url) == few == 1 + 3


def test_the_pages_are_in_english_under_en(client):
    programme = make_programme()
    url = english("partnerships:detail", programme.goteborg_gulu.pk)
    assert url.startswith("/en/")
    response = client.get(url)
    assert '<html lang="en">' in response.text
    assert "Uganda" in response.text


def test_public_pages_show_no_email_address_but_icld_contact(client):
    programme = make_programme()
    MembershipFactory(organisation=organisation("1480"), user__email="coordinator@goteborg.se")
    PartnerSeekingFactory(contact_email="secret@gulu.example", published=True)
    urls = [
        reverse("partnerships:list"),
        reverse("partnerships:list") + "?q=goteborg",
        reverse("partnerships:by_country"),
        reverse("partnerships:detail", args=[programme.goteborg_gulu.pk]),
        reverse("partnerships:organisation", args=[organisation("1480").pk]),
    ]
    for url in urls:
        found = set(EMAIL.findall(client.get(url).text)) - {settings.CONTACT_EMAIL}
        assert found == set(), url


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_the_pages_only_answer_get(client, method):
    response = getattr(client, method)(reverse("partnerships:list"))
    assert response.status_code == 405
