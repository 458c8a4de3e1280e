"""Where reminders come from. A source is a function `(today) -> Iterable[DueReminder]` named in
`settings.REMINDER_SOURCES`; the sweep (`tasks.send_due_reminders`) runs each and sends what
it yields once (`services.send_reminder`). Sources only read; they never send."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import translation

from applications.findings import LIVE_STATUSES, PLANNING_FIELDS, check_completeness
from applications.models import (
    ROUND_COMPONENTS,
    Application,
    ApplicationRound,
    ApplicationStatus,
    Contributor,
    ContributorRole,
)
from applications.rules import (
    ERROR,
    Finding,
    PastApplication,
    check_eligibility,
    check_team,
    open_round_for,
)
from core.models import User
from partnerships.models import Component, Membership, MembershipStatus

from .models import Reminder


@dataclass(frozen=True)
class DueReminder:
    """One reminder a source wants sent: to whom, about what, for which deadline and day."""

    recipient: User
    kind: str
    object_key: str
    due_date: datetime.date
    days_before: int
    template: str  # a core.notify template name
    context: dict[str, Any] = field(compare=False)


# The applicant can still change these, so a reminder can still help. A withdrawn application
# was taken back on purpose; its coordinator does not need to be chased.
REMINDED_STATUSES = [ApplicationStatus.DRAFT, ApplicationStatus.RETURNED]
# Drafts are read in chunks of this many, so a sweep over any number of drafts holds a bounded
# number of rows in memory and issues a fixed number of queries per chunk.
CHUNK = 500


def rounds_closing(
    today: datetime.date, rounds: list[ApplicationRound]
) -> dict[str, ApplicationRound]:
    """{component: its round} for the components whose round closes in one of REMINDER_DAYS.

    A component's round is the one a submission made today would fall in (the one that closes
    first, as for the submission itself)."""
    closing = {}
    for component in ROUND_COMPONENTS:
        current = open_round_for(component, rounds, today)
        if current is not None and (current.closes_on - today).days in settings.REMINDER_DAYS:
            closing[component] = current
    return closing


def application_drafts(today: datetime.date) -> Iterator[DueReminder]:
    """A reminder to each person who can edit a draft (or a returned application) of a
    component whose round closes in 14, 7 or 1 days (REMINDER_DAYS): the organisation's
    coordinators, the draft's creator and the contributors with the editor role."""
    rounds = list(ApplicationRound.objects.all())
    closing = rounds_closing(today, rounds)
    if not closing:
        return
    pks = list(
        Application.objects.filter(status__in=REMINDED_STATUSES, component__in=list(closing))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for start in range(0, len(pks), CHUNK):
        drafts = list(_drafts(pks[start : start + CHUNK]))
        coordinators = _coordinators({d.organisation_id for d in drafts})
        related = _related_applications(drafts)
        for draft in drafts:
            current = closing[draft.component]
            days = (current.closes_on - today).days
            findings = _findings(draft, related=related, rounds=rounds, today=today)
            missing = [f.message for f in findings if f.severity == ERROR]
            for person in _editors_of(draft, coordinators):
                with translation.override(person.language):
                    url = settings.SITE_URL + reverse("applications:review", args=[draft.pk])
                yield DueReminder(
                    recipient=person,
                    kind=Reminder.Kind.APPLICATION_DEADLINE,
                    object_key=f"application:{draft.pk}",
                    due_date=current.closes_on,
                    days_before=days,
                    template="reminders/email/application_deadline",
                    context={
                        "application": draft,
                        "round": current,
                        "days": days,
                        "missing": missing,
                        "url": url,
                    },
                )


def _drafts(pks: list[int]) -> Iterable[Application]:
    return (
        Application.objects.filter(pk__in=pks)
        .select_related(
            "organisation",
            "created_by",
            "new_partner_country",
            "partnership__partner_organisation__country",
        )
        .prefetch_related(
            "participants",
            "partnership__components",
            Prefetch(
                "contributors",
                queryset=Contributor.objects.filter(role=ContributorRole.EDITOR).select_related(
                    "user"
                ),
                to_attr="editor_contributors",
            ),
        )
        .order_by("pk")
    )


def _coordinators(organisation_ids: set[int]) -> dict[int, list[User]]:
    """The approved members of each organisation: every one of them coordinates its cases."""
    people = defaultdict(list)
    memberships = Membership.objects.filter(
        organisation_id__in=organisation_ids, status=MembershipStatus.APPROVED
    ).select_related("user")
    for membership in memberships:
        people[membership.organisation_id].append(membership.user)
    return people


def _editors_of(draft: Application, coordinators: dict[int, list[User]]) -> list[User]:
    """Everyone who may edit the draft (applications.access), each once, active accounts only."""
    people = {
        user.pk: user
        for user in [
            *coordinators.get(draft.organisation_id, []),
            draft.created_by,
            *(c.user for c in draft.editor_contributors),
        ]
        if user.is_active
    }
    return [people[pk] for pk in sorted(people)]


# --- what the rules still find: applications.findings.findings_for, for many drafts at once ---


def _partnership_key(application: Application) -> tuple:
    """Applications with the same key are of the same partnership (findings._same_partnership)."""
    if application.partnership_id:
        return ("partnership", application.partnership_id)
    return (
        "new",
        application.organisation_id,
        application.new_partner_name.upper(),
        application.new_partner_country_id,
    )


def _related_applications(drafts: list[Application]) -> dict[tuple, list[Application]]:
    """The applications the rules look at besides the draft itself, by partnership: live
    Projekt and Styrgrupp applied for alongside, and the approved ones. One query."""
    partnership_ids = {d.partnership_id for d in drafts if d.partnership_id}
    new_partners = [d for d in drafts if not d.partnership_id]
    related = defaultdict(list)
    candidates = (
        Application.objects.annotate(new_partner_upper=Upper("new_partner_name"))
        .filter(
            Q(partnership_id__in=partnership_ids)
            | Q(
                partnership__isnull=True,
                organisation_id__in={d.organisation_id for d in new_partners},
                new_partner_upper__in={d.new_partner_name.upper() for d in new_partners},
            )
        )
        .filter(
            Q(status__in=LIVE_STATUSES, component__in=[Component.PROJEKT, Component.STYRGRUPP])
            | Q(status=ApplicationStatus.APPROVED)
        )
        .only(
            "partnership_id",
            "organisation_id",
            "new_partner_name",
            "new_partner_country_id",
            "component",
            "status",
            "period_start",
            "period_end",
        )
    )
    for application in candidates:
        related[_partnership_key(application)].append(application)
    return related


def _findings(
    draft: Application,
    *,
    related: dict[tuple, list[Application]],
    rounds: list[ApplicationRound],
    today: datetime.date,
) -> list[Finding]:
    """The same findings as `applications.findings.findings_for(draft)`, from prefetched data
    (tests/reminders/test_sources.py holds the two to the same answers)."""
    others = [a for a in related.get(_partnership_key(draft), []) if a.pk != draft.pk]
    companions = [
        a
        for a in others
        if a.status in LIVE_STATUSES and a.component in {Component.PROJEKT, Component.STYRGRUPP}
    ]
    period = (draft.period_start, draft.period_end)
    projekt = next((c for c in companions if c.component == Component.PROJEKT), None)
    history = []
    if draft.partnership_id:
        history = [
            PastApplication(
                component=c.component,
                granted=c.granted,
                period_start=datetime.date(c.start_year, 1, 1),
                period_end=datetime.date(c.end_year, 12, 31),
            )
            for c in draft.partnership.components.all()
        ]
    history += [
        PastApplication(a.component, True, a.period_start, a.period_end)
        for a in others
        if a.status == ApplicationStatus.APPROVED
    ]
    team = list(draft.participants.all())
    country = draft.partner_country
    return sorted(
        [
            *check_completeness(
                title=draft.title,
                purpose=draft.purpose,
                unconfirmed_conduct=sum(not p.code_of_conduct for p in team),
            ),
            *check_eligibility(
                component=draft.component,
                applicant_type=draft.organisation.type,
                country_status=country.status if country else None,
                today=today,
                period_start=draft.period_start,
                period_end=draft.period_end,
                rounds=rounds,
                partnership_history=history,
                styrgrupp_in_same_submission=any(
                    c.component == Component.STYRGRUPP and (c.period_start, c.period_end) == period
                    for c in companions
                ),
                projekt_period=(projekt.period_start, projekt.period_end)
                if projekt and projekt.period_start and projekt.period_end
                else None,
                dialogue_date=draft.dialogue_date,
                dialogue_note=draft.dialogue_note,
                planning_tool_complete=all(
                    getattr(draft, name).strip() for name in PLANNING_FIELDS
                ),
            ),
            *check_team(draft.component, team),
        ]
    )
