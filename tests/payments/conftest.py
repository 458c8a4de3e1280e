import pytest

from decisions import services as decision_services
from decisions import workflow as decision_workflow
from decisions.models import Outcome
from tests.decisions.conftest import decider, in_review, officer  # noqa: F401 (fixtures)
from tests.factories import make_officer


@pytest.fixture
def granted(officer, decider, in_review):  # noqa: F811
    """A decided grant of 85,000 SEK (travel lowered to 50,000): its plan made by the hook."""
    decision = decision_services.propose(
        application=in_review, by=officer, outcome=Outcome.GRANTED, granted={"travel": 50_000}
    )
    return decision_workflow.decide(decision=decision, by=decider)


@pytest.fixture
def approver(db):
    """A case officer (ICLD-handläggare), who may approve payments."""
    return make_officer(username="ekonom")


@pytest.fixture(autouse=True)
def english():
    """Messages are matched in English (the source strings)."""
    from django.utils import translation

    with translation.override("en"):
        yield
