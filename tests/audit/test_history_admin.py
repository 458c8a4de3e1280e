"""Staff read the history in the admin; nobody can add, change, delete or revert it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from applications.models import Application, Participant
from audit.models import TRACKED
from tests.factories import (
    ApplicationFactory,
    ParticipantFactory,
    UserFactory,
    case_with_people,
)

pytestmark = pytest.mark.django_db


def history_url(application_id: int) -> str:
    return reverse("admin:audit_case_history", args=[application_id])


def historical_admin_url(model, action: str, *args) -> str:
    opts = model.history.model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{action}", args=args)


def test_staff_read_a_cases_history_with_who_and_what_changed(staff_client):
    editor = UserFactory(first_name="Eva", last_name="Ek")
    application = ApplicationFactory(title="Före")
    application.title = "Efter"
    application._history_user = editor
    application.save()
    ParticipantFactory(application=application, name="Anna Andersson")

    response = staff_client.get(history_url(application.pk))

    assert response.status_code == 200
    table = response.text[response.text.index('id="case-history"') :]
    assert "Eva Ek" in table and editor.email in table
    assert "<del>Före</del> → <ins>Efter</ins>" in table
    assert "Anna Andersson" in table


def test_the_history_of_a_deleted_case_can_still_be_read(staff_client):
    application = ApplicationFactory(title="Borttagen")
    Application.history.create(
        id=application.pk,
        history_type="-",
        history_date=application.updated_at,
        **{
            f.attname: getattr(application, f.attname)
            for f in Application._meta.concrete_fields
            if f.attname != "id"
        },
    )
    pk = application.pk
    Application.objects.filter(pk=pk)._raw_delete(Application.objects.db)

    assert staff_client.get(history_url(pk)).status_code == 200
    assert staff_client.get(history_url(pk + 1000)).status_code == 404


def test_the_case_history_page_issues_the_same_queries_for_1_and_20_people(
    staff_client, django_assert_num_queries
):
    small, large = ApplicationFactory(), ApplicationFactory()
    ParticipantFactory(application=small)
    ParticipantFactory.create_batch(20, application=large)
    staff_client.get(history_url(small.pk))  # sessions, MFA state and content types warmed

    with django_assert_num_queries(12) as small_queries:
        staff_client.get(history_url(small.pk))
    with django_assert_num_queries(len(small_queries)):
        staff_client.get(history_url(large.pk))


def test_people_without_staff_rights_cannot_read_the_history(client):
    application, people = case_with_people()
    assert client.get(history_url(application.pk)).status_code == 302  # to the admin login
    for persona in ("coordinator", "reader", "outsider"):
        client.force_login(people[persona])
        response = client.get(history_url(application.pk))
        assert response.status_code == 302, persona
        assert "Före" not in response.text


@pytest.mark.parametrize("tracked", TRACKED, ids=lambda t: t.model.__name__)
def test_every_history_admin_is_read_only_even_for_a_superuser(staff_client, tracked):
    model_admin_changelist = historical_admin_url(tracked.model, "changelist")

    assert staff_client.get(model_admin_changelist).status_code == 200
    assert staff_client.get(historical_admin_url(tracked.model, "add")).status_code == 403


def test_a_post_to_change_or_delete_a_historical_record_is_refused(staff_client):
    person = ParticipantFactory(name="Anna Andersson")
    record = person.history.get()

    change = historical_admin_url(Participant, "change", record.pk)
    assert staff_client.get(change).status_code == 200  # readable
    refused = staff_client.post(change, {"name": "Someone Else", "history_type": "~"})
    assert refused.status_code == 403
    delete = historical_admin_url(Participant, "delete", record.pk)
    assert staff_client.post(delete, {"post": "yes"}).status_code == 403
    bulk = staff_client.post(
        historical_admin_url(Participant, "changelist"),
        {"action": "delete_selected", "_selected_action": [record.pk], "post": "yes"},
    )
    assert bulk.status_code in (200, 302)
    record.refresh_from_db()
    assert record.name == "Anna Andersson"
    assert Participant.history.count() == 1


def test_the_superuser_sees_no_button_that_would_change_the_history(staff_client):
    person = ParticipantFactory()
    record = person.history.get()

    page = staff_client.get(historical_admin_url(Participant, "change", record.pk)).text
    listing = staff_client.get(historical_admin_url(Participant, "changelist")).text

    assert 'type="submit"' not in page[page.index('id="content-main"') :]
    assert historical_admin_url(Participant, "add") not in listing
    assert 'name="action"' not in listing


def test_the_applications_own_history_page_links_to_the_full_case_history(staff_client):
    application = ApplicationFactory()

    page = staff_client.get(
        reverse("admin:applications_application_history", args=[application.pk])
    )

    assert page.status_code == 200
    assert history_url(application.pk) in page.text
