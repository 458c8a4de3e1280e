"""The review workflow: the table of transitions, the staff service and the admin pages."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse

from applications import workflow
from applications.models import Application, ApplicationStatus
from core.models import OutgoingEmail
from partnerships.models import ComponentHistory, Partnership
from tests.concurrency import at_once
from tests.factories import (
    in_review_case,
    make_staff,
)

pytestmark = pytest.mark.django_db
S = ApplicationStatus


@pytest.fixture
def staff():
    return make_staff(username="handlaggare")


@pytest.fixture
def in_review():
    return in_review_case("KP-2026-0042")


@pytest.mark.parametrize(
    ("status", "names"),
    [
        (S.DRAFT, []),
        (S.SUBMITTED, ["start_review"]),
        (S.IN_REVIEW, ["approve", "decline", "return"]),
        (S.RETURNED, []),
        (S.APPROVED, []),
        (S.DECLINED, []),
        (S.WITHDRAWN, []),
    ],
)
def test_staff_see_exactly_the_transitions_the_table_allows(status, names):
    assert [t.name for t in workflow.staff_transitions(status)] == names


@pytest.mark.parametrize("status", [S.DRAFT, S.SUBMITTED, S.APPROVED, S.DECLINED, S.WITHDRAWN])
def test_an_illegal_transition_is_a_clear_error_and_changes_nothing(staff, in_review, status):
    Application.objects.filter(pk=in_review.pk).update(status=status)
    with pytest.raises(ValidationError, match=r"inte möjligt|not possible"):
        workflow.make_staff_transition(application=in_review, name="approve", by=staff)
    in_review.refresh_from_db()
    assert in_review.status == status
    assert not in_review.events.exists()


@pytest.mark.parametrize("name", ["decline", "return"])
def test_declining_and_returning_need_a_comment(staff, in_review, name):
    with pytest.raises(ValidationError):
        workflow.make_staff_transition(application=in_review, name=name, by=staff, comment="  ")


def test_only_staff_make_staff_transitions(in_review):
    with pytest.raises(PermissionDenied):
        workflow.make_staff_transition(
            application=in_review, name="approve", by=in_review.created_by
        )


def test_approval_creates_the_partnership_fills_its_history_and_approves_the_team(staff, in_review):
    workflow.make_staff_transition(application=in_review, name="approve", by=staff)
    in_review.refresh_from_db()
    assert in_review.status == S.APPROVED
    partnership = Partnership.objects.get(pk=in_review.partnership_id)
    assert partnership.partner_organisation.name == "Kisumu County Government"
    history = ComponentHistory.objects.get(partnership=partnership)
    assert (history.component, history.granted) == ("forberedelse", True)
    assert not in_review.participants.filter(approved_at__isnull=True).exists()
    event = in_review.events.get()
    assert (event.actor, event.from_status, event.to_status) == (staff, S.IN_REVIEW, S.APPROVED)


def test_a_returned_application_tells_the_coordinator_why_and_can_be_submitted_again(
    client, staff, in_review
):
    workflow.make_staff_transition(
        application=in_review, name="return", by=staff, comment="Motivera deltagarna bättre."
    )
    email = OutgoingEmail.objects.get(recipient=in_review.created_by.email)
    assert "Motivera deltagarna bättre." in email.body
    client.force_login(in_review.created_by)
    page = client.get(reverse("applications:case", args=[in_review.pk]))
    assert "Motivera deltagarna bättre." in page.text
    in_review.refresh_from_db()
    assert workflow.check(in_review.status, "submit").target == S.SUBMITTED


@pytest.mark.django_db(transaction=True)
def test_two_staff_approving_at_once_give_one_approval(in_review):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    first, second = make_staff(), make_staff()  # with the permission to decide
    outcomes = at_once(
        lambda user: workflow.make_staff_transition(application=in_review, name="approve", by=user),
        [first, second],
    )
    assert sorted(outcomes) == ["approved", "refused"]
    assert ComponentHistory.objects.count() == 1
    assert in_review.events.count() == 1


def test_staff_return_an_application_from_the_admin_with_a_comment(client, staff, in_review):
    client.force_login(staff)
    change = client.get(reverse("admin:applications_application_change", args=[in_review.pk]))
    url = reverse("admin:applications_application_transition", args=[in_review.pk, "return"])
    assert url in change.text
    assert client.get(url).status_code == 200
    missing = client.post(url, {"comment": ""})
    assert missing.status_code == 200
    assert "errorlist" in missing.text
    done = client.post(url, {"comment": "Komplettera budgeten."})
    assert done["Location"] == reverse("admin:applications_application_change", args=[in_review.pk])
    in_review.refresh_from_db()
    assert in_review.status == S.RETURNED


def test_an_unknown_transition_or_case_in_the_admin_is_404(client, staff, in_review):
    client.force_login(staff)
    bad = reverse("admin:applications_application_transition", args=[in_review.pk, "explode"])
    assert client.get(bad).status_code == 404
    gone = reverse("admin:applications_application_transition", args=[999999, "approve"])
    assert client.get(gone).status_code == 404


def test_coordinators_cannot_reach_the_admin_transitions(client, in_review):
    client.force_login(in_review.created_by)
    url = reverse("admin:applications_application_transition", args=[in_review.pk, "approve"])
    response = client.post(url, {"comment": ""})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    in_review.refresh_from_db()
    assert in_review.status == S.IN_REVIEW
