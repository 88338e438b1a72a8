"""Assess every target of a large database, streamed (`iter_assessment_rows`): rows/s and peak memory.

    .venv/bin/python benchmarks/scale_assess.py DATABASE_URL [--chunk 100] [--workers 1] [--one-shot]

Use the database benchmarks/scale_web.py builds (--keep /tmp/scale.db: 1,000,000 records).
--workers N assesses the chunks in N processes (the CPU seconds printed are this process's only).
--one-shot runs `assessment_rows` (everything in memory at once) instead, for comparison.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def main() -> None:
    """Assess, count, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--chunk", type=int, default=100, help="Governments per chunk.")
    parser.add_argument("--workers", type=int, default=1, help="Processes assessing chunks.")
    parser.add_argument("--one-shot", action="store_true")
    args = parser.parse_args()
    from planwatch.monitor.service import assessment_rows, iter_assessment_rows
    from planwatch.store.db import connect

    engine = connect(args.url)
    start, cpu = time.perf_counter(), time.process_time()
    rows = assessment_rows(engine) if args.one_shot else iter_assessment_rows(engine, chunk=args.chunk,
                                                                                      workers=args.workers)
    counted: dict[str, int] = {}
    for row in rows:
        counted[row.status] = counted.get(row.status, 0) + 1
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    total = sum(counted.values())
    print(f"{'one-shot' if args.one_shot else f'streamed ({args.chunk} governments a chunk, {args.workers} workers)'}: "
          f"{total:,} rows in "
          f"{seconds:.1f} s ({total / seconds:,.0f} rows/s, {seconds / total * 1e6:.1f} µs a row; {cpu:.1f} CPU s in "
          f"this process), peak memory "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB; {counted}")


if __name__ == "__main__":
    main()
