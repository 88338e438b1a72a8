"""Dashboard latency at corpus scale: home, targets, indicator and search p95 with 1,000,000 records.

Fills an empty database (SQLite by default, or --database-url, e.g. PostgreSQL) with the
bundled plan plus synthetic plans bulk-inserted up to --records (reusing benchmarks/web.py's
builder), serves the app on 127.0.0.1 (random free port) in a thread, and times sequential
requests per page. Goal (issue 13): p95 < 100 ms on every page with 1,000,000 records.
A reused database (--keep, or --database-url of a filled one) is migrated first: migration 0011
builds the character-pair search index and two record indexes (≈ 20–60 s at a million records),
0012 the indicator chart's covering index (≈ 10–15 s), 0013 the newest actuals' index (< 1 s).
--pages measures only some pages.
--corpus N fills the database instead by ingesting N documents of benchmarks/corpus.py's synthetic
corpus (real reports, names and years substituted; ≈ 154 records and 600 tasks a document, so
6,500 documents ≈ 1,000,000 records and 3,900,000 tasks) with `planwatch ingest`'s pipeline on
2 workers: every record and task then holds a real sentence, so the search index has the terms of
real plans at their real frequencies (the bulk-inserted rows all hold one synthetic sentence).
"CPU ms" is this process's CPU time per request (the server and the measuring client, after a first
request has compiled the page): steadier than the latencies on a shared machine (PostgreSQL's own work
is not in it).

    .venv/bin/python benchmarks/scale_web.py [--records 1000000] [--database-url URL] [--keep PATH]
        [--pages home,indicator] [--corpus 6500]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from web import build, filled, measure, serve  # noqa: E402  (benchmarks/web.py)


def main() -> None:
    """Build (or reuse with --keep), serve, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=100, help="Requests per page (at most).")
    parser.add_argument("--seconds", type=float, default=20.0, help="Time limit per page.")
    parser.add_argument("--database-url", default=None, help="Database to fill (default: a SQLite file).")
    parser.add_argument("--keep", type=Path, default=None, help="SQLite file to build once and reuse.")
    parser.add_argument("--corpus", type=int, default=0, help="Fill by ingesting this many synthetic documents of "
                        "real sentences (benchmarks/corpus.py) instead of bulk-inserting --records identical rows.")
    parser.add_argument("--pages", default="", help="Only these pages, comma-separated: home, targets, targets-json, "
                        "targets-filtered, indicator, search, search-2, search-common, search-terms (default: all).")
    args = parser.parse_args()
    import httpx

    from planwatch.store.db import connect
    from planwatch.store.schema import Record

    with tempfile.TemporaryDirectory(prefix="planwatch-scale-") as folder:
        url = args.database_url or f"sqlite:///{args.keep or Path(folder) / 'scale.db'}"
        engine = connect(url)
        t0 = time.perf_counter()
        with engine.connect() as conn:
            have = conn.execute(Record.__table__.select().limit(1)).first() is not None
        if have and (args.keep or args.database_url):
            facts = filled(engine)
            print(f"reusing {facts['records']:,} records ({engine.url.get_backend_name()})")
        elif args.corpus:
            facts = ingest_synthetic(engine, args.corpus, Path(folder))
        else:
            facts = build(engine, args.records)
            print(f"loaded {facts['records']:,} records in {time.perf_counter() - t0:.1f} s ({engine.url.get_backend_name()})")
        server, base = serve(engine)
        try:
            pages = {"home": "/", "targets": "/targets", "targets (json)": "/api/targets",
                     "targets, filtered": "/targets?kind=target&year=2010",
                     "indicator": f"/indicators/{facts['indicator']}",
                     "search": "/search?q=" + quote("新增学位"),  # a term of the real plan, not of every synthetic row
                     "search, 2 chars": "/search?q=" + quote("学位"),  # too short for trigrams: a LIKE scan
                     "search, common": "/search?q=" + quote("高质量发展"),  # in most reports, many times
                     "search, 2 terms": "/search?q=" + quote("学校 建设")}
            slugs = {name.replace(" (json)", "-json").replace(", filtered", "-filtered").replace(", 2 chars", "-2")
                     .replace(", common", "-common").replace(", 2 terms", "-terms"): name
                     for name in pages}
            wanted = {w.strip() for w in args.pages.split(",") if w.strip()}
            if unknown := wanted - set(slugs):
                parser.error(f"unknown pages {sorted(unknown)}: choose among {', '.join(slugs)}")
            print(f"{'page':<20}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'req/s':>10}{'CPU ms':>10}")
            for name, path in pages.items():
                if wanted and name not in {slugs[w] for w in wanted}:
                    continue
                httpx.get(base + path, timeout=30).raise_for_status()  # templates and statements compiled first
                cpu = time.process_time()
                r = measure(base, path, args.requests, args.seconds)
                cpu = (time.process_time() - cpu) / (r["n"] + 1) * 1000  # this process: server and client
                print(f"{name:<20}{r['n']:>6}{r['p50']:>10.1f}{r['p95']:>10.1f}{r['rps']:>10.1f}{cpu:>10.1f}",
                      flush=True)
        finally:
            server.should_exit = True
            engine.dispose()


def ingest_synthetic(engine: Any, documents: int, folder: Path) -> dict[str, int]:
    """Ingest `documents` synthetic documents of real sentences (benchmarks/corpus.py) on 2 workers."""
    from corpus import build_corpus  # benchmarks/corpus.py

    from planwatch.pipeline.local import ingest_corpus

    shared = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "full"
    build_corpus(shared, folder / "corpus", documents)
    started = time.perf_counter()
    tally = ingest_corpus(engine, [folder / "corpus"], workers=2)
    print(f"ingested {tally.done:,} synthetic documents in {time.perf_counter() - started:.0f} s")
    return filled(engine)


if __name__ == "__main__":
    main()
