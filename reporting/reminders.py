"""The reminder source of reports (see reminders.sources): a reminder to the coordinators and
editor contributors of a case REMINDER_DAYS before each of its reports is due."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.conf import settings
from django.db.models import Prefetch

from applications.models import Contributor, ContributorRole
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
        .prefetch_related(
            Prefetch(
                "application__contributors",
                queryset=Contributor.objects.filter(role=ContributorRole.EDITOR).select_related(
                    "user"
                ),
                to_attr="editor_contributors",
            )
        )
        .order_by("pk")
    )
    coordinators = coordinators_by_organisation({r.application.organisation_id for r in reports})
    for report in reports:
        people = {
            user.pk: user
            for user in [
                *coordinators.get(report.application.organisation_id, []),
                *(c.user for c in report.application.editor_contributors),
            ]
            if user.is_active
        }
        days = dates[report.due_date]
        for pk in sorted(people):
            person = people[pk]
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
