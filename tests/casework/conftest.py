from __future__ import annotations

import pytest

from casework.services import assign_officer
from tests.casefixtures import *  # noqa: F403  (the fixtures of the suite)
from tests.casefixtures import case_fixture
from tests.factories import ApplicationFactory, as_staff

case = case_fixture("in_review", "KP-2026-0101")


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
