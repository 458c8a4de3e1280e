import pytest

from core.models import OutgoingEmail
from core.notify import notify
from tests.core.test_notify import TEST_TEMPLATES


@pytest.mark.redis
def test_a_real_worker_sends_the_queued_email(celery_worker, settings, tmp_path):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [TEST_TEMPLATES]}]
    # Outside a transaction, on_commit queues the task at once, through the real Redis.
    email = notify(
        recipient="ann@example.se",
        template="tests/greeting",
        context={"name": "Ann"},
        language="sv",
    )

    celery_worker.wait_for(
        lambda: OutgoingEmail.objects.filter(pk=email.pk, sent_at__isnull=False).exists(),
        what="sending the e-mail",
    )
    written = list((tmp_path / "mail").iterdir())
    assert len(written) == 1
    message = written[0].read_text()
    assert "To: ann@example.se" in message
    assert "Subject: Kontakt Ann" in message
