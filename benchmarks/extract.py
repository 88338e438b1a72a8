"""Extraction speed and memory: the reference plan, repeated to >= 10 MB, on one core.

Prints characters and MB (UTF-8) per second, records per second, and peak memory
(resident set) before and after, to show that memory does not grow with the
number of documents processed.

    .venv/bin/python benchmarks/extract.py [--mb 10]
    .venv/bin/python benchmarks/extract.py --corpus ../shared/corpus/full

With --corpus: CPU milliseconds per document of the pure stages an ingest runs on each
plan before its tasks — describe (store.ingest.describe_document), quantities
(extract_quantities) and the outline the writer stores — each document read once, as an
ingest reads it (CPU time: the machine may be shared).
"""

from __future__ import annotations

import argparse
import resource
import time
from collections.abc import Callable
from pathlib import Path

from planwatch.documents import Document, bundled_plan_path, load
from planwatch.documents.normalize import normalize
from planwatch.extract import extract_quantities


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="how many MB of text to process")
    parser.add_argument("--corpus", type=Path, help="a folder of real plans: CPU ms per document instead")
    args = parser.parse_args()
    if args.corpus:
        per_document(args.corpus)
        return
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


def per_document(folder: Path) -> None:
    """CPU ms per document of describe, quantities and outline over the plans in `folder`."""
    from planwatch.documents.outline import build_outline
    from planwatch.store.ingest import describe_document

    documents = [load(path) for path in sorted(folder.glob("*.txt"))]
    if not documents:
        raise SystemExit(f"{folder}: no .txt plans")
    seed = load(bundled_plan_path())
    describe_document(seed, "某区", 2019)  # warm up: imports and compiled patterns
    extract_quantities(seed.text, doc="warm-up")
    spent = {"describe": 0.0, "quantities": 0.0, "outline": 0.0}
    stages: tuple[tuple[str, Callable[[Document], object]], ...] = (
        ("describe", lambda d: describe_document(d, "某市", 2020)),
        ("quantities", lambda d: extract_quantities(d.text, doc=d.name)),
        ("outline", lambda d: build_outline(d.text)),  # the writer's (cached once built)
    )
    for document in documents:
        for stage, work in stages:
            started = time.process_time()
            work(document)
            spent[stage] += time.process_time() - started
    n = len(documents)
    size = sum(len(d.text) for d in documents) / n
    print(f"documents        {n} (average {size:,.0f} characters)")
    for stage, seconds in spent.items():
        print(f"{stage:16} {seconds / n * 1000:6.1f} ms CPU per document")
    print(f"{'together':16} {sum(spent.values()) / n * 1000:6.1f} ms CPU per document")


def _timed(function: Callable[[str], object], text: str) -> float:
    started = time.perf_counter()
    function(text)
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
