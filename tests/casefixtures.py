"""Fixtures of a case in staff's hands, shared by the suites of the apps staff work in
(casework, assessments): the case officer, a submitted case, and the security suite's world of a
case and its personas (for the access tables). A suite's conftest imports them and makes its
`case` with `case_fixture`."""

from __future__ import annotations

import pytest

from tests.factories import make_officer, submitted_case

# The security suite's fixtures (addresses of their own, media in a folder of the test's; its
# world of a case and its personas, for the access table).
from tests.security.conftest import case_world, client, make_account, media

# What a suite's conftest takes with `from tests.casefixtures import *` (its fixtures).
__all__ = ["case_world", "client", "make_account", "media", "officer"]


@pytest.fixture
def officer(db):
    """A case officer (ICLD-handläggare)."""
    return make_officer(username="handlaggare", language="en", first_name="Hanna")


def case_fixture(status: str, case_number: str):
    """A `case` fixture: a submitted case (tests.factories.submitted_case) now in `status`."""

    @pytest.fixture
    def case(db, media):
        return submitted_case(status=status, case_number=case_number)

    return case
