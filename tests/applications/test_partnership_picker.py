"""Step 1's picker: partnerships of the same two organisations tell themselves apart."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import (
    ApplicationFactory,
    ComponentHistoryFactory,
    PartnerOrganisationFactory,
    PartnershipFactory,
    make_coordinator,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    coordinator = make_coordinator()
    organisation = coordinator.memberships.get().organisation
    return ApplicationFactory(organisation=organisation, created_by=coordinator), coordinator


def same_pair(organisation, partner, **fields):
    return PartnershipFactory(
        swedish_organisation=organisation, partner_organisation=partner, **fields
    )


def options(html: str) -> list[str]:
    select = re.search(r'<select name="partnership".*?</select>', html, re.S).group(0)
    return [
        o.strip() for o in re.findall(r"<option value=\"\d+\"[^>]*>(.*?)</option>", select, re.S)
    ]


def test_each_partnership_shows_its_years_components_and_status(client, draft):
    application, coordinator = draft
    partner = PartnerOrganisationFactory(name="Municipality of Gjilan")
    old = same_pair(
        application.organisation, partner, start_year=2016, end_year=2019, status="ended"
    )
    ComponentHistoryFactory(
        partnership=old, component="forberedelse", start_year=2016, end_year=2016
    )
    ComponentHistoryFactory(partnership=old, component="projekt", start_year=2017, end_year=2019)
    same_pair(application.organisation, partner, start_year=2024)
    client.force_login(coordinator)

    labels = options(
        client.get(reverse("applications:step", args=[application.pk, "partnership"])).text
    )

    assert len(set(labels)) == 2
    assert "2016–2019 · Förberedelse 2016, Projekt 2017 · Avslutat" in labels[1]
    assert "sedan 2024 · inga komponenter än · Aktivt" in labels[0]


def test_the_picker_costs_the_same_queries_for_one_partnership_as_for_six(client, draft):
    application, coordinator = draft
    client.force_login(coordinator)
    url = reverse("applications:step", args=[application.pk, "partnership"])
    partner = PartnerOrganisationFactory()
    ComponentHistoryFactory(partnership=same_pair(application.organisation, partner))
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for year in range(2017, 2022):
        ComponentHistoryFactory(
            partnership=same_pair(application.organisation, partner, start_year=year)
        )
    with CaptureQueriesContext(connection) as six:
        client.get(url)
    assert len(six.captured_queries) == len(one.captured_queries)
