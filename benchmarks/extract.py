"""Extraction speed and memory: the reference plan, repeated to >= 10 MB, on one core.

Prints characters and MB (UTF-8) per second, records per second, and peak memory
(resident set) before and after, to show that memory does not grow with the
number of documents processed.

    .venv/bin/python benchmarks/extract.py [--mb 10]
"""

from __future__ import annotations

import argparse
import resource
import time
from collections.abc import Callable

from planwatch.documents import bundled_plan_path, load
from planwatch.documents.normalize import normalize
from planwatch.extract import extract_quantities


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="how many MB of text to process")
    args = parser.parse_args()
    text = load(bundled_plan_path()).text
    size = len(text.encode("utf-8"))
    copies = max(1, int(args.mb * 1e6 / size) + 1)
    extract_quantities(text, doc="warm-up")
    rss_start = _rss_mb()
    records = chars = 0
    halfway_rss = 0.0
    started = time.perf_counter()
    for i in range(copies):
        records += len(extract_quantities(text, doc=f"copy-{i}"))
        chars += len(text)
        if i == copies // 2:
            halfway_rss = _rss_mb()
    elapsed = time.perf_counter() - started
    mb = copies * size / 1e6
    print(f"documents        {copies} x {size / 1e3:.1f} kB = {mb:.1f} MB ({chars:,} characters)")
    print(f"time             {elapsed:.2f} s on one core")
    print(f"throughput       {mb / elapsed:.2f} MB/s, {chars / elapsed:,.0f} characters/s")
    print(f"records          {records:,} ({records / elapsed:,.0f} records/s)")
    print(f"peak memory      {rss_start:.0f} MB after warm-up, {halfway_rss:.0f} MB halfway, {_rss_mb():.0f} MB at the end")
    block = text * 40  # the normaliser alone, about 4.5 MB of UTF-8 in one piece: best of three
    best = min(_timed(normalize, block) for _ in range(3))
    print(f"normalise        {len(block.encode('utf-8')) / 1e6 / best:.1f} MB/s (text mended before extraction)")


def _timed(function: Callable[[str], object], text: str) -> float:
    started = time.perf_counter()
    function(text)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
