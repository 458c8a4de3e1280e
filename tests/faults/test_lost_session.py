"""A session the server ended while the person was typing (a logout in another tab, the
session removed) does not cost them the text: the page asks before sending and keeps it."""

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.test_session_timeout import log_in
from tests.factories import case_with_people

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_text_typed_into_a_session_ended_server_side_is_restored_after_login(page, live_server):
    application, people = case_with_people()
    log_in(page, live_server, people["coordinator"])
    step = reverse("applications:step", args=[application.pk, "content"])
    page.goto(step)
    page.fill("#id_title", "Skrivet medan sessionen togs bort")

    Session.objects.all().delete()  # ended on the server; the page's clock knows nothing
    page.locator("main form button[type=submit]").first.click()

    expect(page.locator("#session-timeout")).to_have_attribute("data-shown", "ended")
    assert page.url.endswith(step)  # nothing was sent to the login page
    application.refresh_from_db()
    assert application.title != "Skrivet medan sessionen togs bort"

    log_in(page, live_server, people["coordinator"])
    page.goto(step)
    assert page.input_value("#id_title") == "Skrivet medan sessionen togs bort"


def test_a_form_sent_in_a_live_session_is_sent_and_not_filled_in_again(page, live_server):
    application, people = case_with_people()
    log_in(page, live_server, people["coordinator"])
    step = reverse("applications:step", args=[application.pk, "content"])
    page.goto(step)
    page.fill("#id_title", "Sparad titel")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    application.refresh_from_db()
    assert application.title == "Sparad titel"
    page.goto(step)
    assert page.locator(".alert[role=status]").count() == 0
