"""manage.py backup / restore on the throwaway PostgreSQL: a backup restored into a fresh, empty
database has every table's rows and the media files byte for byte."""

from __future__ import annotations

import hashlib
import io
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from core.models import OutgoingEmail
from tests.factories import AttachmentFactory, case_with_people, pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs the throwaway PostgreSQL")  # never with CI=true
    return connection.settings_dict


def url_of(database: dict, name: str) -> str:
    password = f":{database['PASSWORD']}" if database.get("PASSWORD") else ""
    return f"postgres://{database['USER']}{password}@{database['HOST']}:{database['PORT']}/{name}"


@pytest.fixture
def empty_database(postgres):
    """A new database on the same cluster, dropped afterwards."""
    name = f"restored_{uuid.uuid4().hex[:10]}"
    admin = url_of(postgres, "postgres")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield url_of(postgres, name)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def row_counts(url: str, tables: list[str]) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        # Table names from Django's introspection of its own database.
        query = 'SELECT count(*) FROM "{}"'
        return {t: conn.execute(query.format(t)).fetchone()[0] for t in tables}


def test_a_backup_restores_into_an_empty_database_with_every_row_and_file(
    settings, tmp_path, postgres, empty_database, reference_data
):
    settings.MEDIA_ROOT = tmp_path / "media"
    application, people = case_with_people(case_number="KP-2026-0777")
    attachment = AttachmentFactory(
        application=application,
        uploaded_by=people["coordinator"],
        file__data=pdf_bytes("Säkerhetskopia"),
    )
    original = Path(attachment.file.path).read_bytes()

    call_command("backup", output=str(tmp_path / "backups"))
    [backup] = (tmp_path / "backups").glob("icld-backup-*.tar")

    settings.MEDIA_ROOT = tmp_path / "restored-media"
    call_command("restore", str(backup), database_url=empty_database)

    tables = connection.introspection.table_names()
    source = row_counts(url_of(postgres, postgres["NAME"]), tables)
    assert source["applications_application"] >= 1
    assert source["partnerships_swedishorganisation"] > 300
    assert row_counts(empty_database, tables) == source
    restored = (tmp_path / "restored-media" / attachment.file.name).read_bytes()
    assert hashlib.sha256(restored).hexdigest() == hashlib.sha256(original).hexdigest()
    with psycopg.connect(empty_database) as conn:
        number = conn.execute(
            "SELECT case_number FROM applications_application WHERE id = %s", [application.pk]
        ).fetchone()[0]
    assert number == "KP-2026-0777"


def test_restore_refuses_a_database_that_is_not_empty(settings, tmp_path, postgres):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("backup", output=str(tmp_path / "backups"))
    [backup] = (tmp_path / "backups").glob("icld-backup-*.tar")

    with pytest.raises(CommandError, match="is not empty"):
        call_command("restore", str(backup))  # the test database itself, full of tables


def test_media_on_s3_are_backed_up_and_restored_to_the_bucket(
    settings, tmp_path, postgres, empty_database, s3
):
    application, people = case_with_people()
    attachment = AttachmentFactory(application=application, uploaded_by=people["coordinator"])
    assert s3.keys() == [f"{s3.prefix}/{attachment.file.name}"]

    call_command("backup", output=str(tmp_path / "backups"))
    [backup] = (tmp_path / "backups").glob("icld-backup-*.tar")
    s3.client.delete_object(Bucket=s3.name, Key=f"{s3.prefix}/{attachment.file.name}")
    assert s3.keys() == []

    call_command("restore", str(backup), database_url=empty_database)

    restored = s3.client.get_object(Bucket=s3.name, Key=f"{s3.prefix}/{attachment.file.name}")
    assert restored["Body"].read() == pdf_bytes()


def test_restore_holds_what_the_outbox_had_unsent_at_backup_time(
    settings, tmp_path, postgres, empty_database
):
    """Issue 16, finding 7: "Restoring an older backup re-sends what the outbox had unsent then":
    after a restore those messages wait for staff instead of going out a second time."""
    settings.MEDIA_ROOT = tmp_path / "media"
    unsent = OutgoingEmail.objects.create(
        recipient="a@example.se", subject="Ej skickat", body="…", language="sv"
    )
    sent = OutgoingEmail.objects.create(
        recipient="b@example.se", subject="Skickat", body="…", language="sv"
    )
    OutgoingEmail.objects.filter(pk=sent.pk).update(sent_at="2026-01-01T00:00Z")

    call_command("backup", output=str(tmp_path / "backups"))
    [backup] = (tmp_path / "backups").glob("icld-backup-*.tar")
    out = io.StringIO()
    call_command("restore", str(backup), database_url=empty_database, stdout=out)

    with psycopg.connect(empty_database) as conn:
        held = dict(conn.execute("SELECT id, held FROM core_outgoingemail").fetchall())
    assert held == {unsent.pk: True, sent.pk: False}
    assert "1 e-mails unsent at backup time are held" in out.getvalue()
