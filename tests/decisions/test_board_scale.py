"""The round board and the work queue issue a fixed number of queries at 20,000 partnerships
(issue 19, Done when): the same number with a handful of applications in the round as with
thousands, the demo's 20,000 partnerships behind them."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from applications.models import Application, ApplicationRound, BudgetLine
from assessments.models import ProposedAmount, Recommendation
from casework.models import CaseOfficer
from core.staff import STAFF_GROUP
from partnerships.demo import seed_demo
from partnerships.models import Partnership
from tests.factories import make_staff

pytestmark = [pytest.mark.django_db, pytest.mark.timeout(900)]

PARTNERSHIPS = 20_000


def add_cases(round_, partnerships, officer, *, status):
    """One application per partnership in `round_`, with a budget, an officer and a recorded
    recommendation, and as many drafts of the round's component (bulk, as the demo writes)."""
    cases = Application.objects.bulk_create(
        Application(
            partnership=p,
            organisation_id=p.swedish_organisation_id,
            component="projekt",
            status=status,
            round=round_,
            case_number=f"KP-S-{p.pk}",
            created_by=officer,
            title=f"Ansökan {p.pk}",
        )
        for p in partnerships
    )
    Application.objects.bulk_create(
        Application(
            partnership=p,
            organisation_id=p.swedish_organisation_id,
            component="projekt",
            status="draft",
            created_by=officer,
        )
        for p in partnerships
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(application=a, category="travel", description="Resor", amount_sek=100_000)
        for a in cases
    )
    CaseOfficer.objects.bulk_create(CaseOfficer(application=a, officer=officer) for a in cases)
    recommendations = Recommendation.objects.bulk_create(
        Recommendation(
            application=a, status="recommended", outcome="grant", summary="Bra.", officer=officer
        )
        for a in cases
    )
    ProposedAmount.objects.bulk_create(
        ProposedAmount(recommendation=r, category="travel", amount_sek=90_000)
        for r in recommendations
    )


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_board_and_the_queue_issue_a_fixed_number_of_queries_at_20000_partnerships(
    client, reference_data
):
    officer = make_staff(is_superuser=False, first_name="Hanna")
    officer.groups.add(Group.objects.get(name=STAFF_GROUP))
    today = timezone.localdate()
    round_ = ApplicationRound.objects.create(
        name="2026-04",
        opens_on=today - datetime.timedelta(days=10),
        closes_on=today + datetime.timedelta(days=10),
        components=["projekt"],
    )
    seed_demo(partnerships=PARTNERSHIPS, seed=3)
    assert Partnership.objects.count() >= PARTNERSHIPS
    partnerships = list(Partnership.objects.order_by("pk")[:2_005])
    board, queue = f"/admin/decisions/rounds/{round_.pk}/", "/admin/casework/?officer=all"
    client.force_login(officer)
    add_cases(round_, partnerships[:5], officer, status="in_review")
    client.get(board), client.get(queue)  # warm: content types, the session's first writes
    small = queries(client, board), queries(client, queue)
    add_cases(round_, partnerships[5:], officer, status="in_review")
    assert Application.objects.filter(round=round_).count() == 2_005
    large = queries(client, board), queries(client, queue)
    assert large == small
    # The board: session, user, permissions, second factor; the counts by status and by
    # officer; the open drafts (rounds, their count, the pks shown, the drafts with what the
    # rules read with their budgets, their findings and the ceilings in force); the page of
    # cases and its count; the officers to assign. The queue: as pinned in tests/casework.
    assert large == (22, 13)
    response = client.get(board)
    assert response.context["board"].drafts_total == 2_005
    assert len(response.context["board"].drafts) == 50
    assert len(response.context["board"].cases) == 100
