"""The agreement's and the amendment's changes of status on core's transition table.

Agreement: drafted → signed by the organisation (its authorised signatory, through the signer
of agreements/signing.py) → countersigned (ICLD staff with `countersign_agreement`, nobody on
the case's side) → in force (once the worker has sealed the signed copy). Countersigning version
1 starts the component's period on that day. A later version (an annex from an amendment) that
comes into force replaces the one before it (superseded).

Amendment: requested → approved (makes the next version, to sign like the first) or rejected.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applications.access import takes_part
from core.models import User
from core.workflow import Transition, TransitionTable
from partnerships.selectors import is_signatory
from payments.services import agreement_signed

from . import documents
from .models import (
    Agreement,
    AgreementEvent,
    AgreementStatus,
    Amendment,
    AmendmentEvent,
    AmendmentStatus,
)
from .services import annex_from, start_period, tell_about_amendment
from .signing import Evidence
from .tasks import seal_agreement

S = AgreementStatus
COUNTERSIGN = "agreements.countersign_agreement"
DECIDE_AMENDMENT = "agreements.change_amendment"


def may_sign(user: User, agreement: Agreement) -> bool:
    return is_signatory(user, agreement.application.organisation_id)


def _signed(agreement: Agreement, *, by: User, comment: str, evidence: Evidence, **details) -> None:
    if not agreement.document:
        raise ValidationError(_("The agreement is still being prepared; try again in a minute."))
    agreement.signed_by = by
    agreement.signed_at = evidence.signed_at
    agreement.signature_method = evidence.method
    agreement.signature_evidence = {"reference": evidence.reference, **evidence.details}


def _countersigned(agreement: Agreement, *, by: User, comment: str, **details) -> None:
    agreement.countersigned_by = by
    agreement.countersigned_at = timezone.now()


def _period_starts(agreement: Agreement, *, by: User, comment: str, **details) -> None:
    if agreement.version == 1:
        start_period(agreement=agreement, on=timezone.localdate(agreement.countersigned_at))


def _seal(agreement: Agreement, *, by: User, comment: str, **details) -> None:
    seal_agreement.delay(agreement.pk)


def _sealed(agreement: Agreement, *, by: User, comment: str, **details) -> None:
    if not agreement.sealed:
        raise ValidationError(_("The signed agreement has not been sealed yet."))


def _in_force(agreement: Agreement, *, by: User, comment: str, **details) -> None:
    """The version before this one is replaced; the first version tells payments it is signed."""
    earlier = Agreement.objects.filter(
        application_id=agreement.application_id, status=S.IN_FORCE, version__lt=agreement.version
    )
    for old in earlier:
        AGREEMENT_WORKFLOW.apply(old, "supersede", by=by, comment=str(agreement))
    if agreement.version == 1:
        # The advance falls due at signing: payments requests it for staff's approval.
        agreement_signed(agreement.application, agreement.countersigned_at or timezone.now())


def _system(user: User, agreement: Agreement) -> bool:
    """Moves the portal makes itself (the worker after sealing), never offered to anyone."""
    return True


AGREEMENT_WORKFLOW = TransitionTable(
    [
        Transition(
            "sign",
            frozenset({S.DRAFTED}),
            S.SIGNED_BY_ORGANISATION,
            gettext_lazy("Sign the agreement"),
            may=may_sign,
            before=_signed,
        ),
        Transition(
            "countersign",
            frozenset({S.SIGNED_BY_ORGANISATION}),
            S.COUNTERSIGNED,
            gettext_lazy("Countersign for ICLD"),
            permission=COUNTERSIGN,
            before=_countersigned,
            after=_period_starts,
            on_commit=_seal,
        ),
        Transition(
            "enter_into_force",
            frozenset({S.COUNTERSIGNED}),
            S.IN_FORCE,
            gettext_lazy("Put into force"),
            may=_system,
            before=_sealed,
            after=_in_force,
        ),
        Transition(
            "supersede",
            frozenset({S.IN_FORCE}),
            S.SUPERSEDED,
            gettext_lazy("Replace by a later version"),
            may=_system,
        ),
    ],
    model=Agreement,
    event=AgreementEvent,
    refusal=gettext_lazy("%(action)s is not possible for an agreement that is %(status)s."),
    parties=lambda user, agreement: takes_part(user, agreement.application),
    select_related=["application", "application__organisation"],
)


def sign(*, agreement: Agreement, by: User, evidence: Evidence) -> Agreement:
    """The organisation's authorised signatory signs, with what the signer proved."""
    return AGREEMENT_WORKFLOW.apply(agreement, "sign", by=by, evidence=evidence)


def countersign(*, agreement: Agreement, by: User, comment: str = "") -> Agreement:
    return AGREEMENT_WORKFLOW.apply(agreement, "countersign", by=by, comment=comment)


def _amendment_approved(amendment: Amendment, *, by: User, comment: str, **details) -> None:
    annex_from(amendment=amendment, by=by)


def _tell_coordinator(amendment: Amendment, *, by: User, comment: str, **details) -> None:
    tell_about_amendment(amendment=amendment, comment=comment)


AMENDMENT_WORKFLOW = TransitionTable(
    [
        Transition(
            "approve",
            frozenset({AmendmentStatus.REQUESTED}),
            AmendmentStatus.APPROVED,
            gettext_lazy("Approve the amendment"),
            permission=DECIDE_AMENDMENT,
            after=_amendment_approved,
            on_commit=_tell_coordinator,
        ),
        Transition(
            "reject",
            frozenset({AmendmentStatus.REQUESTED}),
            AmendmentStatus.REJECTED,
            gettext_lazy("Reject the amendment"),
            permission=DECIDE_AMENDMENT,
            needs_comment=True,
            on_commit=_tell_coordinator,
        ),
    ],
    model=Amendment,
    event=AmendmentEvent,
    refusal=gettext_lazy("%(action)s is not possible for an amendment that is %(status)s."),
    parties=lambda user, amendment: takes_part(user, amendment.agreement.application),
    select_related=["agreement", "agreement__application"],
)


def _enter_into_force(agreement: Agreement) -> None:
    AGREEMENT_WORKFLOW.apply(agreement, "enter_into_force", by=agreement.countersigned_by)


documents.on_sealed.append(_enter_into_force)
