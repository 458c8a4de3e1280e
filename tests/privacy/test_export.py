"""Staff export everything held about one person (GDPR access request) as a JSON download."""

from __future__ import annotations

import datetime
import json
import logging

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation

from agreements.models import Agreement
from applications import invitations
from applications import workflow as application_workflow
from applications.models import Participant
from applications.workflow import submit_application
from casework.models import Message
from core.models import OutgoingEmail
from decisions.models import Decision
from networks.models import InterestRegistration
from privacy.export import without_keys
from reporting.models import ReportVisit
from tests.factories import (
    ApplicationFactory,
    ContributorFactory,
    InterestRegistrationFactory,
    ParticipantFactory,
    UserFactory,
    make_coordinator,
    make_staff,
    valid_forberedelse,
)
from tests.reporting.factories import granted_case, report_of

pytestmark = pytest.mark.django_db

URL = "/admin/privacy/export/"


def download(client, email: str) -> dict:
    response = client.post(URL, {"email": email})
    assert response.status_code == 200
    assert response.streaming
    return json.loads(b"".join(response.streaming_content))


def invite_elsewhere(email: str) -> str:
    """Someone else invites the person onto their case; returns the invitation's token."""
    other = make_coordinator()
    case = ApplicationFactory(organisation=other.memberships.get().organisation)
    _invitation, token = invitations.invite_contributor(
        application=case, email=email, role="reader", by=other
    )
    return token


@pytest.fixture
def person():
    """A coordinator with a case, a team row, a contribution, an invitation, a network
    registration and e-mail."""
    coordinator = make_coordinator(first_name="Karin", last_name="Kommunsdotter")
    organisation = coordinator.memberships.get().organisation
    case = ApplicationFactory(organisation=organisation, created_by=coordinator, title="Egen")
    case._history_user = coordinator  # as the history middleware does in a request
    case.save()
    ParticipantFactory(application=case, name="Karin Kommunsdotter", email="")
    ParticipantFactory(application=ApplicationFactory(), email=coordinator.email.upper())
    ParticipantFactory(application=case, name="Någon Annan", email="annan@example.se")
    ContributorFactory(user=coordinator)
    invitations.invite_contributor(
        application=case, email="kollega@example.se", role="reader", by=coordinator
    )
    InterestRegistrationFactory(contact_email=coordinator.email, contact_name="Karin K")
    return coordinator


def test_the_export_holds_the_persons_data_and_nobody_elses(staff_client, person):
    invite_elsewhere(person.email)

    data = download(staff_client, person.email.upper())

    assert data["request"][0]["account_found"] is True
    assert data["user"][0]["email"] == person.email
    assert [m["organisation_id"] for m in data["memberships"]] == [
        person.memberships.get().organisation_id
    ]
    assert [a["title"] for a in data["applications"]] == ["Egen"]
    team_names = {p["name"] for p in data["participants"]}
    assert "Karin Kommunsdotter" in team_names and "Någon Annan" not in team_names
    assert len(data["participants"]) == 2  # by name and by address
    assert len(data["contributions"]) == 1
    assert {i["email"] for i in data["invitations"]} == {"kollega@example.se", person.email}
    assert [r["contact_name"] for r in data["network_interest_registrations"]] == ["Karin K"]
    assert {e["recipient"] for e in data["outgoing_emails"]} == {person.email}
    assert any(h.get("about_you") for h in data["history"])
    assert any(h.get("made_by_you") for h in data["history"])


def test_the_export_holds_no_password_hash_and_no_token(staff_client, person):
    token = invite_elsewhere(person.email)
    response = staff_client.post(URL, {"email": person.email})
    raw = b"".join(response.streaming_content).decode()

    assert person.password not in raw
    assert '"password"' not in raw
    assert "token_hash" not in raw
    assert invitations.hash_token(token) not in raw
    assert token not in raw  # also not inside the invitation e-mail's body
    assert OutgoingEmail.objects.filter(body__contains=token).exists()


def test_the_download_is_a_json_attachment_that_is_never_cached(staff_client, person):
    response = staff_client.post(URL, {"email": person.email})

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="personal-data-')
    assert person.email not in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]


def test_an_address_without_an_account_still_finds_the_rows_that_name_it(staff_client):
    registration = InterestRegistrationFactory(contact_email="ingen.konto@example.se")

    data = download(staff_client, "ingen.konto@example.se")

    assert data["request"][0]["account_found"] is False
    assert data["user"] == []
    assert [r["id"] for r in data["network_interest_registrations"]] == [registration.pk]
    assert InterestRegistration.objects.count() == 1


def test_the_export_is_logged_without_the_persons_data(staff_client, person, caplog):
    with caplog.at_level(logging.INFO, logger="icld.security"):
        staff_client.post(URL, {"email": person.email})

    line = next(r.getMessage() for r in caplog.records if "privacy.export" in r.getMessage())
    assert f"subject_user={person.pk}" in line
    assert person.email not in line and "Karin" not in line


def test_a_bad_address_re_renders_the_form_with_the_input_and_a_message(staff_client):
    with translation.override("en"):
        response = staff_client.post(URL, {"email": "inte en adress"})

    assert response.status_code == 200
    assert 'value="inte en adress"' in response.text
    assert "errornote" in response.text
    assert response.context["form"].errors["email"]


@pytest.mark.parametrize(
    "data", [{}, {"email": ""}, {"email": "x" * 5000 + "@example.se"}, {"email": "a@b\x00.se"}]
)
def test_no_input_gives_a_server_error(staff_client, data):
    assert staff_client.post(URL, data).status_code == 200


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "login" in response["Location"]
    assert client.post(URL, {"email": "a@example.se"}).status_code == 302


def test_a_coordinator_is_refused(client, person):
    client.force_login(person)
    assert client.get(URL).status_code in (302, 403)
    response = client.post(URL, {"email": person.email})
    assert response.status_code in (302, 403)
    assert not getattr(response, "streaming", False)


def test_staff_without_the_permission_are_refused(client):
    staff = UserFactory(is_staff=True)
    TOTP.activate(staff, generate_totp_secret())
    client.force_login(staff)
    assert client.get(URL).status_code == 403

    staff.user_permissions.add(Permission.objects.get(codename="export_personal_data"))
    staff = type(staff).objects.get(pk=staff.pk)  # permissions are cached per instance
    client.force_login(staff)
    assert client.get(URL).status_code == 200


def test_the_admin_index_links_to_the_export_for_those_allowed(staff_client):
    assert reverse("privacy:export") in staff_client.get(reverse("admin:index")).text


def test_the_form_page_issues_a_fixed_number_of_queries(staff_client, django_assert_num_queries):
    staff_client.get(URL)
    with django_assert_num_queries(2):
        staff_client.get(URL)


def test_the_export_reads_a_fixed_number_of_queries_whatever_the_persons_history(
    staff_client, person, django_assert_num_queries
):
    application_workflow.ask_to_join(token=invite_elsewhere("a@kommun.example"), user=person)
    staff_client.post(URL, {"email": person.email})
    # Pinned (one read per audited model that names a user: payments' instalments made it 45;
    # the documents that copy the person's data, receipts, participant forms and their history,
    # reports naming them, messages and agreements, 51; their requests to join with another
    # address and their history, 53; the records naming their account, one union, 54); what
    # matters is below: it does not grow with the person's history.
    with django_assert_num_queries(54) as few:
        b"".join(staff_client.post(URL, {"email": person.email}).streaming_content)
    for _ in range(5):
        ParticipantFactory(email=person.email)
        ContributorFactory(user=person)
        application_workflow.ask_to_join(token=invite_elsewhere("b@kommun.example"), user=person)
    with django_assert_num_queries(len(few)):
        b"".join(staff_client.post(URL, {"email": person.email}).streaming_content)


def test_key_like_strings_are_cut_out_of_message_bodies():
    body = "Öppna https://portal.icld.se/inbjudan/Zk3vQ9xW1pL7mN2bR8tY4cV6hJ0aE5sD/ idag."
    assert without_keys(body) == "Öppna https://portal.icld.se/inbjudan/[removed]/ idag."


def test_the_reports_the_person_submitted_are_in_the_export(staff_client, person):
    application, _people = granted_case()
    mine = report_of(application, submitted_by=person, activities="Workshoppar i Kisumu.")
    report_of(granted_case()[0])  # someone else's

    data = download(staff_client, person.email)

    assert [r["id"] for r in data["reports"]] == [mine.pk]
    assert data["reports"][0]["activities"] == "Workshoppar i Kisumu."
    assert "pdf" not in data["reports"][0]


# --- the copies of the person's data in documents (issue 14, the receipt of a submission) --------


def test_the_receipts_and_participant_forms_that_list_the_person_are_in_the_export(
    staff_client, reference_data, media
):
    """A submission snapshots the team into its receipt and its participant form (and their
    PDFs print it): the person's own rows of both are theirs, nobody else's rows are."""
    application = valid_forberedelse(title="Unga röster i Kisumu")
    me = application.participants.filter(party="swedish", category="official").get()
    me.name, me.email = "Karin Kommunsdotter", "karin@example.se"
    me.save()
    others = list(application.participants.exclude(pk=me.pk).values_list("name", flat=True))
    submit_application(application=application, by=application.created_by)
    application.refresh_from_db()

    response = staff_client.post(URL, {"email": "karin@example.se"})
    raw = b"".join(response.streaming_content).decode()
    data = json.loads(raw)

    [receipt] = data["submission_receipts"]
    assert receipt["case_number"] == application.case_number
    assert receipt["submitted_by_you"] is False
    assert [p["name"] for p in receipt["your_team_rows"]] == ["Karin Kommunsdotter"]
    assert "file" in receipt  # the PDF that prints the row, by its stored name
    [form] = data["participant_forms"]
    assert form["version"] == 1
    assert [p["id"] for p in form["your_team_rows"]] == [me.pk]
    assert any(
        h["model"] == "applications.ParticipantFormVersion" and h["your_team_rows"]
        for h in data["history"]
    )
    assert not [name for name in others if name in raw]


def test_the_receipts_the_person_submitted_are_in_their_export(staff_client, reference_data, media):
    application = valid_forberedelse()
    coordinator = application.created_by
    submit_application(application=application, by=coordinator)

    data = download(staff_client, coordinator.email)

    [receipt] = data["submission_receipts"]
    assert receipt["submitted_by_you"] is True
    assert receipt["your_team_rows"] == []  # the coordinator is not on this team


def test_a_participant_whose_row_is_gone_is_still_found_in_the_receipt_by_name(
    staff_client, reference_data, media
):
    """The receipt keeps the team as it was sent; the row may be deleted since (a returned
    application sent again without them)."""
    application = valid_forberedelse()
    me = application.participants.filter(party="partner", category="official").get()
    me.name, me.email = "Otieno Ouma", "otieno@example.ke"
    me.save()
    submit_application(application=application, by=application.created_by)
    UserFactory(email="otieno@example.ke", first_name="Otieno", last_name="Ouma")
    Participant.with_left.filter(pk=me.pk).delete()

    data = download(staff_client, "otieno@example.ke")

    [receipt] = data["submission_receipts"]
    assert [p["name"] for p in receipt["your_team_rows"]] == ["Otieno Ouma"]


def test_the_reports_that_name_the_person_are_in_the_export_with_what_they_say_of_them(
    staff_client, media
):
    """A report lists who took part and who travelled, and its PDF prints the names."""
    application, people = granted_case()
    astrid, otieno = people["team"]
    Participant.with_left.filter(pk=astrid.pk).update(email="astrid@example.se")
    report = report_of(application, activities="Workshoppar i Kisumu.")
    report.participants.set([astrid, otieno])
    visit = ReportVisit.objects.create(
        report=report,
        date=datetime.date(2025, 3, 4),
        host="partner",
        place="Kisumu",
        learnt="Medborgarbudget.",
        brought_home="Seminarium.",
    )
    visit.travellers.set([astrid])
    ReportVisit.objects.create(
        report=report,
        date=datetime.date(2025, 9, 1),
        host="swedish",
        place="Testköping",
        learnt="Ungdomsråd.",
        brought_home="Rapport.",
    ).travellers.set([otieno])
    report_of(granted_case()[0])  # a report that does not name her

    data = download(staff_client, "astrid@example.se")

    [named] = data["reports_naming_you"]
    assert named["id"] == report.pk and named["took_part"] is True
    assert [v["place"] for v in named["travelled"]] == ["Kisumu"]
    assert data["reports"] == []  # she did not submit it


def test_the_messages_the_person_wrote_are_in_the_export(staff_client, person):
    case = person.memberships.get().organisation.applications.first()
    Message.objects.create(application=case, author=person, body="Vi skickar beslutet i morgon.")
    Message.objects.create(
        application=case, author=make_staff(), from_staff=True, body="Tack, vi väntar."
    )

    data = download(staff_client, person.email)

    assert [m["body"] for m in data["messages"]] == ["Vi skickar beslutet i morgon."]
    assert data["messages"][0]["attachment"] == ""


def test_the_agreements_the_person_signed_are_in_the_export(staff_client, person):
    case = person.memberships.get().organisation.applications.first()
    decision = Decision.objects.create(
        application=case, outcome="granted", proposed_by=make_staff()
    )
    Agreement.objects.create(
        application=case,
        decision=decision,
        language="sv",
        signed_by=person,
        signature_method="password",
        signature_evidence={"name": "Karin Kommunsdotter"},
    )

    data = download(staff_client, person.email)

    [agreement] = data["agreements_signed"]
    assert agreement["signed_by_id"] == person.pk
    assert agreement["signature_evidence"] == {"name": "Karin Kommunsdotter"}


def test_the_requests_to_join_with_another_address_are_in_the_askers_export(staff_client, person):
    token = invite_elsewhere("kollega@kommun.example")
    asked = application_workflow.ask_to_join(token=token, user=person)
    other_token = invite_elsewhere("tredje@kommun.example")
    application_workflow.ask_to_join(token=other_token, user=UserFactory(email="tredje@x.se"))

    data = download(staff_client, person.email)

    [request] = data["address_requests"]
    assert request["id"] == asked.pk
    assert (request["email"], request["invited_address"]) == (
        person.email,
        "kollega@kommun.example",
    )
    assert request["application_id"] == asked.invitation.application_id
    assert [(e["to_status"], e["actor_id"]) for e in request["history"]] == [("pending", person.pk)]


def test_a_request_to_join_is_found_by_the_address_it_was_made_with(staff_client):
    token = invite_elsewhere("kollega@kommun.example")
    asker = UserFactory(email="privat@example.org")
    asked = application_workflow.ask_to_join(token=token, user=asker)
    asker.email = "ny@example.org"  # the account's address changed since it asked
    asker.save()

    data = download(staff_client, "privat@example.org")

    assert [r["id"] for r in data["address_requests"]] == [asked.pk]
