from __future__ import annotations

import pytest

from casework.services import assign_officer
from tests.factories import (
    ApplicationFactory,
    as_staff,
    make_officer,
    submitted_case,
)

# The security suite's world of a case and its personas (and what it needs), for the access table.
from tests.security.conftest import case_world, client, make_account, media  # noqa: F401


@pytest.fixture
def officer(db):
    """A case officer (ICLD-handläggare)."""
    return make_officer(username="handlaggare", language="en")


@pytest.fixture
def case(db, media):  # noqa: F811  (the fixture imported above)
    return submitted_case(status="in_review", case_number="KP-2026-0101")


@pytest.fixture
def colleague(make_officer):
    """Another case officer."""
    return make_officer(first_name="Cecilia", last_name="Kollega")


@pytest.fixture
def granted_case(officer, colleague):
    """A granted case of `officer`'s, on which changes, reports and payments wait."""
    case = ApplicationFactory(status="approved", case_number="KP-2026-0500")
    assign_officer(applications=[case], officer=officer, by=as_staff(colleague))
    return case
