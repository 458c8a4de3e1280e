"""Shared steps: a granted case with its agreement, signed and countersigned."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor

from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from agreements import documents, workflow
from agreements.models import Agreement
from agreements.seal import seal_credentials
from agreements.signing import Evidence
from decisions import services as decision_services
from decisions import workflow as decision_workflow
from decisions.models import Outcome
from partnerships.services import set_signatory
from tests.factories import make_staff

PASSWORD = "correct horse battery staple"


def grant(application, officer, decider, **granted) -> Agreement:
    decision = decision_services.propose(
        application=application,
        by=officer,
        outcome=Outcome.GRANTED,
        granted=granted or {"travel": 50_000},
        conditions="Slutrapport i tid.",
    )
    decision_workflow.decide(decision=decision, by=decider)
    agreement = Agreement.objects.get(application=application)
    documents.render_document(agreement_id=agreement.pk)
    agreement.refresh_from_db()
    return agreement


def signatory_of(application):
    """The case's coordinator, made its organisation's authorised signatory."""
    coordinator = application.created_by
    set_signatory(
        membership=coordinator.memberships.get(organisation=application.organisation),
        signatory=True,
        by=make_staff(),
    )
    coordinator.set_password(PASSWORD)
    coordinator.save()
    return coordinator


def sign_in_portal(client, application) -> None:
    """The signatory signs through the pages: password again, then the box ticked."""
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.post(reverse("agreements:sign", args=[application.pk]), {"accept": "on"})


def evidence() -> Evidence:
    from django.utils import timezone

    return Evidence(method="password", signed_at=timezone.now())


def signed_and_in_force(agreement, signatory, countersigner) -> Agreement:
    workflow.sign(agreement=agreement, by=signatory, evidence=evidence())
    workflow.countersign(agreement=agreement, by=countersigner)
    documents.seal_and_enforce(agreement_id=agreement.pk)
    agreement.refresh_from_db()
    return agreement


def seal_status(pdf: bytes):
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    (signature,) = reader.embedded_signatures
    context = ValidationContext(trust_roots=[seal_credentials().certificate])
    with ThreadPoolExecutor(max_workers=1) as pool:  # pyHanko runs its own event loop
        return pool.submit(validate_pdf_signature, signature, context).result()
