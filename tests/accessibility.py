"""The accessibility check every browser test runs on each page it visits."""

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_source() -> str:
    from axe_playwright_python.sync_playwright import Axe

    return Axe().axe_script


def load_axe_in(context) -> None:
    """Every page of `context` starts with axe-core loaded, so a test that checks many pages
    does not send axe's half a megabyte to the browser for each of them."""
    context.add_init_script(axe_source())


def assert_accessible(page) -> None:
    """Fail on any WCAG 2.1 A/AA violation that axe-core finds on the current page."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    options = {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]}
    violations = page.evaluate("options => axe.run(document, options)", options)["violations"]
    report = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:5])
        for v in violations
    )
    assert not violations, f"axe-core found WCAG 2.1 A/AA violations on {page.url}:\n{report}"
