"""An invitation opened by someone signed in with another address than the invited one (issue 15:
"an invitation is accepted only by an account whose verified address is the invited one (or the
coordinator confirms a different address)"). They may ask to join; a coordinator of the case
sees both addresses and confirms or refuses; only a confirmation gives access. A forwarded link
shows a stranger nothing of the case until then."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from applications import invitations, workflow
from applications.models import AddressRequest, AddressRequestEvent, Contributor
from core.models import OutgoingEmail
from tests.factories import UserFactory, application_of, make_coordinator

from .test_contributors import invite, invitee

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    # Messages are asserted in English, the source language, whatever the catalogue says.
    with translation.override("en"):
        yield


def url(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def case():
    coordinator = make_coordinator(first_name="Cecilia", language="sv")
    application = application_of(
        coordinator,
        title="Unga röster i Kisumu",
    )
    invitation, token = invite(application, coordinator, email="gustav@kommun.example")
    OutgoingEmail.objects.all().delete()  # the invitation's own message
    return application, coordinator, invitation, token


def test_a_forwarded_link_shows_a_stranger_nothing_until_the_coordinator_confirms(client, case):
    application, coordinator, _invitation, token = case
    stranger = invitee("privat@example.org", language="en")
    client.force_login(stranger)

    asked = client.post(url("applications:ask_to_join", token))
    page = client.get(url("applications:accept_invitation", token))

    assert asked.status_code == 302
    assert page.status_code == 403
    assert "Unga röster i Kisumu" not in page.text
    assert "You get access to the case when the coordinator confirms it" in page.text
    assert client.get(url("applications:case", application.pk)).status_code == 404
    assert not Contributor.objects.filter(user=stranger).exists()

    request = AddressRequest.objects.get()
    workflow.confirm_address(address_request=request, by=coordinator)

    assert client.get(url("applications:case", application.pk)).status_code == 200
    assert Contributor.objects.get(user=stranger).role == "reader"


def test_the_coordinator_sees_both_addresses_and_is_told_in_their_language(client, case):
    application, coordinator, _invitation, token = case
    stranger = invitee("privat@example.org")
    stranger.email = "privat@example.org"
    stranger.save()
    workflow.ask_to_join(token=token, user=stranger)

    mail = OutgoingEmail.objects.get(recipient=coordinator.email)
    assert mail.language == "sv"
    assert "privat@example.org" in mail.body and "gustav@kommun.example" in mail.body
    client.force_login(coordinator)
    page = client.get(url("applications:contributors", application.pk))
    assert "privat@example.org" in page.text and "gustav@kommun.example" in page.text


@pytest.mark.parametrize("decision", ["confirm", "refuse"])
def test_the_decision_is_recorded_and_e_mailed_to_the_asker_in_their_language(
    client, case, decision, django_capture_on_commit_callbacks
):
    application, coordinator, invitation, token = case
    stranger = invitee("privat@example.org", language="en")
    request = workflow.ask_to_join(token=token, user=stranger)
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("applications:decide_address_request", application.pk, request.pk, decision)
        )

    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == {"confirm": "confirmed", "refuse": "refused"}[decision]
    events = AddressRequestEvent.objects.filter(request=request).order_by("pk")
    assert [(e.actor, e.to_status) for e in events] == [
        (stranger, "pending"),
        (coordinator, request.status),
    ]
    mail = OutgoingEmail.objects.get(recipient=stranger.email)
    assert mail.language == "en"
    confirmed = decision == "confirm"
    assert Contributor.objects.filter(user=stranger).exists() is confirmed
    invitation.refresh_from_db()
    assert (invitation.accepted_by == stranger) is confirmed


def test_nobody_but_a_coordinator_of_the_case_decides_and_never_the_asker(client, case):
    application, _coordinator, _invitation, token = case
    colleague = make_coordinator(application.organisation)
    outsider = make_coordinator()
    request = workflow.ask_to_join(token=token, user=colleague)

    for who in (colleague, outsider):
        with pytest.raises(PermissionDenied):
            workflow.confirm_address(address_request=request, by=who)
    client.force_login(outsider)
    decide = url("applications:decide_address_request", application.pk, request.pk, "confirm")
    assert client.post(decide).status_code == 404
    request.refresh_from_db()
    assert request.status == "pending"


def test_a_withdrawn_invitation_cannot_be_confirmed_and_asking_twice_gives_one_request(case):
    _application, coordinator, invitation, token = case
    stranger = UserFactory(email="privat@example.org")
    first = workflow.ask_to_join(token=token, user=stranger)
    assert workflow.ask_to_join(token=token, user=stranger) == first

    invitations.revoke_invitation(invitation=invitation, by=coordinator)

    with pytest.raises(ValidationError, match="withdrawn"):
        workflow.confirm_address(address_request=first, by=coordinator)
    assert not Contributor.objects.filter(user=stranger).exists()


def test_the_invited_address_accepts_instead_of_asking(case):
    _application, _coordinator, _invitation, token = case
    with pytest.raises(ValidationError, match="accept it instead"):
        workflow.ask_to_join(token=token, user=invitee("gustav@kommun.example"))
