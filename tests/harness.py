"""The test run's own services: a throwaway PostgreSQL, Redis and S3 API on loopback.

Loaded as a pytest plugin (`-p tests.harness` in pyproject.toml) so that it starts the servers
and sets DATABASE_URL, REDIS_URL and S3_TEST_ENDPOINT_URL before pytest-django reads the settings. Both servers live
in a temporary folder and are gone when the run ends.

With CI=true a missing server or browser fails the run with the package to install; without
CI the run goes on with a warning (SQLite instead of PostgreSQL; Redis and browser tests
skipped). TEST_DATABASE=sqlite runs on SQLite on purpose.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import pytest

CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

# What the run found missing, by service; tests that need one are skipped (never in CI).
missing: dict[str, str] = {}
_cleanups: list = []


class ServiceError(RuntimeError):
    pass


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_port(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise ServiceError(f"nothing answered on port {port} after {timeout} s")


def _postgres_bindir() -> Path | None:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[4])
    )
    if found:
        return Path(found[-1]).parent
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).resolve().parent if pg_ctl else None


def start_postgres(base: Path) -> str:
    """Start a PostgreSQL cluster in `base` and return its URL.

    PostgreSQL refuses to run as root; as root the cluster belongs to the `postgres` user that
    Debian's package creates.
    """
    bindir = _postgres_bindir()
    if bindir is None:
        raise ServiceError("PostgreSQL server not found (Debian package: postgresql)")
    as_user: list[str] = []
    if os.geteuid() == 0:
        as_user = ["runuser", "-u", "postgres", "--"]
        shutil.chown(base, user="postgres")
        base.parent.chmod(0o711)  # let the postgres user reach its folder
    data, log = base / "data", base / "postgres.log"
    port = _free_port()
    subprocess.run(
        [
            *as_user,
            bindir / "initdb",
            "-D",
            data,
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        ],
        check=True,
        capture_output=True,
    )
    options = (
        f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
    )
    subprocess.run(
        [*as_user, bindir / "pg_ctl", "-D", data, "-l", log, "-o", options, "-w", "start"],
        check=True,
        capture_output=True,
    )
    _cleanups.append(
        lambda: subprocess.run(
            [*as_user, bindir / "pg_ctl", "-D", data, "-m", "immediate", "stop"],
            capture_output=True,
            check=False,
        )
    )
    return f"postgres://postgres@127.0.0.1:{port}/icld"


class RedisServer:
    """A throwaway redis-server on loopback that a test may stop, start, pause and resume."""

    def __init__(self, base: Path) -> None:
        self.executable = shutil.which("redis-server")
        if self.executable is None:
            raise ServiceError("redis-server not found (Debian package: redis-server)")
        self.base, self.port = base, _free_port()
        self.proc: subprocess.Popen | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def start(self) -> RedisServer:
        self.proc = subprocess.Popen(
            [
                self.executable,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.base),
                "--loglevel",
                "warning",
            ],
            stdout=subprocess.DEVNULL,
        )
        _wait_for_port(self.port)
        return self

    def stop(self) -> None:
        """Gone: connections are refused."""
        if self.proc is not None:
            self.resume()
            self.proc.kill()
            self.proc.wait()
            self.proc = None

    def pause(self) -> None:
        """Hung (SIGSTOP): connections are accepted by the kernel and never answered."""
        self.proc.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        if self.proc is not None:
            self.proc.send_signal(signal.SIGCONT)


def start_redis(base: Path) -> str:
    server = RedisServer(base).start()
    _cleanups.append(server.stop)
    return server.url()


def start_s3(base: Path) -> str:
    """moto's server: a real S3 API over HTTP, for the tests of media on S3 (fixture `s3`)."""
    try:
        import moto.server  # noqa: F401
    except ImportError as exc:
        raise ServiceError("moto's server not installed (pip: moto[server])") from exc
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=(base / "moto.log").open("wb"),
    )
    _cleanups.append(proc.terminate)
    _wait_for_port(port)
    return f"http://127.0.0.1:{port}"


def _report_missing(service: str, message: str) -> None:
    if CI:
        raise pytest.UsageError(f"CI=true and {message}. Install it: `make test` does so.")
    missing[service] = message
    warnings.warn(f"{message}: tests that need it are skipped", stacklevel=1)


# The process id of the run that started the servers, for its xdist workers to find.
CONTROLLER = "ICLD_TEST_SERVERS_OF"


def _xdist_worker() -> str | None:
    """The id of this xdist worker ("gw0"), if it is one of the run that started the servers.

    xdist sets PYTEST_XDIST_WORKER before a worker reads its configuration (its `workerinput`
    comes only after this plugin has run). A pytest that a test starts in a process of its own
    (tests/security/test_fuzz.py on SQLite) inherits the variable, but its parent is the worker,
    not the run: it starts servers of its own."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker and os.environ.get(CONTROLLER) == str(os.getppid()):
        return worker
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config, parser, args) -> None:
    if worker := _xdist_worker():
        # xdist workers inherit the controller's servers and give each worker its own part of
        # them: pytest-django a database per worker, and here two Redis databases (broker and
        # cache, so that one worker's cache.clear() or Celery worker never meets another's)
        # and folders for media and mail. (Until stop 28 each worker started servers of its
        # own: `workerinput` is not there yet when this runs.)
        _isolate_worker(worker)
        for service, variable in (("redis", "REDIS_URL"), ("s3", "S3_TEST_ENDPOINT_URL")):
            if variable not in os.environ:  # the controller warned, or failed with CI=true
                missing[service] = f"the run has no {service} server"
        if not Path(CHROMIUM).exists():
            missing["chromium"] = f"{CHROMIUM} not found (Debian package: chromium)"
        return
    os.environ[CONTROLLER] = str(os.getpid())
    base = Path(tempfile.mkdtemp(prefix="icld-test-"))
    _cleanups.append(lambda: shutil.rmtree(base, ignore_errors=True))
    atexit.register(_stop_all)
    os.environ["DEBUG"] = "true"
    os.environ.setdefault("SECRET_KEY", "test-" + "k" * 60)
    # Playwright's sync API keeps an event loop running in the test thread.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    os.environ["MEDIA_ROOT"] = str(base / "media")
    os.environ["EMAIL_FILE_PATH"] = str(base / "mail")
    # moto's server takes any key; the tests never reach a real S3.
    os.environ["AWS_ACCESS_KEY_ID"] = "test-key"
    os.environ["AWS_SECRET_ACCESS_KEY"] = "test-secret"
    os.environ.pop("AWS_SESSION_TOKEN", None)
    variables = {"postgres": "DATABASE_URL", "redis": "REDIS_URL", "s3": "S3_TEST_ENDPOINT_URL"}
    services = (("postgres", start_postgres), ("redis", start_redis), ("s3", start_s3))
    if os.environ.get("TEST_DATABASE") == "sqlite":
        # The embedded database of `make run`: tests/security/test_fuzz.py runs itself once
        # more on it, because SQLite fails on other inputs than PostgreSQL (huge integers).
        services = services[1:]
        os.environ.pop("DATABASE_URL", None)
    for name, start in services:
        folder = base / name
        folder.mkdir()
        try:
            url = start(folder)
        except subprocess.CalledProcessError as exc:
            raise pytest.UsageError(f"{name} did not start: {exc}\n{exc.stderr.decode()}") from exc
        except ServiceError as exc:
            _report_missing(name, str(exc))
            continue
        os.environ[variables[name]] = url
    if not Path(CHROMIUM).exists():
        _report_missing("chromium", f"{CHROMIUM} not found (Debian package: chromium)")


def _isolate_worker(worker: str) -> None:
    number = int(worker.removeprefix("gw"))
    if redis_url := os.environ.get("REDIS_URL"):
        server = redis_url.rsplit("/", 1)[0]
        os.environ["REDIS_URL"] = f"{server}/{2 * number + 2}"
        os.environ["CACHE_URL"] = f"{server}/{2 * number + 3}"
    for variable in ("MEDIA_ROOT", "EMAIL_FILE_PATH"):
        os.environ[variable] = f"{os.environ[variable]}-{worker}"


def _stop_all() -> None:
    while _cleanups:
        _cleanups.pop()()


def pytest_unconfigure(config) -> None:
    _stop_all()


def pytest_collection_modifyitems(config, items) -> None:
    needs = {"e2e": "chromium", "redis": "redis", "s3": "s3"}
    for item in items:
        for marker, service in needs.items():
            if item.get_closest_marker(marker) and service in missing:
                item.add_marker(pytest.mark.skip(reason=missing[service]))
