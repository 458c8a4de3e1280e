"""Writes on applications other than changes of status (those are in workflow.py): membership
requests, drafts and copies. Services raise ValidationError; they never see a request."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from core.models import User
from core.wizard import save_locked
from costnorms.norms import lines_for_visit
from costnorms.selectors import norms_on
from partnerships.models import Membership, SwedishOrganisation

from .access import Action, allowed_actions, is_coordinator, may_delete
from .findings import PLANNING_FIELDS
from .models import Application, BudgetLine, Participant
from .rules import visit_facts
from .selectors import named_travellers


def request_membership(*, user: User, organisation: SwedishOrganisation) -> Membership:
    membership, _created = Membership.objects.get_or_create(user=user, organisation=organisation)
    return membership


def new_draft(
    *, organisation: SwedishOrganisation, component: str, language: str, by: User
) -> Application:
    """A draft not yet stored, for the first step's forms to fill: opening an application and
    leaving creates nothing (issue 18: "Drafts: created on first save, not on a click")."""
    return Application(
        organisation=organisation, component=component, language=language, created_by=by
    )


def create_draft(
    *, draft: Application, forms: Iterable, by: User, key: uuid.UUID | None = None
) -> Application:
    """Store a new draft (from `new_draft`) with its first step's valid forms, bound to it:
    the draft and what was typed into it are saved together, or not at all. `key` is the
    first-step page's one-time key: sent again (a double click, a resend), it gives the draft
    it made the first time, with nothing saved twice."""
    if draft.pk is not None:
        raise ValueError("The draft is already stored; save its steps with save_step.")
    if not Membership.objects.filter(user=by, organisation=draft.organisation).exists():
        raise ValidationError(_("You can only apply for an organisation you belong to."))
    made = _made_by_key(key, by)
    if made is not None:
        return made
    if key is not None and Application.objects.filter(start_key=key).exists():
        key = None  # someone else's page's key: it leads to nothing of theirs
    try:
        with transaction.atomic():
            draft.created_by, draft.start_key = by, key
            for form in forms:
                form.save()  # the first one stores the draft itself
            if draft.pk is None:
                draft.save()
    except IntegrityError:
        # The same page sent twice at once: the other request stored it first.
        made = _made_by_key(key, by)
        if made is None:
            raise
        return made
    return draft


def _made_by_key(key: uuid.UUID | None, by: User) -> Application | None:
    if key is None:
        return None
    return Application.objects.filter(start_key=key, created_by=by).first()


@transaction.atomic
def save_step(*, application: Application, forms, by: User) -> Application:
    """Save one wizard step's valid forms, the application locked and checked to be still
    editable: a step sent after the application was submitted (another tab, a slow network)
    is refused and changes nothing. The visits' budget lines follow what was saved (the
    visit plan, and the partner country on the first step)."""
    if Action.EDIT not in allowed_actions(by, application):
        raise PermissionDenied
    locked = save_locked(
        Application,
        application.pk,
        forms,
        editable=lambda locked: locked.is_editable,
        refused=_("The application has been submitted and can no longer be changed."),
    )
    refresh_visit_lines(application=locked, day=timezone.localdate())
    return locked


def refresh_visit_lines(*, application: Application, day) -> None:
    """Make the budget lines of the application's planned visits those the cost norms in force
    on `day` give (costnorms.norms.lines_for_visit): a line that still holds is left alone, one
    that changed is updated, one no longer due is deleted. Saved one by one, so the history
    records each change; called with the application locked."""
    application = Application.objects.select_related(
        "new_partner_country", "partnership__partner_organisation__country"
    ).get(pk=application.pk)
    country = application.partner_country
    norms = norms_on(day)
    wanted = {}
    for visit in application.visits.annotate(named=named_travellers()):
        facts = visit_facts(visit, country.code if country else None, named=visit.named)
        for line in lines_for_visit(facts, norms) if facts else []:
            wanted[(visit.pk, line.kind)] = line
    existing = {
        (line.visit_id, line.basis.get("kind")): line
        for line in BudgetLine.objects.filter(application=application, visit__isnull=False)
    }
    for key, line in existing.items():
        if key not in wanted:
            line.delete()
    with translation.override(application.language):
        for (visit_id, kind), computed in wanted.items():
            line = existing.get((visit_id, kind)) or BudgetLine(
                application=application, visit_id=visit_id
            )
            values = {
                "category": computed.category,
                "description": computed.description,
                "amount_sek": computed.amount_sek,
                "basis": computed.basis(),
            }
            if line.pk and all(getattr(line, name) == value for name, value in values.items()):
                continue
            for name, value in values.items():
                setattr(line, name, value)
            line.save()


@transaction.atomic
def delete_draft(*, application: Application, by: User) -> Application:
    """Delete a draft that was never submitted: it disappears from every list at once, can be
    brought back for DELETED_DRAFT_DAYS, and is then deleted for good by the retention sweep.
    The audit history records who deleted it and when."""
    application = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    if not may_delete(by, application):
        raise PermissionDenied
    if not application.can_be_deleted:
        raise ValidationError(_("Only a draft that was never submitted can be deleted."))
    application.deleted_at = timezone.now()
    application.save(update_fields=["deleted_at", "updated_at"])
    return application


@transaction.atomic
def restore_draft(*, application: Application, by: User) -> Application:
    """Undo the deletion of a draft (within DELETED_DRAFT_DAYS; the sweep removes it after)."""
    application = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    if not may_delete(by, application):
        raise PermissionDenied
    application.deleted_at = None
    application.save(update_fields=["deleted_at", "updated_at"])
    return application


@transaction.atomic
def copy_application(*, source: Application, component: str, by: User) -> Application:
    """A new draft from an earlier application: partnership, planning answers and team.

    E.g. a Projekt from its Förberedelse. Visits and budget belong to the earlier component
    and are not copied.
    """
    # The copy takes the team's personal data along: an approved coordinator of the
    # organisation only.
    if not is_coordinator(by, source.organisation_id):
        raise PermissionDenied
    copy_fields = [
        "organisation",
        "language",
        "partnership",
        "new_partner_name",
        "new_partner_country",
        "new_partner_type",
        "new_partner_city",
        "title",
        "purpose",
        "target_group",
        *PLANNING_FIELDS,
        "sdgs",
    ]
    draft = Application.objects.create(
        component=component,
        created_by=by,
        **{field: getattr(source, field) for field in copy_fields},
    )
    draft.democratic_areas.set(source.democratic_areas.all())
    team = list(source.participants.all())
    for person in team:
        person.pk = None
        person.application = draft
        # A new draft's team is not yet approved by anyone, nor the result of a change.
        person.approved_at = person.approved_by = person.joined_through = None
    bulk_create_with_history(team, Participant, default_user=by)  # history for each member
    return draft


def move_period(*, application_id: int, start, end) -> None:
    """A granted case's period as its agreement sets it: from signing, or extended by an
    approved amendment (agreements/). The history records the change."""
    application = Application.objects.select_for_update(of=("self",)).get(pk=application_id)
    application.period_start, application.period_end = start, end
    application.save(update_fields=["period_start", "period_end", "updated_at"])
