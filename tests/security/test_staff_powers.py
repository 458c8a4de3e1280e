"""Finding 1 of the security review: staff powers, on the portal as in the admin, need the
model permission and a session that passed the second factor; `is_staff` alone opens nothing."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def case_urls(world) -> list[str]:
    pk = world.application.pk
    return [
        reverse("applications:case", args=[pk]),
        reverse("applications:review", args=[pk]),
        reverse("applications:attachment_download", args=[pk, world.attachment.pk]),
        reverse("applications:participant_form", args=[pk, world.participant_form.version]),
        reverse("reporting:case_reports", args=[pk]),
    ]


def test_staff_without_a_second_factor_read_no_case_on_the_portal(client, case_world):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert [client.get(url).status_code for url in case_urls(case_world)] == [404] * 5


def test_staff_whose_session_did_not_pass_the_code_read_no_case(client, case_world):
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)  # before the authenticator exists: no code typed in this session
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={})
    assert [client.get(url).status_code for url in case_urls(case_world)] == [404] * 5


def test_staff_whose_session_did_not_pass_the_code_are_asked_for_it_in_the_admin(
    client, case_world
):
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={})
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))


def test_staff_without_the_view_permission_read_no_case(client, case_world):
    staff = UserFactory(is_staff=True)
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={})
    client.force_login(staff)
    assert [client.get(url).status_code for url in case_urls(case_world)] == [404] * 5


def test_staff_with_the_permission_and_the_second_factor_read_every_case(client, case_world):
    client.force_login(case_world.people["staff"])
    assert [client.get(url).status_code for url in case_urls(case_world)] == [200] * 5
