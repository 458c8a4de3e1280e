"""A Swedish municipality registers interest in a network, ICLD matches it with a partner
abroad, and the partnership appears on the network's page. The English site is used, so the
test holds whatever the Swedish catalogue says."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from networks import selectors, workflow
from networks.models import InterestRegistration
from partnerships.models import Country, PartnerSeeking, SubjectCategory
from tests.accessibility import assert_accessible
from tests.factories import NetworkFactory, PartnerSeekingFactory, UserFactory, pdf_bytes

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def english(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def kisumu_seeking_a_partner() -> PartnerSeeking:
    seeking = PartnerSeekingFactory(
        organisation_name="Kisumu County Government",
        country=Country.objects.get(code="KE"),
        published=True,
        contact_email="clerk@kisumu.example",
    )
    seeking.themes.set([SubjectCategory.objects.get(slug="gender-equality")])
    return seeking


def test_a_visitor_registers_interest_staff_match_it_and_the_partnership_appears(
    page, reference_data
):
    network = NetworkFactory(name_en="Gender equality network")
    kisumu_seeking_a_partner()

    page.goto(english("networks:list"))
    assert_accessible(page)
    page.get_by_role("link", name="Gender equality network").click()
    page.wait_for_url(f"**{english('networks:detail', network.pk)}")
    assert_accessible(page)

    page.get_by_role("link", name="Register interest").click()
    page.wait_for_url(f"**{english('networks:register', network.pk)}")
    assert_accessible(page)

    # Sent without the confirmation first: the form comes back with the input and a message.
    page.select_option("#id_organisation", label="Stockholms kommun")
    page.fill("#id_contact_name", "Eva Samordnare")
    page.fill("#id_contact_email", "eva@stockholm.se")
    page.get_by_label("Kenya").check()
    page.fill("#id_wants_to_develop", "Fler kvinnor i beslutande positioner.")
    page.get_by_role("button", name="Send the interest registration").click()
    expect(page.get_by_role("alert")).to_contain_text("nothing was sent")
    expect(page.locator("#id_contact_name")).to_have_value("Eva Samordnare")
    assert_accessible(page)

    page.get_by_label(re.compile("political support and anchoring")).check()
    page.set_input_files(
        "#id_decision",
        {"name": "Beslut KS.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()},
    )
    page.get_by_role("button", name="Send the interest registration").click()
    page.wait_for_url(f"**{english('networks:detail', network.pk)}")
    expect(page.get_by_role("status")).to_contain_text("eva@stockholm.se")
    assert_accessible(page)

    # ICLD matches the registration with the partner the admin suggests first.
    registration = InterestRegistration.objects.get()
    assert registration.decision_name == "Beslut KS.pdf"
    best = selectors.suggestions_for(registration)[0]
    assert best.candidate.name == "Kisumu County Government"
    workflow.accept_match(
        registration=registration,
        candidate_key=best.candidate.key,
        by=UserFactory(is_staff=True, is_superuser=True),
    )

    page.reload()
    partnership = page.get_by_role("link", name="Stockholms kommun – Kisumu County Government")
    expect(partnership).to_be_visible()
    assert_accessible(page)
    partnership.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Stockholms kommun – Kisumu County Government"
    )


def test_a_visitor_finds_a_partner_seeking_and_a_partner_declares_interest(page, reference_data):
    seeking = kisumu_seeking_a_partner()
    page.goto(english("networks:seeking_list"))
    page.select_option("#id_theme", "gender-equality")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"theme=gender-equality"))
    assert_accessible(page)
    page.get_by_role("link", name="Kisumu County Government").click()
    page.wait_for_url(f"**{english('networks:seeking_detail', seeking.pk)}")
    expect(page.get_by_role("link", name=re.compile("Log in as a coordinator"))).to_be_visible()
    assert "clerk@kisumu.example" not in page.content()
    assert_accessible(page)

    page.goto(english("networks:seeking_list"))
    page.get_by_role("link", name=re.compile("Declare your interest")).click()
    page.wait_for_url(f"**{english('networks:declare')}")
    assert_accessible(page)
    page.fill("#id_organisation_name", "Jinja City Council")
    page.select_option("#id_organisation_type", "municipality")
    page.select_option("#id_country", label="Uganda")
    page.get_by_label("Youth participation").check()
    page.fill("#id_description", "We want young people to take part in local decisions.")
    page.fill("#id_contact_name", "Grace")
    page.fill("#id_contact_email", "grace@jinja.example")
    page.get_by_label(re.compile("We agree that ICLD publishes")).check()
    page.get_by_role("button", name="Send the declaration").click()
    page.wait_for_url(f"**{english('networks:seeking_list')}")
    expect(page.get_by_role("status")).to_contain_text("ICLD has received your declaration")
    assert_accessible(page)
    assert not PartnerSeeking.objects.get(organisation_name="Jinja City Council").published
