"""The reminder source of reports (see reminders.sources): a reminder to the coordinators and
editor contributors of a case REMINDER_DAYS before each of its reports is due."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.conf import settings
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import translation

from applications.models import Contributor, ContributorRole
from partnerships.models import Membership, MembershipStatus
from reminders.sources import DueReminder

from .models import EDITABLE_REPORT_STATUSES, Report

KIND = "report_due"


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
    coordinators: dict[int, list] = {}
    for membership in Membership.objects.filter(
        organisation_id__in={r.application.organisation_id for r in reports},
        status=MembershipStatus.APPROVED,
    ).select_related("user"):
        coordinators.setdefault(membership.organisation_id, []).append(membership.user)
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
            with translation.override(person.language):
                url = settings.SITE_URL + reverse("reporting:report", args=[report.pk])
            yield DueReminder(
                recipient=person,
                kind=KIND,
                object_key=f"report:{report.pk}",
                due_date=report.due_date,
                days_before=days,
                template="reporting/email/report_due",
                context={"report": report, "days": days, "url": url},
            )
