"""Partners abroad seeking a Swedish partner: the public list and pages, the declaration form
in English, and coordinators' interest."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from core.models import OutgoingEmail
from networks.models import PartnerInterest
from partnerships.models import Country, PartnerSeeking, SubjectCategory
from tests.factories import (
    CountryFactory,
    MembershipFactory,
    PartnerInterestFactory,
    PartnerSeekingFactory,
    make_coordinator,
)
from tests.networks.conftest import count_queries, english

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def country(code: str) -> Country:
    return Country.objects.get(code=code)


def theme(slug: str) -> SubjectCategory:
    return SubjectCategory.objects.get(slug=slug)


def listing(name: str, code: str = "KE", themes=(), **fields) -> PartnerSeeking:
    seeking = PartnerSeekingFactory(
        organisation_name=name,
        country=country(code),
        published=fields.pop("published", True),
        contact_name="Secret Person",
        contact_email="secret@partner.example",
        **fields,
    )
    seeking.themes.set([theme(slug) for slug in themes])
    return seeking


# --- The list ----------------------------------------------------------------------------------


def test_the_list_shows_published_listings_only(client):
    listing("Kisumu County", themes=["gender-equality"])
    listing("Hidden Council", published=False)
    response = client.get(english("networks:seeking_list"))
    assert response.status_code == 200
    assert "Kisumu County" in response.text
    assert "Hidden Council" not in response.text
    assert "1 partner found" in response.text


@pytest.mark.parametrize(
    ("params", "found"),
    [
        ({"country": "KE"}, {"Kisumu County"}),
        ({"country": "ke"}, {"Kisumu County"}),
        ({"cluster": "latin_america"}, {"Bogotá"}),
        ({"theme": "climate-environment"}, {"Bogotá", "Gulu City"}),
        ({"cluster": "east_africa", "theme": "climate-environment"}, {"Gulu City"}),
        ({}, {"Kisumu County", "Bogotá", "Gulu City"}),
    ],
)
def test_the_list_filters_by_country_cluster_and_theme(client, params, found):
    listing("Kisumu County", "KE", ["gender-equality"])
    listing("Bogotá", "CO", ["climate-environment", "gender-equality"])
    listing("Gulu City", "UG", ["climate-environment"])
    response = client.get(english("networks:seeking_list"), params)
    names = {"Kisumu County", "Bogotá", "Gulu City"}
    assert {name for name in names if f">{name}</a>" in response.text} == found


@pytest.mark.parametrize(
    "params",
    [
        {"country": "XX"},
        {"cluster": "mars"},
        {"theme": "x" * 5000},
        {"page": "abc"},
        {"theme": "\x00"},
    ],
)
def test_bad_filters_show_a_message_not_a_server_error(client, params):
    listing("Kisumu County")
    response = client.get(english("networks:seeking_list"), params)
    assert response.status_code == 200
    if "page" not in params:
        assert "Some filters could not be used" in response.text


def test_the_list_issues_the_same_number_of_queries_for_5_and_50_listings(client):
    for index in range(5):
        listing(f"Council {index}", themes=["gender-equality", "education"])
    url = english("networks:seeking_list") + "?cluster=east_africa&theme=gender-equality"
    few = count_queries(client, url)
    for index in range(5, 50):
        listing(f"Council {index}", themes=["gender-equality", "education"])
    assert count_queries(client, url) == few


def test_the_list_pages_by_25(client):
    for index in range(30):
        listing(f"Council {index}")
    response = client.get(english("networks:seeking_list"), {"page": "2"})
    assert response.text.count('class="card mb-3"') == 5


# --- One listing -------------------------------------------------------------------------------


def test_the_page_says_who_they_are_without_contact_details(client):
    seeking = listing("Kisumu County", themes=["gender-equality"], city="Kisumu")
    for url in [english("networks:seeking_detail", seeking.pk), english("networks:seeking_list")]:
        text = client.get(url).text
        assert "Kisumu County" in text
        assert "Secret Person" not in text
        assert set(EMAIL.findall(text)) <= {settings.CONTACT_EMAIL}
    text = client.get(english("networks:seeking_detail", seeking.pk)).text
    assert seeking.description in text and "Gender equality" in text


def test_an_unpublished_or_unknown_listing_is_404(client):
    seeking = listing("Hidden", published=False)
    assert client.get(english("networks:seeking_detail", seeking.pk)).status_code == 404
    assert client.get(english("networks:seeking_detail", 999999)).status_code == 404


def test_a_visitor_is_asked_to_log_in_to_express_interest(client):
    seeking = listing("Kisumu County")
    text = client.get(english("networks:seeking_detail", seeking.pk)).text
    assert "Log in as a coordinator" in text
    assert english("networks:express_interest", seeking.pk) not in text


def test_a_member_not_yet_approved_is_told_to_wait(client):
    client.force_login(MembershipFactory().user)
    seeking = listing("Kisumu County")
    text = client.get(english("networks:seeking_detail", seeking.pk)).text
    assert "Once ICLD has confirmed" in text
    assert english("networks:express_interest", seeking.pk) not in text


# --- Expressing interest -----------------------------------------------------------------------


def test_a_coordinator_expresses_interest_and_icld_is_told(client):
    coordinator = make_coordinator()
    organisation = coordinator.memberships.get().organisation
    client.force_login(coordinator)
    seeking = listing("Kisumu County")
    page = client.get(english("networks:seeking_detail", seeking.pk)).text
    assert english("networks:express_interest", seeking.pk) in page
    response = client.post(
        english("networks:express_interest", seeking.pk),
        {"organisation": organisation.pk, "message": "Vi vill arbeta med unga."},
        follow=True,
    )
    assert "ICLD has received your interest" in response.text
    interest = PartnerInterest.objects.get()
    assert (interest.seeking, interest.organisation, interest.user) == (
        seeking,
        organisation,
        coordinator,
    )
    email = OutgoingEmail.objects.get(recipient=settings.CONTACT_EMAIL)
    assert "secret@partner.example" in email.body  # ICLD's mailbox may see the contact
    assert coordinator.email in email.body
    assert f"/admin/networks/partnerinterest/{interest.pk}/change/" in email.body


def test_expressing_interest_twice_is_refused_with_a_message(client):
    coordinator = make_coordinator()
    organisation = coordinator.memberships.get().organisation
    seeking = listing("Kisumu County")
    PartnerInterestFactory(seeking=seeking, organisation=organisation, user=coordinator)
    client.force_login(coordinator)
    response = client.post(
        english("networks:express_interest", seeking.pk), {"organisation": organisation.pk}
    )
    assert response.status_code == 200
    assert "already expressed interest" in response.text
    assert PartnerInterest.objects.count() == 1


def test_a_visitor_posting_interest_is_sent_to_log_in(client):
    seeking = listing("Kisumu County")
    response = client.post(english("networks:express_interest", seeking.pk), {})
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert PartnerInterest.objects.count() == 0


def test_a_pending_member_cannot_express_interest(client):
    membership = MembershipFactory()
    client.force_login(membership.user)
    seeking = listing("Kisumu County")
    response = client.post(
        english("networks:express_interest", seeking.pk),
        {"organisation": membership.organisation.pk},
    )
    assert response.status_code == 200
    assert PartnerInterest.objects.count() == 0


def test_interest_in_an_unpublished_listing_is_404(client):
    coordinator = make_coordinator()
    client.force_login(coordinator)
    seeking = listing("Hidden", published=False)
    organisation = coordinator.memberships.get().organisation
    response = client.post(
        english("networks:express_interest", seeking.pk), {"organisation": organisation.pk}
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"organisation": "999999"},
        {"organisation": "abc", "message": "x" * 5000},
        {"organisation": "9" * 40},
        {"organisation": "OTHER"},  # another organisation's id
    ],
)
def test_garbage_interest_is_answered_with_a_message_never_a_500(client, data):
    coordinator = make_coordinator()
    client.force_login(coordinator)
    seeking = listing("Kisumu County")
    if data.get("organisation") == "OTHER":
        data = {"organisation": make_coordinator().memberships.get().organisation.pk}
    response = client.post(english("networks:express_interest", seeking.pk), data)
    assert response.status_code == 200
    assert "Some fields need attention; nothing was sent." in response.text
    assert PartnerInterest.objects.count() == 0


def test_interest_only_answers_post(client):
    client.force_login(make_coordinator())
    seeking = listing("Kisumu County")
    assert client.get(english("networks:express_interest", seeking.pk)).status_code == 405


# --- The declaration of interest, in English ----------------------------------------------------


def declaration(**overrides) -> dict:
    data = {
        "organisation_name": "Jinja City Council",
        "organisation_type": "municipality",
        "country": str(country("UG").pk),
        "city": "Jinja",
        "themes": [str(theme("youth-participation").pk)],
        "description": "We want young people to take part in local decisions.",
        "contact_name": "Grace Town Clerk",
        "contact_email": "clerk@jinja.example",
        "publish_consent": "on",
    }
    return data | overrides


def test_the_declaration_form_is_on_the_english_site(client):
    with translation.override("sv"):
        swedish = reverse("networks:declare")
    response = client.get(swedish)
    assert response.status_code == 302
    assert response["Location"] == english("networks:declare")
    response = client.get(english("networks:declare"))
    assert '<html lang="en">' in response.text
    assert "Declare interest in a Swedish partner" in response.text


def test_a_partner_declares_interest_and_it_waits_for_icld_to_publish(client):
    response = client.post(english("networks:declare"), declaration(), follow=True)
    assert "ICLD has received your declaration" in response.text
    seeking = PartnerSeeking.objects.get()
    assert not seeking.published
    assert (seeking.organisation_name, seeking.country.code, seeking.contact_email) == (
        "Jinja City Council",
        "UG",
        "clerk@jinja.example",
    )
    assert [t.slug for t in seeking.themes.all()] == ["youth-participation"]
    assert "Jinja City Council" not in client.get(english("networks:seeking_list")).text
    receipt = OutgoingEmail.objects.get(recipient="clerk@jinja.example")
    assert receipt.language == "en"
    staff = OutgoingEmail.objects.get(recipient=settings.CONTACT_EMAIL)
    assert f"/admin/partnerships/partnerseeking/{seeking.pk}/change/" in staff.body


@pytest.mark.parametrize(
    "garbage",
    [
        {},
        {"country": "999999", "themes": ["999999"], "organisation_type": "castle"},
        {"country": "abc", "themes": "x", "publish_consent": ""},
        {"organisation_name": "x" * 5000, "description": "x" * 5000, "city": "x" * 500},
        {"contact_email": "no", "contact_name": ""},
        {"country": "9" * 40},
        {"country": "CONTINUING"},  # a new partnership cannot start there
    ],
)
def test_garbage_declarations_are_answered_with_the_form_never_a_500(client, garbage):
    data = valid = declaration(**garbage) if garbage else {}
    if garbage.get("country") == "CONTINUING":
        valid["country"] = str(CountryFactory(code="MZ", status="continuing").pk)
    response = client.post(english("networks:declare"), data)
    assert response.status_code == 200
    assert "Some fields need attention; nothing was sent." in response.text
    assert PartnerSeeking.objects.count() == 0
    if garbage and "organisation_name" not in garbage:
        assert 'value="Jinja City Council"' in response.text


def test_pages_only_answer_the_methods_they_use(client):
    assert client.post(english("networks:seeking_list")).status_code == 405
    seeking = listing("Kisumu County")
    assert client.post(english("networks:seeking_detail", seeking.pk)).status_code == 405
    assert client.delete(english("networks:declare")).status_code == 405
