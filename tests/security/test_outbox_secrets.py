"""Finding 5 of the security review: the outbox, readable in the admin, keeps no working link
once a message is delivered, and delivered mail is deleted on the retention schedule."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from core.models import OutgoingEmail
from core.notify import queue_email
from core.tasks import send_email
from privacy import retention

pytestmark = pytest.mark.django_db

LINKS = [
    "https://portal.icld.se/inbjudningar/Zk3v9Qe2nRb7dXw1yT5uHc8LmPoAsDfGhJkLzXcVbNm/",
    "https://portal.icld.se/en/invitations/Zk3v9Qe2nRb7dXw1yT5uHc8LmPoAsDfGhJkLzXcVbNm/",
    "https://portal.icld.se/konto/password/reset/key/4-cz8f1j-0b1e4b2f3b8a/",
    "https://portal.icld.se/konto/confirm-email/MQ:1tUvWx:abcdefghijkl/",
]


@pytest.mark.parametrize("link", LINKS)
def test_a_delivered_message_keeps_no_token_in_the_outbox(link):
    email = queue_email(
        recipient="a@example.se", subject="Länk", body=f"Öppna {link} inom 14 dagar.", language="sv"
    )
    send_email(email.pk)
    assert link in mail.outbox[0].body  # the recipient got the working link
    email.refresh_from_db()
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert token not in email.body
    assert "[redacted]" in email.body


def test_an_unsent_message_keeps_its_link_until_it_goes_out():
    email = queue_email(recipient="a@example.se", subject="Länk", body=LINKS[0], language="sv")
    email.refresh_from_db()
    assert email.body == LINKS[0]


def test_delivered_mail_is_pruned_after_the_retention_period_and_unsent_mail_stays(settings):
    settings.RETENTION_OUTBOX_DAYS = 90
    now = timezone.now()
    old = queue_email(recipient="a@example.se", subject="Gammal", body="-", language="sv")
    recent = queue_email(recipient="a@example.se", subject="Ny", body="-", language="sv")
    unsent = queue_email(recipient="a@example.se", subject="Osänd", body="-", language="sv")
    OutgoingEmail.objects.filter(pk=old.pk).update(sent_at=now - datetime.timedelta(days=91))
    OutgoingEmail.objects.filter(pk=recent.pk).update(sent_at=now - datetime.timedelta(days=89))
    assert retention.sweep(now=now).pruned == 1
    assert set(OutgoingEmail.objects.values_list("pk", flat=True)) == {recent.pk, unsent.pk}
