"""The agreement as a tagged PDF in the case's language (core.documents.StoredPDF)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from core.documents import StoredPDF
from payments.models import Instalment

from .models import Agreement


def agreement_context(agreement: Agreement) -> dict:
    """What the agreement says, read from the database (the document shows nothing else)."""
    agreement = (
        Agreement.objects.select_related(
            "application__organisation",
            "application__partnership__partner_organisation__country",
            "application__new_partner_country",
            "decision",
            "amendment",
            "signed_by",
            "countersigned_by",
        )
        .prefetch_related("lines")
        .get(pk=agreement.pk)
    )
    lines = list(agreement.lines.all())
    return {
        "agreement": agreement,
        "application": agreement.application,
        "lines": lines,
        "total": agreement.total_sek,
        # The payment plan is the payments app's, made when the grant was decided.
        "payment_plan": [
            {"label": instalment.get_trigger_display(), "amount_sek": instalment.amount_sek}
            for instalment in Instalment.objects.filter(decision=agreement.decision_id).order_by(
                "sequence"
            )
        ],
    }


class AgreementPDF(StoredPDF):
    """The agreement to sign."""

    template = "agreements/pdf/agreement.html"
    fields = ("document", "document_checksum", "document_rendered_at")
    signed = False

    def queryset(self) -> QuerySet[Agreement]:
        return Agreement.objects.all()

    def context(self, agreement: Agreement) -> dict:
        return agreement_context(agreement) | {"signed": self.signed}

    def footer(self, agreement: Agreement) -> str:
        return _("Agreement %(case)s, version %(version)s") % {
            "case": agreement.application,
            "version": agreement.version,
        }


AGREEMENT_PDF = AgreementPDF()
