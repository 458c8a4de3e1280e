"""Every participant change, report and payment on a case has a responsible officer (issue 19,
item 1; issue 20, item 8): the case's officer by default, another when staff assign one (one or
many at once, from the admin's lists, logged); the work queue lists each under who is
responsible, payments to approve among them."""

from __future__ import annotations

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Permission
from django.utils import timezone

from agreements.models import Agreement, Amendment
from casework.models import Assignment, ItemOfficer
from casework.services import assign_item_officer, assign_officer
from decisions.models import Decision
from payments.models import Instalment, Payment
from tests.factories import ApplicationFactory, ParticipantChangeFactory, as_staff, make_staff
from tests.reporting.factories import report_of

pytestmark = pytest.mark.django_db
QUEUE = "/admin/casework/"


def requested_payment(case, by, sequence=1):
    decision = Decision.objects.filter(application=case).first() or Decision.objects.create(
        application=case, outcome="granted", status="decided", proposed_by=by
    )
    instalment = Instalment.objects.create(
        application=case, decision=decision, sequence=sequence, trigger="signing", amount_sek=40_000
    )
    return Payment.objects.create(instalment=instalment, amount_sek=40_000)


def submitted_report(case):
    today = timezone.localdate()
    return report_of(
        case, status="submitted", submitted_at=timezone.now(), period_start=today, period_end=today
    )


def groups_of(client, **params):
    return {g.key: g for g in client.get(QUEUE, params).context["groups"]}


def test_a_change_a_report_and_a_payment_are_the_case_officers_by_default(
    client, officer, granted_case
):
    change = ParticipantChangeFactory(application=granted_case)
    report = submitted_report(granted_case)
    payment = requested_payment(granted_case, officer)
    client.force_login(officer)
    groups = groups_of(client)
    assert [r.object_pk for r in groups["changes"].rows] == [change.pk]
    assert [r.object_pk for r in groups["reports"].rows] == [report.pk]
    assert [r.object_pk for r in groups["payments"].rows] == [payment.pk]
    row = groups["payments"].rows[0]
    assert row.case == granted_case and row.officer == officer
    assert row.label == "Delbetalning 1: 40\xa0000\xa0kr"  # staff's pages are in Swedish
    page = client.get(QUEUE).content.decode()
    assert f"/admin/payments/payment/{payment.pk}/change/" in page


def test_staff_give_changes_to_another_officer_in_bulk_from_the_admin_list(
    client, officer, colleague, granted_case
):
    one, two = ParticipantChangeFactory.create_batch(2, application=granted_case)
    client.force_login(officer)
    changelist = "/admin/applications/participantchange/"
    page = client.get(changelist).content.decode()
    assert 'value="assign_item_officer"' in page
    # The action's own page asks for the officer first.
    asked = client.post(
        changelist, {"action": "assign_item_officer", ACTION_CHECKBOX_NAME: [one.pk, two.pk]}
    )
    assert asked.status_code == 200 and 'name="officer"' in asked.content.decode()
    done = client.post(
        changelist,
        {
            "action": "assign_item_officer",
            ACTION_CHECKBOX_NAME: [one.pk, two.pk],
            "officer": colleague.pk,
            "apply": "1",
        },
    )
    assert done.status_code == 302
    assert set(ItemOfficer.objects.values_list("item_id", "officer")) == {
        (one.pk, colleague.pk),
        (two.pk, colleague.pk),
    }
    log = Assignment.objects.filter(item_id__isnull=False).order_by("item_id")
    assert [(a.item_id, a.previous, a.officer, a.assigned_by) for a in log] == [
        (one.pk, officer, colleague, officer),
        (two.pk, officer, colleague, officer),
    ]
    # Now in the colleague's queue, no longer in mine; the list names who is responsible.
    assert groups_of(client)["changes"].count == 0
    assert groups_of(client, officer=str(colleague.pk))["changes"].count == 2
    assert "Cecilia Kollega" in client.get(changelist).content.decode()


def test_a_report_and_a_payment_are_assigned_singly_from_their_lists(
    client, officer, colleague, granted_case
):
    report = submitted_report(granted_case)
    payment = requested_payment(granted_case, officer)
    client.force_login(officer)
    for changelist, pk in (
        ("/admin/reporting/report/", report.pk),
        ("/admin/payments/payment/", payment.pk),
    ):
        response = client.post(
            changelist,
            {
                "action": "assign_item_officer",
                ACTION_CHECKBOX_NAME: [pk],
                "officer": colleague.pk,
                "apply": "1",
            },
        )
        assert response.status_code == 302, changelist
    groups = groups_of(client, officer=str(colleague.pk))
    assert [r.object_pk for r in groups["reports"].rows] == [report.pk]
    assert [r.object_pk for r in groups["payments"].rows] == [payment.pk]
    assert groups["payments"].rows[0].officer == colleague


def test_given_back_to_the_cases_officer_it_follows_the_case_again(
    officer, colleague, granted_case, make_officer
):
    change = ParticipantChangeFactory(application=granted_case)
    assign_item_officer(items=[change], officer=colleague, by=as_staff(officer))
    assert assign_item_officer(items=[change], officer=officer, by=as_staff(officer)) == 1
    assert not ItemOfficer.objects.exists()
    # The case changes hands: its change goes with it.
    third = make_officer(first_name="Tora")
    assign_officer(applications=[granted_case], officer=third, by=as_staff(officer))
    from casework.selectors import work_queue

    changes = {g.key: g for g in work_queue(third)}["changes"]
    assert [r.object_pk for r in changes.rows] == [change.pk]


def test_only_staff_who_may_assign_do(client, officer, granted_case):
    change = ParticipantChangeFactory(application=granted_case)
    viewer = make_staff(is_superuser=False)
    viewer.user_permissions.add(*Permission.objects.filter(codename="view_participantchange"))
    client.force_login(viewer)
    page = client.get("/admin/applications/participantchange/").content.decode()
    assert "assign_item_officer" not in page
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        assign_item_officer(items=[change], officer=officer, by=as_staff(viewer))
    assert not ItemOfficer.objects.exists()


def test_the_admin_index_counts_every_group(client, officer, granted_case):
    ParticipantChangeFactory(application=granted_case)
    requested_payment(granted_case, officer)
    client.force_login(officer)
    page = client.get("/admin/").content.decode()
    assert "2 waiting – Participant changes to decide: 1; Payments to approve: 1" in page or (
        "2 väntar – Deltagarändringar att besluta: 1; Utbetalningar att godkänna: 1" in page
    )


def signed_agreement(case, by, version=1):
    """An agreement the organisation has signed, waiting for ICLD's countersignature."""
    decision = Decision.objects.filter(application=case).first() or Decision.objects.create(
        application=case, outcome="granted", status="decided", proposed_by=by
    )
    return Agreement.objects.create(
        application=case,
        decision=decision,
        language="sv",
        version=version,
        status="signed_by_organisation",
        signed_at=timezone.now(),
    )


def requested_amendment(case, by):
    agreement = signed_agreement(case, by, version=9)
    Agreement.objects.filter(pk=agreement.pk).update(status="in_force")
    return Amendment.objects.create(
        agreement=agreement, kind="extension", motivation="Valet flyttade resan.", requested_by=by
    )


def test_agreements_to_countersign_and_amendments_to_decide_wait_in_the_queue(
    client, officer, colleague, granted_case
):
    amendment = requested_amendment(granted_case, officer)  # on the version in force
    agreement = signed_agreement(granted_case, officer)
    unsigned = ApplicationFactory(status="approved", case_number="KP-2026-0501")
    assign_officer(applications=[unsigned], officer=officer, by=as_staff(colleague))
    Agreement.objects.create(  # still the organisation's to sign: not ICLD's turn
        application=unsigned, decision=agreement.decision, language="sv"
    )
    client.force_login(officer)
    groups = groups_of(client)
    assert [r.object_pk for r in groups["countersign"].rows] == [agreement.pk]
    assert groups["countersign"].rows[0].label == "Avtal, version 1"  # staff's pages: Swedish
    assert [r.object_pk for r in groups["amendments"].rows] == [amendment.pk]
    row = groups["amendments"].rows[0]
    assert (row.case, row.officer, row.label) == (granted_case, officer, "Förläng perioden")
    page = client.get(QUEUE).content.decode()
    assert f"/admin/agreements/agreement/{agreement.pk}/change/" in page
    assert f"/admin/agreements/amendment/{amendment.pk}/change/" in page
    assert "Avtal att kontrasignera" in page and "Ändringar att besluta" in page
    # Given to a colleague from the admin's list, it waits for them instead.
    response = client.post(
        "/admin/agreements/amendment/",
        {
            "action": "assign_item_officer",
            ACTION_CHECKBOX_NAME: [amendment.pk],
            "officer": colleague.pk,
            "apply": "1",
        },
    )
    assert response.status_code == 302
    assert groups_of(client)["amendments"].count == 0
    assert groups_of(client, officer=str(colleague.pk))["amendments"].count == 1


def proposed_decision(case, by):
    """A decision the officer has proposed, waiting for a decision-maker."""
    return Decision.objects.create(application=case, outcome="granted", proposed_by=by)


def test_a_proposed_decision_waits_in_the_queue_until_a_decision_maker_decides(
    client, officer, colleague, granted_case
):
    """Issue 20, item 8: staff follow the decision in the work queue — the one who proposes
    does not decide it (four eyes), so the team sees what waits for a decision-maker."""
    decision = proposed_decision(granted_case, officer)
    client.force_login(officer)
    [row] = groups_of(client)["decisions"].rows
    assert (row.object_pk, row.case, row.officer) == (decision.pk, granted_case, officer)
    assert row.label == "Beviljad"
    page = client.get(QUEUE).content.decode()
    assert f"/admin/decisions/decision/{decision.pk}/change/" in page
    assert "Beslutsförslag som väntar på en beslutsfattare" in page
    # Decided, or withdrawn for a new proposal: no longer waiting.
    Decision.objects.filter(pk=decision.pk).update(status="decided")
    assert groups_of(client)["decisions"].count == 0
    Decision.objects.filter(pk=decision.pk).update(status="proposed", is_current=False)
    assert groups_of(client)["decisions"].count == 0
