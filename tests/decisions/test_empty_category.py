"""One meaning of an empty category in the officer's recommendation (issue 19, open question):
it proposes nothing for the category. The proposal page starts it at 0, as the round board's
"move to decision" grants it and the decision list sums it; only a case without a recorded
recommendation starts from the requested amounts."""

from __future__ import annotations

import pytest

from applications.models import BudgetLine
from assessments.services import recommend
from casework.services import assign_officer
from decisions.models import Decision
from decisions.services import proposal_defaults, propose_recommended
from tests.factories import as_staff

pytestmark = pytest.mark.django_db

C = BudgetLine.Category


@pytest.fixture
def officer(officer, in_review):
    """The case's responsible officer: the one who writes its recommendation."""
    assign_officer(applications=[in_review], officer=officer, by=as_staff(officer))
    return officer


def test_an_empty_category_of_the_recommendation_starts_the_proposal_at_nothing(in_review, officer):
    """DOMAIN.md, seed 004: "ICLD ersätter inte kostnader för andra personer än de som godkänts
    av ICLD" — an amount nobody proposed is not granted by default."""
    recommend(
        application=in_review,
        by=as_staff(officer),
        outcome="grant",
        summary="Bra förankring.",
        amounts={C.TRAVEL: 50_000, C.ACCOMMODATION: None, C.INTERPRETATION: None},
    )
    assert proposal_defaults(in_review) == {
        C.TRAVEL: 50_000,
        C.ACCOMMODATION: 0,  # requested 24 000, the officer proposed nothing
        C.INTERPRETATION: 0,  # requested 11 000, likewise
        C.MEETINGS: 0,
        C.OTHER: 0,
    }


def test_the_proposal_page_and_the_batch_move_to_decision_agree(in_review, officer, client):
    recommend(
        application=in_review,
        by=as_staff(officer),
        outcome="grant",
        summary="Bra förankring.",
        amounts={C.TRAVEL: 50_000, C.INTERPRETATION: 11_000},
    )
    defaults = proposal_defaults(in_review)
    client.force_login(officer)
    page = client.get(f"/admin/decisions/decision/propose/{in_review.pk}/").content.decode()
    assert 'name="granted_accommodation" value="0"' in page
    assert 'name="granted_travel" value="50000"' in page

    assert propose_recommended(applications=[in_review], by=as_staff(officer)) == (1, [])
    granted = {
        line.category: line.granted_sek
        for line in Decision.objects.get(application=in_review).lines.all()
    }
    assert granted == {C.TRAVEL: 50_000, C.ACCOMMODATION: 0, C.INTERPRETATION: 11_000}
    assert {c: defaults[c] for c in granted} == granted


def test_without_a_recommendation_the_proposal_starts_from_the_requested_amounts(in_review):
    assert proposal_defaults(in_review) == {
        C.TRAVEL: 65_000,
        C.ACCOMMODATION: 24_000,
        C.INTERPRETATION: 11_000,
        C.MEETINGS: 0,
        C.OTHER: 0,
    }


def test_a_new_recommendation_starts_from_the_requested_amounts_written_out(
    in_review, officer, client
):
    client.force_login(officer)
    page = client.get(f"/admin/assessments/case/{in_review.pk}/").content.decode()
    assert 'name="amount_travel" value="65000"' in page
    assert 'name="amount_accommodation" value="24000"' in page
    assert "Tomt: inget föreslås för den." in page
