"""The warning before a session ends (WCAG 2.2.1) and a draft typed into a page surviving the
end of its session. The page's clock is Playwright's, so minutes pass in an instant."""

import time
from importlib import import_module

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from core.security import LAST_SEEN
from tests.accessibility import assert_accessible
from tests.factories import case_with_people

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_the_warning_extends_the_session_and_typed_text_survives_its_end(page, live_server):
    application, people = case_with_people()
    log_in(page, live_server, people["coordinator"])
    step = reverse("applications:step", args=[application.pk, "content"])
    dialog = page.locator("#session-timeout")

    page.clock.install()
    page.goto(step)
    page.fill("#id_title", "Ett utkast som inte hann sparas")

    # Two minutes before the 30-minute idle limit the warning opens, as a modal dialog.
    page.clock.fast_forward("28:30")
    assert dialog.get_attribute("data-shown") == "idle"
    assert dialog.locator("[data-state=idle]").is_visible()
    assert dialog.locator("[data-countdown]").first.inner_text() in {"1:30", "1:29"}
    assert_accessible(page)

    with page.expect_response(lambda r: r.url.endswith("/session/keepalive")) as answer:
        dialog.get_by_role("button").first.click()
    assert answer.value.status == 200
    page.wait_for_function("!document.getElementById('session-timeout').open")

    # Staying silent past the limit: the page says so and keeps what was typed.
    page.clock.fast_forward("31:00")
    assert dialog.get_attribute("data-shown") == "ended"
    login_link = dialog.get_by_role("link")
    assert login_link.get_attribute("href").startswith(reverse("account_login"))
    assert step in login_link.get_attribute("href")

    # Back on the page after logging in again, the text is filled in and the person told so.
    page.goto(step)
    assert page.input_value("#id_title") == "Ett utkast som inte hann sparas"
    notice = page.locator("main > .alert[role=status]")
    assert notice.inner_text() == page.locator("#session-timeout").get_attribute("data-restored")
    page.goto(step)  # filled in once: a later visit shows what the server has
    assert page.input_value("#id_title") != "Ett utkast som inte hann sparas"


def test_a_form_sent_after_the_limit_is_kept_instead_of_lost(page, live_server):
    application, people = case_with_people()
    log_in(page, live_server, people["coordinator"])
    step = reverse("applications:step", args=[application.pk, "content"])

    page.clock.install()
    page.goto(step)
    page.fill("#id_title", "Skrivet före sömnen")
    # A laptop that slept past the limit: no timer has run, the person presses Save.
    page.clock.set_system_time(page.evaluate("Date.now()") + 40 * 60 * 1000)
    page.locator("main form button[type=submit]").first.click()

    assert page.locator("#session-timeout").get_attribute("data-shown") == "ended"
    assert page.url.endswith(step)  # the form was not sent to a login page that drops it
    page.goto(step)
    assert page.input_value("#id_title") == "Skrivet före sömnen"


def test_stay_logged_in_on_a_session_the_server_has_ended_keeps_what_was_typed(page, live_server):
    application, people = case_with_people()
    log_in(page, live_server, people["coordinator"])
    step = reverse("applications:step", args=[application.pk, "content"])
    dialog = page.locator("#session-timeout")

    page.clock.install()
    page.goto(step)
    page.fill("#id_title", "Skrivet i sista minuten")
    # The server ended the session already (its stamp is older than the page's clock says).
    key = next(
        c["value"] for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME
    )
    session = import_module(settings.SESSION_ENGINE).SessionStore(session_key=key)
    session[LAST_SEEN] = int(time.time()) - 31 * 60
    session.save()

    page.clock.fast_forward("28:30")
    with page.expect_response(lambda r: "/session/keepalive" in r.url) as answer:
        dialog.get_by_role("button").first.click()
    assert answer.value.status == 401

    page.wait_for_function("document.getElementById('session-timeout').dataset.shown === 'ended'")
    assert "Skrivet i sista minuten" in page.evaluate("JSON.stringify(sessionStorage)")
    # The login page the dialog leads to says why (the fetch did not use the message up).
    dialog.get_by_role("link", name="Logga in igen").click()
    page.wait_for_url("**/konto/login/**")
    assert "inte har varit aktiv" in page.locator("main").inner_text()
