"""A NUL byte or an integer beyond 64 bits in the query: the model admin's changelists refuse it
before their filters reach the database (a 400); any other admin address, named or not, and the
portal's own pages answer as they would without it, never with a 500."""

import pytest
from django.urls import reverse

from tests.factories import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(make_staff(username="hostile-query-staff"))
    return client


@pytest.mark.parametrize("value", ["\x00", "1" * 30])
def test_a_changelist_refuses_it_before_its_filters_run(staff_client, value):
    url = reverse("admin:applications_application_changelist")
    assert staff_client.get(url, {"status": value}).status_code == 400


@pytest.mark.parametrize("value", ["\x00", "1" * 30])
def test_an_admin_address_that_matches_no_page_is_a_404_not_a_500(staff_client, value):
    # Django's admin catch-all has no URL name.
    response = staff_client.get("/admin/applications/nothing-here/", {"q": value})
    assert response.status_code in {302, 404}
