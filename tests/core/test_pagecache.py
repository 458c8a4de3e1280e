"""Whole public pages from the cache: served without a query to anonymous visitors, never to
someone with a session, renewed when the data version moves, and never carrying a cookie."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation

from core.models import PrecomputedPage
from core.pagecache import public_page, storable
from partnerships.data_version import bump_data_version, data_version
from partnerships.models import Country
from tests.factories import UserFactory
from tests.partnerships.public_data import make_programme

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    ("pages:home", []),
    ("partnerships:list", []),
    ("partnerships:by_country", []),
    ("partnerships:map", []),
    ("partnerships:map_data", []),
    ("networks:list", []),
    ("rounds_ics", []),
]


@pytest.mark.parametrize(("name", "args"), PUBLIC_PAGES)
def test_an_anonymous_page_is_rendered_once_then_served_without_a_query(
    client, django_assert_num_queries, name, args
):
    make_programme()
    url = reverse(name, args=args)
    first = client.get(url)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]


@pytest.mark.parametrize(("name", "args"), PUBLIC_PAGES)
def test_anonymous_public_pages_set_no_cookie(client, name, args):
    make_programme()
    for _ in range(2):  # rendered, then from the cache
        response = client.get(reverse(name, args=args))
        assert response.cookies == {}, response.cookies


def test_the_api_and_a_detail_page_are_served_without_a_query_the_second_time(
    client, django_assert_num_queries, settings
):
    settings.API_RATE_LIMIT_PER_MINUTE = 1_000_000
    programme = make_programme()
    for url in ("/api/v1/partnerships?country=KE", f"/partnerskap/{programme.malmo_bogota.pk}/"):
        client.get(url)
        with django_assert_num_queries(0):
            assert client.get(url).status_code == 200


def test_a_change_to_the_data_renders_the_page_again(client, django_capture_on_commit_callbacks):
    make_programme()
    url = reverse("partnerships:by_country")
    assert "Kenya" in client.get(url).text
    Country.objects.filter(code="KE").update(name_sv="Keniarepubliken")
    assert "Keniarepubliken" not in client.get(url).text  # an update() sends no signal
    with django_capture_on_commit_callbacks(execute=True):  # the version moves on commit
        bump_data_version()
    assert "Keniarepubliken" in client.get(url).text


def test_parameters_in_another_order_share_one_entry(client, django_assert_num_queries):
    make_programme()
    url = reverse("partnerships:list")
    client.get(url + "?country=KE&status=active")
    with django_assert_num_queries(0):
        client.get(url + "?status=active&country=KE")


def test_a_signed_in_visitor_never_gets_the_anonymous_copy(client):
    make_programme()
    url = reverse("partnerships:list").replace("/partnerskap/", "/en/partnerships/")
    assert "My cases" not in client.get(url).text  # the anonymous copy is stored
    client.force_login(UserFactory())
    assert "My cases" in client.get(url).text


def test_a_response_that_would_set_a_csrf_cookie_is_not_stored(rf):
    request = rf.get("/")
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
    assert storable(request, HttpResponse("a form")) is False
    assert storable(rf.get("/"), HttpResponse("no form")) is True


def test_the_map_data_is_kept_gzipped_and_sent_so_to_who_accepts_it(client):
    import gzip

    make_programme()
    url = reverse("partnerships:map_data")
    plain = client.get(url).content
    zipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]
    assert gzip.decompress(zipped.content) == plain
    again = client.get(url)
    assert again.content == plain and not again.has_header("Content-Encoding")


# --- precomputed per data version (issue 17: the map's data, by country) ----------------------


@pytest.mark.parametrize("name", ["partnerships:map_data", "partnerships:by_country"])
def test_a_precomputed_page_outlives_a_flushed_cache_at_one_query(
    client, django_assert_num_queries, name
):
    make_programme()
    url = reverse(name)
    first = client.get(url)
    cache.clear()
    # The data version from the database, then the page kept for it: nothing computed.
    with django_assert_num_queries(2):
        again = client.get(url)
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]


def test_a_new_data_version_computes_the_page_again_and_drops_the_old_copies(
    client, django_capture_on_commit_callbacks
):
    make_programme()
    url = reverse("partnerships:by_country")
    client.get(url)
    with translation.override("en"):
        assert client.get(reverse("partnerships:by_country")).status_code == 200
    assert PrecomputedPage.objects.count() == 2  # one per language
    Country.objects.filter(code="KE").update(name_sv="Keniarepubliken")
    with django_capture_on_commit_callbacks(execute=True):
        bump_data_version()
    cache.clear()
    assert "Keniarepubliken" in client.get(url).text
    assert list(PrecomputedPage.objects.values_list("version", flat=True)) == [data_version()]


def test_a_signed_in_visitors_page_is_not_precomputed(client):
    make_programme()
    client.force_login(UserFactory())
    client.get(reverse("partnerships:by_country"))
    assert not PrecomputedPage.objects.exists()


def test_a_page_that_follows_the_calendar_cannot_be_precomputed():
    with pytest.raises(ValueError, match="calendar"):
        public_page(version=str, daily=True, precompute=True)


def test_a_precomputed_page_older_than_a_day_is_computed_again(client):
    """A change that bumped no version (an update() sends no signal) shows within a day, as
    it did when the cache's copies were all there was."""
    import datetime

    from django.utils import timezone

    make_programme()
    url = reverse("partnerships:by_country")
    client.get(url)
    Country.objects.filter(code="KE").update(name_sv="Keniarepubliken")
    cache.clear()
    assert "Keniarepubliken" not in client.get(url).text
    PrecomputedPage.objects.update(stored_at=timezone.now() - datetime.timedelta(days=2))
    cache.clear()
    assert "Keniarepubliken" in client.get(url).text
