import pytest

from applications.models import BudgetLine
from tests.factories import (
    in_review_case,
    make_officer,
)

DECIDERS = "ICLD-beslutsfattare"


@pytest.fixture
def officer(db):
    """A case officer (ICLD-handläggare): proposes, does not decide."""
    return make_officer(username="handlaggare")


@pytest.fixture
def decider(db):
    """A decision-maker (ICLD-beslutsfattare), also a case officer."""
    return make_officer(DECIDERS, username="beslutsfattare")


@pytest.fixture
def in_review(db):
    application = in_review_case("KP-2026-0101")
    C = BudgetLine.Category
    for category, description, amount in [
        (C.TRAVEL, "Flyg Stockholm–Nairobi", 60_000),
        (C.TRAVEL, "Tåg Nairobi–Kisumu", 5_000),
        (C.ACCOMMODATION, "Hotell 4 nätter", 24_000),
        (C.INTERPRETATION, "Tolk två dagar", 11_000),
    ]:
        BudgetLine.objects.create(
            application=application, category=category, description=description, amount_sek=amount
        )
    return application
