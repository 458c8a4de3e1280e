"""The application's admin page links to its screening and to its assessment (issue 19: the
screening page was reachable only by typing its address)."""

from __future__ import annotations

import pytest

from assessments.services import start_screening
from tests.factories import as_staff

pytestmark = pytest.mark.django_db


def change_url(application):
    return f"/admin/applications/application/{application.pk}/change/"


def test_a_submitted_application_links_to_its_screening(client, case, officer):
    application, _people = case
    client.force_login(officer)
    page = client.get(change_url(application)).content.decode()
    assert f'href="/admin/assessments/screening/{application.pk}/"' in page
    assert "Granskning (inte påbörjad)" in page
    # Not yet under review and not screened: nothing to assess yet.
    assert f"/admin/assessments/case/{application.pk}/" not in page


def test_a_screened_application_links_to_its_screening_and_assessment(client, case, officer):
    application, _people = case
    start_screening(applications=[application], by=as_staff(officer))
    client.force_login(officer)
    page = client.get(change_url(application)).content.decode()
    assert f'href="/admin/assessments/screening/{application.pk}/"' in page
    assert "Granskning (granskas)" in page
    assert f'href="/admin/assessments/case/{application.pk}/"' in page
    assert "Bedömning och rekommendation" in page


def test_staff_without_the_powers_get_no_links(client, case):
    from tests.factories import make_staff

    application, _people = case
    viewer = make_staff(is_superuser=False)
    from django.contrib.auth.models import Permission

    viewer.user_permissions.add(Permission.objects.get(codename="view_application"))
    client.force_login(viewer)
    response = client.get(change_url(application))
    assert response.status_code == 200
    assert "/admin/assessments/" not in response.content.decode()
