from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from applications.demo import DEMO_COORDINATOR_EMAIL, seed_applications
from applications.findings import findings_for
from applications.models import Application, ApplicationStatus
from partnerships.demo import seed_demo
from partnerships.models import Component

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    seed_demo(partnerships=120, seed=7)
    return seed_applications(seed=7)


def test_demo_applications_cover_every_component_and_status_with_both_teams(demo):
    applications = Application.objects.all()
    assert demo["applications"] == applications.count() > 0
    assert set(applications.values_list("component", flat=True)) == set(Component.values)
    assert set(applications.values_list("status", flat=True)) == set(ApplicationStatus.values)
    for application in applications.prefetch_related("participants")[:30]:
        assert {p.party for p in application.participants.all()} == {"swedish", "partner"}


def test_some_demo_teams_break_the_rules_and_most_do_not(demo):
    sample = list(Application.objects.filter(component=Component.FORBEREDELSE)[:40])
    broken = [a for a in sample if any(f.party for f in findings_for(a) if f.is_error)]
    assert 0 < len(broken) < len(sample)


def test_the_same_seed_gives_the_same_applications():
    seed_demo(partnerships=60, seed=3)
    seed_applications(seed=3)
    first = list(Application.objects.order_by("pk").values_list("title", "component", "status"))
    Application.objects.all().delete()
    seed_applications(seed=3)
    again = list(Application.objects.order_by("pk").values_list("title", "component", "status"))
    assert first == again


def test_the_developer_can_log_in_as_the_demo_coordinator(demo, client):
    from applications.demo import DEMO_COORDINATOR_PASSWORD

    assert client.login(username=DEMO_COORDINATOR_EMAIL, password=DEMO_COORDINATOR_PASSWORD)


def test_the_command_refuses_a_production_database(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", partnerships=5, stdout=StringIO(), stderr=StringIO())


def test_the_demo_case_officer_logs_in_with_the_printed_password_and_totp_secret(client, settings):
    from django.urls import reverse

    from applications.demo import (
        DEMO_STAFF_EMAIL,
        DEMO_STAFF_PASSWORD,
        DEMO_STAFF_TOTP_SECRET,
        demo_staff,
    )
    from tests.browser_login import totp_code

    settings.DEBUG = True
    out = StringIO()
    staff = demo_staff()
    call_command("seed_demo", partnerships=0, stdout=out, stderr=StringIO())
    for shown in (DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD, DEMO_STAFF_TOTP_SECRET):
        assert shown in out.getvalue()
    assert staff.groups.filter(name="ICLD-handläggare").exists() and not staff.is_superuser

    step = client.post(
        reverse("account_login"), {"login": DEMO_STAFF_EMAIL, "password": DEMO_STAFF_PASSWORD}
    )
    code = totp_code(DEMO_STAFF_TOTP_SECRET)
    client.post(step["Location"], {"code": code})
    assert client.get("/admin/").status_code == 200


def test_every_submitted_demo_case_has_its_participant_form_and_a_round_exports_them(demo):
    """Issue 18, item 12: "rounds whose ZIP export contains forms"."""
    from applications.models import ApplicationRound, ParticipantFormVersion
    from exports.exporters import latest_forms

    submitted = Application.objects.filter(case_number__isnull=False)
    assert demo["participant_forms"] == submitted.count() > 0
    assert set(ParticipantFormVersion.objects.values_list("application", flat=True)) == set(
        submitted.values_list("pk", flat=True)
    )
    version = ParticipantFormVersion.objects.select_related("application").first()
    assert {p["id"] for p in version.team} == set(
        version.application.participants.values_list("pk", flat=True)
    )
    exported = {
        r.name: latest_forms(r.pk).count() for r in ApplicationRound.objects.order_by("name")
    }
    assert sum(exported.values()) == submitted.filter(round__isnull=False).count()
    assert [name for name, count in exported.items() if count]  # some round has forms
