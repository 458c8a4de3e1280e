"""Writes of agreements other than their changes of status: the agreement drafted from a grant,
the period that starts at signing, the amendments a coordinator requests and the annex an
approved one makes."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from applications.access import is_coordinator
from applications.models import BudgetLine
from applications.services import move_period
from core.models import User
from core.money import sek
from core.notify import notify_user
from core.workflow import record_event
from decisions.models import Decision, Outcome

from .models import (
    Agreement,
    AgreementEvent,
    AgreementLine,
    AgreementStatus,
    Amendment,
    AmendmentEvent,
    AmendmentKind,
    AmendmentStatus,
)
from .tasks import render_agreement

MOTIVATION_MAX_LENGTH = 5000


def _queue_render(agreement: Agreement) -> None:
    render_agreement.delay(agreement.pk)  # queued once the transaction commits


def _new_version(
    *,
    source: Decision | Agreement,
    application_id: int,
    decision: Decision,
    version: int,
    language: str,
    amounts: Mapping[str, int],
    by: User,
    amendment: Amendment | None = None,
) -> Agreement:
    agreement = Agreement.objects.create(
        application_id=application_id,
        decision=decision,
        version=version,
        amendment=amendment,
        language=language,
        period_start=source.period_start,
        period_end=source.period_end,
        conditions=source.conditions,
    )
    AgreementLine.objects.bulk_create(
        AgreementLine(agreement=agreement, category=category, amount_sek=amount)
        for category, amount in amounts.items()
        if amount
    )
    record_event(AgreementEvent, agreement, by=by, to=AgreementStatus.DRAFTED, from_status="")
    agreement.save(update_fields=["status"])
    _queue_render(agreement)
    return agreement


def agreement_on_grant(decision: Decision, *, by: User, comment: str = "", **details) -> None:
    """Hook of the decision's "decide" (in its transaction): a grant gets its agreement,
    version 1, with the granted amounts, period and conditions; rendered after commit."""
    if decision.outcome != Outcome.GRANTED:
        return
    if Agreement.objects.filter(application_id=decision.application_id).exists():
        return
    _new_version(
        source=decision,
        application_id=decision.application_id,
        decision=decision,
        version=1,
        language=decision.application.language,
        amounts={line.category: line.granted_sek for line in decision.lines.all()},
        by=by,
    )


def start_period(*, agreement: Agreement, on: datetime.date) -> None:
    """The component's period starts the day the agreement is signed by both: the start moves
    there and the end with it (the length granted stays), on the agreement, the decision and
    the application."""
    start, end = agreement.period_start, agreement.period_end
    new_end = end + (on - start) if start and end else end
    agreement.period_start, agreement.period_end = on, new_end
    agreement.save(update_fields=["period_start", "period_end"])
    Decision.objects.filter(pk=agreement.decision_id).update(period_start=on, period_end=new_end)
    move_period(application_id=agreement.application_id, start=on, end=new_end)


def _amounts(agreement: Agreement) -> dict[str, int]:
    return dict(agreement.lines.values_list("category", "amount_sek"))


@transaction.atomic
def request_amendment(
    *,
    agreement: Agreement,
    by: User,
    kind: str,
    motivation: str,
    new_period_end: datetime.date | None = None,
    new_amounts: Mapping[str, int] | None = None,
) -> Amendment:
    """A coordinator of the organisation asks to extend the period or to move money between
    categories (the total stays) of the agreement in force, saying why."""
    if not is_coordinator(by, agreement.application.organisation_id):
        raise PermissionDenied
    agreement = Agreement.objects.select_for_update(of=("self",)).get(pk=agreement.pk)
    if agreement.status != AgreementStatus.IN_FORCE:
        raise ValidationError(_("Only an agreement in force can be amended."))
    if Amendment.objects.filter(agreement=agreement, status=AmendmentStatus.REQUESTED).exists():
        raise ValidationError(_("An amendment of this agreement is already waiting for ICLD."))
    errors: dict[str, str] = {}
    motivation = (motivation or "").strip()
    if not motivation:
        errors["motivation"] = _("Say why the agreement needs to change.")
    elif len(motivation) > MOTIVATION_MAX_LENGTH:
        errors["motivation"] = _("At most %(max)d characters.") % {"max": MOTIVATION_MAX_LENGTH}
    amounts: dict[str, int] = {}
    if kind == AmendmentKind.EXTENSION:
        if new_period_end is None:
            errors["new_period_end"] = _("Give the new end of the period.")
        elif agreement.period_end and new_period_end <= agreement.period_end:
            errors["new_period_end"] = _("The new end must be after the current end, %(end)s.") % {
                "end": agreement.period_end.isoformat()
            }
    elif kind == AmendmentKind.REALLOCATION:
        current = _amounts(agreement)
        amounts = {
            category: int((new_amounts or {}).get(category) or 0)
            for category in BudgetLine.Category.values
        }
        if any(amount < 0 for amount in amounts.values()):
            errors["new_amounts"] = _("An amount is a whole number of kronor, 0 or more.")
        elif sum(amounts.values()) != sum(current.values()):
            errors["new_amounts"] = _(
                "The amounts must add up to the agreed total, %(total)s (now %(sum)s)."
            ) % {"total": sek(sum(current.values())), "sum": sek(sum(amounts.values()))}
        elif {k: v for k, v in amounts.items() if v} == current:
            errors["new_amounts"] = _("Move an amount: these are the agreed amounts.")
    else:
        errors["kind"] = _("Choose what to change.")
    if errors:
        raise ValidationError(errors)
    amendment = Amendment.objects.create(
        agreement=agreement,
        kind=kind,
        motivation=motivation,
        new_period_end=new_period_end if kind == AmendmentKind.EXTENSION else None,
        new_amounts=amounts,
        requested_by=by,
    )
    record_event(AmendmentEvent, amendment, by=by, to=AmendmentStatus.REQUESTED, from_status="")
    amendment.save(update_fields=["status"])
    return amendment


def annex_from(*, amendment: Amendment, by: User) -> Agreement:
    """Hook of an amendment's approval: the next version of the agreement, with the change, to
    be signed and countersigned like the first; it replaces the current one once in force."""
    current = amendment.agreement
    amounts = amendment.new_amounts if amendment.kind == AmendmentKind.REALLOCATION else None
    if Agreement.objects.filter(
        application_id=current.application_id,
        status__in=[
            AgreementStatus.DRAFTED,
            AgreementStatus.SIGNED_BY_ORGANISATION,
            AgreementStatus.COUNTERSIGNED,
        ],
    ).exists():
        raise ValidationError(_("A version of this agreement is still waiting to be signed."))
    annex = _new_version(
        source=current,
        application_id=current.application_id,
        decision=current.decision,
        version=current.version + 1,
        language=current.language,
        amounts=amounts if amounts is not None else _amounts(current),
        by=by,
        amendment=amendment,
    )
    if amendment.kind == AmendmentKind.EXTENSION:
        annex.period_end = amendment.new_period_end
        annex.save(update_fields=["period_end"])
        move_period(
            application_id=current.application_id,
            start=annex.period_start,
            end=amendment.new_period_end,
        )
    return annex


def tell_about_amendment(*, amendment: Amendment, comment: str) -> None:
    """The coordinator who asked hears ICLD's answer, in their language."""
    notify_user(
        amendment.requested_by,
        template="agreements/email/amendment_decided",
        context={
            "case": str(amendment.agreement.application),
            "kind": AmendmentKind(amendment.kind).label,  # lazy: in the recipient's language
            "approved": amendment.status == AmendmentStatus.APPROVED,
            "comment": comment,
        },
        link=("agreements:agreement", amendment.agreement.application_id),
    )
