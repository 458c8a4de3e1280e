"""The coordinator's case page shows the whole grant in one place: the decision, the agreement
(and a way to sign it), the amendments with ICLD's answers, and the payments; in a fixed number
of queries however many amendments and payments there are."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements import services, workflow
from payments import workflow as payment_workflow
from payments.models import Payment
from tests.agreements.helpers import grant, signatory_of, signed_and_in_force
from tests.factories import make_coordinator, make_staff

pytestmark = pytest.mark.django_db

# The case page with its team, history, thread, decision, agreement, amendments, payments and
# receipts of what was submitted.
QUERIES = 25


def case_page(client, application):
    return client.get(reverse("applications:case", args=[application.pk]))


def test_the_drafted_agreement_is_offered_for_signing_on_the_case_page(
    client, officer, decider, in_review
):
    grant(in_review, officer, decider)
    client.force_login(in_review.created_by)
    page = case_page(client, in_review).text
    assert 'data-agreement="drafted"' in page
    assert reverse("agreements:agreement", args=[in_review.pk]) in page
    # The plan is there from the decision: nothing requested yet.
    assert 'data-instalment="1" data-payment="planned"' in page
    assert "data-planned-total>85" in page


def test_the_case_page_shows_decision_agreement_amendments_and_payments(
    client, officer, decider, in_review
):
    agreement = grant(in_review, officer, decider)
    signatory = signatory_of(in_review)
    agreement = signed_and_in_force(agreement, signatory, decider)
    [advance] = Payment.objects.all()
    payment_workflow.approve(payment=advance, by=officer)
    first = services.request_amendment(
        agreement=agreement,
        by=signatory,
        kind="extension",
        motivation="Valet flyttade besöket.",
        new_period_end=datetime.date(2028, 3, 31),
    )
    client.force_login(signatory)

    with CaptureQueriesContext(connection) as one_amendment:
        page = case_page(client, in_review).text
    assert 'id="decision"' in page
    assert 'data-agreement="in_force"' in page
    assert 'data-amendment="requested"' in page
    assert 'data-instalment="1" data-payment="approved"' in page
    assert 'data-instalment="2" data-payment="planned"' in page
    assert "data-approved-total>68" in page

    workflow.AMENDMENT_WORKFLOW.apply(first, "reject", by=decider, comment="Inte nödvändigt.")
    services.request_amendment(
        agreement=agreement,
        by=signatory,
        kind="extension",
        motivation="Nytt försök.",
        new_period_end=datetime.date(2028, 1, 31),
    )
    with CaptureQueriesContext(connection) as two_amendments:
        page = case_page(client, in_review).text
    assert "Inte nödvändigt." in page and page.count("data-amendment=") == 2
    assert len(two_amendments) == len(one_amendment)


def test_the_case_page_query_count_is_pinned(
    client, officer, decider, in_review, django_assert_num_queries
):
    agreement = grant(in_review, officer, decider)
    signed_and_in_force(agreement, signatory_of(in_review), decider)
    client.force_login(in_review.created_by)
    case_page(client, in_review)  # the session's first request loads what later ones reuse
    with django_assert_num_queries(QUERIES):
        assert case_page(client, in_review).status_code == 200


def test_others_see_no_payments(client, officer, decider, in_review):
    grant(in_review, officer, decider)
    client.force_login(make_coordinator())
    assert case_page(client, in_review).status_code == 404
    client.force_login(make_staff(is_superuser=False))  # staff without the permission
    assert case_page(client, in_review).status_code == 404
