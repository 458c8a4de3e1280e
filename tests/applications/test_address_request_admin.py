"""ICLD staff read the requests to join a case with another address in the admin (issue 15): who
asked with which address on which invitation, and its history. The case's coordinator decides
them on the portal; nobody changes, adds or deletes one in the admin."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.utils import translation

from applications import workflow
from applications.models import AddressRequest
from tests.factories import ApplicationFactory, UserFactory, make_coordinator

from .test_contributors import invite

pytestmark = pytest.mark.django_db

LIST = "/admin/applications/addressrequest/"


@pytest.fixture(autouse=True)
def in_english():
    with translation.override("en"):
        yield


def ask(case, email: str) -> AddressRequest:
    """Someone signed in as `email` asks to join on an invitation to invited-`email`."""
    _invitation, token = invite(case, case.created_by, email=f"invited-{email}")
    asker = UserFactory(email=email)
    EmailAddress.objects.create(user=asker, email=email, verified=True, primary=True)
    return workflow.ask_to_join(token=token, user=asker)


@pytest.fixture
def confirmed() -> AddressRequest:
    coordinator = make_coordinator()
    case = ApplicationFactory(
        organisation=coordinator.memberships.get().organisation, created_by=coordinator
    )
    request = ask(case, "privat@example.org")
    return workflow.confirm_address(address_request=request, by=coordinator)


def test_staff_read_a_request_with_both_addresses_and_its_history(make_officer, client, confirmed):
    client.force_login(make_officer())

    listing = client.get(LIST)
    page = client.get(f"{LIST}{confirmed.pk}/change/")

    assert listing.status_code == 200
    assert "privat@example.org" in listing.text
    assert "invited-privat@example.org" in listing.text
    assert page.status_code == 200
    assert "invited-privat@example.org" in page.text
    # The history: asked by the asker, confirmed by the coordinator.
    history = page.context["inline_admin_formsets"][0].formset.queryset
    assert [(e.to_status, e.actor_id) for e in history] == [
        ("pending", confirmed.requested_by_id),
        ("confirmed", confirmed.invitation.application.created_by_id),
    ]


def test_nobody_adds_changes_or_deletes_a_request_in_the_admin(staff_client, confirmed):
    page = staff_client.get(f"{LIST}{confirmed.pk}/change/")
    changed = staff_client.post(f"{LIST}{confirmed.pk}/change/", {"status": "refused"})

    assert staff_client.get(f"{LIST}add/").status_code == 403
    assert staff_client.get(f"{LIST}{confirmed.pk}/delete/").status_code == 403
    assert changed.status_code == 403
    assert 'name="status"' not in page.text
    confirmed.refresh_from_db()
    assert confirmed.status == "confirmed"


def test_the_list_issues_a_fixed_number_of_queries(
    staff_client, confirmed, django_assert_num_queries
):
    staff_client.get(LIST)
    with django_assert_num_queries(7) as few:
        staff_client.get(LIST)
    for n in range(3):
        ask(confirmed.invitation.application, f"annan{n}@example.org")
    with django_assert_num_queries(len(few)):
        staff_client.get(LIST)
