"""Every form of ours leaves validation to the server, so each message is ours and in the
page's language; every page, the admin's too, has the portal's icon."""

import re
from pathlib import Path

import pytest
from django.template.loader import get_template
from django.urls import reverse

BASE_DIR = Path(__file__).resolve().parents[2]
APPS = [
    "applications",
    "reporting",
    "networks",
    "pages",
    "partnerships",
    "privacy",
    "core",
    "templates",
]


def our_templates():
    for app in APPS:
        for path in (BASE_DIR / app).rglob("*.html"):
            # Django's admin pages keep its own forms (staff, desktop, validated by Django).
            if "admin" in path.relative_to(BASE_DIR).parts:
                continue
            yield path


def test_every_form_of_ours_has_novalidate():
    missing = [
        f"{path.relative_to(BASE_DIR)}: {tag[:60]}"
        for path in our_templates()
        for tag in re.findall(r"<form\b[^>]*>", path.read_text(encoding="utf-8"))
        if "novalidate" not in tag and "data-no-stash" not in tag
    ]
    assert missing == []


@pytest.mark.django_db
def test_favicon_ico_leads_to_the_portal_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response.url.endswith("favicon.svg")
    assert 'rel="icon"' in client.get(reverse("pages:home")).text


def test_the_admin_pages_link_the_icon_too():
    template = get_template("admin/base_site.html")
    assert template.origin.name == str(BASE_DIR / "templates" / "admin" / "base_site.html")
    assert "favicon.svg" in Path(template.origin.name).read_text(encoding="utf-8")
