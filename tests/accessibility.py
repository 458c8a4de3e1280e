"""The accessibility check every browser test runs on each page it visits."""

from __future__ import annotations

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_source() -> str:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


def load_axe_in(context) -> None:
    """Every page of `context` starts with axe-core loaded, so a test that checks many pages
    does not send axe's half a megabyte to the browser for each of them."""
    context.add_init_script(axe_source())


def assert_accessible(
    page, *, within: str | None = None, leaving_out: tuple[str, ...] = ()
) -> None:
    """Fail on any WCAG 2.1 A/AA violation that axe-core finds on the current page: on the
    part `within` selects if given, without the parts `leaving_out` selects (a part of the
    page already checked on another page, such as the admin's sidebar)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
    context = {"include": [[within or "html"]], "exclude": [[part] for part in leaving_out]}
    violations = page.evaluate(
        "([context, options]) => axe.run(context, options)", [context, options]
    )["violations"]
    report = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:5])
        for v in violations
    )
    where = f" within {within}" if within else ""
    assert not violations, (
        f"axe-core found WCAG 2.1 A/AA violations on {page.url}{where}:\n{report}"
    )
