"""`make bench`: the portal's speed, measured on this machine. Not part of the test run.

1. Starts a throwaway PostgreSQL (the test harness's), migrates, loads the reference data.
2. Times `seed_demo` with 20,000 partnerships (rows per second), the rendering of a
   participant form with 12 people (median of 10) and a reminder sweep over 10,000 drafts.
3. Starts gunicorn (2 workers, persistent connections) on that database and loads the public
   search page, the API, a detail page and a minimal view (robots.txt) with a few
   concurrent keep-alive clients: requests per second and latency (median, p95), and each
   page's throughput as a ratio of the minimal view's.

Set BENCH_PARTNERSHIPS, BENCH_REMINDER_DRAFTS or BENCH_SECONDS to change the sizes or the time
per page.
"""

from __future__ import annotations

import http.client
import os
import shutil
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

from tests.harness import _free_port, _stop_all, _wait_for_port, start_postgres  # noqa: E402

PARTNERSHIPS = int(os.environ.get("BENCH_PARTNERSHIPS", 20_000))
SECONDS = float(os.environ.get("BENCH_SECONDS", 5))
REMINDER_DRAFTS = int(os.environ.get("BENCH_REMINDER_DRAFTS", 10_000))
CLIENTS = 4


def load(port: int, path: str, seconds: float) -> tuple[int, list[float]]:
    """Keep-alive clients requesting `path` for `seconds`; every answer must be 200."""
    latencies: list[float] = []
    errors: list[str] = []
    deadline = time.monotonic() + seconds

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < deadline:  # a thread's error ends only that thread
            start = time.perf_counter()
            connection.request("GET", path, headers={"Host": "127.0.0.1"})
            response = connection.getresponse()
            response.read()
            latencies.append(time.perf_counter() - start)
            if response.status != 200:
                errors.append(f"{path} answered {response.status}")
                return
        connection.close()

    def guarded() -> None:
        try:
            client()
        except Exception as exc:
            errors.append(f"{path}: {exc}")

    threads = [threading.Thread(target=guarded) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise SystemExit(errors[0])
    return len(latencies), latencies


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
    env.pop("REDIS_URL", None)
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
        detail = subprocess.run(
            [*manage, "shell", "-c", "from partnerships.models import Partnership; print(Partnership.objects.order_by('pk').first().pk)"],
            cwd=BASE_DIR, env=env, check=True, capture_output=True, text=True,
        ).stdout.split()[-1]  # fmt: skip

        port = _free_port()
        gunicorn = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "icld_portal.wsgi", "--workers", "2",
             "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
             "--access-logfile", "/dev/null"],
            cwd=BASE_DIR, env=env,
        )  # fmt: skip
        _wait_for_port(port)
        pages = {
            "minimal view (robots.txt)": "/robots.txt",
            "search page (Göteborg, Kenya)": "/partnerskap/?q=g%C3%B6teborg&country=KE",
            "search page (all, page 40)": "/partnerskap/?page=40",
            "API (cluster=east_africa)": "/api/v1/partnerships?cluster=east_africa",
            "partnership detail": f"/partnerskap/{detail}/",
        }
        print(f"\ngunicorn, 2 workers, {CLIENTS} keep-alive clients, {SECONDS:.0f} s per page, "
              f"{PARTNERSHIPS} partnerships on PostgreSQL")  # fmt: skip
        baseline = None
        for name, path in pages.items():
            load(port, path, 1)  # warm up connections and caches
            count, latencies = load(port, path, SECONDS)
            rps = count / SECONDS
            baseline = baseline or rps
            latencies.sort()
            median = statistics.median(latencies) * 1000
            p95 = latencies[int(len(latencies) * 0.95) - 1] * 1000
            print(
                f"  {name:<32} {rps:8.0f} req/s  median {median:6.1f} ms  p95 {p95:6.1f} ms"
                f"  {rps / baseline:6.2f}× minimal"
            )
    finally:
        if gunicorn:
            gunicorn.terminate()
            gunicorn.wait()
        _stop_all()
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
