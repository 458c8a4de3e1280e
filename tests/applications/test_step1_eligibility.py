"""Step 1 judges the partner country at once (issue 18 #5): each country shows its status, and a
former country or a new partnership in a continuing country is refused there, with the reason
and what to do instead — not seven steps later on review.

Seed 002: "Utöver ovanstående länder finns följande länder där kommuner sedan tidigare har en
dialog eller genomförda/pågående Förberedelser eller Projekt. ICLD har för avsikt att tillåta att
dessa fortsätter sitt engagemang och ge finansiering"; former countries (Turkey, Belarus, India)
appear only on the older pages (DOMAIN.md).
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from applications.models import Application
from partnerships.models import Country, DialogueStatus
from tests.factories import (
    ApplicationFactory,
    ComponentHistoryFactory,
    PartnerOrganisationFactory,
    PartnershipFactory,
    make_coordinator,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(reference_data):
    coordinator = make_coordinator()
    organisation = coordinator.memberships.get().organisation
    return ApplicationFactory(organisation=organisation, created_by=coordinator), coordinator


def url(application) -> str:
    return reverse("applications:step", args=[application.pk, "partnership"])


def post_new_partner(client, application, country_code: str):
    return client.post(
        url(application),
        {
            "component": "forberedelse",
            "new_partner_name": "Partnerkommunen",
            "new_partner_country": Country.objects.get(code=country_code).pk,
            "new_partner_type": "municipality",
            "new_partner_city": "Staden",
            "next": "",
        },
    )


def partnership_in(application, country_code: str):
    return PartnershipFactory(
        swedish_organisation=application.organisation,
        partner_organisation=PartnerOrganisationFactory(
            country=Country.objects.get(code=country_code)
        ),
    )


def post_partnership(client, application, partnership):
    return client.post(
        url(application),
        {"component": "forberedelse", "partnership": partnership.pk, "next": ""},
    )


def test_each_country_is_listed_with_its_status(client, draft):
    application, coordinator = draft
    client.force_login(coordinator)
    html = client.get(url(application)).text
    select = re.search(r'<select name="new_partner_country".*?</select>', html, re.S).group(0)
    assert "Kosovo (Europa, klusterland)" in select
    assert "Moçambique (Södra Afrika, fortsättningsland)" in select
    assert "Turkiet (Europa, tidigare samarbetsland)" in select


@pytest.mark.parametrize(
    "code, reason, instead",
    [
        ("TR", "har lämnat programmet", "Välj en partner i ett av programmets länder"),
        ("MZ", "ett nytt partnerskap kan inte", "välj det partnerskapet ovan"),
    ],
)
def test_a_new_partner_in_a_former_or_continuing_country_is_refused_in_step_1(
    client, draft, code, reason, instead
):
    application, coordinator = draft
    client.force_login(coordinator)
    response = post_new_partner(client, application, code)
    assert response.status_code == 200
    text = response.text
    assert reason in text and instead in text, text[:3000]
    assert 'id="id_new_partner_country"' in text and 'aria-invalid="true"' in text
    application.refresh_from_db()
    assert application.new_partner_country.code != code  # nothing saved


def test_a_new_partner_in_a_cluster_country_is_saved(client, draft):
    application, coordinator = draft
    client.force_login(coordinator)
    response = post_new_partner(client, application, "XK")
    assert response.status_code == 302
    assert Application.objects.get(pk=application.pk).new_partner_country.code == "XK"


@pytest.mark.parametrize(
    "worked_by, may_go_on",
    [
        (None, False),
        ("stated_dialogue", False),  # counts once ICLD has confirmed it
        ("confirmed_dialogue", True),
        ("granted_forberedelse", True),
    ],
)
def test_an_existing_partnership_in_a_continuing_country_goes_on_if_it_worked_there(
    client, draft, worked_by, may_go_on
):
    application, coordinator = draft
    partnership = partnership_in(application, "MZ")
    if worked_by == "granted_forberedelse":
        ComponentHistoryFactory(
            partnership=partnership, component="forberedelse", start_year=2022, end_year=2022
        )
    elif worked_by:
        partnership.dialogues.create(
            held_on=datetime.date(2025, 3, 1),
            note="Samtal",
            status=DialogueStatus.CONFIRMED
            if worked_by == "confirmed_dialogue"
            else DialogueStatus.STATED,
            stated_by=coordinator,
        )
    client.force_login(coordinator)
    response = post_partnership(client, application, partnership)
    saved = Application.objects.get(pk=application.pk).partnership
    if may_go_on:
        assert response.status_code == 302, response.text[:2000]
        assert saved == partnership
    else:
        assert response.status_code == 200
        assert "ange den på partnerskapets sida" in response.text
        assert saved is None


def test_an_existing_partnership_in_a_former_country_is_refused(client, draft):
    application, coordinator = draft
    client.force_login(coordinator)
    response = post_partnership(client, application, partnership_in(application, "TR"))
    assert response.status_code == 200
    assert "Partnerskapet tar inte emot nya komponenter" in response.text


def test_a_draft_without_a_country_yet_is_still_saved(client, draft):
    application, coordinator = draft
    client.force_login(coordinator)
    response = client.post(url(application), {"component": "forberedelse", "next": ""})
    assert response.status_code == 302
