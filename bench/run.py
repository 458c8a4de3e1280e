"""`make bench`: the portal's speed, measured on this machine. Not part of the test run.

1. Starts a throwaway PostgreSQL (the test harness's), migrates, loads the reference data.
2. Times `seed_demo` with 20,000 partnerships (rows per second), the rendering of a
   participant form with 12 people (median of 10) and a reminder sweep over 10,000 drafts.
   Then the peak memory of the CSV and XLSX exports over every partnership (bench/exports.py).
3. Starts gunicorn (2 workers, persistent connections, the cache in Redis) on that database
   and loads every public page of issue 17 and the API with 8 keep-alive clients, warm (the
   cache kept) and cold (the cache flushed before each request): requests per second,
   latency (p50, p99), the ratio to a bare view (robots.txt) measured again just before each
   page (the machine is shared: a baseline taken once at the start compared later pages with
   another load), and whether each target (≥ 0.5 warm, ≥ 0.15 cold) is met. Any page that answers other than 200, or
   sets a cookie for an anonymous visitor, stops the bench.

Set BENCH_PARTNERSHIPS, BENCH_REMINDER_DRAFTS or BENCH_SECONDS to change the sizes or the time
per page.
"""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

import psycopg  # noqa: E402

from tests.harness import (  # noqa: E402
    _free_port,
    _stop_all,
    _wait_for_port,
    start_postgres,
    start_redis,
)

PARTNERSHIPS = int(os.environ.get("BENCH_PARTNERSHIPS", 20_000))
SECONDS = float(os.environ.get("BENCH_SECONDS", 5))
REMINDER_DRAFTS = int(os.environ.get("BENCH_REMINDER_DRAFTS", 10_000))
CLIENTS = 8
WARM_TARGET = 0.5
COLD_TARGET = 0.15

# The first partnership's pk and the cursor of the open-data API's last page.
FIND_ROWS = """
from partnerships import cursors
from partnerships.models import Partnership
from partnerships.selectors import record_rows
rows = record_rows(Partnership.objects.order_by("-start_year", "pk"))
count = rows.count()
print(Partnership.objects.order_by("pk").first().pk)
print(cursors.encode(rows[max(0, count - 51)], sort="-start_year"))
"""


def load(port: int, path: str, seconds: float, *, flush=None) -> tuple[int, list[float]]:
    """Keep-alive clients requesting `path` for `seconds`; every answer must be 200.

    `flush(client_number)`, when given, runs before each request (the cold runs clear the
    cache with it); only the request itself is timed, but the flush takes the client's time.
    """
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.monotonic() + seconds

    def client(number: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < deadline:  # a thread's error ends only that thread
            if flush:
                flush(number)
            start = time.perf_counter()
            # As a browser asks: a page kept gzipped goes out gzipped.
            connection.request(
                "GET", path, headers={"Host": "127.0.0.1", "Accept-Encoding": "gzip"}
            )
            response = connection.getresponse()
            response.read()
            latencies.append(time.perf_counter() - start)
            if response.status != 200:
                errors.append(f"{path} answered {response.status}")
                return
            if "Set-Cookie" in response.headers:
                errors.append(f"{path} set a cookie for an anonymous visitor")
                return
        connection.close()

    def guarded(number: int) -> None:
        try:
            client(number)
        except Exception as exc:
            errors.append(f"{path}: {exc}")

    threads = [threading.Thread(target=guarded, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise SystemExit(errors[0])
    return len(latencies), latencies


class CacheFlusher:
    """FLUSHDB on the cache's Redis database, one connection per client (RESP by hand: the
    bench needs no client library)."""

    def __init__(self, url: str) -> None:
        rest = url.split("//", 1)[1]
        address, self.db = rest.split("/", 1)
        self.host, port = address.split(":")
        self.port = int(port)
        self.sockets: dict[int, socket.socket] = {}

    def __call__(self, number: int) -> None:
        sock = self.sockets.get(number)
        if sock is None:
            sock = self.sockets[number] = socket.create_connection((self.host, self.port))
            self._command(sock, "SELECT", self.db)
        self._command(sock, "FLUSHDB")

    @staticmethod
    def _command(sock: socket.socket, *parts: str) -> None:
        payload = f"*{len(parts)}\r\n" + "".join(f"${len(p)}\r\n{p}\r\n" for p in parts)
        sock.sendall(payload.encode())
        reply = b""
        while not reply.endswith(b"\r\n"):
            reply += sock.recv(64)
        if not reply.startswith(b"+"):
            raise RuntimeError(reply.decode())


def measure(port: int, name: str, path: str, baseline: float | None, flush=None) -> float:
    load(port, path, 1, flush=flush)  # warm up connections (and, warm, the cache)
    count, latencies = load(port, path, SECONDS, flush=flush)
    rps = count / SECONDS
    latencies.sort()
    median = statistics.median(latencies) * 1000
    p99 = latencies[max(0, int(len(latencies) * 0.99) - 1)] * 1000
    ratio = rps / baseline if baseline else 1.0
    if baseline is None:
        verdict = "baseline"
    else:
        target = COLD_TARGET if flush else WARM_TARGET
        verdict = f"target ≥ {target}: " + ("met" if ratio >= target else "MISSED")
    print(
        f"  {name:<34} {'cold' if flush else 'warm'}  {rps:7.0f} req/s  p50 {median:6.1f} ms"
        f"  p99 {p99:6.1f} ms  {ratio:5.2f}× bare  {verdict}",
        flush=True,
    )
    return rps


def main() -> None:
    base = Path(tempfile.mkdtemp(prefix="icld-bench-"))
    (base / "postgres").mkdir()
    url = start_postgres(base / "postgres")
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
        connection.execute("CREATE DATABASE icld")
    env = os.environ | {
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECRET_KEY": "bench-" + "b" * 60,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "CONN_MAX_AGE": "600",
        "LOG_LEVEL": "WARNING",
        "API_RATE_LIMIT_PER_MINUTE": "1000000",
    }
    # The cache in Redis as in production (its own database, flushed by the cold runs); the
    # broker in memory: the bench sends nothing.
    (base / "redis").mkdir()
    cache_url = start_redis(base / "redis").rsplit("/", 1)[0] + "/1"
    env |= {"REDIS_URL": cache_url, "CELERY_BROKER_URL": "memory://localhost/"}
    manage = [sys.executable, "manage.py"]
    gunicorn = None
    try:
        for command in (["migrate"], ["load_reference_data"], ["collectstatic", "--noinput"]):
            subprocess.run(
                [*manage, *command, "-v0"], cwd=BASE_DIR, env=env, check=True,
                stdout=subprocess.DEVNULL,
            )  # fmt: skip
        subprocess.run(
            [sys.executable, "bench/seed.py", str(PARTNERSHIPS)], cwd=BASE_DIR, env=env, check=True
        )
        subprocess.run([sys.executable, "bench/pdf.py"], cwd=BASE_DIR, env=env, check=True)
        # Seeds its drafts, sweeps (e-mails queued in memory) and deletes what it made.
        subprocess.run(
            [sys.executable, "bench/reminders.py", str(REMINDER_DRAFTS)],
            cwd=BASE_DIR, env=env, check=True,
        )  # fmt: skip
        # The seed above rolled back; the pages need the data committed.
        subprocess.run(
            [*manage, "shell", "-c", f"from partnerships.demo import seed_demo; seed_demo(partnerships={PARTNERSHIPS})"],
            cwd=BASE_DIR, env=env, check=True,
        )  # fmt: skip
        subprocess.run([sys.executable, "bench/exports.py"], cwd=BASE_DIR, env=env, check=True)
        found = subprocess.run(
            [*manage, "shell", "-c", FIND_ROWS], cwd=BASE_DIR, env=env, check=True,
            capture_output=True, text=True,
        ).stdout.split()  # fmt: skip
        detail, deep_cursor = found[-2], found[-1]

        port = _free_port()
        gunicorn = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "icld_portal.wsgi", "--workers", "2",
             "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
             "--access-logfile", "/dev/null"],
            cwd=BASE_DIR, env=env,
        )  # fmt: skip
        _wait_for_port(port)
        pages = {
            "search, no filter": "/partnerskap/",
            "search q=Göteborg": "/partnerskap/?q=G%C3%B6teborg",
            "search q=vatten&country=KE": "/partnerskap/?q=vatten&country=KE",
            "fuzzy search q=Götebrog": "/partnerskap/?q=G%C3%B6tebrog",
            "one partnership": f"/partnerskap/{detail}/",
            "active by country": "/partnerskap/per-land/",
            "map data": "/partnerskap/karta/data/",
            "API first page": "/api/v1/partnerships",
            "API country=KE": "/api/v1/partnerships?country=KE",
            "API last page (cursor)": f"/api/v1/partnerships?cursor={deep_cursor}",
            "home": "/",
            "networks": "/natverk/",
            "rounds ICS feed": "/rounds.ics",
        }
        print(f"\ngunicorn, 2 workers, {CLIENTS} keep-alive clients, {SECONDS:.0f} s per page, "
              f"{PARTNERSHIPS} partnerships on PostgreSQL, cache in Redis; warm: cache kept, "
              "cold: cache flushed before each request")  # fmt: skip
        flush = CacheFlusher(cache_url)
        for name, path in pages.items():
            baseline = measure(port, "bare view (robots.txt)", "/robots.txt", None)
            measure(port, name, path, baseline)
            measure(port, name, path, baseline, flush=flush)
    finally:
        if gunicorn:
            gunicorn.terminate()
            gunicorn.wait()
        _stop_all()
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
