"""Staff approve or decline a membership request: a service, audited, the member told."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import OutgoingEmail
from partnerships.models import Membership, MembershipStatus
from partnerships.workflow import approve_membership, decline_membership
from tests.factories import MembershipFactory, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_():
    return MembershipFactory(status=MembershipStatus.PENDING, user__language="en")


def test_approving_records_who_and_when_and_tells_the_member_in_their_language(request_):
    staff = make_staff()

    approve_membership(membership=request_, by=staff)

    request_.refresh_from_db()
    assert request_.status == MembershipStatus.APPROVED
    assert request_.decided_by == staff and request_.decided_at is not None
    latest = request_.history.latest()
    assert (latest.history_type, latest.history_user, latest.status) == ("~", staff, "approved")
    mail = OutgoingEmail.objects.get(recipient=request_.user.email)
    assert mail.subject == f"You are now a coordinator of {request_.organisation.name}"


def test_declining_removes_the_request_keeps_its_history_and_tells_the_member(request_):
    staff = make_staff()
    pk = request_.pk

    decline_membership(membership=request_, by=staff)

    assert not Membership.objects.filter(pk=pk).exists()
    deleted = Membership.history.filter(id=pk).latest()
    assert (deleted.history_type, deleted.history_user) == ("-", staff)
    mail = OutgoingEmail.objects.get(recipient=request_.user.email)
    assert "declined" in mail.body


def test_a_decided_membership_cannot_be_decided_again(request_):
    staff = make_staff()
    approve_membership(membership=request_, by=staff)

    with pytest.raises(ValidationError):
        approve_membership(membership=request_, by=staff)
    with pytest.raises(ValidationError):
        decline_membership(membership=request_, by=staff)
    assert OutgoingEmail.objects.count() == 1


def test_the_admin_action_approves_through_the_service(staff_client, request_):
    already = MembershipFactory(status=MembershipStatus.APPROVED)

    response = staff_client.post(
        reverse("admin:partnerships_membership_changelist"),
        {"action": "approve", "_selected_action": [request_.pk, already.pk]},
    )

    assert response.status_code == 302
    request_.refresh_from_db()
    assert request_.status == MembershipStatus.APPROVED
    assert request_.history.latest().history_user.username == "staff"
    assert OutgoingEmail.objects.filter(recipient=request_.user.email).count() == 1
    assert not OutgoingEmail.objects.filter(recipient=already.user.email).exists()


def test_the_admin_action_declines_through_the_service(staff_client, request_):
    staff_client.post(
        reverse("admin:partnerships_membership_changelist"),
        {"action": "decline", "_selected_action": [request_.pk]},
    )

    assert not Membership.objects.filter(pk=request_.pk).exists()
    assert OutgoingEmail.objects.filter(recipient=request_.user.email).count() == 1
