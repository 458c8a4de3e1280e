"""`make bench`: what the portal can measure about its speed so far.

Prints one line per measurement. Runs against the configured database (SQLite by default,
DATABASE_URL for PostgreSQL); not part of the test run.
"""

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "icld_portal.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    fn()  # warm up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def report(name: str, times: list[float]) -> None:
    times = sorted(times)
    median = statistics.median(times) * 1000
    p95 = times[int(len(times) * 0.95) - 1] * 1000
    print(f"{name:<40} median {median:7.2f} ms   p95 {p95:7.2f} ms   {1000 / median:8.0f} req/s")


def main() -> None:
    call_command("migrate", verbosity=0)
    client = Client(HTTP_HOST="127.0.0.1")

    def get(path: str) -> None:
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}; nothing measured")

    for name, path in [("home page (in-process)", "/"), ("healthz (in-process)", "/healthz")]:
        report(name, timed(lambda path=path: get(path), repeat=300))


if __name__ == "__main__":
    main()
