"""Writes of payments other than their changes of status: the plan made from a decision, an
instalment falling due (signing, the approved final report), the settlement against the
actual costs, and the export's taking of approved payments."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.access import takes_part
from applications.models import Application
from core.models import User
from core.money import sek
from core.staff import check_staff_decision
from decisions.models import Decision, DecisionStatus, Outcome
from decisions.selectors import current_decision, granted_total

from . import rules
from .models import (
    HOLDING_STATUSES,
    Instalment,
    Payment,
    PaymentStatus,
    Repayment,
    RepaymentStatus,
    Trigger,
)
from .workflow import PAYMENT_WORKFLOW


def plan_on_decision(decision: Decision, *, by: User, comment: str = "", **details) -> None:
    """A grant decided gets its default plan (DECISION_WORKFLOW's "decide", same transaction):
    PAYMENT_ADVANCE_PERCENT at signing, the rest after the approved final report."""
    if decision.outcome != Outcome.GRANTED or decision.instalments.exists():
        return
    plan = rules.default_plan(granted_total(decision), settings.PAYMENT_ADVANCE_PERCENT)
    for number, (trigger, amount) in enumerate(plan, start=1):
        # One save each (not bulk_create), so the plan's history starts with the decision.
        Instalment.objects.create(
            application_id=decision.application_id,
            decision=decision,
            sequence=number,
            trigger=trigger,
            amount_sek=amount,
        )


def check_plan(decision: Decision, amounts: Sequence[int]) -> None:
    """Staff's plan of a case: its instalments add up to the granted total."""
    total = granted_total(decision)
    if not rules.plan_matches(amounts, total):
        raise ValidationError(
            _(
                "The instalments add up to %(sum)s, but the grant is %(total)s: "
                "they must add up to the granted total."
            )
            % {"sum": sek(sum(amounts)), "total": sek(total)}
        )


CHANGE_PLAN = "payments.change_instalment"


@transaction.atomic
def change_plan(
    *, decision: Decision, rows: Sequence[tuple[str, int]], by: User, reason: str
) -> list[Instalment]:
    """Staff change a case's plan: the instalments not yet due become `rows` (trigger, amount),
    which with those already due add up to the granted total. What is due stays as it is; a
    new part "at signing" on a signed agreement falls due at once, requested by `by` (who then
    does not approve it). The history keeps every instalment with `reason`."""
    check_staff_decision(by, permission=CHANGE_PLAN, own=takes_part(by, decision.application))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the plan changes: the case keeps the reason.")})
    instalments = list(
        Instalment.objects.select_for_update().filter(decision=decision).order_by("sequence")
    )
    due = [i for i in instalments if i.due_at is not None]
    if any(i.trigger == Trigger.FINAL_REPORT for i in due):
        raise ValidationError(_("The final report is approved: the grant is settled."))
    check_plan(decision, [i.amount_sek for i in due] + [amount for _trigger, amount in rows])
    for instalment in instalments:
        if instalment.due_at is None:
            instalment._change_reason = reason
            instalment.delete()
    first = max((i.sequence for i in due), default=0) + 1
    created = []
    for number, (trigger, amount) in enumerate(rows, start=first):
        instalment = Instalment(
            application_id=decision.application_id,
            decision=decision,
            sequence=number,
            trigger=trigger,
            amount_sek=amount,
        )
        instalment._change_reason = reason
        instalment.save()
        created.append(instalment)
    if any(i.trigger == Trigger.SIGNING for i in due):
        _fall_due(
            [i for i in created if i.trigger == Trigger.SIGNING], timezone.now(), requested_by=by
        )
    return created


def _granted_decision(application: Application) -> Decision | None:
    decision = current_decision(application)
    if (
        decision is None
        or decision.status != DecisionStatus.DECIDED
        or decision.outcome != Outcome.GRANTED
    ):
        return None
    return decision


def _fall_due(
    instalments,
    when: datetime,
    amounts: dict[int, int] | None = None,
    *,
    requested_by: User | None = None,
) -> list[Payment]:
    """The instalments become due and each gets its payment request (once)."""
    payments = []
    for instalment in instalments:
        if instalment.due_at is not None:
            continue
        instalment.due_at = when
        instalment.save(update_fields=["due_at"])
        amount = instalment.amount_sek if amounts is None else amounts[instalment.pk]
        if amount > 0:
            payments.append(
                Payment.objects.create(
                    instalment=instalment, amount_sek=amount, requested_by=requested_by
                )
            )
    return payments


@transaction.atomic
def agreement_signed(application: Application, signed_at: datetime) -> list[Payment]:
    """The agreement is signed: the instalments due at signing (the advance) are requested
    for staff's approval. Called by agreements; doing it twice changes nothing."""
    decision = _granted_decision(application)
    if decision is None:
        return []
    instalments = Instalment.objects.select_for_update().filter(
        decision=decision, trigger=Trigger.SIGNING
    )
    return _fall_due(instalments.order_by("sequence"), signed_at)


def paid_before_final(decision: Decision) -> int:
    """What went out (or is on its way) before the final report: the payments of the
    instalments due at signing, requested or further, not rejected."""
    return Payment.objects.filter(
        instalment__decision=decision,
        instalment__trigger=Trigger.SIGNING,
        status__in=[PaymentStatus.REQUESTED, *HOLDING_STATUSES],
    ).aggregate(total=Coalesce(Sum("amount_sek"), 0))["total"]


@transaction.atomic
def final_report_approved(
    application: Application, *, actual_sek: int, approved_at: datetime | None = None
) -> rules.Settlement | None:
    """The final report is approved with `actual_sek` of costs: the final instalments are
    requested for what the costs still lack (up to their amounts), and what was paid above the
    costs becomes a repayment. Called by reporting; doing it twice changes nothing."""
    decision = _granted_decision(application)
    if decision is None:
        return None
    when = approved_at or timezone.now()
    finals = list(
        Instalment.objects.select_for_update()
        .filter(decision=decision, trigger=Trigger.FINAL_REPORT)
        .order_by("sequence")
    )
    if (
        any(i.due_at is not None for i in finals)
        or Repayment.objects.filter(application=application).exists()
    ):
        return None
    granted, paid = granted_total(decision), paid_before_final(decision)
    settlement = rules.settle(
        granted=granted,
        paid=paid,
        final_planned=sum(i.amount_sek for i in finals),
        actual=actual_sek,
    )
    left, amounts = settlement.final_payment, {}
    for instalment in finals:
        amounts[instalment.pk] = min(left, instalment.amount_sek)
        left -= amounts[instalment.pk]
    _fall_due(finals, when, amounts)
    if settlement.repayment:
        Repayment.objects.create(
            application=application,
            amount_sek=settlement.repayment,
            granted_sek=granted,
            actual_sek=actual_sek,
            paid_sek=paid,
        )
    return settlement


@transaction.atomic
def claim_for_export(*, job_id: int, by: User) -> tuple[list[Payment], list[Repayment]]:
    """The payments and repayments an export (job `job_id`) takes to finance: every approved
    payment and due repayment not yet exported, and what this job took before (a run started
    again takes the same). Each payment moves to "exported" through the workflow."""
    for payment in Payment.objects.filter(status=PaymentStatus.APPROVED).order_by("pk"):
        PAYMENT_WORKFLOW.apply(payment, "export", by=by, job_id=job_id)
    Repayment.objects.filter(status=RepaymentStatus.DUE).update(
        status=RepaymentStatus.EXPORTED, export_job_id=job_id, exported_at=timezone.now()
    )
    payments = list(
        Payment.objects.filter(export_job_id=job_id)
        .select_related("instalment__application__organisation", "approved_by")
        .order_by("pk")
    )
    repayments = list(
        Repayment.objects.filter(export_job_id=job_id)
        .select_related("application__organisation")
        .order_by("pk")
    )
    return payments, repayments


@transaction.atomic
def release_export(*, job_id: int, by: User) -> None:
    """A failed export gives back what it took: the next export takes it again."""
    for payment in Payment.objects.filter(export_job_id=job_id, status=PaymentStatus.EXPORTED):
        PAYMENT_WORKFLOW.apply(payment, "release", by=by)
    Repayment.objects.filter(export_job_id=job_id).update(
        status=RepaymentStatus.DUE, export_job_id=None, exported_at=None
    )
