"""The participant form (deltagarformulär): versions of a case's whole team, rendered as PDF.

A version is a snapshot of the team, numbered per case, made on submission and on each
approved change of participants. The PDF is rendered from the snapshot by a Celery task after
commit, exactly once (`participant_form_pdf`); a sweep queues what the broker missed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max

from .models import Application, Participant, ParticipantChange, ParticipantFormVersion
from .tasks import render_participant_form


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
