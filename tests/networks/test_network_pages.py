"""The public network pages: the list, one network, and its interest registration form."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from core.models import OutgoingEmail
from networks.models import InterestRegistration, NetworkStatus
from partnerships.models import Country, SubjectCategory, SwedishOrganisation
from tests.factories import (
    MembershipFactory,
    NetworkFactory,
    PartnershipFactory,
    UserFactory,
    docx_bytes,
    make_coordinator,
    pdf_bytes,
    xlsx_bytes,
)
from tests.networks.conftest import count_queries, english

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def stockholm() -> SwedishOrganisation:
    return SwedishOrganisation.objects.get(code="0180")


def valid_post(**overrides) -> dict:
    data = {
        "organisation": str(stockholm().pk),
        "contact_name": "Eva Samordnare",
        "contact_email": "eva@stockholm.se",
        "themes": [str(SubjectCategory.objects.get(slug="gender-equality").pk)],
        "preferred_countries": [str(Country.objects.get(code="KE").pk)],
        "preferred_cluster": "east_africa",
        "wants_to_develop": "Fler kvinnor i beslutande positioner.",
        "political_support_sought": "on",
    }
    return data | overrides


# --- The list and the page of a network ------------------------------------------------------


def test_the_list_shows_each_network_with_theme_status_region_and_partnerships(client):
    network = NetworkFactory(partnerships=[PartnershipFactory(), PartnershipFactory()])
    NetworkFactory(status=NetworkStatus.CLOSED, cluster="")
    response = client.get(english("networks:list"))
    assert response.status_code == 200
    text = response.text
    assert network.name_en in text
    assert english("networks:detail", network.pk) in text
    assert "Gender equality" in text
    assert "Open for interest registrations" in text and "Closed" in text
    assert "East Africa" in text and "All regions" in text
    assert '<dd class="col-sm-7">2</dd>' in text


def test_the_list_issues_the_same_number_of_queries_for_5_and_50_networks(client):
    for _ in range(5):
        NetworkFactory(partnerships=[PartnershipFactory()])
    few = count_queries(client, english("networks:list"))
    for _ in range(45):
        NetworkFactory(partnerships=[PartnershipFactory()])
    assert count_queries(client, english("networks:list")) == few


def test_the_page_shows_description_offers_contacts_and_partnerships(client):
    partnership = PartnershipFactory()
    network = NetworkFactory(partnerships=[partnership])
    response = client.get(english("networks:detail", network.pk))
    text = response.text
    assert network.description_en in text
    assert "Joint training" in text and "Experts in the theme" in text
    assert "Karin Projektsson" in text and "Lars Forskare" in text
    assert english("partnerships:detail", partnership.pk) in text
    assert english("networks:register", network.pk) in text


def test_the_page_is_swedish_at_the_root(client):
    network = NetworkFactory()
    with translation.override("sv"):
        response = client.get(reverse("networks:detail", args=[network.pk]))
    assert '<html lang="sv">' in response.text
    assert network.description_sv in response.text


def test_the_page_of_a_closed_network_has_no_registration(client):
    network = NetworkFactory(status=NetworkStatus.RUNNING)
    response = client.get(english("networks:detail", network.pk))
    assert english("networks:register", network.pk) not in response.text


def test_the_page_issues_the_same_number_of_queries_for_5_and_50_partnerships(client):
    network = NetworkFactory(partnerships=[PartnershipFactory() for _ in range(5)])
    few = count_queries(client, english("networks:detail", network.pk))
    network.partnerships.add(*[PartnershipFactory() for _ in range(45)])
    assert count_queries(client, english("networks:detail", network.pk)) == few


@pytest.mark.parametrize("pk", ["999999", "0"])
def test_an_unknown_network_is_404(client, pk):
    assert client.get(english("networks:detail", pk)).status_code == 404
    assert client.get(english("networks:register", pk)).status_code == 404


def test_the_pages_show_no_email_address_but_icld_contact(client):
    network = NetworkFactory(partnerships=[PartnershipFactory()])
    for url in [english("networks:list"), english("networks:detail", network.pk)]:
        assert set(EMAIL.findall(client.get(url).text)) <= {settings.CONTACT_EMAIL}


# --- Registering interest ----------------------------------------------------------------------


def test_a_visitor_registers_interest_and_gets_a_receipt_and_icld_is_told(client):
    network = NetworkFactory()
    response = client.post(english("networks:register", network.pk), valid_post(), follow=True)
    assert response.redirect_chain[-1][0] == english("networks:detail", network.pk)
    assert "ICLD has received the interest registration" in response.text
    registration = InterestRegistration.objects.get()
    assert registration.organisation == stockholm()
    assert registration.language == "en"
    assert registration.created_by is None
    assert [t.slug for t in registration.themes.all()] == ["gender-equality"]
    assert [c.code for c in registration.preferred_countries.all()] == ["KE"]
    receipt = OutgoingEmail.objects.get(recipient="eva@stockholm.se")
    assert receipt.language == "en"
    assert network.name_en in receipt.subject
    assert "Stockholms kommun" in receipt.body
    staff = OutgoingEmail.objects.get(recipient=settings.CONTACT_EMAIL)
    assert f"/admin/networks/interestregistration/{registration.pk}/change/" in staff.body


def test_the_form_preselects_the_networks_theme(client):
    network = NetworkFactory()
    response = client.get(english("networks:register", network.pk))
    assert re.search(rf'value="{network.theme_id}"[^>]*checked', response.text)


def test_a_signed_in_coordinator_has_the_organisation_filled_in(client):
    coordinator = make_coordinator(stockholm(), email="anna@stockholm.se", first_name="Anna")
    client.force_login(coordinator)
    response = client.get(english("networks:register", NetworkFactory().pk))
    assert f'<option value="{stockholm().pk}" selected>' in response.text
    assert 'value="anna@stockholm.se"' in response.text


def test_a_pending_member_has_the_organisation_filled_in_too(client):
    member = MembershipFactory(organisation=stockholm()).user
    client.force_login(member)
    response = client.get(english("networks:register", NetworkFactory().pk))
    assert f'<option value="{stockholm().pk}" selected>' in response.text


def test_the_signed_in_user_is_recorded(client):
    user = UserFactory()
    client.force_login(user)
    network = NetworkFactory()
    client.post(english("networks:register", network.pk), valid_post())
    assert InterestRegistration.objects.get().created_by == user


@pytest.mark.parametrize("status", [NetworkStatus.RUNNING, NetworkStatus.CLOSED])
def test_a_network_not_open_takes_no_registration(client, status):
    network = NetworkFactory(status=status)
    response = client.post(english("networks:register", network.pk), valid_post())
    assert response.status_code == 302
    assert InterestRegistration.objects.count() == 0
    assert client.get(english("networks:register", network.pk)).status_code == 302


def test_political_support_must_be_confirmed(client):
    network = NetworkFactory()
    data = valid_post()
    del data["political_support_sought"]
    response = client.post(english("networks:register", network.pk), data)
    assert response.status_code == 200
    assert "Confirm that political support" in response.text
    assert 'value="Eva Samordnare"' in response.text  # the input is kept
    assert InterestRegistration.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("Beslut KS.pdf", pdf_bytes(), "application/pdf"),
        (
            "beslut.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_a_decision_is_stored_privately_under_a_random_name(
    client, media_root, name, content, content_type
):
    network = NetworkFactory()
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    client.post(english("networks:register", network.pk), valid_post(decision=upload))
    registration = InterestRegistration.objects.get()
    assert registration.decision_name == name
    assert registration.decision_content_type == content_type
    assert "beslut" not in registration.decision.name.lower()
    assert registration.decision.name.startswith("network_decisions/")
    # Nothing serves the media folder: the file is reachable only through the admin.
    assert client.get(f"/media/{registration.decision.name}").status_code == 404


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("budget.xlsx", xlsx_bytes()),
        ("beslut.pdf", b"<html>not a pdf</html>"),
        ("beslut.exe", pdf_bytes()),
        ("beslut.pdf", b""),
    ],
)
def test_a_decision_that_is_not_a_document_is_refused_with_a_message(
    client, media_root, name, content
):
    network = NetworkFactory()
    upload = SimpleUploadedFile(name, content)
    response = client.post(english("networks:register", network.pk), valid_post(decision=upload))
    assert response.status_code == 200
    assert "choose it again" in response.text
    assert 'class="invalid-feedback' in response.text
    assert InterestRegistration.objects.count() == 0


TOO_LONG = "x" * 5000
GARBAGE = [
    {},
    {"organisation": "999999", "themes": ["999999"], "preferred_countries": ["999999"]},
    {"organisation": "abc", "themes": "x", "preferred_countries": ["x", "-1"]},
    {"organisation": "9" * 40, "themes": ["9" * 40], "preferred_cluster": "mars"},
    {"contact_name": TOO_LONG, "contact_email": TOO_LONG + "@x.se", "wants_to_develop": TOO_LONG},
    {"contact_email": "not an address", "contact_name": "nul\x00"},
    {"political_support_sought": "false", "decision": "not a file"},
    # A country where no new partnership may start is not a choice.
    {"preferred_countries": ["former"]},
]


@pytest.mark.parametrize("garbage", GARBAGE)
def test_garbage_is_answered_with_the_form_and_a_message_never_a_500(client, garbage):
    network = NetworkFactory()
    data = garbage if not garbage else valid_post(**garbage)
    if garbage.get("preferred_countries") == ["former"]:
        data["preferred_countries"] = [str(Country.objects.filter(status="former").first().pk)]
    response = client.post(english("networks:register", network.pk), data)
    assert response.status_code == 200
    assert "Some fields need attention; nothing was sent." in response.text
    assert InterestRegistration.objects.count() == 0
    if garbage and "contact_name" not in garbage:
        assert 'value="Eva Samordnare"' in response.text


def test_the_form_only_answers_get_and_post(client):
    network = NetworkFactory()
    assert client.put(english("networks:register", network.pk)).status_code == 405
    assert client.post(english("networks:list")).status_code == 405


def test_open_networks_come_first_then_running_then_closed(client):
    closed = NetworkFactory(name_en="A closed", status=NetworkStatus.CLOSED)
    running = NetworkFactory(name_en="B running", status=NetworkStatus.RUNNING)
    open_ = NetworkFactory(name_en="C open")
    text = client.get(english("networks:list")).text
    positions = [text.index(english("networks:detail", n.pk)) for n in (open_, running, closed)]
    assert positions == sorted(positions)


def test_the_demo_content_has_a_network_taking_interest_registrations(reference_data):
    from networks.models import Network
    from pages.demo import seed_content

    assert seed_content()["networks"] == 2
    assert seed_content()["networks"] == 0
    assert Network.objects.filter(status="open_for_interest").exists()
