"""The reminders in the admin: staff look them up; nobody adds, changes or deletes one."""

import datetime

import pytest
from django.urls import reverse

from reminders.models import Reminder
from tests.factories import UserFactory, make_coordinator

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:reminders_reminder_changelist")


def make_reminder(recipient=None, **fields) -> Reminder:
    fields = {
        "kind": Reminder.Kind.APPLICATION_DEADLINE,
        "object_key": "application:1",
        "due_date": datetime.date(2031, 3, 8),
        "days_before": 7,
        **fields,
    }
    return Reminder.objects.create(recipient=recipient or UserFactory(), **fields)


def test_staff_see_the_sent_reminders(staff_client):
    make_reminder(UserFactory(email="anna@testkoping.se"), object_key="application:42")

    response = staff_client.get(CHANGELIST)

    assert response.status_code == 200
    assert "anna@testkoping.se" in response.text
    assert "application:42" in response.text


def test_staff_filter_by_kind_days_and_date(staff_client):
    make_reminder(object_key="application:1", days_before=7)
    make_reminder(object_key="report:2", kind=Reminder.Kind.REPORT_DUE, days_before=14)

    by_kind = staff_client.get(CHANGELIST, {"kind__exact": "report_due"})
    by_days = staff_client.get(CHANGELIST, {"days_before": "7"})
    by_date = staff_client.get(CHANGELIST, {"due_date__gte": "2031-03-08"})

    assert "report:2" in by_kind.text and "application:1" not in by_kind.text
    assert "application:1" in by_days.text and "report:2" not in by_days.text
    assert "application:1" in by_date.text


def test_staff_search_by_email_and_by_what_it_is_about(staff_client):
    make_reminder(UserFactory(email="anna@testkoping.se"), object_key="application:1")
    make_reminder(UserFactory(email="bo@example.se"), object_key="report:77")

    by_email = staff_client.get(CHANGELIST, {"q": "anna@testkoping"})
    by_key = staff_client.get(CHANGELIST, {"q": "report:77"})

    assert "application:1" in by_email.text and "report:77" not in by_email.text
    assert "report:77" in by_key.text and "application:1" not in by_key.text


def test_the_list_page_issues_the_same_queries_for_many_reminders(
    staff_client, django_assert_num_queries
):
    make_reminder(object_key="application:1")
    staff_client.get(CHANGELIST)  # sessions, content types and the like warmed up
    with django_assert_num_queries(8) as first:
        staff_client.get(CHANGELIST)
    for n in range(2, 12):
        make_reminder(object_key=f"application:{n}")
    with django_assert_num_queries(len(first.captured_queries)):
        staff_client.get(CHANGELIST)


def test_nobody_adds_changes_or_deletes_a_reminder(staff_client):
    reminder = make_reminder()
    change = reverse("admin:reminders_reminder_change", args=[reminder.pk])
    delete = reverse("admin:reminders_reminder_delete", args=[reminder.pk])

    assert staff_client.get(reverse("admin:reminders_reminder_add")).status_code == 403
    assert staff_client.get(change).status_code == 200  # read only
    assert staff_client.post(change, {"days_before": 1}).status_code == 403
    assert staff_client.get(delete).status_code == 403
    assert staff_client.post(delete, {"post": "yes"}).status_code == 403
    bulk = staff_client.post(
        CHANGELIST, {"action": "delete_selected", "_selected_action": [reminder.pk]}
    )
    assert bulk.status_code in {200, 302}
    reminder.refresh_from_db()
    assert reminder.days_before == 7


@pytest.mark.parametrize("who", ["anonymous", "coordinator"])
def test_people_other_than_staff_are_sent_to_the_login(client, who):
    if who == "coordinator":
        client.force_login(make_coordinator())

    response = client.get(CHANGELIST)

    assert response.status_code == 302
    assert "login" in response["Location"]
