"""The participant form (deltagarformulär): versions of a case's whole team, rendered as PDF.

A version is a snapshot of the team, numbered per case, made on submission and on each
approved change of participants. The PDF is rendered from the snapshot by a Celery task after
commit, exactly once; a sweep queues what the broker missed.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.documents import render_once

from .models import Application, Participant, ParticipantChange, ParticipantFormVersion, Party

logger = logging.getLogger(__name__)


def snapshot_person(person: Participant) -> dict:
    """A participant as plain data: what the form shows, and the id that tells versions apart."""
    return {
        "id": person.pk,
        "party": person.party,
        "name": person.name,
        "organisation": person.organisation,
        "position": person.position,
        "category": person.category,
        "side": person.political_side,
        "role": [
            role
            for role, holds in (
                ("coordinator", person.is_coordinator),
                ("project_leader", person.is_project_leader),
            )
            if holds
        ],
        "gender": person.gender,
        "motivation": person.motivation,
        "approved_at": person.approved_at.isoformat() if person.approved_at else None,
    }


@transaction.atomic
def create_participant_form_version(
    *, application: Application, change: ParticipantChange | None = None
) -> ParticipantFormVersion:
    """Snapshot the team as the case's next version and queue its PDF after commit.

    `change` is the approved participant change that made the version, if one did. The team is
    the people on it now: who left through an approved change is not in the snapshot.
    """
    from .tasks import render_participant_form  # the tasks module imports this one

    # The case's row lock numbers the versions: two changes approved at once get 2 and 3.
    application = Application.objects.select_for_update().get(pk=application.pk)
    last = application.participant_forms.aggregate(last=Max("version"))["last"] or 0
    version = ParticipantFormVersion.objects.create(
        application=application,
        version=last + 1,
        language=application.language,
        team=[snapshot_person(person) for person in application.participants.order_by("pk")],
        change=change,
    )
    # With the broker down the submission still goes through; the sweep queues the version.
    render_participant_form.delay(version.pk)  # after commit (TransactionAwareTask)
    return version


def versions_to_render(*, older_than: datetime.timedelta) -> QuerySet[ParticipantFormVersion]:
    """Versions still without a PDF that were made more than `older_than` ago."""
    return ParticipantFormVersion.objects.filter(
        file="", created_at__lt=timezone.now() - older_than
    ).order_by("pk")


# --- rendering --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FormRow:
    """One person as the form shows them, in the form's language."""

    name: str
    organisation: str
    position: str
    category: str
    side: str
    role: str
    gender: str
    motivation: str
    approved_at: datetime.datetime | None


def _label(choices, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


ROLE_LABELS = {
    "coordinator": gettext_lazy("Coordinator"),
    "project_leader": gettext_lazy("Project leader"),
}


def _row(person: dict) -> FormRow:
    return FormRow(
        name=person["name"],
        organisation=person["organisation"],
        position=person["position"],
        category=_label(Participant.Category, person["category"]),
        side=_label(Participant.Side, person["side"]) if person["side"] else "",
        role=", ".join(str(ROLE_LABELS[role]) for role in person["role"] if role in ROLE_LABELS),
        gender=_label(Participant.Gender, person["gender"]),
        motivation=person["motivation"],
        approved_at=parse_datetime(person["approved_at"]) if person["approved_at"] else None,
    )


def _form_context(version: ParticipantFormVersion) -> dict:
    """What the form shows; called in the form's language, so that the labels are in it."""
    application = version.application
    parties = [
        (
            party.label,
            [_row(person) for person in version.team if person["party"] == party.value],
        )
        for party in (Party.SWEDISH, Party.PARTNER)
    ]
    return {
        "version": version,
        "application": application,
        "component": application.get_component_display(),
        "partner_country": application.partner_country.name if application.partner_country else "",
        "parties": parties,
    }


def form_pdf(version: ParticipantFormVersion) -> bytes:
    """The PDF of a version: its snapshot of the team, in the case's language."""
    # WeasyPrint takes half a second to import; only workers render, so only they pay for it.
    from core.pdf import render_pdf

    with translation.override(version.language):
        return render_pdf(
            template="applications/pdf/participant_form.html",
            context=_form_context(version),
            language=version.language,
            footer=_("%(case)s · participant form, version %(version)s")
            % {"case": version.application.case_number, "version": version.version},
        )


def render_version(*, version_id: int) -> ParticipantFormVersion | None:
    """Render a version's PDF once; a version that has its file is left as it is."""
    queryset = ParticipantFormVersion.objects.select_related(
        "application__organisation",
        "application__round",
        "application__new_partner_country",
        "application__partnership__partner_organisation__country",
    )
    return render_once(queryset, version_id, render=form_pdf)


# --- the case page ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FormHistoryEntry:
    """A version, who left and joined the team since the version before it, and the approved
    change (with its decider and date) that made it, if a change did."""

    version: ParticipantFormVersion
    left: list[str]
    joined: list[str]

    @property
    def change(self) -> ParticipantChange | None:
        return self.version.change


def form_history(application: Application) -> list[FormHistoryEntry]:
    """The case's versions, newest first, each with its change from the one before. One query."""
    if not application.case_number:
        # Versions begin with the first submission, which gives the case its number.
        return []
    entries: list[FormHistoryEntry] = []
    previous: dict[int, str] | None = None
    versions = application.participant_forms.select_related("change__decided_by").order_by(
        "version"
    )
    for version in versions:
        # Snapshots hold only the team as it was (people who had left are not in them), so
        # whoever is missing from the next one left, whoever is new joined.
        team = {person["id"]: person["name"] for person in version.team}
        before = team if previous is None else previous
        entries.append(
            FormHistoryEntry(
                version=version,
                left=[name for pk, name in before.items() if pk not in team],
                joined=[name for pk, name in team.items() if pk not in before],
            )
        )
        previous = team
    return entries[::-1]
