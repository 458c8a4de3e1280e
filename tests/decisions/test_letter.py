"""The decision letter: rendered once in Celery in the case's language, with the amounts the
database holds, posted into the thread with the PDF attached and e-mailed via the outbox."""

import subprocess

import pytest

from casework.models import Message
from core.models import OutgoingEmail
from decisions import letters, services, workflow
from decisions.models import DecisionLine, Outcome
from decisions.selectors import granted_total

pytestmark = pytest.mark.django_db


def pdf_text(path: str) -> str:
    text = subprocess.run(["pdftotext", path, "-"], capture_output=True, check=True, text=True)
    return " ".join(text.stdout.replace("\xa0", " ").split())


def kronor(amount: int) -> str:
    return f"{amount:,}".replace(",", " ")


@pytest.fixture
def decided(settings, tmp_path, officer, decider, in_review, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path

    def make(outcome=Outcome.GRANTED, **proposal):
        decision = services.propose(application=in_review, by=officer, outcome=outcome, **proposal)
        with django_capture_on_commit_callbacks() as callbacks:
            workflow.decide(decision=decision, by=decider)
        assert callbacks, "the letter is queued after commit"
        return decision

    return make


def test_a_grant_letter_holds_the_amounts_of_the_database(decided, in_review):
    decision = decided(granted={"travel": 52_500}, conditions="Slutrapport senast 31 mars.")
    rendered = letters.render_decision_letter(decision_id=decision.pk)
    text = pdf_text(rendered.letter.path)
    assert len(rendered.letter_checksum) == 64
    assert in_review.case_number in text
    assert "Slutrapport senast 31 mars." in text
    # Every amount and the total, recomputed from the rows.
    for line in DecisionLine.objects.filter(decision=decision):
        assert kronor(line.granted_sek) in text
        assert kronor(line.requested_sek) in text
    total = sum(
        DecisionLine.objects.filter(decision=decision).values_list("granted_sek", flat=True)
    )
    assert total == granted_total(decision) == 87_500
    assert f"{kronor(total)} kr" in text or f"{kronor(total)} SEK" in text
    assert "Beslut" in text  # the case is Swedish


def test_the_letter_is_in_the_cases_language(decided, in_review):
    in_review.language = "en"
    in_review.save(update_fields=["language"])
    decision = decided()
    text = pdf_text(letters.render_decision_letter(decision_id=decision.pk).letter.path)
    assert f"Decision on {in_review.case_number}" in text
    assert "Granted amounts per budget category" in text


def test_a_decline_letter_gives_the_reasons(decided):
    decision = decided(Outcome.DECLINED, reasons="Partnerskapet saknar politisk förankring.")
    text = pdf_text(letters.render_decision_letter(decision_id=decision.pk).letter.path)
    assert "Partnerskapet saknar politisk förankring." in text


def test_the_letter_is_posted_into_the_thread_and_emailed_once(decided, in_review):
    decision = decided()
    coordinator = in_review.created_by
    before = OutgoingEmail.objects.filter(recipient=coordinator.email).count()
    letters.render_and_send(decision_id=decision.pk)
    letters.render_and_send(decision_id=decision.pk)  # a retry sends nothing twice
    message = Message.objects.get(application=in_review, attachment__isnull=False)
    assert message.from_staff and not message.internal
    assert message.attachment.content_type == "application/pdf"
    assert message.attachment.file.read().startswith(b"%PDF-")
    assert OutgoingEmail.objects.filter(recipient=coordinator.email).count() == before + 1
    decision.refresh_from_db()
    assert decision.letter_sent_at is not None


def test_the_sweep_finds_letters_the_broker_missed(decided):
    import datetime

    from django.db.models import F

    from decisions.models import Decision

    decision = decided()
    Decision.objects.filter(pk=decision.pk).update(
        decided_at=F("decided_at") - datetime.timedelta(minutes=10)
    )
    waiting = letters.letters_waiting(older_than=datetime.timedelta(minutes=5))
    assert list(waiting.values_list("pk", flat=True)) == [decision.pk]
    letters.render_and_send(decision_id=decision.pk)
    assert not letters.letters_waiting(older_than=datetime.timedelta(minutes=5)).exists()
