"""Case officers: staff assign and reassign, one case or many; every change is in the log."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from applications.models import Application
from casework.models import Assignment, CaseOfficer
from casework.services import assign_officer
from tests.factories import ApplicationFactory, UserFactory, as_staff

pytestmark = pytest.mark.django_db


def test_assigning_and_reassigning_keeps_every_change_in_the_log(make_officer):
    first, second, lead = make_officer(), make_officer(), as_staff(make_officer())
    case = ApplicationFactory(status="submitted")
    assert assign_officer(applications=[case], officer=first, by=lead) == 1
    assert assign_officer(applications=[case], officer=first, by=lead) == 0  # no change, no entry
    assert assign_officer(applications=[case], officer=second, by=lead) == 1
    assert CaseOfficer.objects.get(application=case).officer == second
    log = [(a.previous_id, a.officer_id, a.assigned_by_id) for a in Assignment.objects.all()]
    assert log == [(None, first.pk, lead.pk), (first.pk, second.pk, lead.pk)]


def test_only_a_member_of_the_officers_group_can_be_made_officer(make_officer):
    lead = as_staff(make_officer())
    with pytest.raises(ValidationError):
        assign_officer(
            applications=[ApplicationFactory()], officer=UserFactory(is_staff=True), by=lead
        )
    assert not CaseOfficer.objects.exists()


def test_staff_without_a_second_factor_session_assign_nobody(make_officer):
    lead = make_officer()  # no second_factor on this user: a session that did not pass it
    with pytest.raises(PermissionDenied):
        assign_officer(applications=[ApplicationFactory()], officer=make_officer(), by=lead)
    with pytest.raises(PermissionDenied):
        assign_officer(applications=[ApplicationFactory()], officer=lead, by=UserFactory())


def test_staff_assign_a_round_of_submissions_in_bulk_from_the_changelist(client, make_officer):
    lead, officer = make_officer(), make_officer(first_name="Berit", last_name="Handläggare")
    cases = [ApplicationFactory(status="submitted") for _ in range(3)]
    other = ApplicationFactory(status="submitted")
    client.force_login(lead)
    url = reverse("admin:applications_application_changelist")
    chosen = {"action": "assign_officer", "_selected_action": [c.pk for c in cases]}
    page = client.post(url, chosen)
    assert page.status_code == 200
    assert "Berit Handläggare" in page.content.decode()
    done = client.post(url, chosen | {"apply": "1", "officer": officer.pk}, follow=True)
    assert done.status_code == 200
    assert set(Application.objects.filter(case_officer__officer=officer)) == set(cases)
    assert not CaseOfficer.objects.filter(application=other).exists()
    # The changelist shows the officer in a column of its own.
    assert "Berit Handläggare" in client.get(url).content.decode()


def test_the_assign_page_asks_again_without_an_officer(client, make_officer):
    client.force_login(make_officer())
    case = ApplicationFactory(status="submitted")
    response = client.post(
        reverse("admin:applications_application_changelist"),
        {"action": "assign_officer", "_selected_action": [case.pk], "apply": "1"},
    )
    assert response.status_code == 200
    assert 'class="errornote"' in response.content.decode()
    assert not CaseOfficer.objects.exists()
