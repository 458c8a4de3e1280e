"""The agreement as a tagged PDF in the case's language (core.pdf), and its signed, sealed copy."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

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


def render_agreement(agreement: Agreement, *, signed: bool = False) -> bytes:
    """The agreement to sign, or (`signed`) the copy naming both signatures, before the seal."""
    from core.pdf import render_pdf  # WeasyPrint loads slowly; only workers render

    language = agreement.language
    context = agreement_context(agreement) | {"signed": signed}
    with translation.override(language):
        footer = _("Agreement %(case)s, version %(version)s") % {
            "case": agreement.application,
            "version": agreement.version,
        }
        return render_pdf(
            template="agreements/pdf/agreement.html",
            context=context,
            language=language,
            footer=footer,
        )
