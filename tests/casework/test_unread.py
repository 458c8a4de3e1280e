"""The unread marker: opening the thread (a GET) writes nothing; the page then sends a POST
saying up to when it showed the messages, and only that moves the marker (issue 15's finding
that a GET wrote it)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.models import Message, ThreadRead

pytestmark = pytest.mark.django_db


def thread_url(application):
    return reverse("casework:thread", args=[application.pk])


def read_url(application):
    return reverse("casework:thread_read", args=[application.pk])


def new_badges(client, application) -> int:
    return client.get(thread_url(application)).content.decode().count(">Ny<")


def shown_at(page: str) -> str:
    return re.search(r'name="shown_at" value="([^"]+)"', page)[1]


@pytest.fixture
def written(case, officer):
    application, people = case
    Message.objects.create(application=application, author=officer, from_staff=True, body="Hej")
    return application, people


def test_opening_the_thread_leaves_the_marker_and_offers_to_mark_it(client, written):
    application, people = written
    client.force_login(people["coordinator"])
    page = client.get(thread_url(application)).content.decode()
    assert not ThreadRead.objects.exists()
    assert 'id="thread-read"' in page and "js/thread-read.js" in page
    assert new_badges(client, application) == 1


def test_the_pages_post_marks_what_it_showed_and_not_what_came_after(client, written, officer):
    application, people = written
    client.force_login(people["coordinator"])
    page = client.get(thread_url(application)).content.decode()
    # Written after the page was made (created_at is later than its shown_at).
    Message.objects.create(
        application=application, author=officer, from_staff=True, body="Och en sak till"
    )
    response = client.post(
        read_url(application), {"shown_at": shown_at(page)}, HTTP_X_REQUESTED_WITH="fetch"
    )
    assert response.status_code == 204
    assert new_badges(client, application) == 1  # the later one is still new
    client.post(read_url(application), HTTP_X_REQUESTED_WITH="fetch")
    assert new_badges(client, application) == 0


def test_without_javascript_the_button_marks_and_returns_to_the_thread(client, written):
    application, people = written
    client.force_login(people["reader"])  # a reader too has a marker of their own
    response = client.post(read_url(application))
    assert response.status_code == 302
    assert response["Location"] == thread_url(application)
    assert new_badges(client, application) == 0
    # Nothing new: no form, no script.
    page = client.get(thread_url(application)).content.decode()
    assert 'id="thread-read"' not in page and "js/thread-read.js" not in page


def test_the_marker_never_moves_back_nor_past_now(client, written):
    application, people = written
    client.force_login(people["coordinator"])
    client.post(read_url(application))
    marked = ThreadRead.objects.get().read_at
    old = (marked - datetime.timedelta(days=3)).isoformat()
    client.post(read_url(application), {"shown_at": old})
    assert ThreadRead.objects.get().read_at == marked
    future = (timezone.now() + datetime.timedelta(days=3)).isoformat()
    client.post(read_url(application), {"shown_at": future})
    assert ThreadRead.objects.get().read_at <= timezone.now()


@pytest.mark.parametrize("value", ["", "igår", "2026-13-45T99:00:00+00:00", "2026-01-01T10:00"])
def test_a_shown_at_that_is_no_moment_means_now(client, written, value):
    application, people = written
    client.force_login(people["coordinator"])
    assert client.post(read_url(application), {"shown_at": value}).status_code == 302
    assert new_badges(client, application) == 0


def test_a_get_of_the_mark_is_refused(client, written):
    application, people = written
    client.force_login(people["coordinator"])
    assert client.get(read_url(application)).status_code == 405
    assert not ThreadRead.objects.exists()
