import pytest
from django.contrib.auth.models import Group

from applications.models import ApplicationStatus, BudgetLine
from core.staff import STAFF_GROUP, ensure_staff_group
from tests.assessments.conftest import make_officer  # noqa: F401  (the round board's tests)
from tests.factories import ApplicationFactory, ParticipantFactory, make_coordinator, make_staff

DECIDERS = "ICLD-beslutsfattare"


@pytest.fixture
def officer(db):
    """A case officer (ICLD-handläggare): proposes, does not decide."""
    user = make_staff(username="handlaggare", is_superuser=False)
    ensure_staff_group()
    user.groups.add(Group.objects.get(name=STAFF_GROUP))
    return user


@pytest.fixture
def decider(db):
    """A decision-maker (ICLD-beslutsfattare), also a case officer."""
    user = make_staff(username="beslutsfattare", is_superuser=False)
    ensure_staff_group()
    user.groups.add(Group.objects.get(name=STAFF_GROUP), Group.objects.get(name=DECIDERS))
    return user


@pytest.fixture
def in_review(db):
    coordinator = make_coordinator()
    application = ApplicationFactory(
        organisation=coordinator.memberships.get().organisation,
        created_by=coordinator,
        submitted_by=coordinator,
        status=ApplicationStatus.IN_REVIEW,
        case_number="KP-2026-0101",
    )
    ParticipantFactory.create_batch(3, application=application)
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
