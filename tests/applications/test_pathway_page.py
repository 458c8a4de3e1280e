"""The pathway planner's pages: on "Mina ärenden" and per partnership, for its coordinators."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Dialogue
from tests.factories import (
    ApplicationFactory,
    ComponentHistoryFactory,
    PartnershipFactory,
    UserFactory,
    make_coordinator,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def coordinator_and_partnership():
    coordinator = make_coordinator()
    partnership = PartnershipFactory(
        swedish_organisation=coordinator.memberships.get().organisation
    )
    return coordinator, partnership


def test_the_coordinator_sees_what_the_partnership_can_apply_for(
    client, coordinator_and_partnership
):
    coordinator, partnership = coordinator_and_partnership
    ComponentHistoryFactory(
        partnership=partnership,
        component="styrgrupp",
        start_year=TODAY.year - 1,
        end_year=TODAY.year + 1,
    )
    client.force_login(coordinator)
    page = client.get(reverse("applications:pathway", args=[partnership.pk])).content.decode()
    assert 'data-component="forberedelse" data-can-apply="yes"' in page
    # No round is open or planned: a Widening waits for one, and says so.
    assert 'data-component="breddning" data-can-apply="no"' in page
    assert 'data-code="no_round"' in page

    dashboard = client.get(reverse("applications:dashboard")).content.decode()
    assert reverse("applications:pathway", args=[partnership.pk]) in dashboard
    assert 'data-component="forberedelse"' in dashboard


def test_staff_see_the_same_pathway_from_the_partnership_in_the_admin(
    staff_client, coordinator_and_partnership
):
    """Issue 14: "Staff see the same on the partnership in the admin" — the admin's partnership
    page links to the planner, which answers for staff as for the coordinator."""
    _coordinator, partnership = coordinator_and_partnership
    url = reverse("applications:pathway", args=[partnership.pk])

    admin_page = staff_client.get(
        reverse("admin:partnerships_partnership_change", args=[partnership.pk])
    ).content.decode()
    assert f'href="{url}"' in admin_page
    page = staff_client.get(url).content.decode()
    assert 'data-component="forberedelse" data-can-apply="yes"' in page
    assert 'data-component="breddning" data-can-apply="no"' in page


def test_an_application_icld_has_received_is_not_offered_again_until_decided(
    client, coordinator_and_partnership
):
    """On the planner and on Mina ärenden: a submitted Förberedelse (or one under review, or
    returned for completion) is named instead of offered; a withdrawn one no longer counts."""
    coordinator, partnership = coordinator_and_partnership
    application = ApplicationFactory(
        partnership=partnership,
        organisation=partnership.swedish_organisation,
        status="submitted",
        case_number="KP-2026-0042",
    )
    client.force_login(coordinator)
    url = reverse("applications:pathway", args=[partnership.pk])
    dashboard = reverse("applications:dashboard")
    for status in ("submitted", "in_review", "returned"):
        application.status = status
        application.save(update_fields=["status"])
        text = client.get(url).content.decode()
        assert 'data-component="forberedelse" data-can-apply="no"' in text
        assert 'data-code="already_applied"' in text
        assert "KP-2026-0042" in text
        # Mina ärenden names only what can be applied for now.
        assert 'data-component="forberedelse"' not in client.get(dashboard).content.decode()
    application.status = "withdrawn"
    application.save(update_fields=["status"])
    assert 'data-component="forberedelse" data-can-apply="yes"' in (
        client.get(url).content.decode()
    )
    assert 'data-component="forberedelse"' in client.get(dashboard).content.decode()


def test_someone_else_gets_a_404(client, coordinator_and_partnership):
    _coordinator, partnership = coordinator_and_partnership
    client.force_login(UserFactory())
    response = client.get(reverse("applications:pathway", args=[partnership.pk]))
    assert response.status_code == 404


def test_the_page_costs_the_same_queries_with_a_long_history(
    client, coordinator_and_partnership, django_assert_num_queries
):
    coordinator, partnership = coordinator_and_partnership
    client.force_login(coordinator)
    url = reverse("applications:pathway", args=[partnership.pk])
    client.get(url)
    # session, user, partnership, coordinator check, components, dialogues, applications in
    # progress, rounds, the dialogue list
    with django_assert_num_queries(9):
        client.get(url)
    ComponentHistoryFactory.create_batch(6, partnership=partnership)
    for component in ("projekt", "styrgrupp"):
        ApplicationFactory(
            partnership=partnership,
            organisation=partnership.swedish_organisation,
            component=component,
            status="submitted",
            case_number=f"KP-2026-09{len(component)}",
        )
    with django_assert_num_queries(9):
        client.get(url)


def test_a_coordinator_states_a_dialogue_and_a_date_ahead_is_refused_with_input_kept(
    client, coordinator_and_partnership
):
    coordinator, partnership = coordinator_and_partnership
    client.force_login(coordinator)
    url = reverse("applications:pathway", args=[partnership.pk])
    ahead = (TODAY + datetime.timedelta(days=2)).isoformat()
    response = client.post(url, {"held_on": ahead, "note": "Samtal om fortsättning"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Samtal om fortsättning" in page and 'href="#id_held_on"' in page
    assert not Dialogue.objects.exists()

    response = client.post(url, {"held_on": TODAY.isoformat(), "note": "Samtal om fortsättning"})
    assert response.status_code == 302
    assert Dialogue.objects.get().status == "stated"
