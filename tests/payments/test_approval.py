"""Staff approve payments: the permission, never on a case they take part in, and nothing is
paid twice — not even by two approvals at the same moment."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from applications.models import Contributor
from payments import services, workflow
from payments.models import Payment, PaymentEvent, PaymentStatus
from tests.concurrency import at_once
from tests.factories import UserFactory, make_staff


@pytest.fixture
def requested(granted):
    [payment] = services.agreement_signed(granted.application, timezone.now())
    return payment


@pytest.mark.django_db
def test_an_officer_approves_a_requested_payment(requested, approver):
    payment = workflow.approve(payment=requested, by=approver)
    assert payment.status == PaymentStatus.APPROVED
    assert payment.approved_by == approver and payment.approved_at is not None
    assert PaymentEvent.objects.filter(payment=payment, to_status="approved", actor=approver)


@pytest.mark.django_db
def test_staff_without_the_permission_cannot_approve(requested):
    clerk = make_staff(username="clerk", is_superuser=False)
    with pytest.raises(PermissionDenied):
        workflow.approve(payment=requested, by=clerk)
    with pytest.raises(PermissionDenied):
        workflow.approve(payment=requested, by=UserFactory())


@pytest.mark.django_db
def test_nobody_approves_a_payment_of_a_case_they_take_part_in(requested, approver):
    Contributor.objects.create(application=requested.instalment.application, user=approver)
    with pytest.raises(ValidationError, match="take part"):
        workflow.approve(payment=requested, by=approver)
    requested.refresh_from_db()
    assert requested.status == PaymentStatus.REQUESTED


@pytest.mark.django_db
def test_a_rejection_needs_a_reason(requested, approver):
    with pytest.raises(ValidationError):
        workflow.reject(payment=requested, by=approver, comment=" ")
    assert workflow.reject(payment=requested, by=approver, comment="Fel konto").status == (
        "rejected"
    )


@pytest.mark.django_db
def test_a_second_payment_of_an_approved_instalment_is_refused(requested, approver):
    workflow.approve(payment=requested, by=approver)
    again = Payment.objects.create(instalment=requested.instalment, amount_sek=68_000)
    with pytest.raises(ValidationError, match="nothing is paid twice"):
        workflow.approve(payment=again, by=approver)
    with pytest.raises(ValidationError):
        workflow.approve(payment=requested, by=approver)


@pytest.mark.django_db
def test_the_database_refuses_two_approved_payments_of_one_instalment(requested, approver):
    workflow.approve(payment=requested, by=approver)
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.create(
            instalment=requested.instalment, amount_sek=1, status=PaymentStatus.APPROVED
        )


@pytest.fixture
def deciders(reference_data):
    """The decision-makers' group, also after a transactional test emptied the tables."""
    import importlib

    from django.apps import apps

    importlib.import_module("decisions.migrations.0002_decision_makers_group").create_group(
        apps, None
    )


def _at_once(action, people):
    def in_english(person):
        with translation.override("en"):  # the refusals are read in English below
            action(person)

    return at_once(in_english, people, outcome_of_refusal=lambda error: " ".join(error.messages))


@pytest.mark.django_db(transaction=True)
def test_two_approvals_of_two_requests_at_once_pay_once(reference_data, deciders, granted):
    [first] = services.agreement_signed(granted.application, timezone.now())
    second = Payment.objects.create(instalment=first.instalment, amount_sek=68_000)
    people = [make_staff(username="a1"), make_staff(username="a2")]
    payments = {people[0]: first, people[1]: second}
    outcomes = _at_once(
        lambda person: workflow.approve(payment=payments[person], by=person), people
    )
    assert "approved" in outcomes
    assert any("nothing is paid twice" in o for o in outcomes)
    assert Payment.objects.filter(status=PaymentStatus.APPROVED).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_approvals_of_one_request_at_once_approve_it_once(reference_data, deciders, granted):
    [payment] = services.agreement_signed(granted.application, timezone.now())
    people = [make_staff(username="b1"), make_staff(username="b2")]
    outcomes = _at_once(lambda person: workflow.approve(payment=payment, by=person), people)
    assert "approved" in outcomes
    assert any("not possible" in o for o in outcomes)
    assert PaymentEvent.objects.filter(to_status="approved").count() == 1
