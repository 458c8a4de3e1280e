"""Retention: how long the portal keeps what it does not need any more (docs/privacy.md).

- Drafts untouched for RETENTION_DRAFT_MONTHS get a warning e-mail; RETENTION_WARNING_DAYS
  after it they are deleted, unless someone saved them meanwhile (that removes the warning).
- A draft its coordinator deleted is deleted for good DELETED_DRAFT_DAYS later (until then
  it can be brought back).
- RETENTION_PARTICIPANT_YEARS (default 10) after a partnership's last period ended, its
  participants' personal details are anonymised, also in the participant forms' and the
  reports' PDFs, which list them (both are rendered again from the anonymised rows); the
  addresses of the invitations onto its cases and of the requests to join with another address
  are emptied. 0 turns it off: the period is the one the archive's disposal decision
  (gallringsbeslut) sets.
- Delivered e-mail is deleted from the outbox RETENTION_OUTBOX_DAYS after it was sent.
- An invitation nobody accepted, and a request to join with another address that gave no
  access, forget their addresses RETENTION_OUTBOX_DAYS after the invitation ended.

Every step re-checks its condition on the locked row and records what it did, so running the
sweep twice, or twice at once, changes nothing the second time.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.db.models import F, Max, Q

from applications.models import (
    DELETED_DRAFT_DAYS,
    AddressRequest,
    AddressRequestStatus,
    Application,
    ApplicationStatus,
    Invitation,
    Participant,
    ParticipantChange,
    ParticipantFormVersion,
    SubmissionReceipt,
)
from core.links import absolute_url
from core.models import OutgoingEmail
from core.notify import notify
from exports.models import ExportJob
from exports.services import delete_export
from partnerships.models import Partnership
from reporting.models import Report

from .models import RetentionWarning

logger = logging.getLogger(__name__)

# What an anonymised participant's name reads. Stored data, not a label: the same in both
# languages, like the rest of what a coordinator typed.
ANONYMISED = "Anonymised"
# The personal details of a team member. Kept: the party, organisation (a public body),
# category, political side, gender and roles — the programme's statistics (gender balance,
# politicians and officials) count them, and without a name they no longer point at a person.
PERSONAL_FIELDS = {"name": ANONYMISED, "email": "", "position": "", "motivation": ""}


def _anonymised_team(team: list[dict]) -> list[dict]:
    """A participant form's snapshot of the team (participant_forms.snapshot_person) with the
    same details removed; the keys stay as they were."""
    return [
        {key: PERSONAL_FIELDS.get(key, value) for key, value in person.items()} for person in team
    ]


@dataclass
class SweepResult:
    warned: int = 0
    forgiven: int = 0
    deleted: int = 0
    purged: int = 0
    anonymised: int = 0
    pruned: int = 0
    expired: int = 0
    forgotten: int = 0


# --- drafts ------------------------------------------------------------------------------------


def stale_before(now: datetime.datetime) -> datetime.datetime:
    return now - relativedelta(months=settings.RETENTION_DRAFT_MONTHS)


def delete_after(warned_at: datetime.datetime) -> datetime.datetime:
    return warned_at + datetime.timedelta(days=settings.RETENTION_WARNING_DAYS)


def forget_touched_warnings() -> int:
    """A draft saved after its warning is in use again: its warning no longer counts."""
    count, _by_model = RetentionWarning.objects.filter(
        Q(application__updated_at__gt=F("warned_at"))
        | ~Q(application__status=ApplicationStatus.DRAFT)
    ).delete()
    return count


def warn_stale_drafts(*, now: datetime.datetime) -> int:
    ids = (
        Application.objects.live()
        .filter(
            status=ApplicationStatus.DRAFT,
            updated_at__lt=stale_before(now),
            retention_warning__isnull=True,
        )
        .values_list("pk", flat=True)
    )
    return sum(warn_draft(application_id=pk, now=now) for pk in list(ids))


@transaction.atomic
def warn_draft(*, application_id: int, now: datetime.datetime) -> bool:
    """Warn the draft's author once that it will be deleted; False if nothing to do."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("created_by")
        .filter(
            pk=application_id,
            status=ApplicationStatus.DRAFT,
            updated_at__lt=stale_before(now),
        )
        .first()
    )
    if application is None:
        return False
    _warning, created = RetentionWarning.objects.get_or_create(
        application=application, defaults={"warned_at": now, "recipient_count": 1}
    )
    if not created:
        return False
    author = application.created_by
    url = absolute_url("applications:case", application.pk, language=author.language)
    notify(
        recipient=author.email,
        template="privacy/email/draft_retention_warning",
        context={
            "application": application,
            "title": application.title,
            "months": settings.RETENTION_DRAFT_MONTHS,
            "delete_on": delete_after(now).date(),
            "url": url,
        },
        language=author.language,
    )
    return True


def delete_warned_drafts(*, now: datetime.datetime) -> int:
    due = now - datetime.timedelta(days=settings.RETENTION_WARNING_DAYS)
    ids = RetentionWarning.objects.filter(warned_at__lte=due).values_list(
        "application_id", flat=True
    )
    return sum(delete_draft(application_id=pk, now=now) for pk in list(ids))


@transaction.atomic
def delete_draft(*, application_id: int, now: datetime.datetime) -> bool:
    """Delete a warned draft that stayed untouched; the history keeps that it existed."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .filter(
            pk=application_id,
            status=ApplicationStatus.DRAFT,
            retention_warning__warned_at__lte=now
            - datetime.timedelta(days=settings.RETENTION_WARNING_DAYS),
            updated_at__lte=F("retention_warning__warned_at"),
        )
        .first()
    )
    if application is None:
        return False
    _delete_with_files(application)
    logger.info("retention: draft %s deleted after its warning", application_id)
    return True


def _delete_with_files(application: Application) -> None:
    files = [
        (attachment.file.storage, attachment.file.name)
        for attachment in application.attachments.all()
    ]
    application.delete()
    for storage, name in files:
        # The files go only once the rows are surely gone; a rollback keeps both.
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))


def purge_deleted_drafts(*, now: datetime.datetime) -> int:
    due = now - datetime.timedelta(days=DELETED_DRAFT_DAYS)
    ids = Application.objects.filter(deleted_at__lte=due).values_list("pk", flat=True)
    return sum(purge_deleted_draft(application_id=pk, due=due) for pk in list(ids))


@transaction.atomic
def purge_deleted_draft(*, application_id: int, due: datetime.datetime) -> bool:
    """Delete for good a draft its coordinator deleted before `due` and did not bring back."""
    application = (
        Application.objects.select_for_update(of=("self",))
        .filter(pk=application_id, deleted_at__lte=due, status=ApplicationStatus.DRAFT)
        .first()
    )
    if application is None:
        return False
    _delete_with_files(application)
    logger.info(
        "retention: deleted draft %s purged after %d days", application_id, DELETED_DRAFT_DAYS
    )
    return True


# --- participants of ended partnerships ------------------------------------------------------


def ended_partnerships(*, today: datetime.date) -> list[int]:
    """Partnerships whose last period (the partnership's and each component's end year)
    ended more than RETENTION_PARTICIPANT_YEARS ago; none while the setting is 0."""
    years = settings.RETENTION_PARTICIPANT_YEARS
    if not years:
        return []
    # A period that ends in year Y ends on 31 December Y; it has ended `years` years ago
    # only once that day plus `years` years has passed.
    last_ended_year = today.year - years - 1
    return list(
        Partnership.objects.annotate(last_component=Max("components__end_year"))
        .filter(end_year__isnull=False, end_year__lte=last_ended_year)
        .filter(Q(last_component__isnull=True) | Q(last_component__lte=last_ended_year))
        .values_list("pk", flat=True)
    )


def anonymise_ended_partnerships(*, today: datetime.date) -> int:
    return sum(anonymise_partnership(partnership_id=pk) for pk in ended_partnerships(today=today))


@transaction.atomic
def anonymise_partnership(*, partnership_id: int) -> int:
    """Anonymise the team members of every application of the partnership, their proposed
    changes, the team snapshots of the participant forms and the history of all of these.
    Returns how many participants were anonymised now (0 the second time)."""
    applications = Application.objects.select_for_update().filter(partnership_id=partnership_id)
    ids = list(applications.values_list("pk", flat=True))
    people = Participant.with_left.filter(application_id__in=ids).exclude(**PERSONAL_FIELDS)
    count = 0
    for person in people:
        for field, value in PERSONAL_FIELDS.items():
            setattr(person, field, value)
        person.save(update_fields=list(PERSONAL_FIELDS))
        count += 1
    for change in ParticipantChange.objects.filter(application_id__in=ids).exclude(
        **PERSONAL_FIELDS
    ):
        for field, value in PERSONAL_FIELDS.items():
            setattr(change, field, value)
        change.save(update_fields=list(PERSONAL_FIELDS))
    for version in ParticipantFormVersion.objects.filter(application_id__in=ids):
        _anonymise_document(version, field="team")
    for receipt in SubmissionReceipt.objects.filter(application_id__in=ids):
        _anonymise_document(receipt, field="snapshot", team_key="team")
    _forget_report_pdfs(ids)
    _forget_addresses(ids)
    _anonymise_history(ids)
    if count:
        logger.info(
            "retention: %d participants of partnership %s anonymised", count, partnership_id
        )
    return count


def _anonymise_document(document, *, field: str, team_key: str | None = None) -> None:
    """A document whose data holds the team (a participant form's `team`, a receipt's
    `snapshot["team"]`): the team anonymised, and the PDF that showed the names deleted; it is
    rendered again from the anonymised data by the sweep that renders documents without a file
    (applications.tasks)."""
    data = getattr(document, field)
    team = data[team_key] if team_key else data
    anonymised = _anonymised_team(team)
    if anonymised == team and not document.file:
        return
    if document.file:
        storage, name = document.file.storage, document.file.name
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
    setattr(document, field, data | {team_key: anonymised} if team_key else anonymised)
    document.file = ""
    document.checksum = ""
    document.rendered_at = None
    document.save(update_fields=[field, "file", "checksum", "rendered_at"])


def _forget_report_pdfs(application_ids: list[int]) -> None:
    """A submitted report's PDF lists the participants who took part by name: the file goes,
    and the sweep that renders submitted reports without a PDF (reporting.tasks) renders it
    again from the anonymised participants."""
    reports = Report.objects.filter(application_id__in=application_ids).exclude(pdf="")
    for report in reports:
        storage, name = report.pdf.storage, report.pdf.name
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
    reports.update(pdf="", pdf_checksum="", pdf_rendered_at=None)


def _forget_addresses(application_ids: list[int]) -> None:
    """The addresses invitations were sent to, and those someone asked to join with instead
    (AddressRequest), are emptied: the invitee may never have had an account. Kept: the role,
    the dates, who invited and who accepted (accounts, kept while in use)."""
    Invitation.objects.filter(application_id__in=application_ids).exclude(email="").update(email="")
    AddressRequest.objects.filter(invitation__application_id__in=application_ids).exclude(
        email=""
    ).update(email="")


def _anonymise_history(application_ids: list[int]) -> None:
    """The history is append-only for people; this is the one write to it, which the
    retention period requires: the old versions hold the same personal details."""
    for model in (Participant, ParticipantChange):
        model.history.filter(application_id__in=application_ids).update(**PERSONAL_FIELDS)
    Invitation.history.filter(application_id__in=application_ids).exclude(email="").update(email="")
    for record in ParticipantFormVersion.history.filter(application_id__in=application_ids):
        team = _anonymised_team(record.team)
        if team != record.team:
            type(record).objects.filter(pk=record.pk).update(team=team)


def prune_outbox(*, now: datetime.datetime) -> int:
    """Delete e-mail delivered more than RETENTION_OUTBOX_DAYS ago; unsent mail stays."""
    cutoff = now - datetime.timedelta(days=settings.RETENTION_OUTBOX_DAYS)
    deleted, _ = OutgoingEmail.objects.filter(sent_at__lt=cutoff).delete()
    return deleted


def forget_unused_addresses(*, now: datetime.datetime) -> int:
    """An invitation nobody accepted (it expired or was withdrawn) and a request to join with
    another address that gave no access forget their addresses once the outbox has deleted the
    e-mail that carried them (RETENTION_OUTBOX_DAYS after the invitation ended): no link works
    any more and nothing needs them. Returns how many invitations forgot theirs."""
    cutoff = now - datetime.timedelta(days=settings.RETENTION_OUTBOX_DAYS)
    ended = Q(accepted_at__isnull=True) & (Q(expires_at__lt=cutoff) | Q(revoked_at__lt=cutoff))
    unused = Invitation.objects.filter(ended)
    AddressRequest.objects.filter(invitation__in=unused).exclude(
        status=AddressRequestStatus.CONFIRMED
    ).exclude(email="").update(email="")
    ids = list(unused.exclude(email="").values_list("pk", flat=True))
    Invitation.objects.filter(pk__in=ids).update(email="")
    # The history copies the address; the one write to it, as for the anonymised participants.
    Invitation.history.filter(id__in=ids).update(email="")
    return len(ids)


def expire_exports(*, now: datetime.datetime) -> int:
    """Delete exports (row and stored file, which hold personal data) made more than
    RETENTION_EXPORT_DAYS ago; staff make a new one when they need it again."""
    cutoff = now - datetime.timedelta(days=settings.RETENTION_EXPORT_DAYS)
    jobs = list(ExportJob.objects.filter(created_at__lt=cutoff))
    for job in jobs:
        delete_export(job=job)
    return len(jobs)


def sweep(*, now: datetime.datetime) -> SweepResult:
    result = SweepResult()
    result.forgiven = forget_touched_warnings()
    result.deleted = delete_warned_drafts(now=now)
    result.purged = purge_deleted_drafts(now=now)
    result.warned = warn_stale_drafts(now=now)
    result.anonymised = anonymise_ended_partnerships(today=now.date())
    result.pruned = prune_outbox(now=now)
    result.expired = expire_exports(now=now)
    result.forgotten = forget_unused_addresses(now=now)
    return result
