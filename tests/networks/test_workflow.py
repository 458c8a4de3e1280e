"""An interest registration's decision on core's transition table (networks/workflow.py):
matched or declined once, also when two members of staff decide it at the same moment."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from networks import workflow
from networks.models import InterestRegistration, RegistrationStatus
from tests.concurrency import at_once
from tests.factories import InterestRegistrationFactory, UserFactory, make_staff


@pytest.mark.django_db
def test_a_declined_registration_is_refused_a_second_decision():
    registration = InterestRegistrationFactory()
    staff = make_staff()
    workflow.decline_registration(registration=registration, by=staff)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.DECLINED
    assert registration.decided_by == staff and registration.decided_at is not None
    with translation.override("en"):
        with pytest.raises(ValidationError, match="already been decided"):
            workflow.decline_registration(registration=registration, by=staff)
        with pytest.raises(ValidationError, match="already been decided"):
            workflow.accept_match(registration=registration, candidate_key="partner:1", by=staff)


@pytest.mark.django_db
def test_only_staff_who_may_change_registrations_decide_them():
    registration = InterestRegistrationFactory()
    for user in (UserFactory(), UserFactory(is_staff=True)):
        with pytest.raises(PermissionDenied):
            workflow.decline_registration(registration=registration, by=user)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.NEW


@pytest.mark.django_db(transaction=True)
def test_two_declines_of_one_registration_at_once_decide_it_once():
    registration = InterestRegistrationFactory()
    people = [make_staff(username="s1"), make_staff(username="s2")]

    outcomes = at_once(
        lambda person: workflow.decline_registration(registration=registration, by=person),
        people,
        done="declined",
    )

    assert outcomes == ["declined", "refused"]
    registration = InterestRegistration.objects.get(pk=registration.pk)
    assert registration.status == RegistrationStatus.DECLINED
    assert registration.decided_by in people
