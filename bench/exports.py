"""Peak memory of the exports over every partnership (20,000 in `make bench`): the open-data
CSV as the API streams it, and a staff export's CSV and XLSX writers fed the same rows.

Measured with tracemalloc (Python's allocations, peak over the export, less what was held
before it), in a process of its own. Run alone with `python bench/exports.py`.
"""

import os
import sys
import tempfile
import time
import tracemalloc
from functools import partial
from pathlib import Path

LIMIT_MB = 20


def measure(name: str, run) -> None:
    tracemalloc.start()
    before, _ = tracemalloc.get_traced_memory()
    start = time.perf_counter()
    rows = run()
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    growth = (peak - before) / 1e6
    mark = "met" if growth <= LIMIT_MB else "MISSED"
    print(
        f"export {name:<22} {rows:6d} rows  {elapsed:5.1f} s  peak memory growth "
        f"{growth:5.1f} MB  (target ≤ {LIMIT_MB} MB: {mark})"
    )


def bench_exports() -> None:
    from django.test import RequestFactory

    from core.csv import stream_csv
    from exports.exporters import Table
    from exports.writers import write_csv, write_xlsx
    from partnerships.api import CSV_HEADER, DetailUrls, csv_row, csv_rows, partnership_item
    from partnerships.models import Partnership
    from partnerships.selectors import records

    request = RequestFactory().get("/api/v1/partnerships.csv", HTTP_HOST="127.0.0.1")
    queryset = Partnership.objects.order_by("-start_year", "pk")

    def open_data_csv() -> int:
        response = stream_csv(CSV_HEADER, csv_rows(request, queryset), filename="bench.csv")
        return sum(chunk.count(b"\n") for chunk in response.streaming_content) - 1

    def table() -> Table:
        url = DetailUrls(request)
        rows = (
            [str(cell) for cell in csv_row(partnership_item(url, record))]
            for record in records(queryset, chunk_size=2000)
        )
        return Table(headers=CSV_HEADER, total=queryset.count(), rows=rows)

    def staff(writer, suffix: str):
        def run() -> int:
            with tempfile.TemporaryDirectory() as folder:
                written = [0]
                writer(table(), Path(folder) / f"export.{suffix}", partial(written.__setitem__, 0))
                return written[0]

        return run

    # Warm up what any process loads once (URL patterns, catalogues, connections): not growth.
    for _row in csv_rows(request, queryset[:10]):
        pass
    measure("open-data CSV (API)", open_data_csv)
    measure("staff CSV writer", staff(write_csv, "csv"))
    measure("staff XLSX writer", staff(write_xlsx, "xlsx"))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "icld_portal.settings")
    import django

    django.setup()
    bench_exports()
