"""The reminder source of applications (see reminders.sources): a reminder to everyone who can
edit a draft or a returned application before its round closes."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator

from django.conf import settings

from core.links import absolute_urls
from costnorms.selectors import ceilings_in_force
from reminders.models import Reminder
from reminders.sources import DueReminder, coordinators_by_organisation

from .findings import (
    findings_for_many,
    rule_sets_in_force,
    what_the_budget_rules_read,
    what_the_rules_read,
)
from .models import (
    ROUND_COMPONENTS,
    Application,
    ApplicationRound,
    ApplicationStatus,
)
from .rules import ERROR, Finding, open_round_for
from .selectors import editor_contributors, editors_of

# The applicant can still change these, so a reminder can still help. A withdrawn application
# was taken back on purpose; its coordinator does not need to be chased.
REMINDED_STATUSES = [ApplicationStatus.DRAFT, ApplicationStatus.RETURNED]
# Drafts are read in chunks of this many, so a sweep over any number of drafts holds a bounded
# number of rows in memory and issues a fixed number of queries per chunk.
CHUNK = 1000


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
    due = list(
        Application.objects.live()
        .filter(status__in=REMINDED_STATUSES, component__in=list(closing))
        .order_by("pk")
        .values_list("pk", "organisation_id")
    )
    pks = [pk for pk, _organisation in due]
    # Read once for the whole sweep, not per chunk: the organisations' coordinators (a few
    # hundred organisations however many drafts), the rule sets and ceilings in force.
    coordinators = coordinators_by_organisation({organisation for _pk, organisation in due})
    in_force = rule_sets_in_force()
    ceiling = ceilings_in_force()
    review_urls = {}  # {language: pk -> the draft's address}, reversed once per language
    for start in range(0, len(pks), CHUNK):
        drafts = list(_drafts(pks[start : start + CHUNK]))
        findings = findings_for_many(
            drafts, today=today, rounds=rounds, in_force=in_force, ceiling=ceiling
        )
        for draft in drafts:
            current = closing[draft.component]
            days = (current.closes_on - today).days
            missing = [f.message for f in blocking(findings[draft.pk])]
            heading = _Heading(draft)
            component = COMPONENT_LABELS[draft.component]  # lazy: in the recipient's language
            for person in editors_of(draft, coordinators):
                if person.language not in review_urls:
                    review_urls[person.language] = absolute_urls(
                        "applications:review", language=person.language
                    )
                url = review_urls[person.language](draft.pk)
                yield DueReminder(
                    recipient=person,
                    kind=Reminder.Kind.APPLICATION_DEADLINE,
                    object_key=f"application:{draft.pk}",
                    due_date=current.closes_on,
                    days_before=days,
                    template="reminders/email/application_deadline",
                    # Plain values only: the message is rendered once for the drafts that share
                    # component, round, days and findings, and the rest is put in its slots.
                    context={
                        "component": component,
                        "round": current,
                        "days": days,
                        "missing": missing,
                        "organisation": draft.organisation.name,
                        "heading": heading,
                        "url": url,
                    },
                    varying=DRAFT_VARYING,
                )


COMPONENT_LABELS = dict(Application._meta.get_field("component").flatchoices)
# What differs between drafts (and people) in the reminder; the rest is shared.
DRAFT_VARYING = ("organisation", "heading", "url")


class _Heading:
    """The draft's name and title as the e-mail shows them, in the language it is sent in
    (a draft's name is translated: "Draft 12" / "Utkast 12")."""

    def __init__(self, draft: Application) -> None:
        self.draft = draft

    def __str__(self) -> str:
        name = str(self.draft)
        return f"{name}: {self.draft.title}" if self.draft.title else name


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    """What stops a draft from being submitted: what the deadline reminder lists as missing."""
    return [f for f in findings if f.severity == ERROR]


def open_drafts(
    round_: ApplicationRound, *, today: datetime.date, limit: int
) -> tuple[int, list[tuple[Application, list[Finding]]]]:
    """The drafts (and returned applications) that would be submitted into `round_` today,
    how many, and the `limit` least recently changed with what blocks each, as the reminders
    compute it: a fixed number of queries however many drafts there are."""
    rounds = list(ApplicationRound.objects.all())
    components = [c for c in ROUND_COMPONENTS if open_round_for(c, rounds, today) == round_]
    drafts = Application.objects.live().filter(
        status__in=REMINDED_STATUSES, component__in=components
    )
    total = drafts.count() if components else 0
    if not total:
        return 0, []
    pks = list(drafts.order_by("updated_at", "pk").values_list("pk", flat=True)[:limit])
    shown = sorted(_drafts(pks), key=lambda d: pks.index(d.pk))
    findings = findings_for_many(shown, today=today, rounds=rounds)
    return total, [(draft, blocking(findings[draft.pk])) for draft in shown]


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
            *what_the_rules_read(),
            editor_contributors(),
        )
        .annotate(**what_the_budget_rules_read())
        .order_by("pk")
    )
