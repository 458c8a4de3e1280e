"""Rendering a submission receipt as PDF (PDF/UA, in the case's language): the worker's side of
`receipts`, apart from it so that the task module and the module that queues it do not import
each other (as `participant_form_pdf`)."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from core.documents import StoredPDF
from partnerships.models import Component

from .models import Application, BudgetLine, Party, SubmissionReceipt
from .participant_form_pdf import choice_label, form_row


def receipts_to_render(*, older_than: datetime.timedelta) -> QuerySet[SubmissionReceipt]:
    """Receipts still without a PDF that were made more than `older_than` ago."""
    return SubmissionReceipt.objects.filter(
        file="", submitted_at__lt=timezone.now() - older_than
    ).order_by("pk")


class ReceiptPDF(StoredPDF):
    """The PDF of a receipt: its snapshot, in the case's language."""

    template = "applications/pdf/receipt.html"

    def queryset(self) -> QuerySet[SubmissionReceipt]:
        return SubmissionReceipt.objects.all()

    def context(self, receipt: SubmissionReceipt) -> dict:
        snapshot = receipt.snapshot
        return {
            "receipt": receipt,
            "s": snapshot,
            "component": choice_label(Component, snapshot["component"]),
            "planning": [
                (Application._meta.get_field(name).verbose_name, text)
                for name, text in snapshot["planning"].items()
            ],
            "visits": [
                visit | {"host": choice_label(Party, visit["host"])} for visit in snapshot["visits"]
            ],
            "budget": [
                line | {"category": choice_label(BudgetLine.Category, line["category"])}
                for line in snapshot["budget"]
            ],
            "budget_total": sum(line["amount"] or 0 for line in snapshot["budget"]),
            "teams": [
                (party.label, [form_row(p) for p in snapshot["team"] if p["party"] == party.value])
                for party in (Party.SWEDISH, Party.PARTNER)
            ],
        }

    def footer(self, receipt: SubmissionReceipt) -> str:
        return _("%(case)s · receipt of submission %(number)s") % {
            "case": receipt.snapshot.get("case_number") or "",
            "number": receipt.number,
        }


RECEIPT_PDF = ReceiptPDF()


def render_receipt(*, receipt_id: int) -> SubmissionReceipt | None:
    """Render a receipt's PDF once; one that has its file is left as it is."""
    return RECEIPT_PDF.render_once(receipt_id)
