"""The case officers' group: staff who are not superusers can do ICLD's work in the admin,
but cannot delete cases or reports, write history or manage accounts."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from core.staff import STAFF_GROUP, is_staff_with
from tests.factories import ApplicationFactory, UserFactory, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    user = make_staff(is_superuser=False)
    user.groups.add(Group.objects.get(name=STAFF_GROUP))
    return user


def test_migrate_leaves_the_group_with_the_work_and_without_the_dangerous_permissions(officer):
    granted = {
        "applications.change_application",
        "applications.change_participantchange",
        "reporting.change_report",
        "reporting.change_reportrule",
        "exports.add_exportjob",
        "reminders.view_reminder",
        "audit.view_historicalapplication",
        "privacy.export_personal_data",
        "partnerships.change_membership",
    }
    refused = {
        "applications.delete_application",
        "applications.delete_participant",
        "reporting.delete_report",
        "audit.change_historicalapplication",
        "audit.delete_historicalreport",
        "core.change_user",
        "auth.change_group",
    }
    assert granted <= officer.get_all_permissions()
    assert not refused & officer.get_all_permissions()


def test_a_second_migrate_changes_nothing():
    before = set(Group.objects.get(name=STAFF_GROUP).permissions.values_list("pk", flat=True))
    call_command("migrate", verbosity=0)
    after = set(Group.objects.get(name=STAFF_GROUP).permissions.values_list("pk", flat=True))
    assert before == after


def test_an_officer_opens_the_case_admin_its_history_the_exports_and_the_gdpr_export(
    client, officer
):
    application = ApplicationFactory(status="submitted", case_number="KP-2026-0001")
    client.force_login(officer)

    for url in [
        reverse("admin:applications_application_change", args=[application.pk]),
        f"/admin/audit/historicalapplication/case/{application.pk}/",
        reverse("admin:exports_exportjob_add"),
        "/admin/privacy/export/",
        "/admin/statistics/",
    ]:
        assert client.get(url).status_code == 200, url
    delete = reverse("admin:applications_application_delete", args=[application.pk])
    assert client.get(delete).status_code == 403


def test_is_staff_with_needs_an_active_staff_account_that_has_the_permission(officer):
    assert is_staff_with(officer, "exports.add_exportjob")
    assert not is_staff_with(officer, "decisions.decide_grant")  # the decision-makers' own
    officer.is_active = False
    assert not is_staff_with(officer, "exports.add_exportjob")
    coordinator = UserFactory()
    assert not is_staff_with(coordinator, "exports.add_exportjob")
