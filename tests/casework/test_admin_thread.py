"""Staff write in a case's thread from the application's admin page: a message or an internal
note, with the session-timeout keeping of what is typed; back on the admin page once sent."""

from __future__ import annotations

import pytest
from django.urls import reverse

from casework.models import Message, MessageKind

pytestmark = pytest.mark.django_db


def test_the_admin_case_page_has_the_thread_form_and_keeps_typing(client, case, officer):
    application, _people = case
    client.force_login(officer)
    page = client.get(reverse("admin:applications_application_change", args=[application.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert f'action="{reverse("casework:thread", args=[application.pk])}"' in html
    assert 'name="internal"' in html and 'name="back" value="admin"' in html
    assert "js/session-timeout.js" in html  # what is typed survives the session's end


def test_a_note_written_in_the_admin_stays_with_staff_and_comes_back_there(client, case, officer):
    application, people = case
    client.force_login(officer)
    thread = reverse("casework:thread", args=[application.pk])
    response = client.post(
        thread, {"body": "Intern: kolla budgeten", "internal": "on", "back": "admin"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:applications_application_change", args=[application.pk]
    )
    response = client.post(thread, {"body": "Hej från ICLD", "back": "admin"})
    assert [(m.kind, m.from_staff) for m in Message.objects.order_by("pk")] == [
        (MessageKind.NOTE, True),
        (MessageKind.MESSAGE, True),
    ]
    admin_page = client.get(
        reverse("admin:applications_application_change", args=[application.pk])
    ).content.decode()
    assert "Intern: kolla budgeten" in admin_page and "Hej från ICLD" in admin_page
    client.force_login(people["coordinator"])
    seen = client.get(thread).content.decode()
    assert "Hej från ICLD" in seen and "kolla budgeten" not in seen


def test_the_coordinators_back_admin_is_ignored_and_an_empty_message_is_kept_as_typed(
    client, case, officer
):
    application, people = case
    thread = reverse("casework:thread", args=[application.pk])
    client.force_login(people["coordinator"])
    response = client.post(thread, {"body": "Fråga", "back": "admin"})
    assert response["Location"] == thread
    client.force_login(officer)
    refused = client.post(thread, {"body": "  ", "back": "admin"})
    assert refused.status_code == 400  # the thread's page, the summary linking to the field
    assert 'href="#id_body"' in refused.content.decode()
