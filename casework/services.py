"""Writes of case work: assigning officers (with their append-only log) and the thread's
messages, each telling the other side by e-mail through the outbox."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.access import case_access
from applications.models import Application, Contributor
from core import uploads
from core.links import absolute_url
from core.mfa import has_staff_power
from core.models import User
from core.notify import notify, notify_user
from core.staff import STAFF_GROUP

from .access import ASSIGN_PERMISSION, may_write, sees_internal_notes, writes_for_icld
from .models import (
    BODY_MAX_LENGTH,
    Assignment,
    AssignmentRule,
    CaseOfficer,
    ItemOfficer,
    Message,
    MessageAttachment,
    MessageKind,
    RoundLead,
    ThreadRead,
)
from .selectors import source_for

logger = logging.getLogger(__name__)


def officers():
    """Who can be a case officer: active staff in the case officers' group."""
    return User.objects.filter(is_active=True, is_staff=True, groups__name=STAFF_GROUP).order_by(
        "first_name", "last_name", "email"
    )


@transaction.atomic
def assign_officer(*, applications: Iterable[Application], officer: User, by: User) -> int:
    """Make `officer` responsible for each of `applications`; returns how many changed hands.
    Each change is written to the assignment log."""
    if not has_staff_power(by, ASSIGN_PERMISSION):
        raise PermissionDenied
    if not officers().filter(pk=officer.pk).exists():
        raise ValidationError(_("Only an active member of the case officers' group can be one."))
    changed = _assign(sorted({a.pk for a in applications}), officer, by=by)
    logger.info("case officer %s assigned to %d cases by %s", officer.pk, changed, by.pk)
    return changed


def _assign(pks: list[int], officer: User, *, by: User | None, rule=None) -> int:
    """Make `officer` responsible for the cases `pks`, logging each change (by a person, or by
    a `rule` when `by` is None)."""
    # Rows locked in one order, so two bulk assignments at once never deadlock.
    list(Application.objects.select_for_update().filter(pk__in=pks).order_by("pk").values("pk"))
    current = {c.application_id: c for c in CaseOfficer.objects.filter(application_id__in=pks)}
    now = timezone.now()
    log, new, changed = [], [], []
    for pk in pks:
        existing = current.get(pk)
        if existing is not None and existing.officer_id == officer.pk:
            continue
        log.append(
            Assignment(
                application_id=pk,
                officer=officer,
                previous_id=existing.officer_id if existing else None,
                assigned_by=by,
                rule=rule,
            )
        )
        if existing is None:
            new.append(CaseOfficer(application_id=pk, officer=officer, assigned_at=now))
        else:
            existing.officer, existing.assigned_at = officer, now
            changed.append(existing)
    CaseOfficer.objects.bulk_create(new)
    CaseOfficer.objects.bulk_update(changed, ["officer", "assigned_at"])
    Assignment.objects.bulk_create(log)
    return len(log)


@transaction.atomic
def assign_item_officer(*, items: Iterable, officer: User, by: User) -> int:
    """Make `officer` responsible for each of `items` (things on cases the work queue lists: a
    participant change, a report, a payment; all of one kind); returns how many changed hands,
    each written to the assignment log. Giving a thing to its case's officer makes it follow
    the case again (the default) instead of keeping an officer of its own."""
    if not has_staff_power(by, ASSIGN_PERMISSION):
        raise PermissionDenied
    if not officers().filter(pk=officer.pk).exists():
        raise ValidationError(_("Only an active member of the case officers' group can be one."))
    items = list(items)
    if not items:
        return 0
    model = type(items[0])
    source = source_for(model)
    if source is None or any(type(item) is not model for item in items):
        raise ValidationError(_("Only what waits in the work queue has a responsible officer."))
    item_type = ContentType.objects.get_for_model(model)
    # Rows locked in one order, so two bulk assignments at once never deadlock.
    rows = (
        model.objects.select_for_update(of=("self",))
        .filter(pk__in={item.pk for item in items})
        .order_by("pk")
        .values_list("pk", source.case_path, f"{source.case_path}__case_officer__officer")
    )
    own = {
        o.item_id: o
        for o in ItemOfficer.objects.filter(item_type=item_type, item_id__in=[r[0] for r in rows])
    }
    log, gone = [], []
    for pk, case, case_officer in rows:
        existing = own.get(pk)
        responsible = existing.officer_id if existing else case_officer
        if officer.pk == case_officer:
            if existing is not None:
                gone.append(existing.pk)
        elif existing is not None:
            existing.officer_id, existing.assigned_at = officer.pk, timezone.now()
            existing.save(update_fields=["officer", "assigned_at"])
        else:
            ItemOfficer.objects.create(
                item_type=item_type, item_id=pk, application_id=case, officer=officer
            )
        if responsible != officer.pk:
            log.append(
                Assignment(
                    application_id=case,
                    officer=officer,
                    previous_id=responsible,
                    assigned_by=by,
                    item_type=item_type,
                    item_id=pk,
                )
            )
    ItemOfficer.objects.filter(pk__in=gone).delete()
    Assignment.objects.bulk_create(log)
    logger.info(
        "officer %s responsible for %d %s by %s", officer.pk, len(log), model._meta.label, by.pk
    )
    return len(log)


def officer_by_rule(application: Application) -> tuple[User | None, AssignmentRule | None]:
    """Who the assignment rules give `application` to, and by which rule: the first matching
    rule whose officer (or round lead, for a rule without one) can be an officer now; with no
    such rule, the round's lead; (None, None) when nobody."""
    country = application.partner_country
    cluster = country.cluster if country is not None else ""
    lead = (
        RoundLead.objects.filter(round_id=application.round_id).values_list("officer", flat=True)
        if application.round_id
        else RoundLead.objects.none()
    ).first()
    eligible = officers()
    for rule in AssignmentRule.objects.all():
        if not rule.matches(application, cluster):
            continue
        target = rule.officer_id or lead
        if target is not None and (officer := eligible.filter(pk=target).first()):
            return officer, rule
    if lead is not None:
        return eligible.filter(pk=lead).first(), None
    return None, None


def assign_on_submit(application: Application, *, by: User, **details) -> None:
    """Hook of applications' "submit" transition: a case nobody handles yet gets the officer the
    rules give it (a resubmitted case keeps its officer)."""
    if CaseOfficer.objects.filter(application=application).exists():
        return
    officer, rule = officer_by_rule(application)
    if officer is None:
        return
    _assign([application.pk], officer, by=None, rule=rule)
    logger.info(
        "case %s assigned to officer %s by rule %s",
        application.pk,
        officer.pk,
        rule.pk if rule else "round lead",
    )


def _applicant_side(application: Application) -> list[User]:
    """Who on the applicant's side hears of a message from ICLD: the coordinator of the case
    and its contributors."""
    people = [application.submitted_by or application.created_by]
    people += [
        c.user for c in Contributor.objects.filter(application=application).select_related("user")
    ]
    return list({p.pk: p for p in people if p.is_active}.values())


def _tell(message: Message) -> None:
    application = message.application
    context = {"message": message, "application": application}
    link = ("casework:thread", application.pk)
    if message.from_staff and not message.internal:
        recipients = _applicant_side(application)
    else:
        officer = CaseOfficer.objects.filter(application=application).select_related("officer")
        officer = officer.first()
        if officer is None:
            if message.internal:
                return
            # No officer yet: the programme's mailbox hears of it.
            notify(
                recipient=settings.CONTACT_EMAIL,
                template="casework/email/message",
                context=context | {"url": _contact_link(application)},
                language="sv",
            )
            return
        recipients = [officer.officer]
    for person in recipients:
        if person.pk != message.author_id:
            notify_user(person, template="casework/email/message", context=context, link=link)


def _contact_link(application: Application) -> str:
    return absolute_url("casework:thread", application.pk, language="sv")


@transaction.atomic
def post_message(
    *,
    application: Application,
    by: User,
    body: str,
    internal: bool = False,
    uploaded_file: UploadedFile | None = None,
) -> Message:
    """Write a message into the case's thread (an internal note when `internal`, staff only)."""
    if not may_write(by, case_access(by, application)):
        raise PermissionDenied
    from_staff = writes_for_icld(by, application)
    if internal and not (from_staff and sees_internal_notes(by, application)):
        raise PermissionDenied
    body = (body or "").strip()
    errors = {}
    if not body:
        errors["body"] = _("Write the message.")
    elif len(body) > BODY_MAX_LENGTH:
        errors["body"] = _("A message has at most %(max)d characters.") % {"max": BODY_MAX_LENGTH}
    content_type = None
    if uploaded_file is not None:
        try:
            content_type, _extension = uploads.check_upload(uploaded_file)
        except ValidationError as error:
            errors["file"] = error.error_list
    if errors:
        raise ValidationError(errors)
    message = Message.objects.create(
        application=application,
        author=by,
        from_staff=from_staff,
        kind=MessageKind.NOTE if internal else MessageKind.MESSAGE,
        body=body,
    )
    if uploaded_file is not None:
        MessageAttachment.objects.create(
            message=message,
            file=uploaded_file,
            original_name=uploads.display_name(uploaded_file.name),
            content_type=content_type,
            size=uploaded_file.size,
            uploaded_by=by,
        )
    mark_read(application=application, user=by)
    _tell(message)
    return message


@transaction.atomic
def post_document(
    *,
    application: Application,
    by: User,
    body: str,
    filename: str,
    content: bytes,
    content_type: str,
) -> Message:
    """A document the portal made (a decision letter, an agreement) posted into the thread as
    ICLD's message with the file attached; the applicant's side hears of it by e-mail. Made by
    the portal's own work (a Celery task), so not checked as an upload or a writer."""
    message = Message.objects.create(
        application=application,
        author=by,
        from_staff=True,
        kind=MessageKind.MESSAGE,
        body=body,
    )
    MessageAttachment.objects.create(
        message=message,
        file=ContentFile(content, name=filename),
        original_name=filename,
        content_type=content_type,
        size=len(content),
        uploaded_by=by,
    )
    _tell(message)
    return message


def write_return_comment(application: Application, *, by: User, comment: str, **details) -> None:
    """Hook of applications' "return" transition: its comment becomes a message of the thread
    (the decision's own e-mail already tells the coordinator)."""
    Message.objects.create(
        application=application,
        author=by,
        from_staff=True,
        kind=MessageKind.RETURNED,
        body=comment,
    )


def mark_read(
    *, application: Application, user: User, until: datetime.datetime | None = None
) -> None:
    """`user` has read the thread up to `until` (the moment the page they read was made; now
    if not given, never later than now). The marker only moves forward, so an old tab sending
    its mark late does not make newer messages new again. Not a state change of the case: no
    event. Called by a POST (the thread page sends it once shown) or when `user` writes, never
    by a GET."""
    now = timezone.now()
    at = now if until is None else min(until, now)
    marker, created = ThreadRead.objects.get_or_create(
        application=application, user=user, defaults={"read_at": at}
    )
    if not created and marker.read_at < at:
        ThreadRead.objects.filter(pk=marker.pk, read_at__lt=at).update(read_at=at)
