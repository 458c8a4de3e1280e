from __future__ import annotations

import pytest
from django.contrib.auth.models import Group, Permission

from core.staff import STAFF_GROUP
from tests.factories import case_with_people, make_staff

# The security suite's fixtures (addresses of their own, media in a folder of the test's; its
# world of a case and its personas, for the access table).
from tests.security.conftest import case_world, client, make_account, media  # noqa: F401

ASSESSOR_PERMISSIONS = ["change_score", "view_score", "view_criterion", "view_assessment"]


@pytest.fixture
def make_officer(db):
    """A case officer as they work: staff in the case officers' group, no superuser, with a
    second factor."""

    def make(**fields):
        user = make_staff(is_superuser=False, **fields)
        user.groups.add(Group.objects.get(name=STAFF_GROUP))
        return user

    return make


@pytest.fixture
def officer(make_officer):
    return make_officer(username="handlaggare", language="en", first_name="Hanna")


@pytest.fixture
def make_assessor(db):
    """An assessor: staff with the assessors' permissions only (not a case officer)."""

    def make(**fields):
        user = make_staff(is_superuser=False, **fields)
        user.user_permissions.add(
            *Permission.objects.filter(
                content_type__app_label="assessments", codename__in=ASSESSOR_PERMISSIONS
            )
        )
        return user

    return make


@pytest.fixture
def case(db, media):  # noqa: F811  (the fixture imported above)
    application, people = case_with_people(status="submitted", case_number="KP-2026-0201")
    application.submitted_by = people["coordinator"]
    application.save(update_fields=["submitted_by"])
    return application, people


def as_staff(user):
    """`user` as a request with a second-factor session sees them (core.mfa)."""
    user.second_factor = True
    return user
