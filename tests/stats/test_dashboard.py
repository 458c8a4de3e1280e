"""The statistics page: who gets in, what it shows, its filters and its queries."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils.translation import gettext as _

from stats.figures import FIGURES
from tests.factories import UserFactory, make_coordinator

pytestmark = pytest.mark.django_db

URL = reverse("stats:dashboard")


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "next=/admin/statistics/" in response["Location"]


def test_a_coordinator_is_refused(client):
    client.force_login(make_coordinator())
    assert client.get(URL).status_code == 403


def test_staff_without_an_authenticator_are_sent_to_set_one_up(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("mfa_activate_totp"))


def test_staff_need_no_model_permission_only_the_staff_flag_and_a_second_factor(client):
    from allauth.mfa.models import Authenticator

    user = UserFactory(is_staff=True)
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={})
    client.force_login(user)
    assert client.get(URL).status_code == 200
    user.is_staff = False
    user.save()
    assert client.get(URL).status_code == 403


def test_staff_with_an_authenticator_see_every_figure(staff_client, reports):
    response = staff_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    for slug in FIGURES:
        assert f'id="{slug}"' in html
        assert reverse("stats:figure_csv", args=[slug]) in html
    # Each chart is one image with a name, and a table with a caption follows it.
    assert html.count('role="img" aria-labelledby="chart-') == len(FIGURES)
    assert html.count("<caption>") >= len(FIGURES)
    assert '<th scope="col">' in html
    assert '<th scope="row">2030-01</th>' in html
    assert "<script" not in html.split('id="content-main"')[1].split("</main>")[0]


def test_the_page_is_never_cached(staff_client):
    response = staff_client.get(URL)
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_only_get_is_allowed(staff_client):
    assert staff_client.post(URL).status_code == 405


def figure_html(html: str, slug: str) -> str:
    return html.split(f'id="{slug}"')[1].split("</section>")[0]


def test_the_filters_change_the_numbers_and_the_csv_links_keep_them(staff_client, world):
    everything = figure_html(staff_client.get(URL).content.decode(), "applications-per-round")
    assert '<th scope="row">2031-01</th>' in everything
    # The last cell of the totals row: every application.
    assert re.search(r'class="stats-number">10</td>\s*</tr>\s*</tbody>', everything)

    response = staff_client.get(URL, {"year": "2030", "round": "2030-01"})
    html = response.content.decode()
    filtered = figure_html(html, "applications-per-round")
    assert '<th scope="row">2031-01</th>' not in filtered
    assert re.search(r'class="stats-number">4</td>\s*</tr>\s*</tbody>', filtered)
    assert (
        reverse("stats:figure_csv", args=["applications-per-round"])
        + ("?year=2030&amp;round=2030-01")
        in html
    )
    assert _("The round filter does not apply to this figure.") in figure_html(
        html, "partnerships-per-country"
    )


@pytest.mark.parametrize(
    "query",
    [
        {"year": "abc"},
        {"year": "1800"},
        {"year": "99999999999999999999999"},
        {"year": "2030\x00"},
        {"round": "2099-99"},
        {"round": "'; drop table"},
        {"round": "\x00"},
        {"year": "2030.5", "round": "2030-01"},
    ],
)
def test_bad_filters_give_a_message_keep_the_input_and_show_everything(staff_client, world, query):
    response = staff_client.get(URL, query)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="errornote" role="alert"' in html
    assert response.context["form"].errors
    # Nothing is filtered and the CSV links carry no filters.
    assert response.context["filters"].year is None
    assert response.context["filters"].round is None
    assert 'statistics/applications-per-round.csv"' in html
    if query.get("year") == "abc":
        assert 'value="abc"' in html


def test_an_empty_database_shows_that_there_is_nothing_to_show(staff_client):
    response = staff_client.get(URL)
    assert response.status_code == 200
    assert _("Nothing to show for these filters.") in response.content.decode()


def test_the_page_issues_the_same_number_of_queries_whatever_the_data(
    staff_client, world, django_assert_num_queries
):
    # Session, user (the session's record says it passed the second factor), the filter form's chosen round and its list of
    # rounds, then one query per figure (eight).
    with django_assert_num_queries(12):
        staff_client.get(URL, {"year": "2030", "round": "2030-01"})
    from tests.stats.conftest import partnership

    for year in range(2000, 2010):
        partnership("KE", year, year + 3, "ended")
    with django_assert_num_queries(12):
        staff_client.get(URL, {"year": "2030", "round": "2030-01"})
    with django_assert_num_queries(11):
        staff_client.get(URL)


def test_the_admin_home_page_links_to_the_dashboard(staff_client):
    html = staff_client.get(reverse("admin:index")).content.decode()
    assert f'href="{URL}"' in html
