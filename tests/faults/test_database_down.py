"""The database down: a 503 page in the visitor's language with Retry-After, no traceback."""

from __future__ import annotations

import time

import pytest
from django.db import connections
from django.test import override_settings

from core.views import DATABASE_DOWN_RETRY_AFTER
from tests.harness import _free_port

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def database_down():
    """The connection points at a port where nothing listens, as when PostgreSQL is stopped."""
    connection = connections["default"]
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict["PORT"] = _free_port()
    connection.settings_dict["HOST"] = "127.0.0.1"
    yield
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(saved)


@pytest.fixture
def client(client):
    client.raise_request_exception = False  # answer as the server would
    return client


@override_settings(DEBUG=False)
@pytest.mark.parametrize(
    ("path", "language", "text"),
    [
        ("/", "sv", "Portalen är inte tillgänglig just nu"),
        ("/en/", "en", "The portal is briefly unavailable"),
    ],
)
def test_a_database_outage_is_a_503_page_in_the_visitors_language(
    client, database_down, path, language, text
):
    started = time.monotonic()
    response = client.get(path)
    assert time.monotonic() - started < 6  # connect_timeout bounds the wait
    assert response.status_code == 503
    assert response["Retry-After"] == str(DATABASE_DOWN_RETRY_AFTER)
    assert f'<html lang="{language}">' in response.text
    assert text in response.text
    assert "Traceback" not in response.text
    assert "OperationalError" not in response.text
