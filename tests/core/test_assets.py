"""One list of front-end assets: bin/assets. The Makefile and the Dockerfile both use it, and
every `vendor/...` file a template or the portal's own static files load is one it produces."""

import re
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VENDOR = BASE_DIR / "static" / "vendor"
SKIP = {".venv", "node_modules", "staticfiles", "vendor", ".git", "var"}
VENDOR_PATH = re.compile(r"""vendor/([A-Za-z0-9_.\-/]+\.[A-Za-z0-9]+)""")


def sources() -> list[Path]:
    """The project's templates (its own and each app's) and its own static files."""
    roots = [BASE_DIR / "templates", BASE_DIR / "static", *BASE_DIR.glob("*/templates")]
    return [
        path
        for root in roots
        for path in root.rglob("*")
        if path.is_file()
        and path.suffix in {".html", ".js", ".css", ".txt"}
        and SKIP.isdisjoint(path.relative_to(BASE_DIR).parts)
    ]


def loaded_vendor_files() -> dict[str, Path]:
    loaded = {}
    for path in sources():
        for name in VENDOR_PATH.findall(path.read_text(encoding="utf-8", errors="replace")):
            loaded[name] = path.relative_to(BASE_DIR)
    return loaded


def manifest() -> set[str]:
    return set((VENDOR / "MANIFEST").read_text().split())


def test_templates_load_vendor_files_at_all():
    loaded = loaded_vendor_files()
    # The scan finds what base.html and the map page load; if it found nothing it would prove nothing.
    assert "bootstrap/css/bootstrap.min.css" in loaded
    assert "leaflet/leaflet.js" in loaded


def test_every_vendor_file_a_template_loads_is_produced_by_bin_assets():
    produced = manifest()
    missing = {
        name: str(where) for name, where in loaded_vendor_files().items() if name not in produced
    }
    assert not missing, f"loaded but not in bin/assets' list (static/vendor/MANIFEST): {missing}"


def test_the_manifest_is_what_is_in_static_vendor():
    on_disk = {
        str(p.relative_to(VENDOR))
        for p in VENDOR.rglob("*")
        if p.is_file() and p.name not in {"MANIFEST", ".stamp"}
    }
    assert manifest() == on_disk


def test_makefile_and_dockerfile_take_the_assets_from_bin_assets_only():
    makefile = (BASE_DIR / "Makefile").read_text()
    dockerfile = (BASE_DIR / "Dockerfile").read_text()
    assert re.search(r"^\tbin/assets\b", makefile, re.M)
    assert re.search(r"^RUN bin/assets\b", dockerfile, re.M)
    assert "COPY --from=assets /src/static/vendor static/vendor" in dockerfile
    # A second list would be a copy out of node_modules/ or a system Node.js.
    for text in (makefile, dockerfile):
        assert not re.search(r"node_modules/\w", text)
        assert not re.search(r"\bnpm (ci|install)\b", text)
        assert "FROM node" not in text
