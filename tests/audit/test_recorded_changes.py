"""Changes made through the portal's views and services leave history rows: who, what, when."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from applications import invitations, services, workflow
from applications.models import Application, Invitation, Participant, Visit
from audit.history import case_history
from tests.factories import (
    ApplicationFactory,
    ParticipantFactory,
    application_of,
    make_coordinator,
    make_staff,
    valid_forberedelse,
)
from tests.screening import screen_admissible

pytestmark = pytest.mark.django_db


def test_a_wizard_step_records_the_coordinator_and_the_changed_field(client):
    coordinator = make_coordinator()
    application = application_of(
        coordinator,
        title="Gammal titel",
    )
    client.force_login(coordinator)

    response = client.post(
        reverse("applications:step", args=[application.pk, "content"]),
        {"title": "Unga röster", "purpose": "Stärka ungas inflytande.", "save": ""},
    )

    assert response.status_code == 302
    rows = list(application.history.order_by("history_date"))
    # One history row per step save: the step's service saves the case once, under its lock.
    assert [row.title for row in rows] == ["Gammal titel", "Unga röster"]
    change = rows[1]
    assert change.history_type == "~"
    assert change.history_user == coordinator
    diff = change.diff_against(rows[0])
    assert {c.field: (c.old, c.new) for c in diff.changes}["title"] == (
        "Gammal titel",
        "Unga röster",
    )
    with translation.override("en"):
        shown = [e for e in case_history(application.pk) if e.kind == "~"]
    assert len(shown) == 1
    assert ("title", "Gammal titel", "Unga röster") in [
        (c.label, c.old, c.new) for c in shown[0].changes
    ]


def test_the_case_history_lists_the_change_field_by_field_with_the_team():
    coordinator = make_coordinator()
    application = ApplicationFactory(
        organisation=coordinator.memberships.get().organisation, title="Före"
    )
    ParticipantFactory(application=application, name="Anna Andersson")
    visit = Visit.objects.create(
        application=application, host="partner", months="3", participants=4, learning_goals="Mål"
    )
    application.title = "Efter"
    application._history_user = coordinator
    application.save()
    visit_label = f"{Visit._meta.verbose_name} #{visit.pk}"
    visit.delete()

    entries = case_history(application.pk)

    title_change = next(e for e in entries if e.kind == "~")
    assert coordinator.email in title_change.who
    assert [(c.old, c.new) for c in title_change.changes] == [("Före", "Efter")]
    assert [e.kind for e in entries if e.label == "Anna Andersson"] == ["+"]
    assert [e.kind for e in entries if e.what == visit_label] == [
        "-",
        "+",
    ]


def test_approving_an_application_records_each_participants_approval():
    application = valid_forberedelse()
    workflow.submit_application(application=application, by=application.created_by)
    staff = make_staff()
    screen_admissible(application, by=staff)
    workflow.make_staff_transition(application=application, name="approve", by=staff)

    team = Participant.objects.filter(application=application)
    assert team.count() == 6
    for person in team:
        latest = person.history.latest()
        assert latest.approved_at is not None
        assert latest.prev_record.approved_at is None


def test_inviting_an_address_again_records_the_revocation_of_the_first_invitation():
    coordinator = make_coordinator()
    application = ApplicationFactory(organisation=coordinator.memberships.get().organisation)
    first, _token = invitations.invite_contributor(
        application=application, email="kollega@example.se", role="reader", by=coordinator
    )
    invitations.invite_contributor(
        application=application, email="kollega@example.se", role="editor", by=coordinator
    )

    latest = Invitation.objects.get(pk=first.pk).history.latest()
    assert latest.revoked_at is not None
    assert latest.history_user == coordinator
    assert not hasattr(latest, "token_hash")


def test_a_copied_application_records_its_team_as_created_by_the_copier():
    coordinator = make_coordinator()
    source = ApplicationFactory(organisation=coordinator.memberships.get().organisation)
    ParticipantFactory.create_batch(2, application=source)

    copy = services.copy_application(source=source, component="projekt", by=coordinator)

    history = Participant.history.filter(application_id=copy.pk)
    assert history.count() == 2
    assert {(row.history_type, row.history_user_id) for row in history} == {("+", coordinator.pk)}


def test_a_deleted_case_keeps_its_history():
    application = ApplicationFactory()
    pk = application.pk
    application.delete()

    assert not Application.objects.filter(pk=pk).exists()
    assert [row.history_type for row in Application.history.filter(id=pk)] == ["-", "+"]
