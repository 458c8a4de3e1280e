"""The agreement's documents, made by the worker: rendered once (core.documents.render_once),
the signed copy sealed with the portal's PAdES seal and then put into force."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.documents import render_once

from .models import Agreement, AgreementStatus
from .pdf import render_agreement


def render_document(*, agreement_id: int) -> Agreement | None:
    return render_once(
        Agreement.objects.all(),
        agreement_id,
        render=render_agreement,
        fields=("document", "document_checksum", "document_rendered_at"),
    )


def _signed_and_sealed(agreement: Agreement) -> bytes:
    from .seal import apply_seal

    with translation.override(agreement.language):
        reason = _("Agreement %(case)s, version %(version)s, signed by both parties") % {
            "case": agreement.application,
            "version": agreement.version,
        }
    return apply_seal(render_agreement(agreement, signed=True), reason=reason)


# What follows once a countersigned agreement is sealed: its workflow puts it into force. The
# workflow sits above this module (it queues the sealing), so it registers itself here
# (agreements.workflow, loaded by AgreementsConfig.ready in every process).
on_sealed: list[Callable[[Agreement], None]] = []


def seal_and_enforce(*, agreement_id: int) -> Agreement | None:
    agreement = render_once(
        Agreement.objects.all(),
        agreement_id,
        render=_signed_and_sealed,
        fields=("sealed", "sealed_checksum", "sealed_at"),
        wanted=lambda a: a.status == AgreementStatus.COUNTERSIGNED,
    )
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
