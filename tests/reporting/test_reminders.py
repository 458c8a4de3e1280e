import datetime

import pytest

from applications.models import Contributor
from reporting.reminders import reports_due
from tests.reporting.factories import granted_case, report_of

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2027, 2, 14)


@pytest.fixture
def case(settings):
    settings.REMINDER_DAYS = [14, 7, 1]
    return granted_case()


def test_coordinators_and_editors_are_reminded_14_days_before_the_due_date(case):
    application, people = case
    report = report_of(application, due_date=TODAY + datetime.timedelta(days=14))
    due = list(reports_due(TODAY))
    assert {d.recipient for d in due} == {people["coordinator"], people["editor"]}
    reminder = due[0]
    assert reminder.kind == "report_due"
    assert reminder.object_key == f"report:{report.pk}"
    assert (reminder.due_date, reminder.days_before) == (report.due_date, 14)
    assert reminder.template == "reporting/email/report_due"
    assert f"/{report.pk}/" in reminder.context["url"]


def test_readers_outsiders_and_pending_members_are_not_reminded(case):
    application, people = case
    report_of(application, due_date=TODAY + datetime.timedelta(days=7))
    recipients = {d.recipient for d in reports_due(TODAY)}
    for persona in ["reader", "outsider", "pending_colleague", "creator"]:
        assert people[persona] not in recipients


def test_no_reminder_on_other_days_or_for_submitted_reports(case):
    application, _people = case
    report_of(application, due_date=TODAY + datetime.timedelta(days=10))
    report_of(
        application,
        kind="yearly",
        project_year=1,
        due_date=TODAY + datetime.timedelta(days=7),
        status="submitted",
    )
    assert list(reports_due(TODAY)) == []


def test_a_returned_report_is_still_reminded(case):
    application, _people = case
    report_of(application, due_date=TODAY + datetime.timedelta(days=1), status="returned")
    assert {d.days_before for d in reports_due(TODAY)} == {1}


@pytest.mark.parametrize("reports", [1, 5])
def test_the_source_reads_in_a_fixed_number_of_queries(case, reports, django_assert_num_queries):
    application, _people = case
    Contributor.objects.filter(application=application).update(role="editor")
    for year in range(reports):
        report_of(
            application,
            kind="yearly",
            project_year=year + 1,
            due_date=TODAY + datetime.timedelta(days=7),
        )
    with django_assert_num_queries(3):
        due = list(reports_due(TODAY))
    assert len(due) == reports * 3


def test_the_source_is_in_the_settings():
    from django.conf import settings

    assert "reporting.reminders.reports_due" in settings.REMINDER_SOURCES


def test_the_reminder_renders_in_the_recipients_language(case):
    from django.template.loader import render_to_string

    application, _people = case
    report_of(application, due_date=TODAY + datetime.timedelta(days=7))
    due = next(iter(reports_due(TODAY)))
    body = render_to_string(f"{due.template}_body.txt", due.context)
    subject = render_to_string(f"{due.template}_subject.txt", due.context)
    assert due.context["url"] in body
    assert application.case_number in subject


def test_the_reminder_mechanism_sends_a_report_reminder_once(case):
    from core.models import OutgoingEmail
    from reminders.services import send_reminder

    application, people = case
    report_of(application, due_date=TODAY + datetime.timedelta(days=7))
    due = next(d for d in reports_due(TODAY) if d.recipient == people["coordinator"])
    assert send_reminder(due=due) is True
    assert send_reminder(due=due) is False
    assert OutgoingEmail.objects.get().recipient == people["coordinator"].email
