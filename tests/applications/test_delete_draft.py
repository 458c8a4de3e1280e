"""A coordinator deletes a draft: gone from every list at once, back with one click for 30
days, in the audit history, and deleted for good by the retention sweep after that."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from applications import services
from applications.models import Application
from privacy import retention
from tests.factories import ApplicationFactory, application_of, make_coordinator

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(coordinator):
    return application_of(
        coordinator,
        title="Unga röster",
    )


def test_the_coordinator_is_asked_first_then_the_draft_leaves_every_list(
    client, coordinator, draft
):
    client.force_login(coordinator)
    case = client.get(reverse("applications:case", args=[draft.pk])).text
    assert reverse("applications:delete_draft", args=[draft.pk]) in case

    confirm = client.get(reverse("applications:delete_draft", args=[draft.pk]))
    assert "Ta bort utkastet?" in confirm.text
    assert Application.objects.get().deleted_at is None

    done = client.post(reverse("applications:delete_draft", args=[draft.pk]), follow=True)
    assert "Utkastet är borttaget" in done.text
    assert client.get(reverse("applications:case", args=[draft.pk])).status_code == 404
    dashboard = client.get(reverse("applications:dashboard")).text
    current = dashboard[: dashboard.index("Borttagna utkast")]
    assert "Unga röster" not in current
    assert "Ångra borttagningen" in dashboard


def test_undo_brings_it_back_and_the_history_keeps_both(client, coordinator, draft):
    client.force_login(coordinator)
    client.post(reverse("applications:delete_draft", args=[draft.pk]))
    response = client.post(reverse("applications:restore_draft", args=[draft.pk]))
    assert response.url == reverse("applications:case", args=[draft.pk])
    assert Application.objects.get().deleted_at is None
    history = list(draft.history.order_by("history_date"))
    assert [h.deleted_at is not None for h in history[-2:]] == [True, False]
    assert {h.history_user for h in history[-2:]} == {coordinator}


def test_a_submitted_case_cannot_be_deleted(client, coordinator):
    case = application_of(
        coordinator,
        status="submitted",
        case_number="KP-2026-0099",
    )
    client.force_login(coordinator)
    assert client.get(reverse("applications:delete_draft", args=[case.pk])).status_code == 404
    with pytest.raises(ValidationError):
        services.delete_draft(application=case, by=coordinator)


def test_someone_else_cannot_delete_it(draft):
    with pytest.raises(PermissionDenied):
        services.delete_draft(application=draft, by=make_coordinator())


def test_the_sweep_deletes_it_for_good_after_30_days_not_before(coordinator, draft):
    kept = ApplicationFactory(organisation=draft.organisation, created_by=coordinator)
    now = timezone.now()
    Application.objects.filter(pk=draft.pk).update(deleted_at=now - datetime.timedelta(days=31))
    Application.objects.filter(pk=kept.pk).update(deleted_at=now - datetime.timedelta(days=29))

    assert retention.sweep(now=now).purged == 1
    assert list(Application.objects.values_list("pk", flat=True)) == [kept.pk]


def test_no_one_else_can_bring_it_back(client, coordinator, draft):
    services.delete_draft(application=draft, by=coordinator)
    client.force_login(make_coordinator())
    response = client.post(reverse("applications:restore_draft", args=[draft.pk]))
    assert response.status_code == 404
    assert Application.objects.get().deleted_at is not None
    with pytest.raises(PermissionDenied):
        services.restore_draft(application=draft, by=make_coordinator())
