"""The round board and the work queue issue a fixed number of queries at 20,000 partnerships
(issue 19, Done when): the same number with a handful of applications in the round as with
thousands, the demo's 20,000 partnerships behind them."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agreements.models import Agreement, Amendment
from applications.models import Application, ApplicationRound, BudgetLine, ParticipantChange
from assessments.models import ProposedAmount, Recommendation
from casework.models import CaseOfficer, ItemOfficer
from casework.selectors import QUEUE_SOURCES
from core.staff import STAFF_GROUP
from decisions.models import Decision
from partnerships.demo import seed_demo
from partnerships.models import Partnership
from payments.models import Instalment, Payment
from reporting.models import Report
from tests.factories import make_staff

# Transactional: in a test's transaction the rows' foreign keys are checked at its end, all at
# once (Django's check_constraints), which took 672 s at 20,000 partnerships on a loaded
# machine; committed as they are written, and the tables emptied after, it takes seconds.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(900)]

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


def add_waiting_items(round_, partnerships, officer, colleague):
    """For each partnership a granted case of `officer`'s in `round_` with what waits in the
    other groups of the work queue: a participant change, a submitted report, a requested
    payment, an agreement to countersign and an amendment requested on the version in force;
    every other change given to `colleague` (an item officer of its own)."""
    cases = Application.objects.bulk_create(
        Application(
            partnership=p,
            organisation_id=p.swedish_organisation_id,
            component="projekt",
            status="approved",
            round=round_,
            case_number=f"KP-G-{p.pk}",
            created_by=officer,
            title=f"Beviljad {p.pk}",
        )
        for p in partnerships
    )
    CaseOfficer.objects.bulk_create(CaseOfficer(application=a, officer=officer) for a in cases)
    changes = ParticipantChange.objects.bulk_create(
        ParticipantChange(
            application=a,
            reason="Ny representant.",
            party="swedish",
            name=f"Ny {a.pk}",
            organisation="Förening",
            position="Ordförande",
            category="civil_society",
            gender="woman",
            proposed_by=officer,
        )
        for a in cases
    )
    change_type = ContentType.objects.get_for_model(ParticipantChange)
    ItemOfficer.objects.bulk_create(
        ItemOfficer(
            item_type=change_type, item_id=c.pk, application_id=c.application_id, officer=colleague
        )
        for c in changes[::2]
    )
    today = timezone.localdate()
    Report.objects.bulk_create(
        Report(
            application=a,
            kind="final",
            project_year=1,
            period_start=today,
            period_end=today,
            due_date=today,
            status="submitted",
            submitted_at=timezone.now(),
        )
        for a in cases
    )
    decisions = Decision.objects.bulk_create(
        Decision(application=a, outcome="granted", status="decided", proposed_by=officer)
        for a in cases
    )
    instalments = Instalment.objects.bulk_create(
        Instalment(
            application_id=d.application_id,
            decision=d,
            sequence=1,
            trigger="signing",
            amount_sek=40_000,
        )
        for d in decisions
    )
    Payment.objects.bulk_create(Payment(instalment=i, amount_sek=40_000) for i in instalments)
    in_force = Agreement.objects.bulk_create(
        Agreement(application_id=d.application_id, decision=d, language="sv", status="in_force")
        for d in decisions
    )
    Amendment.objects.bulk_create(
        Amendment(agreement=a, kind="extension", motivation="Senare.", requested_by=officer)
        for a in in_force
    )
    Agreement.objects.bulk_create(
        Agreement(
            application_id=d.application_id,
            decision=d,
            version=2,
            language="sv",
            status="signed_by_organisation",
            signed_at=timezone.now(),
        )
        for d in decisions
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
    mine = "/admin/casework/"  # the officer's own: the changes given to the colleague left out
    colleague = make_staff(is_superuser=False, first_name="Cecilia")
    colleague.groups.add(Group.objects.get(name=STAFF_GROUP))
    client.force_login(officer)
    add_cases(round_, partnerships[:5], officer, status="in_review")
    add_waiting_items(round_, partnerships[:5], officer, colleague)
    client.get(board), client.get(queue)  # warm: content types, the session's first writes
    small = queries(client, board), queries(client, queue), queries(client, mine)
    add_cases(round_, partnerships[5:], officer, status="in_review")
    add_waiting_items(round_, partnerships[5:], officer, colleague)
    assert Application.objects.filter(round=round_).count() == 4_010
    assert Payment.objects.count() == ParticipantChange.objects.count() == 2_005
    large = queries(client, board), queries(client, queue), queries(client, mine)
    assert large == small
    # The board: session, user, permissions, second factor; the counts by status and by
    # officer (the applications, each kind of waiting item, the officers' names); the open drafts (rounds, their count, the pks shown, the drafts with what the
    # rules read with their budgets, their findings and the ceilings in force); the page of
    # cases and its count; the officers to assign. The queue: as pinned in tests/casework,
    # whichever officer it is filtered by.
    assert large == (29, 22, 22)
    groups = {g.key: g for g in client.get(mine).context["groups"]}
    assert (groups["changes"].count, groups["reports"].count) == (1_002, 2_005)
    for key in ("payments", "countersign", "amendments"):
        assert groups[key].count == 2_005 and len(groups[key].rows) == 50, key
    response = client.get(board)
    # Per officer: the round's applications (under review and granted) and what waits on them,
    # every other change given to the colleague.
    keys = ["applications", *(source.key for source in QUEUE_SOURCES)]
    loads = {
        load.name: dict(zip(keys, load.counts, strict=True))
        for load in response.context["board"].by_officer
    }
    assert loads == {
        officer.get_full_name(): {
            "applications": 4_010,
            "changes": 1_002,
            "reports": 2_005,
            "payments": 2_005,
            "countersign": 2_005,
            "amendments": 2_005,
            "decisions": 0,
        },
        colleague.get_full_name(): {
            "applications": 0,
            "changes": 1_003,
            "reports": 0,
            "payments": 0,
            "countersign": 0,
            "amendments": 0,
            "decisions": 0,
        },
    }
    assert response.context["board"].drafts_total == 2_005
    assert len(response.context["board"].drafts) == 50
    assert len(response.context["board"].cases) == 100
