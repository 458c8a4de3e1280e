"""The portal's own 403, 404 and 500 pages, in Swedish and English, never a stack trace."""

from __future__ import annotations

import pytest
from django.template import Context, loader
from django.test import override_settings

from .crash_urls import SECRET_DETAIL

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("tests.security.crash_urls"),
]
PRODUCTION_LIKE = override_settings(DEBUG=False)


@pytest.fixture
def client(client):
    client.raise_request_exception = False  # answer as the server would, not raise in the test
    return client


@PRODUCTION_LIKE
@pytest.mark.parametrize(("prefix", "language"), [("", "sv"), ("/en", "en")])
def test_an_unknown_page_gets_the_portals_404_in_the_visitors_language(client, prefix, language):
    response = client.get(f"{prefix}/finns-inte/")
    assert response.status_code == 404
    assert f'<html lang="{language}">' in response.text
    assert 'class="portal-header"' in response.text  # the layout of base.html
    assert "finns-inte" not in response.text  # the path is not echoed


@PRODUCTION_LIKE
def test_the_english_404_says_what_happened(client):
    response = client.get("/en/no-such-page/")
    assert "Page not found" in response.text


@PRODUCTION_LIKE
@pytest.mark.parametrize(("prefix", "language"), [("", "sv"), ("/en", "en")])
def test_a_refusal_gets_the_portals_403_without_the_reason(client, prefix, language):
    response = client.get(f"{prefix}/test-forbidden/")
    assert response.status_code == 403
    assert f'<html lang="{language}">' in response.text
    assert 'class="portal-header"' in response.text
    assert SECRET_DETAIL not in response.text


@PRODUCTION_LIKE
def test_a_crash_gets_the_standalone_500_page_in_both_languages(client):
    response = client.get("/test-crash/")
    assert response.status_code == 500
    assert "Ett fel har uppstått" in response.text
    assert "An error has occurred" in response.text
    assert SECRET_DETAIL not in response.text
    assert "Traceback" not in response.text
    assert "RuntimeError" not in response.text


def test_the_500_page_renders_without_request_database_or_context_processors(
    django_assert_num_queries,
):
    template = loader.get_template("500.html").template
    with django_assert_num_queries(0):
        html = template.render(Context())  # what handler500 does: an empty Context
    assert "An error has occurred" in html
    assert "{% load" not in template.source  # no tag library, no static files storage
    assert "<script" not in html
