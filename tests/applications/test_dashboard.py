"""Mina ärenden: what is going on, what is done, readable on a phone."""

import re

import pytest
from django.urls import reverse

from applications.models import ApplicationStatus
from tests.factories import ApplicationFactory, make_coordinator

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator():
    return make_coordinator()


def tables(html: str) -> dict[str, str]:
    """Each table by its caption."""
    return {
        re.sub(r"\s+", " ", caption).strip(): body
        for caption, body in re.findall(r"<caption>(.*?)</caption>(.*?)</table>", html, re.S)
    }


def test_a_withdrawn_case_is_listed_with_the_earlier_ones_not_as_going_on(client, coordinator):
    organisation = coordinator.memberships.get().organisation
    ApplicationFactory(organisation=organisation, created_by=coordinator, title="Pågående")
    ApplicationFactory(
        organisation=organisation,
        created_by=coordinator,
        title="Återkallad",
        status=ApplicationStatus.WITHDRAWN,
    )
    client.force_login(coordinator)
    found = tables(client.get(reverse("applications:dashboard")).text)
    assert "Pågående" in found["Pågående ansökningar"]
    assert "Återkallad" not in found["Pågående ansökningar"]
    assert "Återkallad" in found["Tidigare ansökningar"]


def test_the_status_comes_right_after_the_case_and_stays_on_a_phone(client, coordinator):
    ApplicationFactory(
        organisation=coordinator.memberships.get().organisation, created_by=coordinator
    )
    client.force_login(coordinator)
    html = client.get(reverse("applications:dashboard")).text
    headers = re.findall(r'<th scope="col"( class="[^"]*")?>([^<]+)</th>', html)
    assert [label for _c, label in headers][:2] == ["Ärende", "Status"]
    assert not headers[1][0]  # never hidden on small screens
