"""The agreement's documents, made by the worker: rendered once (core.documents.StoredPDF),
the signed copy sealed with the portal's PAdES seal and then put into force."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import Agreement, AgreementStatus
from .pdf import AGREEMENT_PDF, AgreementPDF


def render_document(*, agreement_id: int) -> Agreement | None:
    return AGREEMENT_PDF.render_once(agreement_id)


class SealedAgreementPDF(AgreementPDF):
    """The copy naming both signatures, sealed, once the agreement is countersigned."""

    fields = ("sealed", "sealed_checksum", "sealed_at")
    signed = True

    def wanted(self, agreement: Agreement) -> bool:
        return agreement.status == AgreementStatus.COUNTERSIGNED

    def render(self, agreement: Agreement) -> bytes:
        from .seal import apply_seal  # pyHanko loads slowly; only workers seal

        with translation.override(agreement.language):
            reason = _("Agreement %(case)s, version %(version)s, signed by both parties") % {
                "case": agreement.application,
                "version": agreement.version,
            }
        return apply_seal(super().render(agreement), reason=reason)


SEALED_AGREEMENT_PDF = SealedAgreementPDF()


# What follows once a countersigned agreement is sealed: its workflow puts it into force. The
# workflow sits above this module (it queues the sealing), so it registers itself here
# (agreements.workflow, loaded by AgreementsConfig.ready in every process).
on_sealed: list[Callable[[Agreement], None]] = []


def seal_and_enforce(*, agreement_id: int) -> Agreement | None:
    agreement = SEALED_AGREEMENT_PDF.render_once(agreement_id)
    if agreement is not None and agreement.status == AgreementStatus.COUNTERSIGNED:
        for then in on_sealed:
            then(agreement)
    return agreement


def waiting_for_document(age: timedelta) -> QuerySet[Agreement]:
    return Agreement.objects.filter(
        document="", status=AgreementStatus.DRAFTED, created_at__lt=timezone.now() - age
    )


def waiting_for_seal(age: timedelta) -> QuerySet[Agreement]:
    return Agreement.objects.filter(
        status=AgreementStatus.COUNTERSIGNED, countersigned_at__lt=timezone.now() - age
    )
