import datetime

import icalendar
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from applications.models import ApplicationRound

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def make_round(name: str, opens: int, closes: int, components=("projekt", "styrgrupp")):
    return ApplicationRound.objects.create(
        name=name,
        opens_on=TODAY + datetime.timedelta(days=opens),
        closes_on=TODAY + datetime.timedelta(days=closes),
        components=list(components),
    )


def test_the_rounds_page_shows_open_coming_and_closed_rounds(client):
    make_round("2031-01", -10, 10)
    make_round("2031-02", 30, 60, components=["breddning"])
    make_round("2030-04", -90, -60)
    response = client.get("/ansokningsomgangar/")
    assert response.status_code == 200
    text = response.text
    assert text.index("2031-01") < text.index("Kommande omgångar") < text.index("2031-02")
    assert text.index("Nyligen stängda") < text.index("2030-04")
    assert "Breddning" in text
    assert "Förberedelse" in text and "när som helst" in text


def test_the_english_rounds_page(client):
    make_round("2031-01", -10, 10)
    response = client.get("/en/application-rounds/")
    assert response.status_code == 200
    assert '<html lang="en">' in response.text
    assert "Open now" in response.text
    assert "?lang=en" in response.text


def test_the_calendar_feed_has_an_event_per_closing_date_and_parses_as_rfc_5545(client):
    make_round("2031-01", -10, 10)
    make_round("2031-02", 30, 60)
    response = client.get("/rounds.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    closing = {e.decoded("dtstart") for e in events}
    assert closing == {TODAY + datetime.timedelta(days=10), TODAY + datetime.timedelta(days=60)}
    assert all(e["uid"].startswith("round-2031-0") for e in events)
    assert "2031-01 stänger" in str(events[0]["summary"]) or "2031-01" in str(events[1]["summary"])


def test_the_calendar_feed_speaks_english_on_request(client):
    make_round("2031-01", -10, 10)
    event = icalendar.Calendar.from_ical(client.get("/rounds.ics?lang=en").content).walk("VEVENT")[
        0
    ]
    assert str(event["summary"]).startswith("Round 2031-01 closes")


def test_a_round_name_is_a_year_and_a_number():
    with pytest.raises(ValidationError):
        ApplicationRound(
            name="2031-X", opens_on=TODAY, closes_on=TODAY, components=["projekt"]
        ).full_clean()


def test_a_round_cannot_close_before_it_opens():
    with pytest.raises(IntegrityError):
        make_round("2031-03", 10, 5)


def test_a_round_covers_only_components_processed_in_rounds():
    round_ = ApplicationRound(
        name="2031-04", opens_on=TODAY, closes_on=TODAY, components=["forberedelse"]
    )
    with pytest.raises(ValidationError):
        round_.full_clean()


def test_staff_choose_components_with_checkboxes(staff_client):
    response = staff_client.post(
        "/admin/applications/applicationround/add/",
        {
            "name": "2031-05",
            "opens_on": "2031-09-15",
            "closes_on": "2031-10-15",
            "components": ["projekt", "styrgrupp"],
            # The round's page also has casework's inline for the round's lead officer.
            "lead-TOTAL_FORMS": "0",
            "lead-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert ApplicationRound.objects.get(name="2031-05").components == ["projekt", "styrgrupp"]
