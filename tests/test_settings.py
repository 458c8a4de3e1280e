"""The settings module in production: secrets required, `check --deploy` clean."""

import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "p" * 20 + "Kj3#mQ9!zR7@wX2$vB5^nL8&" + "q" * 20,
    "ALLOWED_HOSTS": "portal.icld.se",
    "DATABASE_URL": "postgres://icld@db.internal:5432/icld",
    "REDIS_URL": "redis://redis.internal:6379/0",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    # Only these variables, none of the test run's; they win over the checkout's .env.
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        env={"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/")} | env,
        capture_output=True,
        text=True,
        cwd=BASE_DIR,
        check=False,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_a_missing_secret_key_stops_production_start_up():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"} | {"SECRET_KEY": ""}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_a_short_secret_key_stops_production_start_up():
    result = manage("check", env=PRODUCTION | {"SECRET_KEY": "Kj3#mQ9!zR7@wX2$vB5^nL8&" + "q" * 25})
    assert result.returncode != 0
    assert "SECRET_KEY is too short" in result.stderr


def test_anonymisation_is_on_by_default_with_icld_s_ten_years_and_0_turns_it_off():
    """docs/privacy.md: participants are anonymised 10 years after the partnership ended unless
    the archive's disposal decision says otherwise (RETENTION_PARTICIPANT_YEARS)."""
    show = (
        "shell",
        "-c",
        "from django.conf import settings; print(settings.RETENTION_PARTICIPANT_YEARS)",
    )
    assert manage(*show, env=PRODUCTION).stdout.split()[-1] == "10"
    assert (
        manage(*show, env=PRODUCTION | {"RETENTION_PARTICIPANT_YEARS": "0"}).stdout.split()[-1]
        == "0"
    )
    refused = manage("check", env=PRODUCTION | {"RETENTION_PARTICIPANT_YEARS": "-1"})
    assert refused.returncode != 0 and "RETENTION_PARTICIPANT_YEARS" in refused.stderr
