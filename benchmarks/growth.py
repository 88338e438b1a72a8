"""How the ingest writer's cost grows with the database: one long run, block by block.

`benchmarks/corpus.py` ingests a sample into an empty database; a corpus of 56,000 documents is
stored into a database that is already large, where SQLite's indexes are deeper and FTS5 merges
bigger segments. This script ingests --documents of the same synthetic corpus (real reports,
names and years substituted, built at run time, not kept) in one run with `planwatch ingest`'s
pipeline and prints, for each block of about --block documents (a block ends at a commit):
documents/s; the CPU milliseconds a document of the writer's thread, which with workers stores
and also receives and unpacks their analyses (≈ 2–3 ms; the first block also holds the warm-up
before forking); the pairs of plans follow-up matched a document (each document is matched against
the same government's documents of the year before and after: 2 a document in a corpus of a work
report and a plan a year, more where a corpus repeats a government's years, as this one did until
2026-12-05); and the SQL statements that cost it most (client CPU a document, timed by SQLAlchemy's
cursor events, a few µs a statement more; PostgreSQL's COPY is not seen). The last lines compare the
first block with the last.

    .venv/bin/python benchmarks/growth.py [--documents 3000] [--block 256] [--workers 2]
        [--database-url URL] [--top 6]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import build_corpus, cold_extract  # noqa: E402  (benchmarks/corpus.py)
from writer import time_statements  # noqa: E402  (benchmarks/writer.py)


def main() -> None:
    """Build the corpus, ingest it in one run, print block by block."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=3000, help="Documents ingested, in one run.")
    parser.add_argument("--block", type=int, default=256, help="Documents a block of figures (a block ends at "
                        "the first commit after that many documents were stored).")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch", type=int, default=64, help="Documents per transaction (as ingest --batch).")
    parser.add_argument("--database-url", default=None, help="Database to fill (default: a fresh SQLite file). On "
                        "PostgreSQL the SQL columns miss COPY and the server's own work: they are client CPU.")
    parser.add_argument("--top", type=int, default=6, help="SQL statements shown (the costliest in the last block).")
    parser.add_argument("--sources", type=Path, default=ROOT.parent / "shared" / "corpus" / "full")
    args = parser.parse_args()
    from sqlalchemy import event

    import planwatch.pipeline.stages as stages
    from planwatch.pipeline import ingest_corpus
    from planwatch.store.db import connect

    with tempfile.TemporaryDirectory(prefix="planwatch-growth-") as tmp:
        folder = Path(tmp) / "corpus"
        started = time.perf_counter()
        _, size = build_corpus(args.sources, folder, args.documents)
        print(f"synthetic corpus: {args.documents:,} documents, {size / 1e6:.0f} MB, built in "
              f"{time.perf_counter() - started:.0f} s from {args.sources}")
        engine = connect(args.database_url or f"sqlite:///{tmp}/growth.db")
        blocks: list[dict[str, Any]] = []
        block: dict[str, Any] = {"sql": Counter()}
        time_statements(engine, lambda: block["sql"])
        pairings_for_plan = stages.pairings_for_plan

        def counting_pairings(*args: Any, **kwargs: Any) -> Any:  # the pairs of plans a document is matched in
            found = pairings_for_plan(*args, **kwargs)
            block["pairs"] = block.get("pairs", 0) + len(found)
            return found

        stages.pairings_for_plan = counting_pairings  # store_analysis looks it up in its module at each call

        stored = 0
        last = (time.perf_counter(), time.thread_time(), 0)

        def counted(_outcome: object) -> None:  # the writer's thread, as it stores each document
            nonlocal stored
            stored += 1

        @event.listens_for(engine, "commit")
        def _committed(conn: Any) -> None:  # a batch (its search-index fill included) is written: maybe end a block
            nonlocal block, last
            if stored - last[2] >= args.block:
                now = (time.perf_counter(), time.thread_time(), stored)
                block.update(seconds=now[0] - last[0], writer=now[1] - last[1], documents=now[2] - last[2], upto=stored)
                blocks.append(block)
                print(f"  {stored:>9,} documents  {block['documents'] / block['seconds']:5.1f} docs/s  writer "
                      f"{1000 * block['writer'] / block['documents']:5.1f} ms a document  "
                      f"({now[0] - started:.0f} s)", file=sys.stderr, flush=True)  # a long run shows progress
                last, block = now, {"sql": Counter()}

        started = time.perf_counter()
        try:
            tally = ingest_corpus(engine, [folder], workers=args.workers, batch_size=args.batch, on_stored=counted,
                                  extract=cold_extract)
        finally:
            engine.dispose()
        seconds = time.perf_counter() - started
        if stored > last[2]:  # the last, shorter block
            blocks.append({**block, "seconds": seconds - (last[0] - started), "writer": time.thread_time() - last[1],
                           "documents": stored - last[2], "upto": stored})
    print(f"{tally.done:,} documents in {seconds:.0f} s: {tally.done / seconds:.2f} documents/s over the run, "
          f"{args.workers} worker(s), batch {args.batch}; extraction's caches cold (corpus.cold_extract)\n")
    if not blocks:
        return
    top = [sql for sql, _ in blocks[-1]["sql"].most_common(args.top)]
    print(f"{'documents':>11}{'docs/s':>8}{'writer ms':>10}{'pairs':>7}  " + "  ".join(f"[{i + 1}]" for i in range(len(top))))
    for b in blocks:
        n_docs = b["documents"]
        cells = "  ".join(f"{1000 * b['sql'][sql] / n_docs:5.1f}" for sql in top)
        print(f"{b['upto']:>11,}{n_docs / b['seconds']:>8.1f}{1000 * b['writer'] / n_docs:>10.1f}"
              f"{b.get('pairs', 0) / n_docs:>7.2f}  {cells}")
    print("\npairs: pairs of plans follow-up matched a document; SQL CPU ms a document, by statement:")
    for i, sql in enumerate(top):
        print(f"  [{i + 1}] {sql}")
    first, final = blocks[0], blocks[-1]
    print(f"\nthe writer's thread: {1000 * first['writer'] / first['documents']:.1f} CPU ms a document in the first block, "
          f"{1000 * final['writer'] / final['documents']:.1f} in the last")


if __name__ == "__main__":
    main()
