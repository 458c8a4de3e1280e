"""Reads of payments: a case's plan with its payments, for the case page."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from .models import HOLDING_STATUSES, Instalment, Payment, Repayment


@dataclass(frozen=True)
class CasePayments:
    instalments: list[Instalment]  # each with `latest`: its last payment, or None
    repayment: Repayment | None

    @property
    def planned_sek(self) -> int:
        return sum(i.amount_sek for i in self.instalments)

    @property
    def approved_sek(self) -> int:
        """Approved for payment, sent to finance or paid."""
        return sum(
            i.latest.amount_sek
            for i in self.instalments
            if i.latest is not None and i.latest.status in HOLDING_STATUSES
        )


def case_payments(application_id: int) -> CasePayments | None:
    """The plan of the case's current decision, each instalment with its latest payment, and
    what the grantee pays back: two queries (and one for a repayment), whatever the plan."""
    instalments = list(
        Instalment.objects.filter(application_id=application_id, decision__is_current=True)
        .prefetch_related(Prefetch("payments", queryset=Payment.objects.order_by("-pk")))
        .order_by("sequence")
    )
    if not instalments:
        return None
    for instalment in instalments:
        payments = list(instalment.payments.all())
        instalment.latest = payments[0] if payments else None
    return CasePayments(
        instalments=instalments,
        repayment=Repayment.objects.filter(application_id=application_id).first(),
    )


def case_panel(user, application) -> dict | None:
    """The case page's payments panel (applications.panels): a granted case's plan."""
    if application.status != "approved":
        return None
    return {"plan": case_payments(application.pk)}
