"""reminders.services.send_reminder and the e-mail it sends."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from applications.reminders import application_drafts
from core import notify as notify_module
from core.models import OutgoingEmail
from reminders.models import Reminder
from reminders.services import send_reminder, send_reminders
from reminders.sources import DueReminder
from tests.factories import make_coordinator
from tests.reminders.conftest import TODAY, make_projekt_draft, make_round

pytestmark = pytest.mark.django_db


def due_for(person, closes_in: int = 7, **draft_fields) -> DueReminder:
    """The reminder the source yields for `person`, a coordinator of a Projekt draft."""
    make_round(closes_in)
    make_projekt_draft(
        organisation=person.memberships.get().organisation, created_by=person, **draft_fields
    )
    (due,) = application_drafts(TODAY)
    return due


def test_it_records_the_reminder_and_queues_its_email(django_capture_on_commit_callbacks):
    person = make_coordinator()
    due = due_for(person)

    with django_capture_on_commit_callbacks() as callbacks:
        assert send_reminder(due=due) is True

    reminder = Reminder.objects.get()
    assert (reminder.recipient, reminder.kind, reminder.object_key) == (
        person,
        "application_deadline",
        due.object_key,
    )
    assert (reminder.due_date, reminder.days_before) == (TODAY + datetime.timedelta(days=7), 7)
    assert reminder.email == OutgoingEmail.objects.get()
    assert reminder.email.recipient == person.email
    assert len(callbacks) == 1  # the sending, queued after commit


def test_sending_the_same_reminder_twice_sends_it_once():
    due = due_for(make_coordinator())

    assert send_reminder(due=due) is True
    assert send_reminder(due=due) is False

    assert Reminder.objects.count() == 1
    assert OutgoingEmail.objects.count() == 1


def test_the_same_draft_on_another_day_before_is_another_reminder():
    person = make_coordinator()
    due = due_for(person)
    send_reminder(due=due)

    later = DueReminder(**{**due.__dict__, "days_before": 1})

    assert send_reminder(due=later) is True
    assert Reminder.objects.count() == 2


def test_another_integrity_error_is_not_taken_for_a_reminder_sent_before():
    due = due_for(make_coordinator())
    broken = DueReminder(**{**due.__dict__, "days_before": -1})  # breaks the positive check

    with pytest.raises(IntegrityError), transaction.atomic():
        send_reminder(due=broken)
    assert not OutgoingEmail.objects.exists()


def test_the_email_is_in_swedish_for_a_swedish_recipient_and_lists_what_is_missing():
    due = due_for(make_coordinator(language="sv"), title="Unga röster & val")

    send_reminder(due=due)

    email = OutgoingEmail.objects.get()
    assert email.language == "sv"
    # The reminder's own sentences are translated by the lead at the end (locale/); what the
    # portal already translates shows the language: the component, the date, the rules' words.
    assert "Projekt" in email.subject and "Project" not in email.subject
    assert "8 mars 2031" in email.body
    assert "Unga röster & val" in email.body  # plain text: nothing escaped
    assert "- Beskriv syftet och målen." in email.body
    assert "uppförandekod" in email.body
    assert due.context["url"] in email.body
    assert "/arenden/" in due.context["url"]


def test_the_email_is_in_english_for_an_english_recipient():
    due = due_for(make_coordinator(language="en"), closes_in=1)

    send_reminder(due=due)

    email = OutgoingEmail.objects.get()
    assert email.language == "en"
    assert email.subject == "Reminder: the round for Project closes in 1 day"
    assert "Round 2031-01 closes on March 2, 2031" in email.body
    assert "What the programme's rules still find missing:" in email.body
    assert "- Describe the purpose and the goals." in email.body
    assert "ICLD's code of conduct" in email.body
    assert "/en/cases/" in email.body


def test_an_application_with_nothing_missing_is_said_to_be_ready():
    due = due_for(make_coordinator(language="en"))
    ready = DueReminder(**{**due.__dict__, "context": {**due.context, "missing": []}})

    send_reminder(due=ready)

    body = OutgoingEmail.objects.get().body
    assert "The rules find nothing missing: the application can be submitted." in body
    assert "still find missing" not in body


def test_a_batch_renders_each_message_once_and_each_email_is_what_it_would_be_alone(monkeypatch):
    """The sweep renders a message once per language and shared context, then puts each draft's
    name, organisation and link in: every e-mail reads as if rendered on its own."""
    make_round(7)
    people = [make_coordinator(language=lang) for lang in ("sv", "en", "sv", "en")]
    for k, person in enumerate(people):
        make_projekt_draft(
            organisation=person.memberships.get().organisation,
            created_by=person,
            title=f"Titel {k} & co" if k % 2 else "",
        )
    due = list(application_drafts(TODAY))
    alone = []
    for reminder in due:
        with transaction.atomic():
            send_reminder(due=reminder)
            email = OutgoingEmail.objects.get()
            alone.append((email.recipient, email.subject, email.body))
            transaction.set_rollback(True)
    renders = []
    real = notify_module.render_to_string
    monkeypatch.setattr(
        notify_module,
        "render_to_string",
        lambda name, context: renders.append(name) or real(name, context),
    )

    assert send_reminders(due=due) == 4

    batch = list(OutgoingEmail.objects.order_by("pk").values_list("recipient", "subject", "body"))
    assert batch == alone
    assert len({body for _, _, body in batch}) == 4  # each its own draft and link
    assert len(renders) == 2 * 2  # subject and body, once per language


def test_the_shared_context_is_rendered_in_the_recipients_language():
    """The same shared context in two languages is two messages, not one reused."""
    make_round(7)
    people = [make_coordinator(language=lang) for lang in ("en", "sv")]
    for person in people:
        make_projekt_draft(organisation=person.memberships.get().organisation, created_by=person)

    send_reminders(due=list(application_drafts(TODAY)))

    en, sv = OutgoingEmail.objects.order_by("pk")
    assert en.subject == "Reminder: the round for Project closes in 7 days"
    assert "Projekt" in sv.subject and "Project" not in sv.subject
    assert "Describe the purpose and the goals." in en.body
    assert "Beskriv syftet och målen." in sv.body
