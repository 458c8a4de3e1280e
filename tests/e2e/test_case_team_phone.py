"""The case page's team on a phone: a table of six columns folds party, position, category and
role under each name below 768 px, so it reads without scrolling sideways (issue 14, the
receipt page at 390 px); from 768 px each has its column."""

import pytest
from django.urls import reverse

from applications.workflow import submit_application
from tests.accessibility import assert_accessible
from tests.e2e.test_session_timeout import log_in
from tests.factories import valid_forberedelse

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
FITS = "node => node.scrollWidth <= node.clientWidth"


def test_the_submitted_team_reads_without_scrolling_sideways_on_a_phone(
    page, live_server, reference_data
):
    application = valid_forberedelse()
    submit_application(application=application, by=application.created_by)
    log_in(page, live_server, application.created_by)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(reverse("applications:case", args=[application.pk]))

    team = page.locator('[data-team="pending"]')
    assert team.evaluate(FITS)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert not team.get_by_role("columnheader", name="Part").is_visible()
    person = application.participants.get(party="swedish", is_coordinator=True)
    row = team.get_by_role("row", name=person.name)
    assert "Svensk part" in row.inner_text() and "Samordnare" in row.inner_text()
    assert_accessible(page)
    page.screenshot(path="/tmp/case-team-390.png", full_page=True)

    page.set_viewport_size({"width": 1280, "height": 844})
    assert team.get_by_role("columnheader", name="Part").is_visible()
    assert team.evaluate(FITS)
    assert_accessible(page)
