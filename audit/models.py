"""The append-only history of cases, teams and memberships (django-simple-history).

Every historical model lives in this app (`app="audit"`), so recording the history of a model
never changes the migrations of the app that owns it. To record one more model, add one line
to `TRACKED` and run `manage.py makemigrations audit`, e.g.::

    Tracked(ParticipantChange),
    Tracked(Report),  # reporting.models

Writes that skip `Model.save()`/`delete()` (`QuerySet.update`, `bulk_create`, `bulk_update`)
write no history: use `save()` per row where history matters, or
`simple_history.utils.bulk_create_with_history` / `bulk_update_with_history`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import simple_history
from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from applications.models import (
    Application,
    Attachment,
    BudgetLine,
    Contributor,
    Invitation,
    Participant,
    ParticipantChange,
    ParticipantFormVersion,
    Visit,
)
from costnorms.models import ComponentCeiling, CountryRate, LanguageFee, TravelBand
from partnerships.models import ComponentHistory, Membership, Partnership
from payments.models import Instalment
from reporting.models import Report, ReportAttachment, ReportCost, ReportRule, ReportVisit


@dataclass(frozen=True)
class Tracked:
    model: type[models.Model]
    # Fields never copied into the history: secrets, and stored files (history keeps who
    # uploaded what and when, not a second reference to the file).
    excluded_fields: tuple[str, ...] = field(default=())


TRACKED: tuple[Tracked, ...] = (
    Tracked(Application),
    Tracked(Participant),
    Tracked(ParticipantChange),
    Tracked(Visit),
    Tracked(BudgetLine),
    Tracked(Attachment, excluded_fields=("file",)),
    Tracked(Contributor),
    # The hash is as good as the invitation link until the invitation expires.
    Tracked(Invitation, excluded_fields=("token_hash",)),
    Tracked(ParticipantFormVersion, excluded_fields=("file",)),
    Tracked(Membership),
    Tracked(Partnership, excluded_fields=("search_text", "search_names")),
    Tracked(ComponentHistory),
    Tracked(Report, excluded_fields=("pdf",)),
    Tracked(ReportVisit),
    Tracked(ReportCost),
    Tracked(ReportAttachment, excluded_fields=("file",)),
    Tracked(ReportRule),
    Tracked(CountryRate),
    Tracked(TravelBand),
    Tracked(LanguageFee),
    Tracked(ComponentCeiling),
    Tracked(Instalment),  # a case's payment plan, as decided and as staff change it
)

for tracked in TRACKED:
    simple_history.register(
        tracked.model,
        app="audit",
        # Lazy, so the admin names them in the reader's language ("Historik: ansökningar").
        verbose_name=format_lazy("{}: {}", _("History"), tracked.model._meta.verbose_name),
        verbose_name_plural=format_lazy(
            "{}: {}", _("History"), tracked.model._meta.verbose_name_plural
        ),
        excluded_fields=list(tracked.excluded_fields),
        # A deleted case keeps its history: that is what an audit trail is for.
        cascade_delete_history=False,
    )
