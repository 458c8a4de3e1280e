"""Finding 2 of the security review: nobody at ICLD decides their own membership, application,
participant change or report; and a staff decision needs the model permission."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from applications import workflow
from applications.models import ApplicationStatus
from partnerships.models import Membership, MembershipStatus
from partnerships.workflow import approve_membership
from reporting import workflow as report_workflow
from tests.factories import (
    ApplicationFactory,
    ContributorFactory,
    MembershipFactory,
    ParticipantChangeFactory,
    UserFactory,
    make_officer,
    make_staff,
)
from tests.reporting.factories import granted_case, report_of
from tests.screening import screen_admissible

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    """A case officer: staff with the officers' group, not a superuser."""
    return make_officer()


def test_a_case_officer_cannot_approve_their_own_membership(officer):
    membership = MembershipFactory(user=officer)
    with pytest.raises(ValidationError):
        approve_membership(membership=membership, by=officer)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.PENDING


def test_a_case_officer_approves_someone_elses_membership(officer):
    membership = MembershipFactory()
    approve_membership(membership=membership, by=officer)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.APPROVED


def test_staff_without_the_permission_decide_no_membership():
    membership = MembershipFactory()
    with pytest.raises(PermissionDenied):
        approve_membership(membership=membership, by=make_staff(is_superuser=False))


@pytest.mark.parametrize("relation", ["creator", "contributor", "pending member"])
def test_a_case_officer_cannot_review_a_case_they_take_part_in(officer, relation):
    application = ApplicationFactory(status=ApplicationStatus.SUBMITTED)
    if relation == "creator":
        application.created_by = officer
        application.save()
    elif relation == "contributor":
        ContributorFactory(application=application, user=officer, role="reader")
    else:
        MembershipFactory(user=officer, organisation=application.organisation)
    with pytest.raises(ValidationError):
        workflow.make_staff_transition(application=application, name="start_review", by=officer)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_a_case_officer_reviews_a_case_they_have_no_part_in(officer):
    application = ApplicationFactory(status=ApplicationStatus.SUBMITTED)
    screen_admissible(application, by=officer)
    assert application.status == ApplicationStatus.IN_REVIEW


def test_a_case_officer_cannot_approve_a_change_they_proposed(officer):
    change = ParticipantChangeFactory(proposed_by=officer)
    with pytest.raises(ValidationError):
        workflow.approve_change(change=change, by=officer)
    change.refresh_from_db()
    assert change.status == "pending"


def test_a_case_officer_cannot_approve_a_report_on_a_case_they_edit(officer):
    application, _people = granted_case()
    ContributorFactory(application=application, user=officer, role="editor")
    report = report_of(application, status="submitted")
    with pytest.raises(ValidationError):
        report_workflow.make_staff_transition(report=report, name="approve", by=officer)
    report.refresh_from_db()
    assert report.status == "submitted"


def test_an_account_that_is_not_staff_decides_nothing():
    with pytest.raises(PermissionDenied):
        approve_membership(membership=MembershipFactory(), by=UserFactory())


# Finding 4: copying a case takes its team's personal data along.


@pytest.mark.parametrize("persona", ["reader", "editor", "creator"])
def test_only_an_approved_coordinator_copies_a_case(client, persona):
    from django.urls import reverse

    from applications.models import Application
    from tests.factories import case_with_people

    application, people = case_with_people()
    user = people[persona]
    # A pending request to join the organisation is not a membership of it.
    Membership.objects.get_or_create(user=user, organisation=application.organisation)
    client.force_login(user)
    before = Application.objects.count()
    client.post(reverse("applications:copy", args=[application.pk]), {"component": "projekt"})
    assert Application.objects.count() == before


def test_the_coordinator_copies_a_case(client):
    from django.urls import reverse

    from applications.models import Application
    from tests.factories import case_with_people

    application, people = case_with_people()
    client.force_login(people["coordinator"])
    client.post(reverse("applications:copy", args=[application.pk]), {"component": "projekt"})
    assert Application.objects.filter(created_by=people["coordinator"]).count() == 1
