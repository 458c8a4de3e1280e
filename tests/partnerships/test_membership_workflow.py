"""A membership request's decision on core's transition table (partnerships/workflow.py):
each request is decided once, also when two members of staff decide it at the same moment."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from core.models import OutgoingEmail
from partnerships.models import Membership, MembershipStatus
from partnerships.workflow import MEMBERSHIP_WORKFLOW, approve_membership, decline_membership
from tests.concurrency import at_once
from tests.factories import MembershipFactory, make_staff


@pytest.fixture
def pending(db):
    return MembershipFactory(status=MembershipStatus.PENDING)


@pytest.mark.django_db
def test_a_declined_request_is_refused_a_second_decision_not_an_error(pending):
    staff = make_staff()
    decline_membership(membership=pending, by=staff)

    with translation.override("en"):
        with pytest.raises(ValidationError, match="already been decided"):
            approve_membership(membership=pending, by=staff)
        with pytest.raises(ValidationError, match="already been decided"):
            decline_membership(membership=pending, by=staff)
    assert OutgoingEmail.objects.count() == 1


@pytest.mark.django_db
def test_both_decisions_are_transitions_of_the_table_that_only_lead_out_of_pending():
    assert {t.name for t in MEMBERSHIP_WORKFLOW.staff_transitions(MembershipStatus.PENDING)} == {
        "approve",
        "decline",
    }
    assert MEMBERSHIP_WORKFLOW.staff_transitions(MembershipStatus.APPROVED) == []


@pytest.mark.django_db
def test_the_admin_action_names_a_request_decided_meanwhile_with_the_reason(
    staff_client, pending, monkeypatch
):
    # Someone else declines it between the changelist's query and the decision.
    other = make_staff(username="other")
    real_apply = MEMBERSHIP_WORKFLOW.apply

    def decided_meanwhile(obj, name, **kwargs):
        real_apply(obj, "decline", by=other)
        return real_apply(obj, name, **kwargs)

    monkeypatch.setattr(MEMBERSHIP_WORKFLOW, "apply", decided_meanwhile, raising=False)
    response = staff_client.post(
        reverse("admin:partnerships_membership_changelist"),
        {"action": "approve", "_selected_action": [pending.pk]},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 302
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(text.startswith(f"{pending}: ") for text in texts), texts


@pytest.mark.django_db(transaction=True)
def test_two_decisions_of_one_request_at_once_make_one():
    membership = MembershipFactory(status=MembershipStatus.PENDING)
    approver, decliner = make_staff(username="s1"), make_staff(username="s2")

    def decide(person):
        if person == approver:
            approve_membership(membership=membership, by=person)
        else:
            decline_membership(membership=membership, by=person)

    assert at_once(decide, [approver, decliner], done="decided") == ["decided", "refused"]
    kept = Membership.objects.filter(pk=membership.pk).first()
    assert kept is None or kept.status == MembershipStatus.APPROVED
    assert OutgoingEmail.objects.filter(recipient=membership.user.email).count() == 1
