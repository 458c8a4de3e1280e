"""The rounds' closing dates as an iCalendar (RFC 5545) feed."""

import datetime
from collections.abc import Iterable

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ApplicationRound


def rounds_calendar(rounds: Iterable[ApplicationRound], *, site_url: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//ICLD//Kommunala partnerskap//SV")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("ICLD application rounds"))
    stamp = timezone.now()
    for round_ in rounds:
        event = icalendar.Event()
        event.add("uid", f"round-{round_.name}@{site_url.split('://')[-1]}")
        event.add("dtstamp", stamp)
        # An all-day event on the closing day: the last day to submit.
        event.add("dtstart", round_.closes_on)
        event.add("dtend", round_.closes_on + datetime.timedelta(days=1))
        event.add("summary", _("Round %(name)s closes: last day to submit") % {"name": round_.name})
        event.add(
            "description",
            _("Components: %(components)s")
            % {"components": ", ".join(round_.get_components_display())},
        )
        event.add("url", f"{site_url}/")
        calendar.add_component(event)
    return calendar.to_ical()
