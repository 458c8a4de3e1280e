"""Fixtures shared by every test: the Celery worker process and the browser."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction

from tests.harness import CHROMIUM

BASE_DIR = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--no-sandbox",  # the machines run tests as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # The network is closed: no background calls home.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# The longest tests first within each of pytest-django's groups (the tests in a transaction, then
# the transactional ones, then those without a database: after a transactional test has emptied
# the tables only `migration_data` puts back what the data migrations wrote, and it is for
# transactional tests). `make test` deals the tests out in this order to whichever process is
# free: a browser journey dealt out last kept one process busy for minutes after the other had
# finished.
LONGEST_FIRST = (
    "tests/e2e/test_axe_matrix.py",
    "tests/e2e/test_coordinator_journey.py",
    "tests/e2e/test_grant_journey.py",
    "tests/e2e/test_casework_journey.py",
    "tests/e2e/",
    "tests/faults/",
    "tests/security/test_route_matrix.py",
    "tests/security/test_fuzz.py",
    "tests/decisions/test_board_scale.py",
)


def _django_group(item: pytest.Item) -> int:
    """pytest-django's order (its pytest_collection_modifyitems, Django's own): 0 in a
    transaction, 1 transactional, 2 without a database."""
    marker = item.get_closest_marker("django_db")
    fixtures = set(getattr(item, "fixturenames", ()))
    if (marker is not None and _transactional_marker(marker)) or {
        "transactional_db",
        "live_server",
    } & fixtures:
        return 1
    return 0 if marker is not None or "db" in fixtures else 2


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> tuple[int, int]:
        longest = next(
            (n for n, prefix in enumerate(LONGEST_FIRST) if item.nodeid.startswith(prefix)),
            len(LONGEST_FIRST),
        )
        return _django_group(item), longest

    items.sort(key=rank)  # stable: within a rank, the order of collection


def database_url() -> str:
    """The URL of the database the test is using (the test database, not the configured one)."""
    s = connection.settings_dict
    if s["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{s['NAME']}"
    return f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


class WorkerProcess:
    def __init__(self, proc: subprocess.Popen, log: Path) -> None:
        self.proc, self.log = proc, log

    def wait_for(self, predicate, timeout: float = 30.0, what: str = "the task") -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)
        pytest.fail(f"gave up waiting for {what}; the worker's log:\n{self.log.read_text()}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture(autouse=True)
def migration_data(request) -> None:
    """A transactional test starts with the rows the data migrations make (groups, the rubric,
    report rules, public versions), as every installation has them.

    A transactional test ends by emptying every table; Django's flush makes the content types
    and permissions again, but not what a migration's RunPython wrote. Without this, a test's
    outcome depended on whether another transactional test ran before it in the same process
    (stop 26: the casework journey found no assessment criteria, the grant journey no
    decision-makers' group). On PostgreSQL the flush itself leaves those rows
    (`empty_the_tables`), so they are made here only before the process's first flush."""
    if not _transactional(request):
        return
    request.getfixturevalue("_django_db_helper")
    if not _after_flush.restored:
        run_data_migrations()
    _after_flush.restored = False


class _AfterFlush:
    """The rows a flush leaves on PostgreSQL, copied once per process (`empty_the_tables`)."""

    SCHEMA = "suite_after_flush"  # outside the search path: no flush or introspection sees it

    def __init__(self) -> None:
        self.tables: list[str] | None = None  # those with rows, once copied
        self.restored = False  # the last flush put them back: migration_data has nothing to do


_after_flush = _AfterFlush()


def empty_the_tables(call_command, database: str, **options) -> None:
    """The flush that ends each transactional test (Django's TransactionTestCase), leaving what
    a real flush and the data migrations leave: content types, permissions, the staff group and
    the data migrations' rows.

    Django's flush empties every table and then emits post_migrate (content types, permissions,
    core's staff group: ~0.8 s a test), and `migration_data` reran every data migration
    (~0.3 s). The rows both make are the same after every flush, so on PostgreSQL the first
    flush of a process makes them that way and copies them into a schema of their own; every
    later flush empties the tables without post_migrate and copies the rows back (one INSERT a
    table, ~0.05 s). The ids are those of the first time; sequences only ever went past them.
    Foreign keys are deferred to the end of the transaction, so the tables' order is free.
    tests/core/test_data_migrations.py holds the copy equal to the real thing."""
    connection = connections[database]
    if connection.vendor != "postgresql" or _after_flush.tables is None:
        call_command("flush", database=database, **options)
        if connection.vendor == "postgresql":
            run_data_migrations(database)
            _after_flush.tables = _copy_rows_aside(connection)
            _after_flush.restored = True
        return
    call_command("flush", database=database, **options | {"inhibit_post_migrate": True})
    qn = connection.ops.quote_name  # the names are the models' tables, as introspection gives them
    with transaction.atomic(using=database), connection.cursor() as cursor:
        for table in _after_flush.tables:
            cursor.execute(
                f"INSERT INTO {qn(table)} SELECT * FROM {qn(_AfterFlush.SCHEMA)}.{qn(table)}"  # noqa: S608
            )
    _after_flush.restored = True


def _copy_rows_aside(connection) -> list[str]:
    qn = connection.ops.quote_name
    schema = qn(_AfterFlush.SCHEMA)
    tables = []
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        cursor.execute(f"CREATE SCHEMA {schema}")
        for table in connection.introspection.django_table_names(
            only_existing=True, include_views=False
        ):
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {qn(table)})")  # noqa: S608
            if cursor.fetchone()[0]:
                cursor.execute(f"CREATE TABLE {schema}.{qn(table)} AS TABLE {qn(table)}")
                tables.append(table)
    return tables


@pytest.fixture(autouse=True, scope="session")
def _transactional_tests_flush_with_empty_the_tables():
    """TransactionTestCase's flush goes through `empty_the_tables` (only that one: a test that
    calls the flush command itself gets Django's own)."""
    import django.test.testcases as testcases

    original = testcases.call_command

    def call_command(name, *args, **options):
        if name != "flush" or args:
            return original(name, *args, **options)
        database = options.pop("database", DEFAULT_DB_ALIAS)
        return empty_the_tables(original, database, **options)

    testcases.call_command = call_command
    yield
    testcases.call_command = original


def _transactional(request) -> bool:
    return _django_group(request.node) == 1


def _transactional_marker(marker) -> bool:
    return bool(marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))


_data_migrations: tuple | None = None


def run_data_migrations(database: str = DEFAULT_DB_ALIAS) -> None:
    """Run every migration's RunPython forward again, in dependency order, on the models as
    the last migration leaves them. Each is idempotent (get_or_create), held by
    tests/core/test_data_migrations.py."""
    global _data_migrations
    if _data_migrations is None:
        from django.db.migrations.loader import MigrationLoader
        from django.db.migrations.operations.special import RunPython

        loader = MigrationLoader(connections[database])
        plan = []
        for leaf in sorted(loader.graph.leaf_nodes()):
            plan += [node for node in loader.graph.forwards_plan(leaf) if node not in plan]
        forwards = [
            operation.code
            for node in plan
            for operation in loader.get_migration(*node).operations
            if isinstance(operation, RunPython)
        ]
        _data_migrations = (loader.project_state().apps, forwards)
    state_apps, forwards = _data_migrations
    for forward in forwards:
        with connections[database].schema_editor() as schema_editor:
            forward(state_apps, schema_editor)


@pytest.fixture
def celery_worker(transactional_db, tmp_path, settings) -> Iterator[WorkerProcess]:
    """A real `celery worker` process on the throwaway Redis and the test database."""
    import redis

    if not settings.REDIS_URL:
        pytest.skip("Redis is not available")
    redis.Redis.from_url(settings.REDIS_URL).flushdb()  # no leftovers of earlier tests
    worker = start_worker(tmp_path)
    yield worker
    worker.stop()


def start_worker(tmp_path: Path, name: str = "worker") -> WorkerProcess:
    """Start a `celery worker` process and wait until it is ready."""
    log = tmp_path / f"{name}.log"
    env = os.environ | {
        "DATABASE_URL": database_url(),
        "EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "CONN_MAX_AGE": "0",
    }
    with log.open("w") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "icld_portal",
                "worker",
                "--pool=solo",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel=INFO",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    worker = WorkerProcess(proc, log)
    worker.wait_for(lambda: "ready." in log.read_text(), what="starting")
    return worker


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    # Reduced motion turns off transitions, so axe never sees a colour halfway through one.
    context = browser.new_context(base_url=live_server.url, locale="sv-SE", reduced_motion="reduce")
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database starts with the reference data, as every real installation does."""
    from partnerships.reference_data import load_reference_data

    with django_db_blocker.unblock():
        load_reference_data()


@pytest.fixture
def reference_data(db) -> None:
    """Reference data, also after a transactional test emptied the tables (adds what's missing)."""
    from partnerships.reference_data import load_reference_data

    load_reference_data()


@pytest.fixture
def coordinator(db):
    """An approved coordinator of a Swedish organisation (tests.factories.make_coordinator)."""
    from tests.factories import make_coordinator

    return make_coordinator()


@pytest.fixture
def media(settings, tmp_path) -> Path:
    """Uploaded and rendered files of the test in a folder of its own."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def make_officer(db):
    """Makes case officers as they work (tests.factories.make_officer)."""
    from tests.factories import make_officer

    return make_officer


@pytest.fixture
def staff_client(client, db):
    from tests.factories import make_staff

    client.force_login(make_staff(username="staff"))
    return client


@pytest.fixture(autouse=True)
def fast_password_hashing(settings) -> None:
    # The real hasher is slow by design; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def broker_not_backed_off(monkeypatch) -> None:
    """A test that took the broker down leaves no back-off (core/tasks.py) to the next."""
    import core.tasks

    monkeypatch.setattr(core.tasks, "_broker_failed_at", None)


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    """Rate limits, cached pages and the data version live in the cache: every test starts
    without what earlier tests left there. So with the public filters' options, written once
    per data version (core.widgets): every test's data version is the same, never bumped."""
    from django.core.cache import cache

    from core import widgets

    cache.clear()
    widgets._written.clear()


@pytest.fixture(autouse=True)
def default_language():
    """The test client's requests activate their language in this thread; start each test in
    Swedish, the portal's default, whatever the test before it asked for."""
    from django.utils import translation

    translation.activate("sv")
    yield
    translation.deactivate()


@dataclass
class S3Bucket:
    client: object
    name: str
    prefix: str

    def keys(self) -> list[str]:
        listing = self.client.list_objects_v2(Bucket=self.name)
        return sorted(item["Key"] for item in listing.get("Contents", []))


@pytest.fixture
def s3(settings) -> S3Bucket:
    """The media storage on the harness's S3 API (moto's server), in a bucket of its own."""
    import uuid

    import boto3

    from icld_portal.settings import s3_media_storage

    endpoint = os.environ.get("S3_TEST_ENDPOINT_URL")
    if not endpoint:  # never with CI=true: the harness fails the run instead
        pytest.skip("the S3 API (moto's server) is not running")
    region = "eu-north-1"
    client = boto3.client("s3", endpoint_url=endpoint, region_name=region)
    bucket = f"icld-test-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region})
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_media_storage(bucket, endpoint, region, prefix="media"),
    }
    return S3Bucket(client, bucket, "media")


@pytest.fixture(autouse=True)
def force_login_passes_the_second_factor(monkeypatch):
    """`client.force_login` stands for a whole login: an account with an authenticator app
    also typed its code, as allauth's login requires. Staff powers need that record in the
    session (core/mfa.py); a test of a session without it builds one by hand."""
    from allauth.account.internal.flows.login import (
        _AUTHENTICATION_METHODS_USER_SESSION_KEY,
        AUTHENTICATION_METHODS_SESSION_KEY,
    )
    from allauth.mfa.models import Authenticator
    from django.test import Client

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        if Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            session = self.session
            session[AUTHENTICATION_METHODS_SESSION_KEY] = [
                {"method": "password", "at": time.time()},
                {"method": "mfa", "at": time.time(), "type": "totp"},
            ]
            session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login)
