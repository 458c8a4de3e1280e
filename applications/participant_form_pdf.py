"""Rendering a participant-form version as PDF: the worker's side of `participant_forms`.

`tasks.render_participant_form` calls `render_version`; the sweep asks `versions_to_render` for
what the broker missed. Kept apart from `participant_forms` (which queues the task) so that the
two modules do not import each other.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.documents import StoredPDF

from .models import Participant, ParticipantFormVersion, Party


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


def choice_label(choices, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


ROLE_LABELS = {
    "coordinator": gettext_lazy("Coordinator"),
    "project_leader": gettext_lazy("Project leader"),
}


def form_row(person: dict) -> FormRow:
    return FormRow(
        name=person["name"],
        organisation=person["organisation"],
        position=person["position"],
        category=choice_label(Participant.Category, person["category"]),
        side=choice_label(Participant.Side, person["side"]) if person["side"] else "",
        role=", ".join(str(ROLE_LABELS[role]) for role in person["role"] if role in ROLE_LABELS),
        gender=choice_label(Participant.Gender, person["gender"]),
        motivation=person["motivation"],
        approved_at=parse_datetime(person["approved_at"]) if person["approved_at"] else None,
    )


class ParticipantFormPDF(StoredPDF):
    """The PDF of a version: its snapshot of the team, in the case's language."""

    template = "applications/pdf/participant_form.html"

    def queryset(self) -> QuerySet[ParticipantFormVersion]:
        return ParticipantFormVersion.objects.select_related(
            "application__organisation",
            "application__round",
            "application__new_partner_country",
            "application__partnership__partner_organisation__country",
        )

    def context(self, version: ParticipantFormVersion) -> dict:
        application = version.application
        parties = [
            (
                party.label,
                [form_row(person) for person in version.team if person["party"] == party.value],
            )
            for party in (Party.SWEDISH, Party.PARTNER)
        ]
        return {
            "version": version,
            "application": application,
            "component": application.get_component_display(),
            "partner_country": (
                application.partner_country.name if application.partner_country else ""
            ),
            "parties": parties,
        }

    def footer(self, version: ParticipantFormVersion) -> str:
        return _("%(case)s · participant form, version %(version)s") % {
            "case": version.application.case_number,
            "version": version.version,
        }


PARTICIPANT_FORM_PDF = ParticipantFormPDF()


def render_version(*, version_id: int) -> ParticipantFormVersion | None:
    """Render a version's PDF once; a version that has its file is left as it is."""
    return PARTICIPANT_FORM_PDF.render_once(version_id)
