"""axe (WCAG 2.1 A/AA) on every HTML page a persona can reach, in Swedish and English.

The pages are the route matrix's (tests/security/test_route_matrix.py on the world of
tests/security/matrix.py): every GET that the table lets some persona reach and that answers
that persona 200 with HTML, every wizard step included, opened by that persona. A new page is
covered the day its row is written, without editing this test. Added here, as the matrix's
made-up values cannot reach them: password reset with a real key, and the page a forwarded
invitation shows (a 403 that offers to ask the coordinator).

Every page is checked in Swedish, but for the admin's history and delete-confirmation pages,
the same for every model (one of each is checked); in English, one page per distinct template
(the first page that renders it): the two languages share their templates, and the suite's time
is counted. The admin has one language, Swedish (its URLs have no language prefix). One browser, one session per persona (logged in once; its cookie is given
to one browser context per persona), axe loaded into each context once.
"""

from __future__ import annotations

import time

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from allauth.account.utils import user_pk_to_url_str
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.accessibility import assert_accessible, load_axe_in
from tests.security.matrix import PERSONAS, build_world
from tests.security.test_route_matrix import requests_to_make

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Who opens a page that several may reach: the one who sees the most of it (a coordinator sees
# the buttons a reader does not; the superuser every action of the admin).
PORTAL_ORDER = ["coordinator", "editor", "reader", "pending", "outsider", "anonymous"]
STAFF_ORDER = ["superuser", "officer", "staff_without_second_factor"]


def signed_in_clients(world) -> dict[str, Client]:
    """A test client per persona, each with a session as a login leaves it: the second factor
    for those with an authenticator (tests/conftest.py), the password just given again for the
    others (so the pages that ask for it first, such as setting up TOTP, open)."""
    clients = {"anonymous": Client()}
    for persona in PERSONAS[1:]:
        client = clients[persona] = Client()
        user = world.people[persona]
        client.force_login(user)
        session = client.session
        if AUTHENTICATION_METHODS_SESSION_KEY not in session:
            session[AUTHENTICATION_METHODS_SESSION_KEY] = [
                {"method": "password", "at": time.time(), "reauthenticated": True}
            ]
            session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
            session.save()
    return clients


def once_per_template(name: str) -> bool:
    """An admin page of a kind whose page is the same for every model but for the model's name
    and the object's rows (its history, its delete confirmation): one per template is checked."""
    return name.startswith("admin:") and name.endswith(("_history", "_delete"))


def is_html_page(response) -> bool:
    return response.status_code == 200 and response["Content-Type"].startswith("text/html")


def pages_to_check(world, clients) -> list[tuple[str, str, str]]:
    """(persona, path, what) of every page to run axe on."""
    found, checked_templates = [], set()
    for language in ("sv", "en"):
        with translation.override(language):
            planned = requests_to_make(world)
        seen = set()
        for method, route, rule, path in planned:
            if method != "GET" or path in seen:
                continue
            seen.add(path)
            if language == "en" and not path.startswith("/en/"):
                continue  # a URL of one language (the admin, feeds): checked in Swedish
            order = PORTAL_ORDER + STAFF_ORDER
            if path.startswith("/admin/"):
                order = STAFF_ORDER + PORTAL_ORDER
            for persona in order:
                if rule.get[PERSONAS.index(persona)] != "ok":
                    continue
                response = clients[persona].get(path)
                if not is_html_page(response):
                    continue
                if language == "en" or once_per_template(route.name):
                    template = response.templates[0].name if response.templates else path
                    if (language, template) in checked_templates:
                        break
                    checked_templates.add((language, template))
                found.append((persona, path, route.name or route.pattern))
                break
    # Password reset with a real key: the link of the e-mail leads to the form of a new password.
    user = world.people["coordinator"]
    for language in ("sv", "en"):
        with translation.override(language):
            path = reverse(
                "account_reset_password_from_key",
                kwargs={
                    "uidb36": user_pk_to_url_str(user),
                    "key": default_token_generator.make_token(user),
                },
            )
        assert is_html_page(Client().get(path, follow=True)), path
        found.append(("anonymous", path, "account_reset_password_from_key (a real key)"))
        # A forwarded invitation answers 403 to whoever holds it, with the way to ask the
        # coordinator to confirm their address (the outsider of the world has asked).
        with translation.override(language):
            path = reverse("applications:accept_invitation", args=[world.values["draft"]["token"]])
        found.append(("outsider", path, "applications:accept_invitation (another address)"))
    return found


def test_every_page_a_persona_can_reach_passes_axe(
    browser, live_server, reference_data, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    started = time.monotonic()
    world = build_world()
    clients = signed_in_clients(world)
    pages = pages_to_check(world, clients)
    walked = time.monotonic()
    names = {name for _, _, name in pages}
    for must in ("applications:step", "applications:contributors", "mfa_activate_totp"):
        assert must in names, f"{must}: not among the pages checked"

    failures, tabs = [], {}
    for persona, path, name in pages:
        if persona not in tabs:
            context = browser.new_context(
                base_url=live_server.url, locale="sv-SE", reduced_motion="reduce"
            )
            context.set_default_timeout(20_000)
            load_axe_in(context)
            cookie = clients[persona].cookies.get(settings.SESSION_COOKIE_NAME)
            if cookie is not None:
                context.add_cookies(
                    [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
                )
            tabs[persona] = context.new_page()
        page = tabs[persona]
        page.goto(path)
        try:
            assert_accessible(page)
        except AssertionError as failure:
            failures.append(f"{persona} {name}: {failure}")
    for page in tabs.values():
        page.context.close()
    # The time and the count go to the report of the run (-rA or -s shows them).
    print(
        f"\naxe: {len(pages)} pages ({sum(p.startswith('/en/') for _, p, _ in pages)} in "
        f"English), walk {walked - started:.1f} s, browser {time.monotonic() - walked:.1f} s"
    )
    assert failures == [], "\n\n".join(failures)
