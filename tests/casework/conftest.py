from __future__ import annotations

import pytest

from tests.factories import (
    as_staff,  # noqa: F401  (tests import it from here too)
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
