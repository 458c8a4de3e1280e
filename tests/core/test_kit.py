"""The workflow kit's small pieces, each on its own: CSV cells, absolute links, notify_user, a
transition table's rule for removing transitions."""

import pytest
from django.utils import translation

from core.csv import csv_lines, csv_safe
from core.links import absolute_url, absolute_urls
from core.models import OutgoingEmail
from core.notify import notify_user
from core.workflow import Transition, TransitionTable
from partnerships.models import Dialogue, DialogueEvent
from tests.factories import UserFactory


@pytest.mark.parametrize("text", ["=1+1", "+46", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_text_a_spreadsheet_would_run_gets_an_apostrophe(text):
    assert csv_safe(text) == "'" + text


@pytest.mark.parametrize(("value", "cell"), [(None, ""), (-2, -2), ("Malmö", "Malmö"), (0, 0)])
def test_other_cells_stay_as_they_are(value, cell):
    assert csv_safe(value) == cell


def test_csv_lines_guard_every_cell_and_put_the_bom_first_when_asked():
    lines = list(csv_lines(["name"], [["=cmd"], ["Lund"]], bom=True))
    assert lines == ["\ufeffname\r\n", "'=cmd\r\n", "Lund\r\n"]


def test_an_absolute_url_has_the_prefix_of_the_readers_language_not_the_current_one(settings):
    settings.SITE_URL = "https://portal.example"
    with translation.override("en"):
        assert absolute_url("applications:case", 7, language="sv") == (
            "https://portal.example/arenden/7/"
        )
    with translation.override("sv"):
        assert absolute_url("applications:case", 7, language="en") == (
            "https://portal.example/en/cases/7/"
        )


@pytest.mark.parametrize("language", ["sv", "en"])
def test_many_absolute_urls_from_one_reverse_are_the_same_as_each_reversed(settings, language):
    settings.SITE_URL = "https://portal.example"
    review = absolute_urls("applications:review", language=language)
    for pk in (1, 7, 12345, 98765432):
        assert review(pk) == absolute_url("applications:review", pk, language=language)


@pytest.mark.django_db
def test_notify_user_writes_in_the_users_language_with_the_link_in_it():
    user = UserFactory(language="en")
    with translation.override("sv"):
        notify_user(
            user,
            template="partnerships/email/membership_approved",
            context={"organisation": "Lunds kommun"},
            link=("applications:dashboard",),
        )
    email = OutgoingEmail.objects.get()
    assert (email.recipient, email.language) == (user.email, "en")
    assert absolute_url("applications:dashboard", language="en") in email.body


@pytest.mark.django_db
def test_a_transaction_aware_task_is_queued_only_once_the_transaction_commits(
    monkeypatch, django_capture_on_commit_callbacks
):
    from celery import Task

    from core.tasks import send_email

    queued = []
    monkeypatch.setattr(
        Task, "apply_async", lambda self, args=None, kwargs=None, **o: queued.append(args)
    )
    with django_capture_on_commit_callbacks(execute=True):
        send_email.delay(42)
        assert queued == []
    assert queued == [(42,)]


@pytest.mark.django_db
def test_the_sweep_queues_what_the_broker_missed_up_to_its_limit(monkeypatch):
    from core.tasks import requeue_missed, send_email

    emails = [
        OutgoingEmail.objects.create(recipient="a@example.se", subject="s", body="b", language="sv")
        for _ in range(3)
    ]
    queued = []
    monkeypatch.setattr(send_email, "delay", queued.append)
    ids = requeue_missed(send_email, OutgoingEmail.objects.order_by("pk"), limit=2)
    assert ids == queued == [emails[0].pk, emails[1].pk]


def test_check_length_lets_text_up_to_the_limit_through_and_names_the_field_beyond_it():
    from django.core.exceptions import ValidationError

    from core.forms import check_length

    assert check_length("abc", field="note", max_length=3, message="at most %(max)d") == "abc"
    with pytest.raises(ValidationError) as refused:
        check_length("abcd", field="note", max_length=3, message="at most %(max)d")
    assert refused.value.message_dict == {"note": ["at most 3"]}


def test_a_table_with_events_has_no_transition_that_removes_the_object():
    removing = Transition("drop", frozenset({"stated"}), None, "Drop", permission="x.y")
    with pytest.raises(ValueError, match="remove its events"):
        TransitionTable([removing], model=Dialogue, event=DialogueEvent, refusal="%(action)s")
    assert "drop" in TransitionTable([removing], model=Dialogue, event=None, refusal="-")
