"""The work queue ("Mina ärenden att handlägga"): my cases by what comes next, with days
waiting, the whole team on a filter, counts on the admin index; a fixed number of queries."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from applications.models import ApplicationEvent
from casework.services import assign_officer
from tests.casework.test_item_officers import (
    proposed_decision,
    requested_amendment,
    requested_payment,
    signed_agreement,
)
from tests.factories import ApplicationFactory, ParticipantChangeFactory, UserFactory, as_staff

pytestmark = pytest.mark.django_db
QUEUE = "/admin/casework/"


def waiting_case(status, officer, by, days=0):
    case = ApplicationFactory(
        status=status,
        case_number=f"KP-2026-{ApplicationFactory._meta.model.objects.count() + 1:04d}",
    )
    event = ApplicationEvent.objects.create(
        application=case, actor=by, from_status="draft", to_status=status
    )
    ApplicationEvent.objects.filter(pk=event.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days)
    )
    if officer is not None:
        assign_officer(applications=[case], officer=officer, by=as_staff(by))
    return case


def test_the_queue_groups_my_cases_by_what_comes_next(client, officer, make_officer):
    colleague = make_officer(first_name="Cecilia", last_name="Kollega")
    mine_to_screen = waiting_case("submitted", officer, colleague, days=4)
    mine_waiting = waiting_case("returned", officer, colleague, days=9)
    theirs = waiting_case("submitted", colleague, colleague, days=1)
    change = ParticipantChangeFactory(application=waiting_case("approved", officer, colleague))
    client.force_login(officer)
    response = client.get(QUEUE)
    assert response.status_code == 200
    groups = {g.key: g for g in response.context["groups"]}
    assert [r.case for r in groups["to_screen"].rows] == [mine_to_screen]
    assert groups["to_screen"].rows[0].days_waiting == 4
    assert [r.case for r in groups["waiting"].rows] == [mine_waiting]
    assert groups["waiting"].rows[0].days_waiting == 9
    assert [r.object_pk for r in groups["changes"].rows] == [change.pk]
    page = response.content.decode()
    assert str(theirs) not in page
    # The whole team: the colleague's case too.
    team = client.get(QUEUE, {"officer": "all"})
    assert [r.case for r in {g.key: g for g in team.context["groups"]}["to_screen"].rows] == [
        mine_to_screen,  # the longest waiting first
        theirs,
    ]
    one = client.get(QUEUE, {"officer": str(colleague.pk)})
    assert [r.case for r in one.context["groups"][0].rows] == [theirs]


def test_the_admin_index_counts_what_waits_for_me(client, officer, make_officer):
    colleague = make_officer()
    waiting_case("submitted", officer, colleague)
    waiting_case("submitted", officer, colleague)
    waiting_case("submitted", colleague, colleague)
    client.force_login(officer)
    page = client.get(reverse("admin:index")).content.decode()
    assert QUEUE in page
    assert "2 waiting – To screen: 2<" in page or "2 väntar – Att granska: 2<" in page


def test_the_queue_issues_a_fixed_number_of_queries(
    client, officer, make_officer, django_assert_num_queries
):
    colleague = make_officer()
    client.force_login(officer)

    def fill(n):
        for i in range(n):
            waiting_case("submitted", officer, colleague, days=i)
            waiting_case("returned", officer, colleague, days=i)
            granted = waiting_case("approved", officer, colleague)
            ParticipantChangeFactory(application=granted)
            requested_payment(granted, colleague)
            requested_amendment(granted, colleague)  # on the version in force
            signed_agreement(granted, colleague)
            proposed_decision(waiting_case("in_review", officer, colleague), colleague)

    fill(1)
    client.get(QUEUE)  # warm: content types, the session's first writes
    # session, user, its permissions, the second factor, officers of the filter; 7 counts (the
    # applications' groups in one, changes, reports, payments, agreements to countersign,
    # amendments, proposed decisions), 9 lists, the rows' officers
    with django_assert_num_queries(22):
        client.get(QUEUE, {"officer": "all"})
    fill(4)
    with django_assert_num_queries(22):
        response = client.get(QUEUE, {"officer": "all"})
    groups = {g.key: g for g in response.context["groups"]}
    assert groups["to_screen"].count == 5
    assert [
        len(groups[k].rows) for k in ("payments", "countersign", "amendments", "decisions")
    ] == [5, 5, 5, 5]


@pytest.mark.parametrize(
    "who, expected", [("anonymous", 302), ("outsider", 404), ("staff_without_second_factor", 302)]
)
def test_only_staff_with_a_second_factor_see_the_queue(client, who, expected):
    if who == "outsider":
        client.force_login(UserFactory())
    elif who == "staff_without_second_factor":
        client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(QUEUE)
    assert response.status_code == expected
    if expected == 302:
        assert "/admin/casework/" not in response["Location"].split("?")[0]
