"""Rounds that close in a given number of days and drafts with everyone around them."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from applications.models import ApplicationRound
from tests.factories import ApplicationFactory, ParticipantFactory

TODAY = datetime.date(2031, 3, 1)


def make_round(
    closes_in: int,
    *,
    today: datetime.date = TODAY,
    name: str = "2031-01",
    components=("projekt", "styrgrupp"),
) -> ApplicationRound:
    """A round open since a month ago that closes `closes_in` days after `today`."""
    return ApplicationRound.objects.create(
        name=name,
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today + datetime.timedelta(days=closes_in),
        components=list(components),
    )


def make_projekt_draft(**fields):
    """A Projekt draft with a team of one that the rules still find much missing in."""
    draft = ApplicationFactory(component="projekt", purpose="", **fields)
    ParticipantFactory(application=draft, code_of_conduct=False)
    return draft


@pytest.fixture
def local_today() -> datetime.date:
    """The sweep reminds for the portal's own today."""
    return timezone.localdate()


@pytest.fixture
def broker_down(monkeypatch):
    """Call it to make the broker unreachable (a closed port, no pools left over from earlier
    tests); `monkeypatch.undo()` brings it back."""

    def take_down() -> None:
        from icld_portal.celery import app

        monkeypatch.setattr(app.conf, "broker_url", "redis://127.0.0.1:9/0")
        monkeypatch.setattr(app, "_pool", None)
        monkeypatch.setattr(app.amqp, "_producer_pool", None)

    return take_down
