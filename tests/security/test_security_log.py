"""Authentication events and refused accesses are written to the "icld.security" log as
`event=… key=value` lines, with ids only: never an e-mail address, a password or a token."""

from __future__ import annotations

import logging
import time

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from core.security import LAST_SEEN
from tests.factories import case_with_people
from tests.test_settings import PRODUCTION, manage

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

WRONG_PASSWORD = "Fel lösenord 4711"


class SecurityLog:
    """What the test wrote to the "icld.security" log."""

    def __init__(self, caplog: pytest.LogCaptureFixture) -> None:
        self.caplog = caplog

    def records(self) -> list[logging.LogRecord]:
        return [r for r in self.caplog.records if r.name == "icld.security"]

    def __call__(self) -> list[str]:
        return [r.getMessage() for r in self.records()]


@pytest.fixture
def security_log(caplog) -> SecurityLog:
    caplog.set_level(logging.INFO, logger="icld.security")
    return SecurityLog(caplog)


def assert_nothing_secret(records: list[logging.LogRecord], *secrets: str) -> None:
    for record in records:
        everything = repr(vars(record)) + record.getMessage()
        for secret in secrets:
            assert secret.lower() not in everything.lower(), f"{secret!r} in the log: {everything}"


def log_in(client, email: str, password: str):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_a_login_is_logged_with_the_user_id(client, account, security_log):
    log_in(client, account.email, PASSWORD)
    assert f"event=login.succeeded user={account.pk} ip={client.defaults['REMOTE_ADDR']}" in (
        security_log()
    )
    assert_nothing_secret(security_log.records(), account.email, PASSWORD)


def test_a_failed_login_is_logged_without_the_address_or_the_password(
    client, account, security_log
):
    log_in(client, account.email, WRONG_PASSWORD)
    assert any(line.startswith(f"event=login.failed user={account.pk} ") for line in security_log())
    assert_nothing_secret(security_log.records(), account.email, WRONG_PASSWORD, PASSWORD)


def test_a_failed_login_for_an_unknown_address_names_no_one(client, security_log):
    log_in(client, "nobody-here@kommun.example", WRONG_PASSWORD)
    assert any(line.startswith("event=login.failed user=- ") for line in security_log())
    assert_nothing_secret(security_log.records(), "nobody-here", WRONG_PASSWORD)


def test_a_lockout_is_logged(client, account, security_log):
    for _ in range(6):
        log_in(client, account.email, WRONG_PASSWORD)
    log_in(client, account.email, PASSWORD)
    assert any(
        line.startswith(f"event=login.locked_out user={account.pk} ") for line in security_log()
    )
    assert_nothing_secret(security_log.records(), account.email, WRONG_PASSWORD, PASSWORD)


def test_a_logout_is_logged(client, account, security_log):
    client.force_login(account)
    client.post(reverse("account_logout"))
    assert f"event=logout user={account.pk}" in security_log()


def test_an_expired_session_is_logged_with_the_reason(client, account, security_log):
    client.force_login(account)
    session = client.session
    session[LAST_SEEN] = int(time.time()) - 3600
    session.save()
    client.get(reverse("applications:dashboard"))
    assert f"event=session.expired reason=idle user={account.pk}" in security_log()


def test_the_session_of_a_disabled_account_ending_is_logged(client, account, security_log):
    client.force_login(account)
    account.is_active = False
    account.save(update_fields=["is_active"])
    client.get(reverse("pages:home"))
    assert f"event=session.ended reason=account_disabled user={account.pk}" in security_log()


def test_a_refused_case_is_logged_with_ids_only(client, security_log):
    application, people = case_with_people(title="Hemlig titel")
    outsider = people["outsider"]
    client.force_login(outsider)

    assert client.get(reverse("applications:case", args=[application.pk])).status_code == 404

    assert (
        f"event=access.refused user={outsider.pk} view=applications:case "
        f"case={application.pk} method=GET"
    ) in security_log()
    assert_nothing_secret(security_log.records(), outsider.email, "Hemlig titel")


def test_a_refused_invitation_link_does_not_log_the_token(client, account, security_log):
    token = "kJ8s-secret-looking-token-value-0123456789ab"
    client.force_login(account)
    client.get(reverse("applications:accept_invitation", args=[token]))
    assert any("view=applications:accept_invitation" in line for line in security_log())
    assert_nothing_secret(security_log.records(), token)


def test_a_page_the_user_may_see_is_not_logged(client, security_log):
    application, people = case_with_people()
    client.force_login(people["reader"])
    assert client.get(reverse("applications:case", args=[application.pk])).status_code == 200
    assert not any("access.refused" in line for line in security_log())


def test_a_form_without_csrf_token_is_logged(account, security_log):
    client = Client(enforce_csrf_checks=True)
    client.force_login(account)
    client.post(reverse("applications:join_organisation"))
    assert any(
        line.startswith(f"event=csrf.refused user={account.pk} view=applications:join_organisation")
        for line in security_log()
    )


def test_security_lines_are_written_whatever_the_log_level():
    assert settings.LOGGING["loggers"]["icld.security"]["level"] == "INFO"


def test_behind_the_load_balancer_the_clients_own_address_is_logged(
    client, account, security_log, settings
):
    # What BEHIND_PROXY=true sets (TRUSTED_PROXY_COUNT); the rate limits count the same address.
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]  # the header is believed only from there
    client.post(
        reverse("account_login"),
        {"login": account.email, "password": WRONG_PASSWORD},
        REMOTE_ADDR="10.0.0.2",  # the load balancer
        HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.9",  # spoofed, then what the LB saw
    )
    assert f"event=login.failed user={account.pk} ip=203.0.113.9" in security_log()


def test_production_behind_a_proxy_trusts_one_forwarding_hop():
    code = "from django.conf import settings; print(settings.ALLAUTH_TRUSTED_PROXY_COUNT)"
    env = PRODUCTION | {"BEHIND_PROXY": "true"}
    result = manage("shell", "--no-startup", "-c", code, env=env)
    assert result.stdout.strip().splitlines()[-1] == "1", result.stderr
