"""The coordinator's case page shows the decided decision; the letter is downloaded by the
case's people only."""

import pytest
from django.urls import reverse

from decisions import letters, services, workflow
from decisions.models import Outcome
from tests.factories import make_coordinator

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(settings, tmp_path, officer, decider, in_review):
    settings.MEDIA_ROOT = tmp_path
    decision = services.propose(
        application=in_review,
        by=officer,
        outcome=Outcome.GRANTED,
        granted={"travel": 40_000},
        conditions="Tolk ska vara professionell.",
    )
    workflow.decide(decision=decision, by=decider)
    return decision


def test_a_proposal_is_not_shown_to_the_coordinator(client, officer, in_review):
    services.propose(application=in_review, by=officer, outcome=Outcome.GRANTED)
    client.force_login(in_review.created_by)
    page = client.get(reverse("applications:case", args=[in_review.pk]))
    assert 'id="decision"' not in page.text


def test_the_coordinator_sees_the_decision_and_downloads_the_letter(client, decided, in_review):
    client.force_login(in_review.created_by)
    page = client.get(reverse("applications:case", args=[in_review.pk])).text
    assert 'id="decision"' in page
    assert "Tolk ska vara professionell." in page
    assert "75\xa0000" in page or "75 000" in page  # 40 000 + 24 000 + 11 000
    url = reverse("decisions:letter", args=[in_review.pk])
    assert client.get(url).status_code == 404  # not rendered yet
    letters.render_and_send(decision_id=decided.pk)
    page = client.get(reverse("applications:case", args=[in_review.pk])).text
    assert url in page
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_others_cannot_download_the_letter(client, decided, in_review):
    letters.render_and_send(decision_id=decided.pk)
    url = reverse("decisions:letter", args=[in_review.pk])
    assert client.get(url).status_code == 302  # anonymous: to the login
    client.force_login(make_coordinator())
    assert client.get(url).status_code == 404
