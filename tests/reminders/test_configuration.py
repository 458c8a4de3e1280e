"""The reminders' settings: the daily schedule, the sources and REMINDER_DAYS from the
environment."""

import pytest
from celery.schedules import crontab
from django.conf import settings

from reminders import tasks
from tests.test_settings import PRODUCTION, manage


def test_the_sweep_runs_each_hour_of_the_working_day_stockholm_time():
    entry = settings.CELERY_BEAT_SCHEDULE["send-due-reminders"]
    assert entry["task"] == tasks.send_due_reminders.name
    schedule = entry["schedule"]
    assert isinstance(schedule, crontab)
    # From 06:15 to 18:15: a run the broker missed is made up within the hour.
    assert schedule.hour == set(range(6, 19)) and schedule.minute == {15}
    assert schedule.day_of_week == set(range(7))
    assert settings.CELERY_TIMEZONE == "Europe/Stockholm"


def test_every_configured_source_can_be_imported():
    assert len(tasks.sources()) == len(settings.REMINDER_SOURCES) >= 1
    assert "applications.reminders.application_drafts" in settings.REMINDER_SOURCES


def test_reminders_go_out_14_7_and_1_days_before_by_default():
    assert settings.REMINDER_DAYS == [14, 7, 1]


def test_the_days_come_from_the_environment():
    result = manage(
        "shell", "-c", "from django.conf import settings; print(settings.REMINDER_DAYS)",
        env=PRODUCTION | {"REMINDER_DAYS": "30,3"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("[30, 3]")


@pytest.mark.parametrize("value", ["-1", "seven", "7,1.5", ","])
def test_days_that_are_not_whole_numbers_of_zero_or_more_stop_the_start_up(value):
    result = manage("check", env=PRODUCTION | {"REMINDER_DAYS": value})
    assert result.returncode != 0
    assert "REMINDER_DAYS must be one or more whole numbers" in result.stderr
