"""A backup is one tar file: the database (a PostgreSQL custom-format dump, or an SQLite copy
made with SQLite's backup API) and every media file, with a manifest of the files' checksums.

The database part is consistent by itself: pg_dump reads one snapshot. Media files are copied
after the dump, so every file the dump refers to is in the backup unless it was deleted in
between; files uploaded meanwhile come along without a row, and are harmless.

The media are read and written through Django's default storage, so the same commands back up
and restore a local media folder or an S3 bucket.
"""

from __future__ import annotations

import datetime
import glob
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

import environ
from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import Storage, default_storage

FORMAT = 1
DATABASE_MEMBER = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}


class BackupError(RuntimeError):
    pass


@dataclass(frozen=True)
class Summary:
    path: Path
    database: str
    files: int
    held: int = 0  # unsent outbox messages held for staff to release


def _kind(database: dict) -> str:
    engine = database["ENGINE"]
    if "postgresql" in engine:
        return "postgresql"
    if "sqlite3" in engine:
        return "sqlite"
    raise BackupError(f"no backup for the database engine {engine}")


def database_settings(url: str | None = None) -> dict:
    """The configured database, or the one a DATABASE_URL-style `url` names."""
    return environ.Env.db_url_config(url) if url else settings.DATABASES["default"]


def _postgres_tool(name: str) -> str:
    """The newest installed client (it must not be older than the server)."""
    found = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(Path(p).parts[4])
    )
    tool = found[-1] if found else shutil.which(name)
    if not tool:
        raise BackupError(f"{name} not found (Debian package: postgresql-client)")
    return tool


def _postgres_env(database: dict) -> dict[str, str]:
    # The password goes by the environment, never on a command line others can read.
    values = {
        "PGHOST": database.get("HOST") or "",
        "PGPORT": str(database.get("PORT") or ""),
        "PGUSER": database.get("USER") or "",
        "PGPASSWORD": database.get("PASSWORD") or "",
        "PGDATABASE": database["NAME"],
    }
    return os.environ | {k: v for k, v in values.items() if v}


def _run(command: list[str], env: dict[str, str]) -> None:
    # The command is pg_dump or pg_restore with fixed arguments; no shell.
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


def _media_names(storage: Storage, folder: str = "") -> list[str]:
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}{name}" for name in files]
    for sub in folders:
        names += _media_names(storage, f"{folder}{sub}/")
    return sorted(names)


def _dump_database(database: dict, target: Path) -> None:
    kind = _kind(database)
    if kind == "postgresql":
        _run(
            [_postgres_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(target)],
            _postgres_env(database),
        )
    else:
        with sqlite3.connect(database["NAME"]) as source, sqlite3.connect(target) as copy:
            source.backup(copy)


def backup(output_dir: Path, storage: Storage = default_storage) -> Summary:
    """Write a backup into `output_dir` and return what it holds."""
    database = database_settings()
    kind = _kind(database)
    output_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    path = output_dir / f"icld-backup-{stamp}.tar"
    partial = path.with_suffix(".tar.partial")
    checksums: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as scratch:
        dump = Path(scratch) / DATABASE_MEMBER[kind]
        _dump_database(database, dump)
        with tarfile.open(partial, "w") as archive:
            archive.add(dump, arcname=dump.name)
            for name in _media_names(storage):
                digest = hashlib.sha256()
                with storage.open(name, "rb") as handle, tempfile.TemporaryFile() as copy:
                    for chunk in iter(lambda h=handle: h.read(1 << 20), b""):
                        digest.update(chunk)
                        copy.write(chunk)
                    info = tarfile.TarInfo(f"media/{name}")
                    info.size = copy.tell()
                    copy.seek(0)
                    archive.addfile(info, copy)
                checksums[name] = digest.hexdigest()
            manifest = json.dumps(
                {"format": FORMAT, "made": stamp, "database": kind, "media": checksums},
                indent=1,
            ).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(manifest)
            archive.addfile(info, io.BytesIO(manifest))
    partial.rename(path)  # a backup that is there is whole
    return Summary(path, kind, len(checksums))


def _is_empty(database: dict) -> bool:
    if _kind(database) == "sqlite":
        name = Path(database["NAME"])
        if not name.exists():
            return True
        with sqlite3.connect(name) as connection:
            return not connection.execute("select count(*) from sqlite_master").fetchone()[0]
    import psycopg

    with psycopg.connect(
        dbname=database["NAME"],
        host=database.get("HOST") or None,
        port=database.get("PORT") or None,
        user=database.get("USER") or None,
        password=database.get("PASSWORD") or None,
    ) as connection:
        row = connection.execute(
            "select count(*) from information_schema.tables where table_schema = 'public'"
        ).fetchone()
        return row[0] == 0


def restore(path: Path, database_url: str | None = None, storage: Storage = default_storage):
    """Restore a backup into an empty database and put its media files back."""
    database = database_settings(database_url)
    kind = _kind(database)
    if not _is_empty(database):
        raise BackupError(
            f"the database {database['NAME']} is not empty; restore into a new, empty one "
            "(e.g. createdb) and point DATABASE_URL or --database-url at it"
        )
    with tarfile.open(path, "r") as archive, tempfile.TemporaryDirectory() as scratch:
        manifest = json.load(archive.extractfile("manifest.json"))
        if manifest.get("format") != FORMAT or manifest.get("database") != kind:
            raise BackupError(
                f"this backup holds a {manifest.get('database')} database; the target is {kind}"
            )
        dump = Path(scratch) / DATABASE_MEMBER[kind]
        with archive.extractfile(DATABASE_MEMBER[kind]) as member, dump.open("wb") as out:
            shutil.copyfileobj(member, out)
        if kind == "postgresql":
            _run(
                [
                    _postgres_tool("pg_restore"),
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    "--single-transaction",
                    "--dbname",
                    database["NAME"],
                    str(dump),
                ],
                _postgres_env(database),
            )
        else:
            with sqlite3.connect(dump) as source, sqlite3.connect(database["NAME"]) as target:
                source.backup(target)
        held = _hold_unsent_email(database, kind)
        for name, checksum in manifest["media"].items():
            member = archive.extractfile(f"media/{name}")
            data = member.read()
            if hashlib.sha256(data).hexdigest() != checksum:
                raise BackupError(f"media/{name} does not match its checksum in the backup")
            if storage.exists(name):
                storage.delete(name)
            saved = storage.save(name, File(io.BytesIO(data), name=name))
            if saved != name:
                raise BackupError(f"media/{name} was stored as {saved}")
    return Summary(path, kind, len(manifest["media"]), held)


# What was unsent when the backup was made may have gone out since: held, not sent again.
HOLD_UNSENT = (
    "WITH held AS (UPDATE core_outgoingemail SET held = TRUE WHERE sent_at IS NULL RETURNING 1) "
    "SELECT count(*) FROM held"
)


def _hold_unsent_email(database: dict, kind: str) -> int:
    """Hold the restored outbox's unsent messages (staff release them in the admin); how many."""
    if kind == "postgresql":
        psql = [_postgres_tool("psql"), "--no-psqlrc", "--tuples-only", "--no-align"]
        # Fixed arguments and a constant statement; no shell.
        result = subprocess.run(  # noqa: S603
            [*psql, "--command", HOLD_UNSENT],
            env=_postgres_env(database),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise BackupError(f"psql failed: {result.stderr.strip()}")
        return int(result.stdout.split()[0])
    with sqlite3.connect(database["NAME"]) as target:  # SQLite has no RETURNING in a WITH
        return target.execute(
            "UPDATE core_outgoingemail SET held = 1 WHERE sent_at IS NULL"
        ).rowcount
