"""axe (WCAG 2.1 A/AA) on every type of HTML page a persona can reach, in Swedish and English,
and on the error pages.

The pages are the route matrix's (tests/security/test_route_matrix.py on the world of
tests/security/matrix.py): every GET that the table lets some persona reach and that answers
that persona 200 with HTML, every wizard step included, opened by that persona. A new page is
covered the day its row is written, without editing this test. Added here, as the matrix's
made-up values cannot reach them: password reset with a real key, and the page a forwarded
invitation shows (a 403 that offers to ask the coordinator).

A page's type (`page_type`) is its URL pattern (and wizard step) with the set of templates
it is made of: two pages of one type differ only in the words and numbers the templates are
given, which axe's rules do not judge. The admin's pages are the same for every model that has
the same ModelAdmin class (the 21 audit histories share one), and its history and
delete-confirmation pages the same for every model: each type is checked once. Every type is
checked in Swedish; in English, one page per distinct template (the first page that renders
it): the two languages share their templates. The admin has one language, Swedish (its URLs
have no language prefix). One session per persona (logged in once; its cookie is given to one
browser context per persona), axe loaded into each context once.

The pages are checked in parts (the portal in Swedish, in English, the admin's forms, the rest
of the admin) so that the suite's two processes share them; the error pages have a test of their own.
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

from networks.models import NetworkStatus
from tests.accessibility import assert_accessible, load_axe_in
from tests.factories import NetworkFactory
from tests.security.matrix import PERSONAS, admin_model_of, build_world, registered_models
from tests.security.test_route_matrix import STEPS, requests_to_make

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# Who opens a page that several may reach: the one who sees the most of it (a coordinator sees
# the buttons a reader does not; the superuser every action of the admin).
PORTAL_ORDER = ["coordinator", "editor", "reader", "pending", "outsider", "anonymous"]
STAFF_ORDER = ["superuser", "officer", "staff_without_second_factor"]
# The admin's pages of one model; the rest of /admin/ (index, ICLD's own staff pages) is
# checked page by page.
ADMIN_MODEL_PAGES = ("changelist", "add", "change", "history", "delete")
# The same page for every model, but for the model's name and the object's rows.
SAME_FOR_EVERY_MODEL = ("history", "delete")
ADMIN_SIDEBAR = "#nav-sidebar"


def admin_page_kind(name: str) -> str:
    """ "changelist", "add", … for a model's admin page by its URL name; "" for the others."""
    kind = name.rpartition("_")[2]
    return kind if name.startswith("admin:") and kind in ADMIN_MODEL_PAGES else ""


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


def is_html_page(response) -> bool:
    return response.status_code == 200 and response["Content-Type"].startswith("text/html")


def page_type(route, path: str, response, language: str) -> tuple:
    """What makes two pages the same to axe: in English the page's template (the Swedish
    pages have checked what the data puts in it); in Swedish every template the page is made
    of, with its URL pattern (and wizard step), or for a model's admin page its ModelAdmin."""
    if language == "en":
        return ("en", response.templates[0].name if response.templates else path)
    templates = frozenset(template.name for template in response.templates)
    label = admin_model_of(route)
    kind = route.name.rpartition("_")[2] if label else ""
    if kind in SAME_FOR_EVERY_MODEL:
        return (kind, templates)
    if kind in ADMIN_MODEL_PAGES:
        return (kind, type(registered_models()[label]), templates)
    return (route.name or route.pattern, path if route.name in STEPS else "", templates)


def part_of(route, path: str) -> str:
    """Which test checks the page: the admin's forms of a model (its add and change pages) and
    the rest of the admin take as long as the portal in each language."""
    if path.startswith("/admin/"):
        return "admin-forms" if admin_page_kind(route.name) in ("add", "change") else "admin"
    return "portal-en" if path.startswith("/en/") else "portal-sv"


def pages_to_check(world, clients, part: str) -> list[tuple[str, str, str]]:
    """(persona, path, what) of every page of `part` to run axe on: one of each type."""
    language = "en" if part == "portal-en" else "sv"
    with translation.override(language):
        planned = requests_to_make(world)
    found, seen, types = [], set(), set()
    for method, route, rule, path in planned:
        if method != "GET" or path in seen:
            continue
        seen.add(path)
        if part_of(route, path) != part:
            continue
        in_admin = path.startswith("/admin/")
        order = STAFF_ORDER + PORTAL_ORDER if in_admin else PORTAL_ORDER + STAFF_ORDER
        for persona in order:
            if rule.get[PERSONAS.index(persona)] != "ok":
                continue
            response = clients[persona].get(path)
            if not is_html_page(response):
                continue
            kind = page_type(route, path, response, language)
            if kind not in types:
                types.add(kind)
                found.append((persona, path, route.name or route.pattern))
            break
    if part.startswith("admin"):
        return found
    # Password reset with a real key: the link of the e-mail leads to the form of a new password.
    user = world.people["coordinator"]
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


# Pages each part must have found: a walk that lost its way fails here, not by checking less.
MUST = {
    "portal-sv": {"applications:step", "applications:contributors", "mfa_activate_totp"},
    "portal-en": {"applications:step", "applications:case", "pages:home"},
    "admin": {"admin:index", "admin:applications_application_changelist", "stats:dashboard"},
    "admin-forms": {"admin:applications_application_change", "admin:core_user_add"},
}


def context_for(browser, live_server, cookie=None):
    """A browser context with axe loaded into every page, signed in with `cookie` if any."""
    context = browser.new_context(base_url=live_server.url, locale="sv-SE", reduced_motion="reduce")
    context.set_default_timeout(20_000)
    load_axe_in(context)
    if cookie is not None:
        context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
    return context


@pytest.mark.parametrize("part", list(MUST))
def test_every_type_of_page_a_persona_can_reach_passes_axe(
    part, browser, live_server, reference_data, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    started = time.monotonic()
    world = build_world()
    clients = signed_in_clients(world)
    pages = pages_to_check(world, clients, part)
    walked = time.monotonic()
    names = {name for _, _, name in pages}
    assert MUST[part] <= names, f"not among the pages checked: {MUST[part] - names}"

    failures, tabs, sidebar_checked = [], {}, set()
    for persona, path, name in pages:
        if persona not in tabs:
            cookie = clients[persona].cookies.get(settings.SESSION_COOKIE_NAME)
            tabs[persona] = context_for(browser, live_server, cookie).new_page()
        page = tabs[persona]
        page.goto(path)
        # The admin's sidebar (its every model, the page's own marked) is three quarters of an
        # admin page and the same on every page of a kind: checked on the first of each kind.
        leaving_out = ()
        if page.locator(ADMIN_SIDEBAR).count():
            kind = admin_page_kind(name)
            leaving_out = (ADMIN_SIDEBAR,) if kind in sidebar_checked else ()
            sidebar_checked.add(kind)
        try:
            assert_accessible(page, leaving_out=leaving_out)
        except AssertionError as failure:
            failures.append(f"{persona} {name}: {failure}")
    for page in tabs.values():
        page.context.close()
    # The time and the count go to the report of the run (-rA or -s shows them).
    print(
        f"\naxe {part}: {len(pages)} pages, walk {walked - started:.1f} s, "
        f"browser {time.monotonic() - walked:.1f} s"
    )
    assert failures == [], "\n\n".join(failures)


@pytest.mark.urls("tests.security.crash_urls")
@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_error_pages_pass_axe(language, browser, live_server, reference_data, settings):
    """404, 403, 500 (tests/security/crash_urls.py fails on purpose), a form refused for its
    missing CSRF token and a rate limit's 429, as a visitor meets them in each language."""
    # One interest registration an hour: the second one sent is refused.
    settings.ACCOUNT_RATE_LIMITS = settings.ACCOUNT_RATE_LIMITS | {"network_interest": "1/h/ip"}
    network = NetworkFactory(status=NetworkStatus.OPEN_FOR_INTEREST)
    prefix = "" if language == "sv" else f"/{language}"
    page = context_for(browser, live_server).new_page()
    failures = []

    def check(what: str, status: int, response) -> None:
        assert response.status == status, f"{what}: {response.status}"
        assert page.locator("html").get_attribute("lang") == ("sv" if status == 500 else language)
        try:
            assert_accessible(page)
        except AssertionError as failure:
            failures.append(f"{what}: {failure}")

    for what, path, status in (
        ("404", "/finns-inte/", 404),
        ("403", "/test-forbidden/", 403),
        ("500", "/test-crash/", 500),  # one page in both languages, whatever the address
    ):
        check(what, status, page.goto(prefix + path))

    with translation.override(language):
        login, register = reverse("account_login"), reverse("networks:register", args=[network.pk])
    page.goto(login)
    page.locator("input[name=csrfmiddlewaretoken]").evaluate_all(
        "all => all.forEach(n => n.remove())"
    )
    page.fill("#id_login", "someone@kommun.example")
    page.fill("#id_password", "a password")
    with page.expect_navigation() as sent:
        page.locator("main form[method=post]").first.evaluate("form => form.submit()")
    check("CSRF failure", 403, sent.value)

    page.goto(register)
    for allowed in (True, False):  # the first is answered with the form's errors
        with page.expect_navigation() as sent:
            page.locator("main form[method=post]").first.evaluate("form => form.submit()")
        assert (sent.value.status == 200) is allowed, sent.value.status
    check("429", 429, sent.value)
    page.context.close()
    assert failures == [], "\n\n".join(failures)
