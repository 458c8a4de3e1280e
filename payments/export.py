"""What the export to ICLD's finance system holds: the approved payments and the repayments
of one export, as CSV rows and as an SIE 4 file, the case number as the reference of each.
The exports app produces the file in Celery (its "payments" kind); this module says what is
in it."""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence

from django.conf import settings
from django.utils.translation import gettext as _

from core.csv import csv_lines

from . import sie
from .models import Payment, Repayment


def _reference(application) -> str:
    return application.case_number or str(application.pk)


def _payment_text(payment: Payment) -> str:
    instalment = payment.instalment
    return _("%(case)s payment %(number)s (%(due)s)") % {
        "case": _reference(instalment.application),
        "number": instalment.sequence,
        "due": instalment.get_trigger_display().lower(),
    }


def _repayment_text(repayment: Repayment) -> str:
    return _("%(case)s repayment") % {"case": _reference(repayment.application)}


def headers() -> list[str]:
    return [
        _("Reference (case number)"),
        _("Type"),
        _("Organisation"),
        _("Organisation number"),
        _("Instalment"),
        _("Amount (SEK)"),
        _("Approved"),
        _("Voucher"),
        _("Text"),
    ]


def rows(payments: Sequence[Payment], repayments: Sequence[Repayment]) -> Iterator[list]:
    """One row per payment (amount paid out) and per repayment (amount to pay back)."""
    for payment in payments:
        application = payment.instalment.application
        yield [
            _reference(application),
            _("Payment"),
            application.organisation.name,
            application.organisation.organisation_number,
            payment.instalment.sequence,
            payment.amount_sek,
            payment.approved_at.date().isoformat() if payment.approved_at else "",
            f"{settings.PAYMENT_SIE_SERIES}{payment.pk}",
            _payment_text(payment),
        ]
    for repayment in repayments:
        application = repayment.application
        yield [
            _reference(application),
            _("Repayment"),
            application.organisation.name,
            application.organisation.organisation_number,
            "",
            repayment.amount_sek,
            repayment.created_at.date().isoformat(),
            f"{settings.PAYMENT_SIE_REPAYMENT_SERIES}{repayment.pk}",
            _repayment_text(repayment),
        ]


def csv_bytes(payments: Sequence[Payment], repayments: Sequence[Repayment]) -> bytes:
    """UTF-8 with a byte-order mark, through core.csv (the spreadsheet-formula guard)."""
    return "".join(csv_lines(headers(), rows(payments, repayments), bom=True)).encode("utf-8")


def vouchers(
    payments: Sequence[Payment], repayments: Sequence[Repayment], on: datetime.date
) -> Iterator[sie.Voucher]:
    """A payment: the grant's cost against the bank. A repayment: a claim on the grantee that
    reduces the grant's cost."""
    grants, bank = settings.PAYMENT_ACCOUNT_GRANTS, settings.PAYMENT_ACCOUNT_BANK
    receivable = settings.PAYMENT_ACCOUNT_RECEIVABLE
    for payment in payments:
        text, reference = _payment_text(payment), _reference(payment.instalment.application)
        yield _voucher(settings.PAYMENT_SIE_SERIES, payment, text, reference, grants, bank, on)
    for repayment in repayments:
        text, reference = _repayment_text(repayment), _reference(repayment.application)
        yield _voucher(
            settings.PAYMENT_SIE_REPAYMENT_SERIES,
            repayment,
            text,
            reference,
            receivable,
            grants,
            on,
        )


def _voucher(
    series: str,
    money: Payment | Repayment,
    text: str,
    reference: str,
    debit: str,
    credit: str,
    on: datetime.date,
) -> sie.Voucher:
    """`money`'s voucher (numbered by its pk): its amount moved from the account `credit` to
    `debit`."""
    return sie.Voucher(
        series=series,
        number=money.pk,
        date=on,
        text=text,
        transactions=[
            sie.Transaction(debit, money.amount_sek, reference),
            sie.Transaction(credit, -money.amount_sek, reference),
        ],
    )


def sie_bytes(
    payments: Sequence[Payment],
    repayments: Sequence[Repayment],
    *,
    generated_by: str,
    on: datetime.date,
) -> bytes:
    """The SIE 4 file (CP437) of the export; ICLD's fiscal year is the calendar year."""
    accounts = {
        settings.PAYMENT_ACCOUNT_GRANTS: _("Grants, municipal partnerships"),
        settings.PAYMENT_ACCOUNT_BANK: _("Bank account"),
        settings.PAYMENT_ACCOUNT_RECEIVABLE: _("Repayments receivable"),
    }
    return sie.encode(
        sie.sie_lines(
            company=settings.PAYMENT_SIE_COMPANY,
            org_number=settings.PAYMENT_SIE_ORG_NUMBER,
            generated_on=on,
            generated_by=generated_by,
            fiscal_year=(datetime.date(on.year, 1, 1), datetime.date(on.year, 12, 31)),
            accounts=accounts,
            vouchers=vouchers(payments, repayments, on),
        )
    )
