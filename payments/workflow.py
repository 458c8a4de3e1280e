"""A payment's changes of status on core's transition table: staff approve or reject a
requested payment; the export takes approved ones to finance (and gives them back should the
export fail); finance's payment is recorded as paid.

Nothing is paid twice: approving locks the payment's instalment, so of two approvals at once
the second waits and then finds the instalment taken; under that, the database's constraint
`one_approved_payment_per_instalment` refuses a second approved payment whatever the path."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext_lazy

from applications.access import takes_part
from core.models import User
from core.staff import is_staff_with
from core.workflow import Transition, TransitionTable

from .models import HOLDING_STATUSES, Instalment, Payment, PaymentEvent, PaymentStatus

S = PaymentStatus
APPROVE_PAYMENT = "payments.approve_payment"
RECORD_PAID = "payments.change_payment"
EXPORT = "exports.add_exportjob"

ALREADY_PAID = gettext_lazy(
    "This instalment has a payment approved already: nothing is paid twice."
)


def _parties(user: User, payment: Payment) -> bool:
    """Someone on the applicant's side of the case never approves its payments, nor does the
    member of staff who asked for the payment (four eyes)."""
    return payment.requested_by_id == user.pk or takes_part(user, payment.instalment.application)


def _instalment_free(payment: Payment, *, by: User, comment: str, **details) -> None:
    # The instalment's row lock makes a second, simultaneous approval wait for the first.
    Instalment.objects.select_for_update().get(pk=payment.instalment_id)
    taken = (
        Payment.objects.filter(instalment_id=payment.instalment_id, status__in=HOLDING_STATUSES)
        .exclude(pk=payment.pk)
        .exists()
    )
    if taken:
        raise ValidationError(str(ALREADY_PAID))
    payment.approved_by = by
    payment.approved_at = timezone.now()


def _may_export(user: User, payment: Payment) -> bool:
    return is_staff_with(user, EXPORT)


def _exported(payment: Payment, *, by: User, comment: str, job_id: int, **details) -> None:
    payment.export_job_id = job_id
    payment.exported_at = timezone.now()


def _released(payment: Payment, *, by: User, comment: str, **details) -> None:
    payment.export_job_id = None
    payment.exported_at = None


def _paid(payment: Payment, *, by: User, comment: str, **details) -> None:
    payment.paid_at = timezone.now()


PAYMENT_WORKFLOW = TransitionTable(
    [
        Transition(
            "approve",
            frozenset({S.REQUESTED}),
            S.APPROVED,
            gettext_lazy("Approve the payment"),
            permission=APPROVE_PAYMENT,
            before=_instalment_free,
        ),
        Transition(
            "reject",
            frozenset({S.REQUESTED}),
            S.REJECTED,
            gettext_lazy("Reject the payment"),
            permission=APPROVE_PAYMENT,
            needs_comment=True,
        ),
        Transition(
            "export",
            frozenset({S.APPROVED}),
            S.EXPORTED,
            gettext_lazy("Send to finance"),
            may=_may_export,
            before=_exported,
        ),
        Transition(
            "release",
            frozenset({S.EXPORTED}),
            S.APPROVED,
            gettext_lazy("Take back from a failed export"),
            may=_may_export,
            before=_released,
        ),
        Transition(
            "paid",
            frozenset({S.EXPORTED}),
            S.PAID,
            gettext_lazy("Record as paid"),
            permission=RECORD_PAID,
            before=_paid,
        ),
    ],
    model=Payment,
    event=PaymentEvent,
    refusal=gettext_lazy("%(action)s is not possible for a payment that is %(status)s."),
    parties=_parties,
    select_related=["instalment__application"],
)


def approve(*, payment: Payment, by: User, comment: str = "") -> Payment:
    """Staff with the permission (not taking part in the case) approve a requested payment.
    Of two approvals of one instalment at once one wins; the other gets a clear error."""
    try:
        return PAYMENT_WORKFLOW.apply(payment, "approve", by=by, comment=comment)
    except IntegrityError as error:
        if "one_approved_payment_per_instalment" not in str(error):
            raise
        raise ValidationError(str(ALREADY_PAID)) from error


def reject(*, payment: Payment, by: User, comment: str) -> Payment:
    return PAYMENT_WORKFLOW.apply(payment, "reject", by=by, comment=comment)


def record_paid(*, payment: Payment, by: User, comment: str = "") -> Payment:
    return PAYMENT_WORKFLOW.apply(payment, "paid", by=by, comment=comment)
