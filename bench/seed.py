"""How fast `seed_demo` writes: `bench_seed(n)` seeds n partnerships on the configured database.

The seeding runs in a transaction that is rolled back, so a developer's database keeps its data
(an existing demo does not stop the measurement either: it appends, then rolls back).
Run alone with `python bench/seed.py [N]`; `bench/run.py` calls `bench_seed`.
"""

import os
import sys
import time
from pathlib import Path


def bench_seed(n: int) -> None:
    from django.db import transaction

    from partnerships.demo import seed_demo
    from partnerships.reference_data import load_reference_data

    load_reference_data()  # committed and not timed: every installation has it
    with transaction.atomic():
        start = time.perf_counter()
        added = seed_demo(partnerships=n, seed=1, append=True)
        elapsed = time.perf_counter() - start
        transaction.set_rollback(True)
    rows = sum(added.values())
    print(f"seed_demo {n} partnerships: {elapsed:.1f} s ({rows / elapsed:.0f} rows/s)")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "icld_portal.settings")
    import django

    django.setup()
    bench_seed(int(sys.argv[1]) if len(sys.argv) > 1 else 20_000)
