"""The authorised signatory: a role on the membership that staff grant, audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from partnerships.models import Membership, MembershipStatus
from partnerships.selectors import is_signatory
from partnerships.services import set_signatory
from tests.factories import MembershipFactory, make_coordinator, make_staff

pytestmark = pytest.mark.django_db


def test_staff_make_a_coordinator_the_signatory_and_the_history_names_them():
    coordinator = make_coordinator()
    membership = coordinator.memberships.get()
    staff = make_staff()

    set_signatory(membership=membership, signatory=True, by=staff)

    assert is_signatory(coordinator, membership.organisation_id)
    latest = Membership.history.filter(id=membership.pk).latest("history_date")
    assert latest.is_signatory and latest.history_user == staff


def test_a_coordinator_is_not_a_signatory_until_staff_say_so():
    coordinator = make_coordinator()

    assert not is_signatory(coordinator, coordinator.memberships.get().organisation_id)


def test_a_pending_member_cannot_be_made_signatory():
    membership = MembershipFactory(status=MembershipStatus.PENDING)

    with pytest.raises(ValidationError):
        set_signatory(membership=membership, signatory=True, by=make_staff())


def test_staff_without_the_permission_cannot_grant_it():
    membership = make_coordinator().memberships.get()
    staff = make_staff(is_superuser=False)

    with pytest.raises(PermissionDenied):
        set_signatory(membership=membership, signatory=True, by=staff)
    assert not Membership.objects.get(pk=membership.pk).is_signatory


def test_nobody_makes_themselves_signatory():
    staff = make_staff()
    membership = MembershipFactory(user=staff, status=MembershipStatus.APPROVED)

    with pytest.raises(ValidationError):
        set_signatory(membership=membership, signatory=True, by=staff)


def test_staff_grant_and_revoke_the_role_in_the_admin(client):
    membership = make_coordinator().memberships.get()
    client.force_login(make_staff())
    url = reverse("admin:partnerships_membership_changelist")

    client.post(url, {"action": "grant_signatory", "_selected_action": [membership.pk]})
    assert Membership.objects.get(pk=membership.pk).is_signatory

    client.post(url, {"action": "revoke_signatory", "_selected_action": [membership.pk]})
    assert not Membership.objects.get(pk=membership.pk).is_signatory


def test_the_admin_action_needs_the_second_factor(client):
    """A staff session without the second factor is sent to type the code, nothing changes."""
    from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY

    membership = make_coordinator().memberships.get()
    client.force_login(make_staff())
    session = client.session
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [{"method": "password", "at": 0}]
    session.save()

    response = client.post(
        reverse("admin:partnerships_membership_changelist"),
        {"action": "grant_signatory", "_selected_action": [membership.pk]},
    )

    assert response.status_code == 302
    assert not Membership.objects.get(pk=membership.pk).is_signatory
