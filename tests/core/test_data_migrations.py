"""The rows the data migrations write come back for every transactional test
(tests/conftest.py's `migration_data`), so a test's outcome does not depend on whether another
transactional test emptied the tables before it."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from assessments.models import Criterion
from core.models import PublicVersion
from reporting.models import ReportRule
from tests.conftest import run_data_migrations


def migration_rows() -> dict[str, object]:
    return {
        "groups": sorted(
            (group.name, sorted(group.permissions.values_list("codename", flat=True)))
            for group in Group.objects.all()
        ),
        "criteria": sorted(Criterion.objects.values_list("component", "key")),
        "report rules": sorted(ReportRule.objects.values_list("component", flat=True)),
        "versions": sorted(PublicVersion.objects.values_list("name", "value")),
    }


@pytest.mark.django_db
def test_running_the_data_migrations_again_changes_nothing():
    before = migration_rows()
    assert before["criteria"] and before["report rules"] and before["groups"]
    run_data_migrations()
    run_data_migrations()
    assert migration_rows() == before


@pytest.mark.django_db(transaction=True)
def test_after_the_tables_are_emptied_the_migrations_rows_come_back():
    before = {key: value for key, value in migration_rows().items() if key != "versions"}
    call_command("flush", interactive=False, verbosity=0)
    assert not Criterion.objects.exists()
    assert not ReportRule.objects.exists()
    run_data_migrations()
    after = {key: value for key, value in migration_rows().items() if key != "versions"}
    assert after == before
    assert set(PublicVersion.objects.values_list("name", flat=True)) == {"partnerships", "content"}
