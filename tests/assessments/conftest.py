from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from tests.factories import (
    as_staff,  # noqa: F401  (tests import it from here too)
    make_officer,
    make_staff,
    submitted_case,
)
from tests.screening import screen_admissible

# The security suite's fixtures (addresses of their own, media in a folder of the test's; its
# world of a case and its personas, for the access table).
from tests.security.conftest import case_world, client, make_account, media  # noqa: F401

ASSESSOR_PERMISSIONS = ["change_score", "view_score", "view_criterion", "view_assessment"]


@pytest.fixture
def officer(db):
    """A case officer (ICLD-handläggare)."""
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
    return submitted_case(status="submitted", case_number="KP-2026-0201")


@pytest.fixture
def screened(case, officer):
    """The case screened admissible (so in review): assessors can be added to it."""
    screen_admissible(case[0], by=officer)
    return case
