"""reminders.tasks.send_due_reminders: the daily sweep, twice at once, in the real worker, and
with the broker down."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone

from applications.reminders import application_drafts
from core.models import OutgoingEmail
from core.tasks import requeue_unsent_email
from reminders import tasks
from reminders.models import Reminder
from tests.factories import ContributorFactory, make_coordinator
from tests.reminders.conftest import make_projekt_draft, make_round


def drafts_with_people(today: datetime.date, drafts: int = 4) -> int:
    """Drafts whose round closes in 7 days, each with a coordinator, a creator and an editor;
    returns how many reminders are due."""
    make_round(7, today=today)
    for _ in range(drafts):
        coordinator = make_coordinator()
        draft = make_projekt_draft(organisation=coordinator.memberships.get().organisation)
        ContributorFactory(application=draft, role="editor")
    return drafts * 3


@pytest.mark.django_db
def test_the_sweep_sends_what_is_due_today_and_a_second_run_sends_nothing(local_today):
    due = drafts_with_people(local_today, drafts=2)

    assert tasks.send_due_reminders() == due
    assert tasks.send_due_reminders() == 0

    assert Reminder.objects.count() == OutgoingEmail.objects.count() == due


@pytest.mark.django_db
def test_the_sweep_runs_every_configured_source(settings, local_today):
    settings.REMINDER_SOURCES = [
        "applications.reminders.application_drafts",
        "tests.reminders.test_sweep.same_drafts_for_another_deadline",
    ]
    due = drafts_with_people(local_today, drafts=1)

    assert tasks.send_due_reminders() == 2 * due


def same_drafts_for_another_deadline(today):
    for reminder in application_drafts(today):
        yield type(reminder)(**{**reminder.__dict__, "object_key": reminder.object_key + "b"})


@pytest.mark.django_db
def test_the_sweep_takes_at_most_ten_queries_per_chunk_of_drafts(
    monkeypatch, local_today, django_assert_num_queries
):
    """Issue 17: at most ten queries per 1,000 drafts (a chunk), whatever the number of drafts."""
    monkeypatch.setattr("applications.reminders.CHUNK", 4)
    monkeypatch.setattr(tasks, "BATCH", 12)  # four drafts' three people: one batch per chunk
    due = drafts_with_people(local_today, drafts=8)
    # Per chunk of drafts: the drafts, participants, editors, related applications, visits;
    # its batch: sent before, e-mails, reminders, and its transaction (here a savepoint and its
    # release, in production BEGIN and COMMIT).
    per_chunk = 5 + 3 + 2
    assert per_chunk <= 10
    # Once per sweep: rounds, draft ids, coordinators, rule sets, ceilings (the budgets are
    # read with the drafts); the reports' source: one.
    with django_assert_num_queries(5 + 2 * per_chunk + 1):
        assert tasks.send_due_reminders() == due
    assert Reminder.objects.count() == OutgoingEmail.objects.count() == due
    assert set(Reminder.objects.values_list("email_id", flat=True)) == set(
        OutgoingEmail.objects.values_list("pk", flat=True)
    )


def test_a_batch_queues_one_task_for_all_its_emails(
    django_capture_on_commit_callbacks, monkeypatch, local_today, db
):
    queued = []
    monkeypatch.setattr("core.tasks.send_emails.delay", queued.append)
    due = drafts_with_people(local_today, drafts=2)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_due_reminders() == due
    assert queued == [list(OutgoingEmail.objects.order_by("pk").values_list("pk", flat=True))]


# --- two sweeps at the same moment --------------------------------------------------------------

both_ready = threading.Barrier(2, timeout=30)


def drafts_when_both_sweeps_are_ready(today):
    """application_drafts, held back until the other sweep has its list too: then both send
    the same reminders in the same order at the same moment."""
    due = list(application_drafts(today))
    both_ready.wait()
    return due


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("batch", [2, tasks.BATCH])  # interleaved, and one waiting for the other
def test_two_concurrent_sweeps_send_each_reminder_exactly_once(
    settings, monkeypatch, local_today, batch
):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's concurrent transactions")
    monkeypatch.setattr(tasks, "BATCH", batch)
    settings.REMINDER_SOURCES = ["tests.reminders.test_sweep.drafts_when_both_sweeps_are_ready"]
    due = drafts_with_people(local_today, drafts=5)
    sent, errors = [], []

    def sweep() -> None:
        try:
            sent.append(tasks.send_due_reminders())
        except Exception as error:  # reported below, with the thread's error
            errors.append(error)
        finally:
            connection.close()

    both_ready.reset()
    threads = [threading.Thread(target=sweep) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sum(sent) == due  # between them; each sweep sent some or none, never the same one
    assert OutgoingEmail.objects.count() == due
    assert Reminder.objects.count() == due
    assert len(set(OutgoingEmail.objects.values_list("recipient", flat=True))) == due


# --- the real worker and the broker -------------------------------------------------------------


def mailed_to(folder) -> list[str]:
    """The recipients of the messages the worker wrote (a file can hold several messages)."""
    return [
        line.removeprefix("To: ")
        for path in folder.iterdir()
        for line in path.read_text().splitlines()
        if line.startswith("To: ")
    ]


@pytest.mark.redis
def test_the_sweep_runs_in_the_real_worker_and_the_emails_go_out(
    celery_worker, tmp_path, local_today
):
    due = drafts_with_people(local_today, drafts=1)

    tasks.send_due_reminders.delay()

    celery_worker.wait_for(
        lambda: OutgoingEmail.objects.filter(sent_at__isnull=False).count() == due,
        what="the sweep and its e-mails",
    )
    assert Reminder.objects.count() == due
    assert sorted(mailed_to(tmp_path / "mail")) == sorted(
        OutgoingEmail.objects.values_list("recipient", flat=True)
    )


@pytest.mark.redis
def test_with_the_broker_down_the_sweep_records_and_the_emails_go_out_later(
    celery_worker, broker_down, monkeypatch, tmp_path, caplog, local_today
):
    due = drafts_with_people(local_today, drafts=1)
    broker_down()

    assert tasks.send_due_reminders() == due

    assert Reminder.objects.count() == due
    assert OutgoingEmail.objects.filter(sent_at__isnull=True).count() == due
    # one task per batch of e-mails, so one line for the sweep's single batch
    assert sum("broker unreachable" in r.getMessage() for r in caplog.records) == 1

    monkeypatch.undo()  # the broker is back; the outbox sweep finds what waited
    OutgoingEmail.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=10))
    assert len(requeue_unsent_email()) == due
    celery_worker.wait_for(
        lambda: not OutgoingEmail.objects.filter(sent_at__isnull=True).exists(),
        what="sending the e-mails that waited",
    )
    assert sorted(mailed_to(tmp_path / "mail")) == sorted(
        OutgoingEmail.objects.values_list("recipient", flat=True)
    )
    assert tasks.send_due_reminders() == 0  # and nobody gets them twice


@pytest.mark.django_db
def test_the_sweep_collects_each_batch_and_leaves_the_collector_on(monkeypatch, local_today):
    """The cyclic collector is off during the sweep (it walked the batches' objects again and
    again), each batch's cycles are collected after it, and it is on again afterwards."""
    import gc

    monkeypatch.setattr(tasks, "BATCH", 3)
    due = drafts_with_people(local_today, drafts=2)
    during: list[bool] = []
    collections: list[int] = []
    monkeypatch.setattr(tasks.gc, "collect", lambda generation=2: collections.append(generation))
    send = tasks.send_reminders

    def observed(**kwargs):
        during.append(gc.isenabled())
        return send(**kwargs)

    monkeypatch.setattr(tasks, "send_reminders", observed)
    assert tasks.send_due_reminders() == due
    assert during == [False, False] and collections == [0, 0]
    assert gc.isenabled()
