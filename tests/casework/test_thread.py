"""The message thread of a case: the coordinator's side and ICLD write, readers read, internal
notes stay with ICLD's staff (page, case page, files, e-mail), each side hears by e-mail in
its own language, and a "return for completion" writes its comment into the thread."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications import workflow
from casework.models import CaseOfficer, Message, MessageKind
from casework.services import assign_officer
from core.models import OutgoingEmail
from tests.factories import as_staff, pdf_bytes

pytestmark = pytest.mark.django_db

SECRET = "Intern bedömning: budgeten verkar hög"


def thread_url(application):
    return reverse("casework:thread", args=[application.pk])


def post(client, application, **data):
    return client.post(reverse("casework:thread", args=[application.pk]), data)


@pytest.fixture
def assigned(case, officer, make_officer):
    application, people = case
    assign_officer(applications=[application], officer=officer, by=as_staff(make_officer()))
    return application, people


def test_the_coordinator_writes_and_the_officer_hears_in_their_language(
    client, assigned, officer, django_capture_on_commit_callbacks
):
    application, people = assigned
    client.force_login(people["coordinator"])
    with django_capture_on_commit_callbacks(execute=False):
        response = post(client, application, body="Vi har en fråga om budgeten.")
    assert response.status_code == 302
    message = Message.objects.get()
    assert (message.author, message.from_staff, message.kind) == (
        people["coordinator"],
        False,
        MessageKind.MESSAGE,
    )
    email = OutgoingEmail.objects.get(recipient=officer.email)
    assert email.language == "en"
    assert "New message on the case KP-2026-0101" in email.subject
    assert f"/en/cases/{application.pk}/messages/" in email.body


def test_staff_write_and_the_coordinator_hears_with_a_link_in_swedish(client, assigned, officer):
    application, people = assigned
    client.force_login(officer)
    assert post(client, application, body="Kan ni förtydliga besöksplanen?").status_code == 302
    assert Message.objects.get().from_staff
    email = OutgoingEmail.objects.get(recipient=people["coordinator"].email)
    assert email.language == "sv"
    assert f"/arenden/{application.pk}/meddelanden/" in email.body
    # The coordinator's case page says there is something new, and the thread marks it.
    client.force_login(people["coordinator"])
    case_page = client.get(reverse("applications:case", args=[application.pk])).content.decode()
    assert "1 ny" in case_page
    thread = client.get(thread_url(application)).content.decode()
    assert "Kan ni förtydliga besöksplanen?" in thread
    assert ">Ny<" in thread
    # Opening the thread writes nothing; the page then says it has been read (a POST).
    assert ">Ny<" in client.get(thread_url(application)).content.decode()
    read = reverse("casework:thread_read", args=[application.pk])
    assert client.post(read, HTTP_X_REQUESTED_WITH="fetch").status_code == 204
    again = client.get(thread_url(application)).content.decode()
    assert ">Ny<" not in again
    case_page = client.get(reverse("applications:case", args=[application.pk])).content.decode()
    assert "1 ny" not in case_page


def test_an_internal_note_never_reaches_the_coordinators_side(
    client, assigned, officer, make_officer
):
    application, people = assigned
    colleague = make_officer()
    client.force_login(colleague)
    attachment = SimpleUploadedFile("bedomning.pdf", pdf_bytes("Intern"), "application/pdf")
    response = client.post(
        thread_url(application), {"body": SECRET, "internal": "on", "file": attachment}
    )
    assert response.status_code == 302
    note = Message.objects.get()
    assert note.kind == MessageKind.NOTE
    file_url = reverse("casework:message_attachment", args=[application.pk, note.attachment.pk])
    # The officer (staff) hears of it and reads it, on the portal and in the admin.
    assert OutgoingEmail.objects.filter(recipient=officer.email).count() == 1
    client.force_login(officer)
    assert SECRET in client.get(thread_url(application)).content.decode()
    assert client.get(file_url).status_code == 200
    admin_page = client.get(reverse("admin:applications_application_change", args=[application.pk]))
    assert SECRET in admin_page.content.decode()
    # Nobody on the applicant's side: not on a page, not a file, not in an e-mail, not counted.
    for persona in ("coordinator", "editor", "reader", "creator"):
        client.force_login(people[persona])
        assert SECRET not in client.get(thread_url(application)).content.decode()
        case_page = client.get(reverse("applications:case", args=[application.pk]))
        assert SECRET not in case_page.content.decode()
        assert "0 meddelanden" in case_page.content.decode()
        assert client.get(file_url).status_code == 404
        assert not OutgoingEmail.objects.filter(recipient=people[persona].email).exists()
    assert (
        not OutgoingEmail.objects.filter(body__contains=SECRET)
        .exclude(recipient=officer.email)
        .exists()
    )


def test_the_coordinators_side_cannot_write_an_internal_note(client, assigned):
    application, people = assigned
    client.force_login(people["coordinator"])
    post(client, application, body="Försök", internal="on")
    assert Message.objects.get().kind == MessageKind.MESSAGE  # the field is not theirs


def test_a_reader_reads_and_cannot_write(client, assigned, officer):
    application, people = assigned
    client.force_login(officer)
    post(client, application, body="Hej från ICLD")
    client.force_login(people["reader"])
    page = client.get(thread_url(application))
    assert "Hej från ICLD" in page.content.decode()
    assert 'name="body"' not in page.content.decode()
    assert post(client, application, body="Läsaren skriver").status_code == 404
    client.force_login(people["editor"])
    assert post(client, application, body="Redaktören skriver").status_code == 302
    assert Message.objects.count() == 2


def test_a_bad_attachment_is_refused_and_the_message_kept(client, assigned):
    application, people = assigned
    client.force_login(people["coordinator"])
    fake = SimpleUploadedFile("budget.pdf", b"not a pdf at all", "application/pdf")
    response = client.post(thread_url(application), {"body": "Se bilagan", "file": fake})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Se bilagan" in page  # what was typed is kept
    assert 'href="#id_file"' in page  # the error summary links to the field
    assert not Message.objects.exists()
    empty = client.post(thread_url(application), {"body": "  "})
    assert empty.status_code == 400
    assert 'href="#id_body"' in empty.content.decode()


def test_a_message_with_an_attachment_reaches_the_other_side(client, assigned, officer):
    application, people = assigned
    client.force_login(people["coordinator"])
    upload = SimpleUploadedFile("beslut.pdf", pdf_bytes("Beslut"), "application/pdf")
    assert (
        client.post(thread_url(application), {"body": "Beslutet", "file": upload}).status_code
        == 302
    )
    message = Message.objects.get()
    client.force_login(officer)
    url = reverse("casework:message_attachment", args=[application.pk, message.attachment.pk])
    assert "beslut.pdf" in client.get(thread_url(application)).content.decode()
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_return_for_completion_writes_its_comment_into_the_thread(client, assigned, officer):
    application, people = assigned
    workflow.make_staff_transition(
        application=application,
        name="return",
        by=as_staff(officer),
        comment="Komplettera budgeten, tack.",
    )
    message = Message.objects.get()
    assert (message.kind, message.from_staff, message.author) == (
        MessageKind.RETURNED,
        True,
        officer,
    )
    client.force_login(people["coordinator"])
    assert "Komplettera budgeten, tack." in client.get(thread_url(application)).content.decode()


def test_without_an_officer_the_programmes_mailbox_hears(client, case, settings):
    application, people = case
    assert not CaseOfficer.objects.exists()
    client.force_login(people["coordinator"])
    post(client, application, body="Någon där?")
    assert OutgoingEmail.objects.filter(recipient=settings.CONTACT_EMAIL).count() == 1


def test_a_hook_registered_on_a_transition_runs_after_its_own_and_once():
    from applications.workflow import APPLICATION_WORKFLOW
    from casework.services import write_return_comment

    APPLICATION_WORKFLOW.also_after("return", write_return_comment)  # again: still once
    assert APPLICATION_WORKFLOW._also_after["return"] == [write_return_comment]
    with pytest.raises(KeyError):
        APPLICATION_WORKFLOW.also_after("no_such_transition", write_return_comment)
