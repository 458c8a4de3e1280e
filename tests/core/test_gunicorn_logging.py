"""The access log never holds a token from an invitation, confirmation or reset link."""

import datetime
import runpy
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.utils.module_loading import import_string
from gunicorn.config import Config

from icld_portal.gunicorn_logging import RedactingLogger, redact


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        ("/inbjudningar/s3cr3t-T0ken_x/", "/inbjudningar/[redacted]/"),
        ("/en/invitations/s3cr3t-T0ken_x/", "/en/invitations/[redacted]/"),
        ("/konto/confirm-email/MQ:1vX:abc/", "/konto/confirm-email/[redacted]/"),
        ("/konto/password/reset/key/1-set-password/", "/konto/password/reset/key/[redacted]/"),
        ("/konto/password/reset/key/done/", "/konto/password/reset/key/done/"),
        ("/partnerskap/?q=inbjudningar", "/partnerskap/?q=inbjudningar"),
    ],
)
def test_tokens_in_paths_are_redacted_and_other_paths_kept(path, logged):
    assert redact(path) == logged


def test_the_logger_redacts_the_request_line_path_and_referer():
    logger = RedactingLogger(Config())
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/inbjudningar/s3cr3t/",
        "PATH_INFO": "/inbjudningar/s3cr3t/",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": "https://portal.example/inbjudningar/s3cr3t/",
        "REMOTE_ADDR": "127.0.0.1",
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])

    atoms = logger.atoms(response, request, environ, datetime.timedelta(seconds=0))

    assert "s3cr3t" not in " ".join(str(value) for value in atoms.values())
    assert atoms["r"] == "GET /inbjudningar/[redacted]/ HTTP/1.1"


def test_gunicorn_started_from_the_repository_uses_the_redacting_logger():
    config = runpy.run_path(str(settings.BASE_DIR / "gunicorn.conf.py"))
    assert import_string(config["logger_class"]) is RedactingLogger
