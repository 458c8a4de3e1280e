"""Finding 10: a JSON-bodied POST to a wizard step saved the step as empty (request.POST is
empty for a body that is not a form encoding). The portal's form views refuse such a POST."""

import json

import pytest
from django.urls import reverse

from tests.factories import case_with_people

pytestmark = pytest.mark.django_db


def test_a_json_post_to_a_wizard_step_is_refused_and_saves_nothing(client):
    application, people = case_with_people()
    application.title = "Unga röster i Kisumu"
    application.save(update_fields=["title"])
    client.force_login(people["coordinator"])
    url = reverse("applications:step", args=[application.pk, "content"])
    response = client.post(url, json.dumps({"title": ""}), content_type="application/json")
    assert response.status_code == 400
    assert "<html" in response.text  # the portal's own page, not a bare text
    application.refresh_from_db()
    assert application.title == "Unga röster i Kisumu"


@pytest.mark.parametrize("content_type", ["text/plain", "application/xml"])
def test_other_non_form_bodies_are_refused_too(client, content_type):
    application, people = case_with_people()
    client.force_login(people["coordinator"])
    url = reverse("applications:step", args=[application.pk, "content"])
    assert client.post(url, "title=x", content_type=content_type).status_code == 400


def test_form_encoded_and_multipart_posts_still_reach_the_view(client):
    application, people = case_with_people()
    client.force_login(people["coordinator"])
    url = reverse("applications:step", args=[application.pk, "content"])
    assert client.post(url, {"title": "Ny titel"}).status_code != 400
    assert (
        client.post(
            url, "title=Ny+titel", content_type="application/x-www-form-urlencoded"
        ).status_code
        != 400
    )
