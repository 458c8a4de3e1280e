"""The final report's approval closes the grant: reporting's "approve" asks payments for the
final instalment (what the actual costs still lack) and records what was paid above them as a
repayment. A yearly report's approval pays nothing."""

import datetime

import pytest
from django.utils import timezone

from payments import services
from payments.models import Payment, PaymentStatus, Repayment, Trigger
from reporting import workflow as report_workflow
from reporting.models import Report, ReportCost, ReportKind, ReportStatus
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


def _submitted_report(application, *, kind: str, actual: list[int]) -> Report:
    report = Report.objects.create(
        application=application,
        kind=kind,
        project_year=1 if kind == ReportKind.YEARLY else 2,
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        due_date=datetime.date(2026, 2, 28),
        status=ReportStatus.SUBMITTED,
        submitted_at=timezone.now(),
        submitted_by=application.created_by,
    )
    for line, amount in zip(application.budget_lines.order_by("pk"), actual, strict=False):
        ReportCost.objects.create(report=report, budget_line=line, actual_sek=amount)
    return report


def _approve(report: Report) -> None:
    report_workflow.make_staff_transition(report=report, name="approve", by=make_staff())


@pytest.mark.parametrize(
    ("actual", "final", "repayment"),
    [
        # Granted 85,000, advance 68,000 paid at signing; the plan keeps 17,000 for the end.
        ([60_000, 5_000, 24_000, 11_000], 17_000, 0),  # 100,000 spent: the grant in full
        ([40_000, 5_000, 24_000, 6_000], 7_000, 0),  # 75,000: 7,000 of the final 17,000
        ([30_000, 5_000, 20_000, 5_000], 0, 8_000),  # 60,000: 8,000 of the advance back
    ],
)
def test_approving_the_final_report_releases_the_final_payment(granted, actual, final, repayment):
    application = granted.application
    services.agreement_signed(application, timezone.now())
    _approve(_submitted_report(application, kind=ReportKind.FINAL, actual=actual))

    finals = Payment.objects.filter(instalment__trigger=Trigger.FINAL_REPORT)
    assert [(p.amount_sek, p.status) for p in finals] == (
        [(final, PaymentStatus.REQUESTED)] if final else []
    )
    back = Repayment.objects.filter(application=application).first()
    assert (back.amount_sek if back else 0) == repayment
    if back:
        assert (back.granted_sek, back.actual_sek, back.paid_sek) == (85_000, sum(actual), 68_000)
    # Recomputed from the database: paid out less paid back is the actual cost, up to the grant.
    paid = sum(Payment.objects.values_list("amount_sek", flat=True))
    assert paid - repayment == min(sum(actual), 85_000)


def test_a_yearly_report_releases_nothing(granted):
    application = granted.application
    services.agreement_signed(application, timezone.now())
    _approve(_submitted_report(application, kind=ReportKind.YEARLY, actual=[10_000]))
    assert not Payment.objects.filter(instalment__trigger=Trigger.FINAL_REPORT).exists()
    assert not Repayment.objects.exists()


def test_a_final_report_without_a_grant_releases_nothing(in_review):
    _approve(_submitted_report(in_review, kind=ReportKind.FINAL, actual=[10_000]))
    assert Report.objects.get().status == ReportStatus.APPROVED
    assert not Payment.objects.exists()
