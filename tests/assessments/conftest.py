from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from tests.casefixtures import *  # noqa: F403  (the fixtures of the suite)
from tests.casefixtures import case_fixture
from tests.factories import make_staff
from tests.screening import screen_admissible

ASSESSOR_PERMISSIONS = ["change_score", "view_score", "view_criterion", "view_assessment"]


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


case = case_fixture("submitted", "KP-2026-0201")


@pytest.fixture
def screened(case, officer):
    """The case screened admissible (so in review): assessors can be added to it."""
    screen_admissible(case[0], by=officer)
    return case
