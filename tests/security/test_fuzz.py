"""Hostile input, bounded: every form and query parameter of the portal's pages gets a fixed set
of values that break naive code (huge numbers, NUL, 10,000 characters, RTL and emoji, a value
sent twice, wrong types, a JSON body), and no response is a server error.

The forms are read from the pages themselves (every <form> and its fields), so a new form is
fuzzed the day it is added. The same test runs on PostgreSQL and, in a second pytest process,
on SQLite (TEST_DATABASE=sqlite, tests/harness.py), which fails on other inputs (integers
beyond 64 bits raise OverflowError there).
"""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from .routes import all_routes

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parent.parent.parent

HOSTILE = {
    "huge": "9" * 30,
    "negative huge": "-" + "9" * 30,
    "nul": "a\x00b",
    "long": "x" * 10_000,
    "rtl and emoji": "\u202eنص\u202c 😀🇸🇪",
    "wrong type": "{'$ne': 1}",
    "float": "1e309",
}
# Names the pages share that are not the page's own input.
NOT_INPUT = {"csrfmiddlewaretoken"}
# Routes that end the session or start a download the walk does not need.
SKIP = {"account_logout", "account_reauthenticate", "mfa_reauthenticate"}


class Forms(HTMLParser):
    """Each <form>: its method, action and the names of its fields."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "method": (attrs.get("method") or "get").lower(),
                    "action": attrs.get("action") or "",
                    "fields": [],
                }
            )
        elif tag in ("input", "select", "textarea", "button") and self.forms:
            name = attrs.get("name")
            if name and name not in NOT_INPUT and attrs.get("type") != "file":
                self.forms[-1]["fields"].append(name)


def forms_of(response) -> list[dict]:
    if "text/html" not in response.get("Content-Type", ""):
        return []
    parser = Forms()
    parser.feed(response.content.decode(errors="replace"))
    return [f for f in parser.forms if f["fields"]]


def same_site(path: str, action: str) -> str | None:
    if not action:
        return path
    parts = urlsplit(action)
    if parts.netloc and parts.netloc != "testserver":
        return None
    return parts.path or path


def portal_paths(values) -> list[str]:
    """One concrete path per URL pattern outside the admin (the admin's are listed below)."""
    paths = []
    for route in all_routes():
        if route.name in SKIP or route.pattern.startswith("admin/") or not route.name:
            continue
        try:
            paths.append(route.path(values))
        except LookupError:
            continue  # a parameter no fixture has a value for: the access matrix names it
    return sorted(set(paths))


def admin_paths(values) -> list[str]:
    """The admin's lists with their date hierarchy and filters as query parameters, and the
    case history page with an id no database can hold."""
    from django.contrib import admin

    paths = []
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        params = [f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day")]
        params = params if model_admin.date_hierarchy else []
        for entry in model_admin.list_filter:
            field = entry[0] if isinstance(entry, tuple) else entry
            if isinstance(field, str):
                params += [f"{field}__exact", f"{field}__id__exact"]
        paths.append((url, params))
    return [*paths, ("/admin/audit/historicalapplication/case/" + "9" * 30 + "/", [])]


def check(response, what: str, wrong: list[str]) -> None:
    if response.status_code >= 500:
        wrong.append(f"{what}: {response.status_code}")


def fuzz(client, path: str, wrong: list[str], params=()) -> None:
    response = client.get(path)
    check(response, f"GET {path}", wrong)
    for name, value in HOSTILE.items():
        query = dict.fromkeys(["q", "page", "year", "id", "p", "o", *params], value)
        check(client.get(path, query), f"GET {path}?{'&'.join(query)} ({name})", wrong)
    for form in forms_of(response):
        target = same_site(path, form["action"])
        if target is None:
            continue
        for name, value in HOSTILE.items():
            data = {field: value for field in form["fields"]}
            if form["method"] == "get":
                check(client.get(target, data), f"GET {target} ({name})", wrong)
                continue
            check(client.post(target, data), f"POST {target} ({name})", wrong)
        doubled = {field: ["1", "2"] for field in form["fields"]}
        check(client.post(target, doubled), f"POST {target} (each field twice)", wrong)
        check(
            client.post(target, '{"a": [1]}', content_type="application/json"),
            f"POST {target} (JSON body)",
            wrong,
        )


@pytest.mark.parametrize("persona", ["anonymous", "coordinator", "staff"])
def test_no_hostile_value_gives_a_server_error(client, case_world, persona):
    client.raise_request_exception = False  # a crash is a 500 here, reported with the others
    values = case_world.url_values()
    user = case_world.people.get(persona)
    paths = [(path, []) for path in portal_paths(values)]
    paths += admin_paths(values) if persona == "staff" else []
    wrong: list[str] = []
    for path, params in paths:
        if user is not None:
            client.force_login(user)  # again: a page of the walk may have ended the session
        fuzz(client, path, wrong, params)
    assert wrong == [], "\n".join(wrong)


def test_a_report_attachment_or_pdf_whose_file_is_gone_is_not_found(client, media):
    from reporting.models import ReportAttachment
    from tests.reporting.factories import granted_case, report_of

    application, people = granted_case()
    report = report_of(application, pdf="reports/gone.pdf")
    attachment = ReportAttachment.objects.create(
        report=report,
        file="reports/gone-too.pdf",
        original_name="gone.pdf",
        content_type="application/pdf",
        size=10,
        uploaded_by=people["coordinator"],
    )
    client.force_login(people["coordinator"])
    assert client.get(reverse("reporting:pdf", args=[report.pk])).status_code == 404
    url = reverse("reporting:attachment_download", args=[report.pk, attachment.pk])
    assert client.get(url).status_code == 404


@pytest.mark.skipif(
    os.environ.get("TEST_DATABASE") == "sqlite", reason="this is the run on SQLite itself"
)
def test_the_fuzz_test_passes_on_sqlite_too():
    """SQLite is the embedded database of `make run`: the same walk in a process of its own."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/security/test_fuzz.py",
            "-k",
            "not on_sqlite",
        ],
        cwd=BASE_DIR,
        env=os.environ | {"TEST_DATABASE": "sqlite"},
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/admin/core/outgoingemail/?created_at__year=" + "9" * 30, 400),
        ("/admin/core/outgoingemail/?created_at__year=2020&created_at__month=" + "9" * 30, 400),
        ("/admin/core/outgoingemail/?language__exact=a%00b", 400),
        ("/admin/audit/historicalapplication/case/" + "9" * 30 + "/", 404),
    ],
)
def test_impossible_integers_and_nul_bytes_are_refused_before_the_database(client, path, status):
    from tests.factories import make_staff

    client.force_login(make_staff())
    response = client.get(path)
    assert response.status_code == status


def test_an_impossible_id_among_the_chosen_ones_is_left_out(case_world):
    """`in` on SQLite raised OverflowError for an integer beyond 64 bits (core/lookups.py)."""
    from applications.models import Application

    pk = case_world.application.pk
    assert list(Application.objects.filter(pk__in=[pk, 10**30, -(10**30)])) == [
        case_world.application
    ]
    assert not Application.objects.filter(pk__in=[10**30]).exists()
