"""CPU of the one writer of a bulk ingest, part by part (issue 13): where `store_analysis` spends its time.

The documents are analysed first (outside the measurement), then stored by a `BatchWriter`
(one transaction per batch, a savepoint per document) into a fresh database, as
`planwatch ingest` stores them. Printed, in CPU milliseconds per document (the least of
--reps runs, each into a fresh database, memo caches emptied before each run):

- the writer in all (`time.process_time` around the `BatchWriter`);
- its parts: the search index filled at the end of a batch (SQLite), the plan with its
  records (`store_plan`), the indicator registry, the tasks (`store_plan_tasks`), follow-up:
  reading each plan's pairings with its neighbours, matching (`monitor.followup.match`, pure;
  here in the writer's process, as with 1 worker: `pipeline.matching.InlineMatcher`) and storing the
  proposals, and what is left (the writer's own work, savepoints, commits);
- with --sql, the CPU of each kind of SQL statement (time spent inside the driver).

The garbage collector runs as `planwatch ingest` runs it in the writer's process (`pipeline.collector.paused`:
a pass at each batch's end), so a collection of the analysed documents does not land in one part or another
by chance.

    .venv/bin/python benchmarks/writer.py                          # the 23 reports of ../shared/corpus/full, SQLite
    .venv/bin/python benchmarks/writer.py --postgres URL           # into a new database on that server
    .venv/bin/python benchmarks/writer.py --synthetic 64 --sql     # 64 documents of benchmarks/corpus.py's corpus

The machine's other load inflates CPU time too; compare runs taken side by side.
"""

from __future__ import annotations

import argparse
import gc
import re
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, MutableMapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

PARTS: dict[str, float] = defaultdict(float)
STATEMENTS: dict[str, float] = defaultdict(float)  # --sql: CPU per kind of statement
_STACK: list[float] = []


def timed(label: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """`function`, its own CPU time (without that of other timed functions it calls) added to PARTS[label]."""

    def run(*args: Any, **kwargs: Any) -> Any:
        started = time.process_time()
        _STACK.append(0.0)
        try:
            return function(*args, **kwargs)
        finally:
            spent = time.process_time() - started
            PARTS[label] += spent - _STACK.pop()
            if _STACK:
                _STACK[-1] += spent

    return run


def time_statements(engine: Any, into: Callable[[], MutableMapping[str, float]]) -> None:
    """Add the CPU of each SQL statement `engine` runs (this thread's, inside the driver) to `into()`, keyed by
    its kind: its first 90 characters, spaces squeezed (also benchmarks/growth.py's)."""
    from sqlalchemy import event

    @event.listens_for(engine, "before_cursor_execute")
    def before(conn: Any, _cursor: Any, _statement: str, *_rest: Any) -> None:
        conn.info["bench.started"] = time.thread_time()

    @event.listens_for(engine, "after_cursor_execute")
    def after(conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        started = conn.info.pop("bench.started", None)
        if started is not None:
            into()[re.sub(r"\s+", " ", statement)[:90]] += time.thread_time() - started


def instrument() -> None:
    """Wrap the writer's parts with `timed`."""
    import planwatch.monitor.followup as followup
    import planwatch.pipeline.stages as stages
    import planwatch.pipeline.writer as writer
    import planwatch.store.bulk as bulk
    import planwatch.store.indicators as indicators
    import planwatch.store.ingest as ingest

    stages.store_plan = timed("plan, sections, records, actuals", stages.store_plan)
    stages.store_plan_tasks = timed("tasks", stages.store_plan_tasks)
    stages.pairings_for_plan = timed("follow-up: reading pairings", stages.pairings_for_plan)
    followup.match = timed("follow-up: matching (pure)", followup.match)
    writer.store_matches = timed("follow-up: storing proposals", writer.store_matches)
    bulk._fill = timed("search index (SQLite)", bulk._fill)
    ingest.resolver_for = timed("indicator registry", ingest.resolver_for)
    indicators.Resolver.resolve_all = timed("indicator registry", indicators.Resolver.resolve_all)


def documents(synthetic: int) -> list[Any]:
    """The analysed documents: the real reports, or the first `synthetic` of benchmarks/corpus.py's corpus."""
    from planwatch.pipeline.stages import analyse, read

    shared = ROOT.parent / "shared" / "corpus" / "full"
    if synthetic:
        import corpus

        folder = Path(tempfile.mkdtemp()) / "corpus"
        corpus.build_corpus(shared, folder, synthetic)
        paths = sorted(folder.rglob("*.txt"))
    else:
        paths = sorted(shared.glob("*.txt"))
    return [analyse(read(path)) for path in paths]


def database(postgres: str | None) -> tuple[str, Callable[[], None]]:
    """A fresh database URL and a function that drops it."""
    if not postgres:
        return "sqlite:///" + tempfile.mkdtemp() + "/writer.db", lambda: None
    from scratch_db import postgres_database

    return postgres_database(postgres, "pw_writer_bench")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres", help="a PostgreSQL server URL where we may CREATE DATABASE (default: SQLite)")
    parser.add_argument("--synthetic", type=int, default=0, help="this many synthetic documents instead of the reports")
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--sql", action="store_true", help="CPU per kind of SQL statement")
    args = parser.parse_args()

    from planwatch.pipeline.caches import clear_text_caches
    from planwatch.pipeline.collector import paused
    from planwatch.pipeline.writer import BatchWriter
    from planwatch.store.db import connect

    docs = documents(args.synthetic)
    instrument()
    best: tuple[float, dict[str, float], dict[str, float]] | None = None
    for _rep in range(args.reps):
        PARTS.clear()
        STATEMENTS.clear()
        clear_text_caches()
        url, drop = database(args.postgres)
        engine = connect(url)
        if args.sql:
            time_statements(engine, lambda: STATEMENTS)

        gc.collect()  # each run starts with an empty young generation
        started = time.process_time()
        with paused(), BatchWriter(engine, batch_size=args.batch) as writer:  # the collector as `planwatch ingest` runs it
            for doc in docs:
                writer.add(doc)
        spent = time.process_time() - started
        engine.dispose()
        drop()
        if writer.tally.failures:
            raise SystemExit(f"failures: {[f.line() for f in writer.tally.failures][:3]}")
        if best is None or spent < best[0]:
            best = (spent, dict(PARTS), dict(STATEMENTS))
    assert best is not None
    spent, parts, statements = best
    n = len(docs)
    where = "PostgreSQL (client side)" if args.postgres else "SQLite"
    print(f"{where}: {n} documents, batches of {args.batch}; writer CPU (least of {args.reps} runs): "
          f"{spent / n * 1000:.1f} ms per document")
    for label, value in sorted(parts.items(), key=lambda kv: -kv[1]):
        print(f"  {label:36s} {value / n * 1000:7.1f} ms")
    print(f"  {'the rest (writer, savepoints, commits)':36s} {(spent - sum(parts.values())) / n * 1000:7.1f} ms")
    for statement, value in sorted(statements.items(), key=lambda kv: -kv[1])[:20]:
        print(f"    sql {value / n * 1000:6.1f}  {statement}")


if __name__ == "__main__":
    main()
