import pytest

from tests.decisions.conftest import decider, in_review, officer  # noqa: F401


@pytest.fixture(autouse=True)
def throwaway_seal(settings, tmp_path_factory):
    settings.AGREEMENT_SEAL_CERT = ""
    settings.AGREEMENT_SEAL_KEY = ""
    settings.AGREEMENT_SEAL_SELF_SIGNED = True
    settings.AGREEMENT_SEAL_DIR = str(tmp_path_factory.getbasetemp() / "seal")
