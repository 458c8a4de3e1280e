"""Participant changes on a granted case: proposed by the applicant, decided by ICLD in the admin,
each approval making a new version of the participant form for the whole team."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _

from applications import changes, rules, tasks, workflow
from applications.findings import findings_for
from applications.models import (
    ApplicationStatus,
    Participant,
    ParticipantChange,
    ParticipantChangeStatus,
    ParticipantFormVersion,
)
from applications.participant_forms import form_history
from core.models import OutgoingEmail
from tests.applications.test_participant_form import pdf_text
from tests.concurrency import at_once
from tests.factories import (
    ParticipantChangeFactory,
    ParticipantFactory,
    UserFactory,
    granted_case_with_people,
    make_staff,
)

C = ParticipantChangeStatus

NEW_PERSON = {
    "party": "swedish",
    "name": "Nina Nykomling",
    "organisation": "Testköpings kommun",
    "position": "Kommunalråd",
    "category": "politician",
    "political_side": "majority",
    "is_coordinator": False,
    "is_project_leader": False,
    "gender": "woman",
    "email": "",
    "motivation": "Ordförande i kommunstyrelsen sedan valet.",
    "code_of_conduct": True,
}


@pytest.fixture(autouse=True)
def services_speak_english(default_language) -> None:
    """The services' messages are matched in English, the source language, so that the tests
    hold once the Swedish catalogue has them too. Pages are asked for in Swedish as usual."""
    translation.activate("en")


@pytest.fixture
def granted(db, media):
    return granted_case_with_people()


@pytest.fixture
def staff(db):
    return make_staff(username="handlaggare", first_name="Hanna", last_name="Handläggare")


def majority_politician(application) -> Participant:
    return application.participants.get(party="swedish", political_side="majority")


def propose(application, by, *, leaving=None, **person) -> ParticipantChange:
    return workflow.propose_change(
        application=application,
        by=by,
        leaving=leaving if leaving is not None else majority_politician(application),
        reason="Lämnar sitt uppdrag efter valet.",
        person=NEW_PERSON | person,
    )


# --- services: proposing -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "status",
    [
        ApplicationStatus.DRAFT,
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.IN_REVIEW,
        ApplicationStatus.RETURNED,
        ApplicationStatus.DECLINED,
        ApplicationStatus.WITHDRAWN,
    ],
)
def test_a_change_is_refused_on_a_case_that_is_not_granted(granted, status):
    application, people = granted
    application.status = status
    application.save(update_fields=["status"])

    with pytest.raises(ValidationError, match="granted"):
        propose(application, people["coordinator"])
    assert not ParticipantChange.objects.exists()


@pytest.mark.parametrize("persona", ["coordinator", "editor"])
def test_coordinators_and_editors_propose_a_pending_change_with_its_history(granted, persona):
    application, people = granted

    change = propose(application, people[persona])

    assert change.status == C.PENDING
    assert change.proposed_by == people[persona]
    assert change.leaving == majority_politician(application)
    event = change.events.get()
    assert (event.actor, event.from_status, event.to_status) == (people[persona], "", C.PENDING)
    # Nothing changes on the team until ICLD approves.
    assert application.participants.count() == 6
    assert not Participant.objects.filter(name="Nina Nykomling").exists()


@pytest.mark.parametrize("persona", ["reader", "outsider", "pending_colleague"])
def test_people_who_may_not_edit_the_case_cannot_propose(granted, persona):
    application, people = granted
    with pytest.raises(PermissionDenied):
        propose(application, people[persona])


def test_staff_do_not_propose_changes_they_decide(granted, staff):
    application, _people = granted
    with pytest.raises(PermissionDenied):
        propose(application, staff)


def test_a_change_that_would_break_a_team_rule_is_refused_with_the_rule(granted):
    application, people = granted
    coordinator = application.participants.get(party="swedish", is_coordinator=True)

    # The coordinator leaves and the new person does not coordinate: no coordinator is left.
    with pytest.raises(ValidationError, match="coordinator") as refused:
        propose(application, people["coordinator"], leaving=coordinator, category="official")

    assert "political_side" not in str(refused.value)
    assert not ParticipantChange.objects.exists()


def test_a_rule_the_team_already_breaks_does_not_stop_a_change(granted):
    application, people = granted
    application.participants.filter(party="partner", is_coordinator=True).update(
        is_coordinator=False
    )

    change = propose(application, people["coordinator"])

    assert change.status == C.PENDING


def test_a_person_already_in_a_waiting_change_cannot_leave_twice(granted):
    application, people = granted
    propose(application, people["coordinator"])

    with pytest.raises(ValidationError, match="already waiting"):
        propose(application, people["editor"], name="Another Replacement")


def test_the_person_leaving_must_be_on_the_cases_team(granted):
    application, people = granted
    other, _ = granted_case_with_people()

    with pytest.raises(ValidationError, match="team"):
        propose(application, people["coordinator"], leaving=majority_politician(other))


def test_a_change_needs_a_reason(granted):
    application, people = granted
    with pytest.raises(ValidationError, match="why"):
        workflow.propose_change(
            application=application,
            by=people["coordinator"],
            leaving=None,
            reason="   ",
            person=NEW_PERSON,
        )


# --- services: deciding --------------------------------------------------------------------------


def test_approval_keeps_who_left_adds_the_new_person_approved_and_makes_version_2(
    granted, staff, django_capture_on_commit_callbacks, monkeypatch
):
    application, people = granted
    queued = []
    monkeypatch.setattr(tasks.render_participant_form, "delay", queued.append)
    leaving = majority_politician(application)
    change = propose(application, people["editor"])

    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve_change(change=change, by=staff, comment="Välkommen!")

    change.refresh_from_db()
    assert (change.status, change.decided_by, change.decision_comment) == (
        C.APPROVED,
        staff,
        "Välkommen!",
    )
    gone = Participant.with_left.get(pk=leaving.pk)
    assert gone.left_at == change.decided_at
    assert gone.left_through == change
    assert leaving not in application.participants.all()  # no longer on the team
    joined = application.participants.get(name="Nina Nykomling")
    assert (joined.approved_at, joined.approved_by, joined.joined_through) == (
        change.decided_at,
        staff,
        change,
    )
    version = ParticipantFormVersion.objects.get(application=application, version=2)
    assert version.change == change
    names = {person["name"] for person in version.team}
    assert "Nina Nykomling" in names
    assert leaving.name not in names
    assert len(names) == 6
    assert queued == [version.pk]  # rendered by the task after commit
    newest = form_history(application)[0]
    assert (newest.left, newest.joined, newest.change) == (
        [leaving.name],
        ["Nina Nykomling"],
        change,
    )
    assert [e.to_status for e in change.events.all()] == [C.PENDING, C.APPROVED]


def test_the_rules_no_longer_count_who_left(granted, staff):
    application, people = granted
    coordinator = application.participants.get(party="swedish", is_coordinator=True)
    change = propose(
        application,
        people["coordinator"],
        leaving=coordinator,
        category="official",
        political_side="",
        is_coordinator=True,
    )

    workflow.approve_change(change=change, by=staff)

    assert not [f for f in findings_for(application) if f.party and f.is_error]
    assert Participant.with_left.filter(application=application).count() == 7


def test_the_decision_is_mailed_to_the_proposer_and_the_coordinator(granted, staff):
    application, people = granted
    people["editor"].language = "en"
    people["editor"].save(update_fields=["language"])
    change = propose(application, people["editor"])

    workflow.approve_change(change=change, by=staff, comment="Godkänt.")

    mails = {mail.recipient: mail for mail in OutgoingEmail.objects.all()}
    assert set(mails) == {people["editor"].email, people["coordinator"].email}
    assert mails[people["editor"].email].language == "en"
    for mail in mails.values():
        assert "Nina Nykomling" in mail.body
        assert "Godkänt." in mail.body
        assert application.case_number in mail.subject
        # The link is in the recipient's language (the editor's is English).
        with translation.override(mail.language):
            assert reverse("applications:case", args=[application.pk]) in mail.body


def test_a_rejection_needs_a_comment_and_leaves_the_team_as_it_was(granted, staff):
    application, people = granted
    change = propose(application, people["coordinator"])

    with pytest.raises(ValidationError, match="comment"):
        workflow.reject_change(change=change, by=staff, comment="  ")
    change.refresh_from_db()
    assert change.status == C.PENDING

    workflow.reject_change(change=change, by=staff, comment="Motivera bytet bättre.")

    change.refresh_from_db()
    assert (change.status, change.decided_by) == (C.REJECTED, staff)
    assert majority_politician(application).left_at is None
    assert not Participant.objects.filter(name="Nina Nykomling").exists()
    assert application.participant_forms.count() == 1
    mail = OutgoingEmail.objects.get(recipient=people["coordinator"].email)
    assert "Motivera bytet bättre." in mail.body


def test_only_staff_decide(granted):
    application, people = granted
    change = propose(application, people["coordinator"])
    for decide in (workflow.approve_change, workflow.reject_change):
        with pytest.raises(PermissionDenied):
            decide(change=change, by=people["coordinator"], comment="Själv.")


def test_a_decided_change_is_decided_once(granted, staff):
    application, people = granted
    change = propose(application, people["coordinator"])
    workflow.approve_change(change=change, by=staff)

    for decide in (workflow.approve_change, workflow.reject_change):
        with pytest.raises(ValidationError, match="no longer waiting"):
            decide(change=change, by=staff, comment="Igen.")
    with pytest.raises(ValidationError, match="no longer waiting"):
        workflow.withdraw_change(change=change, by=people["coordinator"])
    assert application.participant_forms.count() == 2


def test_the_applicant_withdraws_a_waiting_proposal_but_a_reader_cannot(granted, staff):
    application, people = granted
    change = propose(application, people["coordinator"])

    with pytest.raises(PermissionDenied):
        workflow.withdraw_change(change=change, by=people["reader"])
    workflow.withdraw_change(change=change, by=people["editor"])

    change.refresh_from_db()
    assert change.status == C.WITHDRAWN
    assert change.decided_by is None
    with pytest.raises(ValidationError):
        workflow.approve_change(change=change, by=staff)


@pytest.mark.django_db(transaction=True)
def test_two_staff_approving_at_once_give_one_approval(reference_data, media):
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    application, people = granted_case_with_people()
    change = propose(application, people["coordinator"])
    outcomes = at_once(
        lambda user: workflow.approve_change(change=change, by=user),
        [UserFactory(is_staff=True, is_superuser=True) for _ in range(2)],
    )

    assert sorted(outcomes) == ["approved", "refused"]
    assert Participant.objects.filter(name="Nina Nykomling").count() == 1
    assert application.participant_forms.count() == 2
    assert change.events.filter(to_status=C.APPROVED).count() == 1


# --- the PDF of version 2, rendered by a real worker ----------------------------------------------


@pytest.mark.redis
def test_an_approved_change_yields_version_2_whose_pdf_names_the_new_person_and_not_who_left(
    celery_worker, reference_data
):
    application, people = granted_case_with_people(language="en")
    leaving = majority_politician(application)
    change = propose(application, people["coordinator"])

    workflow.approve_change(change=change, by=make_staff(username="decider"))

    version = ParticipantFormVersion.objects.get(application=application, version=2)
    celery_worker.wait_for(
        lambda: ParticipantFormVersion.objects.filter(
            pk=version.pk, rendered_at__isnull=False
        ).exists(),
        what="rendering version 2 of the participant form",
    )
    version.refresh_from_db()
    text = pdf_text(version.file.path)
    assert "Nina Nykomling" in text
    assert leaving.name not in text
    assert application.case_number in text
    for person in application.participants.exclude(pk=leaving.pk):
        assert person.name in text


# --- the proposal page -----------------------------------------------------------------------------


def propose_url(application) -> str:
    return reverse("applications:propose_change", args=[application.pk])


def form_data(application, **fields) -> dict:
    data = {
        "leaving": majority_politician(application).pk,
        "reason": "Lämnar sitt uppdrag efter valet.",
        **{k: v for k, v in NEW_PERSON.items() if v not in (False, "")},
        "political_side": "majority",
    }
    return {k: v for k, v in (data | fields).items() if v is not None}


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("outsider", 404),
        ("pending_colleague", 404),
        ("reader", 404),
        ("staff", 404),
        ("editor", 200),
        ("coordinator", 200),
    ],
)
def test_the_proposal_page_is_for_those_who_may_edit_the_case(client, granted, persona, status):
    application, people = granted
    user = people.get(persona) or UserFactory(is_staff=True)
    client.force_login(user)

    assert client.get(propose_url(application)).status_code == status
    assert client.post(propose_url(application), form_data(application)).status_code in {
        status,
        302,
    } - ({302} if status == 404 else set())
    assert ParticipantChange.objects.exists() == (status == 200)


def test_an_anonymous_visitor_is_sent_to_log_in(client, granted):
    application, _people = granted
    response = client.get(propose_url(application))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_valid_proposal_is_sent_and_shown_as_waiting_on_the_case_page(client, granted):
    application, people = granted
    client.force_login(people["editor"])

    response = client.post(propose_url(application), form_data(application))

    assert response["Location"] == reverse("applications:case", args=[application.pk])
    change = ParticipantChange.objects.get()
    assert (change.name, change.leaving, change.status) == (
        "Nina Nykomling",
        majority_politician(application),
        C.PENDING,
    )
    page = client.get(response["Location"]).text
    pending = page.split('data-team="pending"')[1].split("</table>")[0]
    approved = page.split('data-team="approved"')[1].split("</table>")[0]
    assert "Nina Nykomling" in pending
    assert "Nina Nykomling" not in approved
    assert majority_politician(application).name in approved
    assert reverse("applications:withdraw_change", args=[application.pk, change.pk]) in page


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"name": "", "reason": ""}, "name"),
        ({"category": "official", "political_side": "majority"}, "political_side"),
        ({"leaving": "999999"}, "leaving"),
        ({"leaving": "not-a-number", "gender": "robot"}, "gender"),
        ({"code_of_conduct": None}, "code_of_conduct"),
    ],
)
def test_bad_input_re_renders_with_the_input_kept_and_a_message(client, granted, fields, error):
    application, people = granted
    client.force_login(people["coordinator"])

    response = client.post(propose_url(application), form_data(application, **fields))

    assert response.status_code == 200
    assert error in response.context["form"].errors
    assert 'value="Testköpings kommun"' in response.text  # what was typed stays
    assert "Ordförande i kommunstyrelsen sedan valet." in response.text
    assert not ParticipantChange.objects.exists()


def test_a_proposal_that_breaks_a_rule_re_renders_with_the_findings(client, granted):
    application, people = granted
    coordinator = application.participants.get(party="swedish", is_coordinator=True)
    client.force_login(people["coordinator"])

    response = client.post(
        propose_url(application),
        form_data(application, leaving=coordinator.pk, category="official", political_side=""),
    )

    assert response.status_code == 200
    assert 'data-code="coordinator_count"' in response.text
    assert "Nina Nykomling" in response.text
    assert response.context["form"].non_field_errors()
    assert not ParticipantChange.objects.exists()


def test_a_case_not_yet_granted_sends_the_applicant_back_with_a_message(client, granted):
    application, people = granted
    application.status = ApplicationStatus.IN_REVIEW
    application.save(update_fields=["status"])
    client.force_login(people["coordinator"])

    response = client.get(propose_url(application), follow=True)

    assert response.redirect_chain[-1][0] == reverse("applications:case", args=[application.pk])
    with translation.override("en"):  # the page asked for, /en/ (see the fixture)
        message = _("The team of a case can be changed only once ICLD has granted it.")
    assert escape(message) in response.text
    assert propose_url(application) not in response.text


def test_the_proposal_page_needs_a_fixed_number_of_queries(
    client, granted, django_assert_num_queries
):
    application, people = granted
    client.force_login(people["coordinator"])
    # Session and user, the case, the coordinator check, the team to choose who leaves, and
    # the team again for what it already breaks (the select reads its choices on its own).
    with django_assert_num_queries(6):
        client.get(propose_url(application))
    ParticipantFactory.create_batch(4, application=application, party="partner")
    with django_assert_num_queries(6):
        client.get(propose_url(application))


# --- withdrawing ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status", "withdrawn"),
    [
        ("outsider", 404, False),
        ("pending_colleague", 404, False),
        ("reader", 404, False),
        ("staff", 404, False),
        ("editor", 302, True),
        ("coordinator", 302, True),
    ],
)
def test_a_proposal_is_withdrawn_by_those_who_may_edit_the_case(
    client, granted, persona, status, withdrawn
):
    application, people = granted
    change = propose(application, people["coordinator"])
    client.force_login(people.get(persona) or UserFactory(is_staff=True))
    url = reverse("applications:withdraw_change", args=[application.pk, change.pk])

    assert client.get(url).status_code == 405
    assert client.post(url).status_code == status
    change.refresh_from_db()
    assert (change.status == C.WITHDRAWN) == withdrawn


def test_withdrawing_needs_a_login_and_a_change_of_this_case(client, granted):
    application, people = granted
    change = propose(application, people["coordinator"])
    other, other_people = granted_case_with_people()
    url = reverse("applications:withdraw_change", args=[application.pk, change.pk])

    assert client.post(url)["Location"].startswith(reverse("account_login"))
    client.force_login(other_people["coordinator"])
    wrong_case = reverse("applications:withdraw_change", args=[other.pk, change.pk])
    assert client.post(wrong_case).status_code == 404
    change.refresh_from_db()
    assert change.status == C.PENDING


def test_withdrawing_a_decided_change_says_so(client, granted, staff):
    application, people = granted
    change = propose(application, people["coordinator"])
    workflow.reject_change(change=change, by=staff, comment="Nej.")
    client.force_login(people["coordinator"])

    response = client.post(
        reverse("applications:withdraw_change", args=[application.pk, change.pk]), follow=True
    )

    change.refresh_from_db()
    assert change.status == C.REJECTED
    with translation.override("en"):  # the page asked for, /en/ (see the fixture)
        message = _("This change is no longer waiting for ICLD: it is %(status)s.") % {
            "status": change.get_status_display().lower()
        }
    assert escape(message) in response.text


# --- the case page -------------------------------------------------------------------------------


def test_the_case_page_shows_approved_waiting_and_left_people_apart_and_version_2(
    client, granted, staff
):
    application, people = granted
    leaving = majority_politician(application)
    approved_change = propose(application, people["coordinator"])
    workflow.approve_change(change=approved_change, by=staff)
    waiting = ParticipantChangeFactory(
        application=application, proposed_by=people["coordinator"], name="Väntande Vera"
    )
    client.force_login(people["reader"])

    page = client.get(reverse("applications:case", args=[application.pk])).text

    approved = page.split('data-team="approved"')[1].split("</table>")[0]
    pending = page.split('data-team="pending"')[1].split("</table>")[0]
    left = page.split('data-team="left"')[1].split("</table>")[0]
    assert "Nina Nykomling" in approved
    assert "Hanna Handläggare" in approved
    assert "Väntande Vera" in pending and "Väntande Vera" not in approved
    assert leaving.name in left and leaving.name not in approved
    second = page.split('data-version="2"')[1].split("</li>")[0]
    assert f'data-change="left">{leaving.name}<' in second
    assert 'data-change="joined">Nina Nykomling<' in second
    assert "Hanna Handläggare" in second.split('data-change="approved"')[1]
    # A reader sees the changes but can neither propose nor withdraw.
    assert propose_url(application) not in page
    assert reverse("applications:withdraw_change", args=[application.pk, waiting.pk]) not in page


def test_the_case_page_needs_the_same_queries_for_1_and_6_changes(
    client, granted, staff, django_assert_num_queries
):
    application, people = granted
    client.force_login(people["coordinator"])
    url = reverse("applications:case", args=[application.pk])
    ParticipantChangeFactory(application=application, proposed_by=people["editor"])
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _n in range(3):
        workflow.approve_change(
            change=ParticipantChangeFactory(application=application, proposed_by=people["editor"]),
            by=staff,
        )
    ParticipantChangeFactory.create_batch(2, application=application, proposed_by=people["editor"])

    with django_assert_num_queries(len(one.captured_queries)):
        client.get(url)


# --- the admin ----------------------------------------------------------------------------------


@pytest.fixture
def waiting(granted):
    application, people = granted
    return propose(application, people["coordinator"]), people


def test_staff_find_waiting_changes_by_status_round_component_and_name(client, staff, waiting):
    change, _people = waiting
    client.force_login(staff)
    url = reverse("admin:applications_participantchange_changelist")

    assert change.name in client.get(url, {"status__exact": "pending"}).text
    assert change.name not in client.get(url, {"status__exact": "approved"}).text
    assert change.name in client.get(url, {"application__component": "forberedelse"}).text
    assert change.name in client.get(url, {"q": change.application.case_number}).text
    assert change.name in client.get(url, {"q": change.leaving.name}).text
    assert change.name not in client.get(url, {"q": "Ingen Sådan"}).text


def test_the_admin_detail_shows_the_team_before_and_after_and_the_findings(client, staff, waiting):
    change, _people = waiting
    client.force_login(staff)

    page = client.get(reverse("admin:applications_participantchange_change", args=[change.pk]))

    assert page.status_code == 200
    before = page.text.split('data-team="before"')[1].split("</div>")[0]
    after = page.text.split('data-team="after"')[1].split("</div>")[0]
    assert change.leaving.name in before and change.leaving.name not in after
    assert change.name in after and change.name not in before
    with translation.override("sv"):
        warnings = [escape(str(f.message)) for f in changes.findings_for_change(change).warnings]
    assert warnings  # the test team is two women and a man per party
    assert all(warning in page.text for warning in warnings)
    for decision in ("approve", "reject"):
        url = reverse("admin:applications_participantchange_transition", args=[change.pk, decision])
        assert url in page.text
    application_page = client.get(
        reverse("admin:applications_application_change", args=[change.application_id])
    )
    assert reverse("admin:applications_participantchange_change", args=[change.pk]) in (
        application_page.text
    )


def test_staff_reject_in_the_admin_only_with_a_comment(client, staff, waiting):
    change, _people = waiting
    client.force_login(staff)
    url = reverse("admin:applications_participantchange_transition", args=[change.pk, "reject"])

    assert client.get(url).status_code == 200
    missing = client.post(url, {"comment": "  "})
    assert missing.status_code == 200
    assert "errorlist" in missing.text
    change.refresh_from_db()
    assert change.status == C.PENDING

    done = client.post(url, {"comment": "Motivera bättre."})

    assert done["Location"] == reverse(
        "admin:applications_participantchange_change", args=[change.pk]
    )
    change.refresh_from_db()
    assert (change.status, change.decision_comment) == (C.REJECTED, "Motivera bättre.")


def test_staff_approve_in_the_admin_and_a_second_approval_is_an_error(client, staff, waiting):
    change, _people = waiting
    client.force_login(staff)
    url = reverse("admin:applications_participantchange_transition", args=[change.pk, "approve"])

    client.post(url, {"comment": ""})
    again = client.post(url, {"comment": ""}, follow=True)

    change.refresh_from_db()
    assert change.status == C.APPROVED
    with translation.override("sv"):
        message = _("This change is no longer waiting for ICLD: it is %(status)s.") % {
            "status": change.get_status_display().lower()
        }
    assert escape(message) in again.text
    assert change.application.participant_forms.count() == 2


def test_an_unknown_decision_or_change_in_the_admin_is_404(client, staff, waiting):
    change, _people = waiting
    client.force_login(staff)
    bad = reverse("admin:applications_participantchange_transition", args=[change.pk, "explode"])
    gone = reverse("admin:applications_participantchange_transition", args=[999999, "approve"])
    assert client.get(bad).status_code == 404
    assert client.get(gone).status_code == 404


def test_applicants_cannot_reach_the_admin_decisions(client, waiting):
    change, people = waiting
    client.force_login(people["coordinator"])
    url = reverse("admin:applications_participantchange_transition", args=[change.pk, "approve"])
    response = client.post(url, {"comment": ""})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    change.refresh_from_db()
    assert change.status == C.PENDING


# --- demo data -----------------------------------------------------------------------------------


def test_some_granted_demo_cases_have_an_approved_and_a_waiting_change(db):
    from applications.demo import seed_applications
    from partnerships.demo import seed_demo

    seed_demo(partnerships=60, seed=5)
    counts = seed_applications(seed=5)

    approved = ParticipantChange.objects.filter(status=C.APPROVED).select_related("leaving")
    waiting = ParticipantChange.objects.filter(status=C.PENDING)
    assert counts["participant_changes"] == approved.count() + waiting.count() > 0
    assert approved.count() == waiting.count()
    for change in approved:
        assert change.application.status == ApplicationStatus.APPROVED
        assert change.leaving.left_through == change
        joined = change.joined.get()
        assert joined.approved_by == change.decided_by
        assert joined.approved_by.is_staff
        assert change.leaving not in change.application.participants.all()


def test_a_proposal_without_the_code_of_conduct_is_refused(granted):
    application, people = granted

    with pytest.raises(ValidationError) as refused:
        propose(application, people["coordinator"], code_of_conduct=False)

    assert "Every participant must have been informed of ICLD's code of conduct." in (
        refused.value.messages
    )
    assert not ParticipantChange.objects.exists()


def test_the_application_admin_page_needs_the_same_queries_for_1_and_8_changes(
    client, staff, granted
):
    application, people = granted
    url = reverse("admin:applications_application_change", args=[application.pk])
    client.force_login(staff)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    ParticipantChangeFactory(application=application, proposed_by=people["coordinator"])
    queries()  # the session's first request after login writes it once
    with_1 = queries()
    ParticipantChangeFactory.create_batch(
        7, application=application, proposed_by=people["coordinator"]
    )
    assert queries() == with_1


def test_a_broken_rule_is_listed_once_on_the_re_rendered_page(client, granted):
    application, people = granted
    coordinator = application.participants.get(party="swedish", is_coordinator=True)
    client.force_login(people["coordinator"])

    response = client.post(
        propose_url(application),
        form_data(application, leaving=coordinator.pk, category="official", political_side=""),
    )

    [finding] = [
        f for f in response.context["findings"].new_errors if f.code == "coordinator_count"
    ]
    assert response.text.count(escape(str(finding.message))) == 1


# --- judged on what the change makes worse (issue 18 #9) -----------------------------------------


def one_swedish_politician_short(application) -> None:
    """The approved team already breaks a rule: the Swedish opposition politician is gone."""
    application.participants.filter(party="swedish", political_side="opposition").delete()


def test_an_inherited_error_does_not_stop_a_change_that_keeps_it_as_it_was(granted):
    """Seed 004: "Teamet ska bestå av två politiker"; the approved team has one already."""
    application, people = granted
    one_swedish_politician_short(application)
    change = propose(application, people["coordinator"])  # a politician for a politician
    assert change.status == C.PENDING


def test_a_change_that_makes_an_inherited_error_worse_is_refused(granted):
    application, people = granted
    one_swedish_politician_short(application)
    # The last Swedish politician leaves for an official: two short instead of one.
    with pytest.raises(ValidationError, match="politicians"):
        propose(
            application,
            people["coordinator"],
            category="official",
            political_side="",
            position="Handläggare",
        )
    assert not ParticipantChange.objects.exists()


def test_the_proposal_page_shows_inherited_errors_as_such_not_as_the_proposers(client, granted):
    application, people = granted
    one_swedish_politician_short(application)
    client.force_login(people["coordinator"])

    page = client.get(propose_url(application)).text
    inherited = page[page.index("data-inherited") :]
    assert 'data-code="politician_count"' in inherited
    assert "Already so in the approved team" in page
    assert "What the change would break" not in page

    # A change that makes it worse: the same rule, now as the change's own error.
    response = client.post(
        propose_url(application),
        form_data(
            application,
            leaving=majority_politician(application).pk,
            category="official",
            political_side="",
        ),
    )
    assert response.status_code == 200
    assert "What the change would break" in response.text
    assert "data-inherited" not in response.text


def admin_findings(client, change) -> str:
    page = client.get(reverse("admin:applications_participantchange_change", args=[change.pk]))
    assert page.status_code == 200
    return page.text.split('data-team="before"')[0]


def test_staffs_page_of_a_change_shows_inherited_errors_apart_from_the_changes_own(
    client, granted, staff
):
    """Seed 004: "Teamet ska bestå av två politiker". The approved team is one politician short
    already; the change swaps a politician for a politician: staff see that error as the
    approved team's, as the proposer does (changes.team_after_change), not as the change's."""
    application, people = granted
    one_swedish_politician_short(application)
    change = propose(application, people["coordinator"])
    client.force_login(staff)

    findings = admin_findings(client, change)

    inherited = findings.split("data-inherited")[1]
    assert "Redan så i det godkända teamet" in inherited
    assert 'data-code="politician_count"' in inherited
    assert "data-new-errors" not in findings


def test_staffs_page_of_a_change_shows_what_the_change_itself_breaks_as_its_own(
    client, granted, staff
):
    """The same rule made worse by the change (the last Swedish politician leaves for an
    official; the team may have changed since it was proposed): the change's own error."""
    application, _people = granted
    one_swedish_politician_short(application)
    change = ParticipantChangeFactory(
        application=application,
        leaving=majority_politician(application),
        category="official",
        position="Handläggare",
    )
    client.force_login(staff)

    findings = admin_findings(client, change)

    own = findings.split("data-new-errors")[1]
    assert 'data-code="politician_count"' in own
    assert "data-inherited" not in findings


@pytest.mark.parametrize(
    "before, after, caused",
    [
        (None, 1, True),  # a new error
        (1, 1, False),  # as it was
        (2, 1, False),  # better, still short
        (1, 2, True),  # worse
    ],
)
def test_a_change_causes_an_error_it_brings_or_takes_further(before, after, caused):
    def found(distance):
        return (
            []
            if distance is None
            else [rules.Finding("error", "politician_count", "swedish", distance=distance)]
        )

    judged = changes.TeamAfterChange(before=found(before), after=found(after))
    assert [f.code for f in judged.new_errors] == (["politician_count"] if caused else [])
    assert [f.code for f in judged.inherited_errors] == ([] if caused else ["politician_count"])
