from pathlib import Path

import pytest
from django.core import mail

from core.models import OutgoingEmail
from core.notify import notify
from core.tasks import requeue_unsent_email, send_email

pytestmark = pytest.mark.django_db

TEST_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@pytest.fixture(autouse=True)
def test_templates(settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [TEST_TEMPLATES]}]


def test_it_renders_in_the_recipients_language():
    sv = notify(
        recipient="a@example.se", template="tests/greeting", context={"name": "Ann"}, language="sv"
    )
    en = notify(
        recipient="b@example.org", template="tests/greeting", context={"name": "Bo"}, language="en"
    )
    assert (sv.subject, sv.body.strip()) == ("Kontakt Ann", "Hem: Ann")
    assert (en.subject, en.body.strip()) == ("Contact Bo", "Home: Bo")


def test_it_writes_the_outbox_and_queues_sending_only_after_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks:
        email = notify(
            recipient="a@example.se",
            template="tests/greeting",
            context={"name": "Ann"},
            language="sv",
        )
        assert OutgoingEmail.objects.filter(pk=email.pk, sent_at=None).exists()
    assert len(callbacks) == 1


def test_sending_twice_sends_once():
    email = notify(
        recipient="a@example.se", template="tests/greeting", context={"name": "Ann"}, language="sv"
    )
    send_email(email.pk)
    send_email(email.pk)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["a@example.se"]
    email.refresh_from_db()
    assert email.sent_at is not None
    assert email.attempts == 1


def test_a_failed_send_counts_the_attempt_and_leaves_the_message_unsent(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 1  # nothing listens there
    email = notify(
        recipient="a@example.se", template="tests/greeting", context={"name": "Ann"}, language="sv"
    )
    with pytest.raises(OSError):
        send_email.run(email.pk)
    email.refresh_from_db()
    assert (email.sent_at, email.attempts) == (None, 1)


@pytest.mark.redis
def test_the_sweep_requeues_only_old_unsent_messages():
    old, sent, _fresh = (
        notify(
            recipient=f"{n}@example.se",
            template="tests/greeting",
            context={"name": n},
            language="sv",
        )
        for n in ("old", "sent", "fresh")
    )
    OutgoingEmail.objects.filter(pk__in=[old.pk, sent.pk]).update(created_at="2020-01-01T00:00Z")
    send_email(sent.pk)
    assert requeue_unsent_email.run(older_than_minutes=5) == [old.pk]


def test_a_held_message_is_neither_sent_nor_requeued_until_staff_release_it(
    client, django_capture_on_commit_callbacks
):
    """A restored backup's unsent messages may have gone out already (issue 16, finding 7)."""
    from django.urls import reverse

    from tests.factories import make_staff

    held = notify(
        recipient="held@example.se", template="tests/greeting", context={"name": "H"}, language="sv"
    )
    OutgoingEmail.objects.filter(pk=held.pk).update(held=True, created_at="2020-01-01T00:00Z")
    mail.outbox.clear()
    send_email(held.pk)
    assert mail.outbox == []
    assert requeue_unsent_email.run(older_than_minutes=5) == []

    staff = make_staff(username="outbox-staff")
    staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    with django_capture_on_commit_callbacks() as queued:
        response = client.post(
            reverse("admin:core_outgoingemail_changelist"),
            {"action": "release", "_selected_action": [held.pk]},
        )
    assert response.status_code == 302
    assert len(queued) == 1  # its sending is queued once the release commits
    send_email(held.pk)  # as the worker does
    assert [m.to for m in mail.outbox] == [["held@example.se"]]
    held.refresh_from_db()
    assert (held.held, held.sent_at is not None) == (False, True)
