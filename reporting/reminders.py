"""The reminder source of reports (see reminders.sources): a reminder to everyone who may edit
a case (applications.selectors.editors_of) REMINDER_DAYS before each of its reports is due."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.conf import settings

from applications.selectors import editor_contributors, editors_of
from core.links import absolute_url
from reminders.models import Reminder
from reminders.sources import DueReminder, coordinators_by_organisation

from .models import EDITABLE_REPORT_STATUSES, Report


def reports_due(today: datetime.date) -> Iterator[DueReminder]:
    """One reminder per person and report still to be submitted, on each of REMINDER_DAYS
    before its due date. Reads in a fixed number of queries."""
    dates = {today + datetime.timedelta(days=days): days for days in settings.REMINDER_DAYS}
    reports = list(
        Report.objects.filter(status__in=EDITABLE_REPORT_STATUSES, due_date__in=list(dates))
        .select_related("application__organisation")
        .prefetch_related(editor_contributors("application__"))
        .order_by("pk")
    )
    coordinators = coordinators_by_organisation({r.application.organisation_id for r in reports})
    for report in reports:
        days = dates[report.due_date]
        for person in editors_of(report.application, coordinators, creator=False):
            url = absolute_url("reporting:report", report.pk, language=person.language)
            yield DueReminder(
                recipient=person,
                kind=Reminder.Kind.REPORT_DUE,
                object_key=f"report:{report.pk}",
                due_date=report.due_date,
                days_before=days,
                template="reporting/email/report_due",
                context={"report": report, "days": days, "url": url},
            )
