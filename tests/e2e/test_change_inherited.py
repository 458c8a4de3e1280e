"""A participant change on a team that already breaks a rule: the proposal page shows the
inherited problem as the approved team's, not as the proposer's error (issue 18 #9)."""

import pytest
from django.urls import reverse

from tests.accessibility import assert_accessible
from tests.e2e.test_session_timeout import log_in
from tests.factories import granted_case_with_people

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_proposal_page_shows_what_the_approved_team_already_breaks(
    page, live_server, reference_data, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    application, people = granted_case_with_people()
    application.participants.filter(party="swedish", political_side="opposition").delete()
    log_in(page, live_server, people["coordinator"])
    page.goto(reverse("applications:propose_change", args=[application.pk]))
    inherited = page.locator("[data-inherited]")
    assert inherited.get_by_role("heading", name="Redan så i det godkända teamet").is_visible()
    assert inherited.locator('[data-code="politician_count"]').is_visible()
    assert page.get_by_role("alert").count() == 0  # nothing is the proposer's error
    assert_accessible(page)
    page.screenshot(path="/tmp/change-inherited.png")
