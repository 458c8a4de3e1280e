"""Swedish first, English complete: the catalogues hold every string and Swedish translates all."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
CATALOGUE = "locale/{}/LC_MESSAGES/django.po"
SKIP = shutil.ignore_patterns(
    ".venv",
    "node_modules",
    "static",
    "staticfiles",
    "var",
    ".git*",
    "__pycache__",
    "*.mo",
    ".env",
    "tests",
)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_catalogue_holds_every_string_of_the_source(tmp_path, language):
    copy = tmp_path / "src"
    shutil.copytree(BASE_DIR, copy, ignore=SKIP)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", language, "--no-location"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"DEBUG": "true", "PATH": "/usr/bin:/bin"},
    )
    extracted = {e.msgid for e in polib.pofile(copy / CATALOGUE.format(language))}
    committed = {e.msgid for e in polib.pofile(BASE_DIR / CATALOGUE.format(language))}
    assert extracted - committed == set(), "run `make messages` and translate the new strings"


def test_every_swedish_string_is_translated():
    catalogue = polib.pofile(BASE_DIR / CATALOGUE.format("sv"))
    assert [e.msgid for e in catalogue.untranslated_entries()] == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []
