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


def rows_a_flush_leaves() -> dict[str, object]:
    """Every table's row count, and the rows themselves by their natural keys."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    with connection.cursor() as cursor:
        counts = {}
        for table in connection.introspection.django_table_names(only_existing=True):
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return {
        **{key: value for key, value in migration_rows().items() if key != "versions"},
        "version names": sorted(PublicVersion.objects.values_list("name", flat=True)),
        "content types": sorted(ContentType.objects.values_list("app_label", "model")),
        "permissions": sorted(
            Permission.objects.values_list("content_type__app_label", "codename")
        ),
        "counts": counts,
    }


@pytest.mark.django_db(transaction=True)
def test_the_flush_that_ends_a_transactional_test_leaves_what_flush_and_the_migrations_leave():
    """conftest's `empty_the_tables` (the flush between transactional tests) copies back what
    the first flush and data migrations left instead of making it again: the same rows."""
    import django.test.testcases as testcases

    call_command("flush", interactive=False, verbosity=0)
    run_data_migrations()
    real = rows_a_flush_leaves()
    assert real["criteria"] and real["groups"] and real["content types"]
    for _ in range(2):  # the process's first flush may copy the rows aside; a later one copies back
        testcases.call_command(
            "flush",
            verbosity=0,
            interactive=False,
            database="default",
            reset_sequences=False,
            allow_cascade=False,
            inhibit_post_migrate=False,
        )
        assert rows_a_flush_leaves() == real
