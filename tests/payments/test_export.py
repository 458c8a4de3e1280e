"""The vouchers for ICLD's finance system (payments.export.vouchers): which accounts each kind
of money moves between, in whole SEK, with the case number as reference."""

import datetime

import pytest
from django.utils import timezone

from payments import services
from payments.export import vouchers
from payments.models import Repayment
from payments.sie import Transaction

ON = datetime.date(2026, 12, 3)


@pytest.mark.django_db
def test_a_payment_is_the_grants_cost_against_the_bank_and_a_repayment_a_claim_that_reduces_it(
    granted,
):
    [payment] = services.agreement_signed(granted.application, timezone.now())
    repayment = Repayment.objects.create(
        application=granted.application,
        amount_sek=3_500,
        granted_sek=85_000,
        actual_sek=64_500,
        paid_sek=68_000,
    )
    paid, repaid = vouchers([payment], [repayment], ON)
    case = granted.application.case_number
    assert (paid.series, paid.number, paid.date) == ("P", payment.pk, ON)
    assert paid.transactions == [
        Transaction("4990", payment.amount_sek, case),
        Transaction("1930", -payment.amount_sek, case),
    ]
    assert (repaid.series, repaid.number, repaid.text) == ("R", repayment.pk, f"{case} repayment")
    assert repaid.transactions == [
        Transaction("1680", 3_500, case),
        Transaction("4990", -3_500, case),
    ]
