"""The agreement: made from a grant, rendered in the case's language, signed by the
organisation's signatory, countersigned by ICLD, sealed, in force; the period starts then."""

from __future__ import annotations

import datetime
import subprocess
import tempfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from agreements import documents, workflow
from agreements.models import Agreement, AgreementLine, AgreementStatus
from applications.models import Application
from decisions import services as decision_services
from decisions import workflow as decision_workflow
from decisions.models import Decision, DecisionLine, Outcome
from tests.agreements.helpers import evidence, grant, seal_status, signatory_of, signed_and_in_force
from tests.factories import make_coordinator

pytestmark = pytest.mark.django_db


def text_of(pdf: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        result = subprocess.run(["pdftotext", handle.name, "-"], capture_output=True, check=True)
    return " ".join(result.stdout.decode().split())


def kronor(amount: int) -> str:
    """An amount as the documents write it, thousands apart: 85 000."""
    return f"{amount:,}".replace(",", " ")


def test_a_grant_gets_an_agreement_with_the_granted_amounts(officer, decider, in_review):
    in_review.period_start = datetime.date(2027, 1, 1)
    in_review.period_end = datetime.date(2027, 12, 31)
    in_review.save()

    agreement = grant(in_review, officer, decider, travel=50_000)

    decision = Decision.objects.get(application=in_review)
    assert agreement.version == 1 and agreement.status == AgreementStatus.DRAFTED
    assert agreement.decision == decision
    assert dict(agreement.lines.values_list("category", "amount_sek")) == dict(
        DecisionLine.objects.filter(decision=decision).values_list("category", "granted_sek")
    )
    assert agreement.total_sek == 85_000
    assert (agreement.period_start, agreement.period_end) == (
        datetime.date(2027, 1, 1),
        datetime.date(2027, 12, 31),
    )
    assert agreement.conditions == "Slutrapport i tid."
    assert list(agreement.events.values_list("to_status", flat=True)) == ["drafted"]


def test_the_document_adds_up_to_what_the_database_holds(officer, decider, in_review):
    agreement = grant(in_review, officer, decider, travel=50_000)

    text = text_of(agreement.document.read())

    total = sum(
        AgreementLine.objects.filter(agreement=agreement).values_list("amount_sek", flat=True)
    )
    assert total == 85_000
    assert kronor(total) in text
    for amount in AgreementLine.objects.filter(agreement=agreement).values_list(
        "amount_sek", flat=True
    ):
        assert kronor(amount) in text
    assert in_review.case_number in text
    assert "Avtal" in text  # the case's language: Swedish
    assert "uppförandekod" in text
    assert "Slutrapport i tid." in text


def test_an_english_case_gets_its_agreement_in_english(officer, decider, in_review):
    Application.objects.filter(pk=in_review.pk).update(language="en")
    in_review.refresh_from_db()

    agreement = grant(in_review, officer, decider)

    text = text_of(agreement.document.read())
    assert agreement.language == "en"
    assert "Agreement on a municipal partnership" in text
    assert "code of conduct" in text


def test_a_decline_gets_no_agreement(officer, decider, in_review):
    decision = decision_services.propose(
        application=in_review, by=officer, outcome=Outcome.DECLINED, reasons="Saknar förankring."
    )
    decision_workflow.decide(decision=decision, by=decider)

    assert not Agreement.objects.filter(application=in_review).exists()


def test_the_signatory_signs_then_icld_countersigns_and_the_seal_makes_it_in_force(
    officer, decider, in_review
):
    in_review.period_start = datetime.date(2027, 3, 1)
    in_review.period_end = datetime.date(2028, 2, 29)
    in_review.save()
    agreement = grant(in_review, officer, decider)
    signatory = signatory_of(in_review)

    agreement = workflow.sign(agreement=agreement, by=signatory, evidence=evidence())
    assert agreement.status == AgreementStatus.SIGNED_BY_ORGANISATION
    assert agreement.signed_by == signatory and agreement.signature_method == "password"

    agreement = workflow.countersign(agreement=agreement, by=decider)
    assert agreement.status == AgreementStatus.COUNTERSIGNED
    documents.seal_and_enforce(agreement_id=agreement.pk)
    agreement.refresh_from_db()

    assert agreement.status == AgreementStatus.IN_FORCE
    sealed = agreement.sealed.read()
    assert seal_status(sealed).bottom_line
    assert [e.to_status for e in agreement.events.all()] == [
        "drafted",
        "signed_by_organisation",
        "countersigned",
        "in_force",
    ]
    text = text_of(sealed)
    assert signatory.email in text or signatory.get_full_name() in text


def test_the_period_starts_when_both_have_signed_and_keeps_its_length(officer, decider, in_review):
    in_review.period_start = datetime.date(2027, 3, 1)
    in_review.period_end = datetime.date(2027, 8, 31)
    in_review.save()
    agreement = grant(in_review, officer, decider)

    agreement = signed_and_in_force(agreement, signatory_of(in_review), decider)

    today = timezone.localdate()
    length = datetime.date(2027, 8, 31) - datetime.date(2027, 3, 1)
    assert (agreement.period_start, agreement.period_end) == (today, today + length)
    in_review.refresh_from_db()
    assert (in_review.period_start, in_review.period_end) == (today, today + length)
    decision = Decision.objects.get(application=in_review)
    assert (decision.period_start, decision.period_end) == (today, today + length)


def test_a_coordinator_who_is_not_the_signatory_cannot_sign(officer, decider, in_review):
    agreement = grant(in_review, officer, decider)

    with pytest.raises(PermissionDenied):
        workflow.sign(agreement=agreement, by=in_review.created_by, evidence=evidence())
    with pytest.raises(PermissionDenied):
        workflow.sign(agreement=agreement, by=make_coordinator(), evidence=evidence())
    assert Agreement.objects.get(pk=agreement.pk).status == AgreementStatus.DRAFTED


def test_countersigning_needs_the_permission_and_not_the_own_case(officer, decider, in_review):
    agreement = grant(in_review, officer, decider)
    signatory = signatory_of(in_review)
    workflow.sign(agreement=agreement, by=signatory, evidence=evidence())

    with pytest.raises(PermissionDenied):
        workflow.countersign(agreement=agreement, by=officer)  # a case officer, not a decider
    with pytest.raises(PermissionDenied):
        workflow.countersign(agreement=agreement, by=signatory)
    assert Agreement.objects.get(pk=agreement.pk).status == AgreementStatus.SIGNED_BY_ORGANISATION


def test_an_agreement_not_yet_rendered_cannot_be_signed(officer, decider, in_review):
    decision = decision_services.propose(application=in_review, by=officer, outcome=Outcome.GRANTED)
    decision_workflow.decide(decision=decision, by=decider)
    agreement = Agreement.objects.get(application=in_review)

    with pytest.raises(ValidationError):
        workflow.sign(agreement=agreement, by=signatory_of(in_review), evidence=evidence())


def test_the_seal_is_made_once_and_the_document_never_twice(officer, decider, in_review):
    agreement = signed_and_in_force(
        grant(in_review, officer, decider), signatory_of(in_review), decider
    )
    checksum = agreement.sealed_checksum

    documents.seal_and_enforce(agreement_id=agreement.pk)
    documents.render_document(agreement_id=agreement.pk)

    agreement.refresh_from_db()
    assert agreement.sealed_checksum == checksum
    assert agreement.status == AgreementStatus.IN_FORCE
