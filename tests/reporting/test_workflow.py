import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext

from core.models import OutgoingEmail
from reporting import workflow
from reporting.models import Report, ReportEvent
from tests.concurrency import at_once
from tests.factories import make_staff
from tests.reporting.factories import complete_report, granted_case, report_of


@pytest.fixture
def case(db):
    return granted_case()


def test_a_coordinator_submits_a_complete_report_with_an_audit_entry(
    case, django_capture_on_commit_callbacks
):
    application, people = case
    report = complete_report(application, people)
    with django_capture_on_commit_callbacks():
        workflow.submit_report(report=report, by=people["coordinator"])
    report.refresh_from_db()
    assert report.status == "submitted"
    assert report.submitted_by == people["coordinator"]
    event = ReportEvent.objects.get()
    assert (event.from_status, event.to_status, event.actor) == (
        "draft",
        "submitted",
        people["coordinator"],
    )


def test_an_incomplete_report_cannot_be_submitted(case):
    application, people = case
    report = report_of(application)
    with pytest.raises(ValidationError) as error:
        workflow.submit_report(report=report, by=people["coordinator"])
    assert gettext("Describe the activities carried out.") in error.value.messages
    assert Report.objects.get().status == "draft"


@pytest.mark.parametrize("persona", ["reader", "editor", "outsider"])
def test_only_a_coordinator_submits(case, persona):
    application, people = case
    report = complete_report(application, people)
    with pytest.raises(PermissionDenied):
        workflow.submit_report(report=report, by=people[persona])


def test_staff_approve_a_submitted_report_and_the_coordinator_is_told(case):
    application, people = case
    report = complete_report(application, people, status="submitted")
    report.submitted_by = people["coordinator"]
    report.save()
    workflow.make_staff_transition(report=report, name="approve", by=make_staff())
    assert Report.objects.get().status == "approved"
    email = OutgoingEmail.objects.get()
    assert email.recipient == people["coordinator"].email
    assert f"/{report.pk}/" in email.body


def test_an_illegal_transition_is_refused(case):
    application, people = case
    report = complete_report(application, people)
    with pytest.raises(ValidationError):
        workflow.make_staff_transition(report=report, name="approve", by=make_staff())
    assert Report.objects.get().status == "draft"
    assert not ReportEvent.objects.exists()


def test_returning_needs_a_comment_which_reaches_the_coordinator(case):
    application, people = case
    report = complete_report(application, people, status="submitted")
    staff = make_staff()
    with pytest.raises(ValidationError):
        workflow.make_staff_transition(report=report, name="return", by=staff, comment="  ")
    workflow.make_staff_transition(
        report=report, name="return", by=staff, comment="Fyll i kostnaderna."
    )
    assert Report.objects.get().status == "returned"
    assert ReportEvent.objects.get().comment == "Fyll i kostnaderna."
    assert "Fyll i kostnaderna." in OutgoingEmail.objects.get().body


def test_a_returned_report_can_be_submitted_again(case, django_capture_on_commit_callbacks):
    application, people = case
    report = complete_report(application, people, status="returned")
    with django_capture_on_commit_callbacks():
        workflow.submit_report(report=report, by=people["coordinator"])
    assert Report.objects.get().status == "submitted"


def test_someone_who_is_not_staff_cannot_approve(case):
    application, people = case
    report = complete_report(application, people, status="submitted")
    with pytest.raises(PermissionDenied):
        workflow.make_staff_transition(report=report, name="approve", by=people["coordinator"])


@pytest.mark.django_db(transaction=True)
def test_two_staff_approving_at_once_give_one_approval(reference_data):
    application, people = granted_case()
    report = complete_report(application, people, status="submitted")
    staff = [make_staff(username="s1"), make_staff(username="s2")]
    outcomes = at_once(
        lambda person: workflow.make_staff_transition(report=report, name="approve", by=person),
        staff,
    )
    assert sorted(outcomes) == ["approved", "refused"]
    assert ReportEvent.objects.filter(to_status="approved").count() == 1
    assert OutgoingEmail.objects.count() == 1
