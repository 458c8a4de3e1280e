import pytest
from django.urls import reverse

from tests.factories import UserFactory, make_staff

pytestmark = pytest.mark.django_db


def test_staff_without_an_authenticator_are_sent_to_set_one_up(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_staff_with_an_authenticator_reach_the_admin(client):
    client.force_login(make_staff())
    assert client.get("/admin/").status_code == 200


def test_the_admin_login_is_the_portals_login_which_asks_for_the_code(client):
    response = client.get("/admin/login/?next=/admin/applications/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=/admin/applications/" in response["Location"]


def test_a_staff_login_with_password_alone_does_not_open_the_admin(client):
    staff = make_staff(email="handlaggare@icld.se")
    response = client.post(
        reverse("account_login"),
        {"login": staff.email, "password": "correct horse battery staple"},
    )
    # allauth asks for the authenticator code before the session is logged in.
    assert response.status_code == 302
    assert "/2fa/" in response["Location"] or "authenticate" in response["Location"]
    assert client.get("/admin/").status_code == 302
