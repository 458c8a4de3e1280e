"""The payment plan: made when a grant is decided, its instalments add up to the grant; the
advance falls due at signing, the rest after the approved final report."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from core.money import sek
from decisions import services as decision_services
from decisions import workflow as decision_workflow
from decisions.models import Outcome
from payments import rules, services
from payments.models import Instalment, Payment, PaymentStatus, Repayment, Trigger

pytestmark = pytest.mark.django_db


def test_a_grant_decided_gets_an_advance_and_a_final_instalment(granted):
    plan = list(Instalment.objects.filter(decision=granted).values_list("trigger", "amount_sek"))
    assert plan == [(Trigger.SIGNING, 68_000), (Trigger.FINAL_REPORT, 17_000)]
    assert sum(amount for _, amount in plan) == granted.granted_total == 85_000
    assert not Payment.objects.exists()


def test_the_advance_share_is_a_setting(settings, officer, decider, in_review):
    settings.PAYMENT_ADVANCE_PERCENT = 50
    decision = decision_services.propose(application=in_review, by=officer, outcome=Outcome.GRANTED)
    decision_workflow.decide(decision=decision, by=decider)
    assert list(Instalment.objects.values_list("amount_sek", flat=True)) == [50_000, 50_000]


def test_a_decline_gets_no_plan(officer, decider, in_review):
    decision = decision_services.propose(
        application=in_review, by=officer, outcome=Outcome.DECLINED, reasons="Saknar förankring."
    )
    decision_workflow.decide(decision=decision, by=decider)
    assert not Instalment.objects.exists()


def test_the_default_plan_rounds_the_advance_down_and_keeps_the_total():
    assert rules.default_plan(85_001, 80) == [("signing", 68_000), ("final_report", 17_001)]
    assert rules.default_plan(1000, 100) == [("signing", 1000)]


def test_a_plan_that_does_not_add_up_is_refused(granted):
    services.check_plan(granted, [60_000, 25_000])
    # The grant in the reader's money format (core.money), not a bare 85000.
    with pytest.raises(ValidationError) as refused:
        services.check_plan(granted, [60_000, 20_000])
    assert sek(85_000) in refused.value.messages[0]


def test_signing_requests_the_advance_once(granted):
    signed_at = timezone.now()
    payments = services.agreement_signed(granted.application, signed_at)
    assert [(p.amount_sek, p.status) for p in payments] == [(68_000, PaymentStatus.REQUESTED)]
    assert services.agreement_signed(granted.application, signed_at) == []
    assert Payment.objects.count() == 1
    assert Instalment.objects.get(trigger=Trigger.SIGNING).due_at == signed_at


def test_signing_without_a_decided_grant_requests_nothing(in_review):
    assert services.agreement_signed(in_review, timezone.now()) == []


@pytest.mark.parametrize(
    ("actual", "final", "repayment"),
    [(85_000, 17_000, 0), (100_000, 17_000, 0), (75_000, 7_000, 0), (60_000, 0, 8_000)],
)
def test_the_final_report_settles_the_grant_against_the_actual_costs(
    granted, actual, final, repayment
):
    services.agreement_signed(granted.application, timezone.now())
    settlement = services.final_report_approved(granted.application, actual_sek=actual)
    assert (settlement.final_payment, settlement.repayment) == (final, repayment)
    finals = Payment.objects.filter(instalment__trigger=Trigger.FINAL_REPORT)
    assert [p.amount_sek for p in finals] == ([final] if final else [])
    assert (
        Repayment.objects.filter(application=granted.application).values_list(
            "amount_sek", flat=True
        )
    ).first() == (repayment or None)
    # Paid out in all, less what comes back, is the actual cost up to the grant.
    paid = sum(Payment.objects.values_list("amount_sek", flat=True))
    assert paid - repayment == min(actual, 85_000)
    # Once only.
    assert services.final_report_approved(granted.application, actual_sek=actual) is None


def test_settle_never_pays_above_the_grant():
    s = rules.settle(granted=100, paid=80, final_planned=20, actual=1000)
    assert (s.final_payment, s.repayment, s.unpaid) == (20, 0, 0)
    s = rules.settle(granted=100, paid=80, final_planned=20, actual=50)
    assert (s.final_payment, s.repayment, s.unpaid) == (0, 30, 50)


def test_dates_are_kept(granted):
    when = timezone.make_aware(datetime.datetime(2026, 5, 4, 10, 0))
    services.agreement_signed(granted.application, when)
    assert Instalment.objects.get(trigger=Trigger.SIGNING).due_at == when
