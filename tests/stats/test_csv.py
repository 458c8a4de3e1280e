"""Each figure as CSV: staff only, UTF-8 with a byte-order mark, the table's rows, filtered."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from applications.models import ApplicationStatus
from partnerships.models import Country
from stats.figures import FIGURES
from stats.selectors import Filters
from tests.factories import make_coordinator
from tests.stats.conftest import partnership

pytestmark = pytest.mark.django_db


def url(slug: str) -> str:
    return reverse("stats:figure_csv", args=[slug])


def read(response) -> list[list[str]]:
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM to read å, ä and ö
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_anonymous_visitors_are_sent_to_log_in_and_coordinators_refused(client, world):
    response = client.get(url("applications-per-round"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    client.force_login(make_coordinator())
    assert client.get(url("applications-per-round")).status_code == 403


@pytest.mark.parametrize("slug", list(FIGURES))
def test_every_figure_downloads_as_the_table_the_page_shows(staff_client, world, slug):
    response = staff_client.get(url(slug))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{slug}.csv"'
    rows = read(response)
    expected = FIGURES[slug](Filters())
    assert rows[0] == expected.headers
    assert rows[1:] == [
        ["" if c.value is None else str(c.value) for c in row] for row in expected.rows
    ]


def test_the_round_csv_holds_the_numbers_of_the_filtered_figure(staff_client, world):
    response = staff_client.get(url("applications-per-round"), {"round": "2030-01"})
    assert response["Content-Disposition"] == (
        'attachment; filename="applications-per-round-2030-01.csv"'
    )
    rows = read(response)
    assert rows == [
        [
            _("Round"),
            _("Component"),
            *[str(status.label) for status in ApplicationStatus],
            _("Total"),
        ],
        ["2030-01", "Projekt", "0", "0", "0", "0", "1", "1", "1", "3"],
        ["2030-01", "Styrgrupp", "0", "0", "0", "0", "1", "0", "0", "1"],
        [_("All rounds"), _("All components"), "0", "0", "0", "0", "2", "1", "1", "4"],
    ]


def test_shares_are_plain_numbers_with_a_point_and_empty_when_there_is_none(staff_client, world):
    rows = read(staff_client.get(url("approval-rate-per-cluster"), {"year": "2030"}))
    by_cluster = {row[0]: row[1:] for row in rows[1:]}
    assert by_cluster["Östafrika"] == ["2", "1", "3", "66.7"]
    assert by_cluster["Latinamerika"] == ["0", "0", "0", ""]
    year = read(staff_client.get(url("partnerships-per-country"), {"year": "2012"}))
    assert year[0][2] == _("Active in %(year)s") % {"year": 2012}


def test_text_that_a_spreadsheet_would_run_as_a_formula_is_made_harmless(staff_client, world):
    Country.objects.filter(code="KE").update(name_sv="=HYPERLINK(1)")
    partnership("KE", 2020, None, "active")
    rows = read(staff_client.get(url("partnerships-per-country")))
    assert ["'=HYPERLINK(1)", "Östafrika", "2", "3"] in rows


def test_an_unknown_figure_is_not_found(staff_client):
    assert staff_client.get("/admin/statistics/nothing.csv").status_code == 404


@pytest.mark.parametrize("query", [{"year": "abc"}, {"round": "2099-99"}, {"year": "\x00"}])
def test_bad_filters_are_refused_with_a_message(staff_client, world, query):
    response = staff_client.get(url("applications-per-round"), query)
    assert response.status_code == 400
    assert response.content.decode() == _(
        "The filters are not valid: go back to the dashboard and correct them."
    )


def test_the_csv_issues_a_fixed_number_of_queries(staff_client, world, django_assert_num_queries):
    # Session, user (the session says it passed the second factor), the chosen round, the figure.
    with django_assert_num_queries(4):
        b"".join(
            staff_client.get(url("applications-per-round"), {"round": "2030-01"}).streaming_content
        )
