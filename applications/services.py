"""State changes of applications: each one transaction, the row locked, an audit entry written
and e-mail queued after commit. Services raise ValidationError; they never see a request."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from core.notify import notify
from partnerships.models import Component, Membership, SwedishOrganisation

from . import workflow
from .access import is_coordinator
from .findings import findings_for
from .models import (
    Application,
    ApplicationRound,
    ApplicationStatus,
    CaseCounter,
    Participant,
)
from .participant_forms import create_participant_form_version
from .rules import has_errors, open_round_for


def request_membership(*, user, organisation: SwedishOrganisation) -> Membership:
    membership, _created = Membership.objects.get_or_create(user=user, organisation=organisation)
    return membership


def create_draft(
    *, organisation: SwedishOrganisation, component: str, language: str, by
) -> Application:
    if not Membership.objects.filter(user=by, organisation=organisation).exists():
        raise ValidationError(_("You can only apply for an organisation you belong to."))
    return Application.objects.create(
        organisation=organisation, component=component, language=language, created_by=by
    )


@transaction.atomic
def copy_application(*, source: Application, component: str, by) -> Application:
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
        "context_swedish",
        "context_partner",
        "shared_challenges",
        "target_group_involvement",
        "exchange_swedish",
        "exchange_partner",
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


def _next_case_number(year: int) -> str:
    """KP-2025-0042: numbered per year, one counter row locked so two submissions never clash."""
    counter, _created = CaseCounter.objects.select_for_update().get_or_create(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"KP-{year}-{counter.last:04d}"


@transaction.atomic
def submit_application(*, application: Application, by) -> Application:
    """Lock the application, check the programme's rules, assign a round and a case number."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    workflow.check(application.status, "submit")
    if not is_coordinator(by, application.organisation_id):
        raise ValidationError(
            _("Only an approved coordinator of the organisation can submit the application.")
        )
    findings = findings_for(application)
    if has_errors(findings):
        raise ValidationError([f.message for f in findings if f.severity == "error"])
    today = timezone.localdate()
    if application.component != Component.FORBEREDELSE:
        application.round = open_round_for(
            application.component, ApplicationRound.objects.all(), today
        )
    if application.case_number is None:
        application.case_number = _next_case_number(today.year)
    workflow.record(application, by=by, to=ApplicationStatus.SUBMITTED)
    application.submitted_at = timezone.now()
    application.submitted_by = by
    application.save()
    create_participant_form_version(application=application)
    notify(
        recipient=by.email,
        template="applications/email/receipt",
        context={
            "application": application,
            "url": settings.SITE_URL + reverse("applications:case", args=[application.pk]),
        },
        language=by.language,
    )
    return application


@transaction.atomic
def withdraw_application(*, application: Application, by) -> Application:
    """A coordinator takes a submitted application back until staff start the review."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    workflow.check(application.status, "withdraw")
    if not is_coordinator(by, application.organisation_id):
        raise ValidationError(_("Only a coordinator of the organisation can withdraw it."))
    workflow.record(application, by=by, to=ApplicationStatus.WITHDRAWN)
    application.save(update_fields=["status", "updated_at"])
    return application
