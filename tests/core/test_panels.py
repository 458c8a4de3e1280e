"""core.panels: the parts of a page that apps above its owner fill in, filled by the view so
that no template tag runs a query."""

import ast
from pathlib import Path

import pytest

from applications.panels import CASE_PANELS, DASHBOARD_PANELS
from core.admin import ADMIN_INDEX_PANELS
from core.panels import FilledPanel, Panel, Panels

ROOT = Path(__file__).resolve().parent.parent.parent


def test_panels_fill_in_order_and_leave_out_those_with_nothing_to_show():
    panels = Panels()
    seen = []

    def context(name, shown=True):
        def build(user, obj):
            seen.append((name, user, obj))
            return {"name": name} if shown else None

        return build

    panels.register(Panel("b", "b.html", context("b"), order=2))
    panels.register(Panel("a", "a.html", context("a"), order=2))
    panels.register(Panel("hidden", "h.html", context("hidden", shown=False), order=1))
    panels.register(Panel("first", "f.html", context("first"), order=0))
    filled = panels.fill("user", "case")
    assert filled == [
        FilledPanel("first", "f.html", {"name": "first"}),
        FilledPanel("a", "a.html", {"name": "a"}),
        FilledPanel("b", "b.html", {"name": "b"}),
    ]
    assert {s[1:] for s in seen} == {("user", "case")}


def test_registering_a_key_again_replaces_the_panel():
    panels = Panels()
    panels.register(Panel("x", "old.html", lambda user, obj: {}))
    panels.register(Panel("x", "new.html", lambda user, obj: {}))
    assert [p.template for p in panels.fill(None, None)] == ["new.html"]


def test_the_apps_above_fill_the_case_page_the_dashboard_and_the_admin_index():
    assert [p.key for p in sorted(CASE_PANELS._panels.values(), key=lambda p: p.order)] == [
        "decision",
        "agreement",
        "payments",
        "reports",
        "messages",
    ]
    assert set(DASHBOARD_PANELS._panels) == {"reports_due"}
    assert set(ADMIN_INDEX_PANELS._panels) == {"queue"}


@pytest.mark.parametrize(
    "path", sorted(p for p in ROOT.glob("*/templatetags/*.py") if ".venv" not in p.parts)
)
def test_no_template_tag_reads_the_database(path):
    """A tag that reads the database hides queries from the view's pinned count: views build
    their context from selectors (and panels) instead."""
    imported = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom):
            imported.add("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            imported.update(alias.name for alias in node.names)
    reads = [
        m
        for m in imported
        if m.startswith("django.db")
        or m.rsplit(".", 1)[-1] in {"models", "selectors", "services", "changes", "access"}
        or m.endswith(("participant_forms", "queries"))
    ]
    assert reads == [], f"{path.relative_to(ROOT)} imports {reads}"
