"""The error summary every form shares: a link per error to its field or row, the title
prefixed with the count, in the page's language (core/templatetags/error_summary.py)."""

import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import application_of, make_coordinator

pytestmark = pytest.mark.django_db

BASE_DIR = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def case(client):
    coordinator = make_coordinator()
    client.force_login(coordinator)
    return application_of(coordinator)


def step(case, slug):
    return reverse("applications:step", args=[case.pk, slug])


def summary_links(html: str) -> list[tuple[str, str]]:
    summary = re.search(r'<div[^>]*data-error-summary="focus".*?</div>', html, re.S).group(0)
    return re.findall(r'<a [^>]*href="#([^"]+)"[^>]*>([^<]+)</a>', summary)


def test_a_bad_date_is_listed_with_a_link_to_its_field_and_counted_in_the_title(client, case):
    response = client.post(step(case, "content"), {"period_start": "31/31/2025", "save": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert re.search(r"<title>Fel: 1 fel – ", html)
    [(anchor, text)] = summary_links(html)
    assert anchor == "id_period_start"
    assert " – " in text  # the field's label, then what is wrong
    assert f'id="{anchor}"' in html  # the link leads somewhere
    assert "Ingenting på den här sidan har sparats" in html


def test_the_title_and_the_summary_speak_english_on_english_pages(client, case):
    with translation.override("en"):
        url = step(case, "content")
    html = client.post(url, {"period_start": "x", "period_end": "y"}).content.decode()
    assert re.search(r"<title>Error: 2 errors – ", html)
    assert re.search(r"<h2[^>]*>Some fields need attention; nothing on this page was saved", html)
    assert [anchor for anchor, _ in summary_links(html)] == ["id_period_start", "id_period_end"]


def test_a_team_row_error_names_the_team_and_the_row_and_links_to_the_field(client, case):
    data = {
        "save": "",
        "swedish-TOTAL_FORMS": "1",
        "swedish-INITIAL_FORMS": "0",
        "swedish-0-name": "Anna",
        "swedish-0-category": "king",
        "partner-TOTAL_FORMS": "0",
        "partner-INITIAL_FORMS": "0",
    }
    html = client.post(step(case, "team"), data).content.decode()
    links = dict(summary_links(html))
    assert "id_swedish-0-category" in links
    assert links["id_swedish-0-category"].startswith("Svenska teamet, person 1: ")
    assert 'id="id_swedish-0-category"' in html


def test_an_error_of_the_whole_form_points_at_its_first_field(client, case, reference_data):
    from tests.factories import PartnershipFactory

    partnership = PartnershipFactory(swedish_organisation=case.organisation)
    data = {
        "component": "forberedelse",
        "partnership": partnership.pk,
        "new_partner_name": "Someone else",
        "save": "",
    }
    html = client.post(step(case, "partnership"), data).content.decode()
    [(anchor, text)] = summary_links(html)
    assert anchor == "id_component"
    assert "inte båda" in text


def test_a_page_without_errors_has_no_summary_and_a_plain_title(client, case):
    html = client.get(step(case, "content")).content.decode()
    assert "data-error-summary" not in html
    assert "<title>Fel" not in html


def test_every_public_form_turns_the_browsers_own_bubbles_off():
    """Every message is ours, in the page's language: each <form> outside the admin has
    novalidate (issue 18: "Please fill out this field" on Swedish pages)."""
    missing = []
    for path in BASE_DIR.glob("**/templates/**/*.html"):
        if ".venv" in path.parts or "node_modules" in path.parts or "admin" in path.parts:
            continue
        for tag in re.findall(r"<form\b[^>]*>", path.read_text()):
            if "novalidate" not in tag:
                missing.append(f"{path.relative_to(BASE_DIR)}: {tag}")
    assert missing == []


@pytest.mark.django_db
def test_looking_for_forms_asks_no_lazy_value_so_a_public_page_sets_no_cookie(client):
    """The context's lazy CSRF token, once asked, sets a cookie: a page that sets one is never
    kept in the public page cache (issue 17: no cookie on anonymous public responses)."""
    response = client.get(reverse("pages:home"))
    assert response.status_code == 200
    assert not response.cookies
