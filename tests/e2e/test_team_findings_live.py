"""The team step shows what the programme's rules find as the coordinator types: a finding
appears next to the party's rows and in the summary above them, and fixing the row clears it —
nothing saved meanwhile.

Seed 004 (Förberedelse): "Teamet ska bestå av två politiker, företrädesvis från majoritet
respektive opposition, och en eller två tjänstepersoner från varje partner".
"""

import pytest
from django.urls import reverse

from applications.models import Participant
from tests.accessibility import assert_accessible
from tests.e2e.test_session_timeout import log_in
from tests.factories import ParticipantFactory, valid_forberedelse

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_finding_appears_as_the_row_is_typed_and_fixing_the_row_clears_it(
    page, live_server, reference_data
):
    application = valid_forberedelse()
    coordinator = application.created_by
    for party in ("swedish", "partner"):  # a second official each: as many men as women
        ParticipantFactory(application=application, party=party, category="official", gender="man")
    log_in(page, live_server, coordinator)
    page.goto(reverse("applications:step", args=[application.pk, "team"]))
    swedish = page.locator("#findings-swedish")
    summary = page.locator("#team-findings-summary")
    assert swedish.get_by_text("Teamet uppfyller programmets regler.").is_visible()
    assert_accessible(page)

    # The second Swedish politician becomes an official: one politician short, said at once.
    page.select_option("#id_swedish-1-political_side", "")
    page.select_option("#id_swedish-1-category", "official")
    problem = swedish.locator('[data-code="politician_count"]')
    problem.wait_for()
    assert "2 politiker" in problem.inner_text()
    assert problem.get_by_role("link", name="Varför: programmets regel").is_visible()
    link = summary.locator('[data-code="politician_count"] a')
    assert link.get_attribute("href") == "#party-swedish"
    assert_accessible(page)
    page.screenshot(path="/tmp/team-findings-live.png")

    # Fixing the row clears it.
    page.select_option("#id_swedish-1-category", "politician")
    page.select_option("#id_swedish-1-political_side", "opposition")
    swedish.get_by_text("Teamet uppfyller programmets regler.").wait_for()
    assert summary.locator("[data-code]").count() == 0
    assert_accessible(page)
    # Nothing was saved while typing.
    assert Participant.objects.filter(category="politician").count() == 4
