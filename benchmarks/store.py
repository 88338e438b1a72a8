"""Benchmark the store: ingest throughput (plans/s, records/s) and `assess` time for 100,000 targets.

    .venv/bin/python benchmarks/store.py                       # SQLite in a temporary folder
    .venv/bin/python benchmarks/store.py --pg postgresql+psycopg://user:pw@localhost/postgres

With --pg (or PLANWATCH_TEST_DATABASE_URL) a temporary PostgreSQL database is created
on that server, measured, and dropped. Extraction is not measured: plans carry
synthetic records so the figures are the store's own.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import Engine, create_engine, insert, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from planwatch.documents import Document  # noqa: E402
from planwatch.extract.records import Quantity  # noqa: E402
from planwatch.monitor.service import assess_targets  # noqa: E402
from planwatch.pipeline import ingest_document  # noqa: E402
from planwatch.store.db import connect, transaction  # noqa: E402
from planwatch.store.indicators import bundled_table, seed  # noqa: E402
from planwatch.store.schema import Actual, Government, Plan, Record  # noqa: E402

INDICATORS = [row.name for row in bundled_table()]


def synthetic_plan(number: int, records: int) -> tuple[Document, list[Quantity], int]:
    """A plan text with `records` target/result sentences and the records in it."""
    year = 2000 + number % 25
    lines = [f"测试市第{number}区 {year} 年国民经济和社会发展计划", "", f"一、{year - 1} 年计划执行情况", ""]
    quantities: list[Quantity] = []
    offset = sum(len(line) + 1 for line in lines)
    for i in range(records):
        name = INDICATORS[i % len(INDICATORS)] if i % 3 else f"专项指标{i}"
        kind = "result" if i < records // 2 else "target"
        sentence = f"——{name}增长 {5 + i % 7}.{i % 10}%以上；"
        if i == records // 2:
            lines += ["", f"二、{year} 年主要目标", ""]
            offset += len(f"二、{year} 年主要目标") + 3
        start = offset + 2
        quote = sentence[2:-1]
        quantities.append(Quantity(doc=f"bench-{number}", kind=kind, indicator=name, measure="growth",  # type: ignore[arg-type]
                                   value=5 + i % 7 + (i % 10) / 10, unit="%", comparator=">=",
                                   year=year - 1 if kind == "result" else year, quote=quote, start=start,
                                   end=start + len(quote)))
        lines.append(sentence)
        offset += len(sentence) + 1
    doc_text = "\n".join(lines)
    return Document(name=f"bench-{number}", text=doc_text, path=Path(f"bench-{number}.txt")), quantities, year


def bench_ingest(engine: Engine, plans: int, records: int) -> None:
    """Ingest `plans` synthetic plans of `records` records each (with and without ingest hooks); print the rates."""
    from planwatch.store import ingest

    hooks = list(ingest.INGEST_HOOKS)
    for label, offset in (("with hooks (tasks)", 0), ("store only", plans)):
        made = [synthetic_plan(n, records) for n in range(offset, offset + plans)]
        ingest.INGEST_HOOKS[:] = hooks if offset == 0 else []
        started = time.perf_counter()
        for n, (document, quantities, year) in enumerate(made):
            ingest_document(engine, document, government=f"测试市{n % 10}区", year=year,
                            extract=lambda _text, doc, q=quantities: q)
        elapsed = time.perf_counter() - started
        print(f"  ingest {label}: {plans} plans, {plans * records} records in {elapsed:.2f} s = "
              f"{plans / elapsed:.1f} plans/s, {plans * records / elapsed:,.0f} records/s")
    ingest.INGEST_HOOKS[:] = hooks
    started = time.perf_counter()
    for n, (document, quantities, year) in enumerate(made[:10]):
        ingest_document(engine, document, government=f"测试市{n % 10}区", year=year,
                        extract=lambda _text, doc, q=quantities: q)
    print(f"  re-ingest unchanged: {(time.perf_counter() - started) / 10 * 1000:.1f} ms per plan")


def bench_assess(engine: Engine, targets: int) -> None:
    """Store `targets` targets with actuals in bulk, then time one full `assess`."""
    rng = random.Random(7)
    per_plan = 1000
    with transaction(engine) as session:
        seed(session)
        indicator_ids = [i for (i,) in session.execute(text("SELECT id FROM indicator WHERE standard")).all()]
        governments = []
        for g in range(20):
            government = Government(name=f"基准市{g}区", level="district")
            session.add(government)
            governments.append(government)
        session.flush()
        plans = []
        for p in range(targets // per_plan):
            plan = Plan(government_id=governments[p % 20].id, year=2015 + p // 20, title=f"bench {p}", kind="plan",
                        doc=f"assess-{p}", source_name=f"assess-{p}.txt", content_hash=uuid.uuid4().hex, text="")
            session.add(plan)
            plans.append(plan)
        session.flush()
        measures = ("growth", "growth", "level", "share")
        rows = []
        for plan in plans:
            for i in range(per_plan):
                measure = measures[i % 4]
                rows.append({"plan_id": plan.id, "indicator_id": indicator_ids[i % len(indicator_ids)], "position": i,
                             "doc": plan.doc, "kind": "target", "indicator": "x", "measure": measure,
                             "value": 6.5 if measure != "level" else 1e10, "value_max": None,
                             "unit": "%" if measure != "level" else "元",
                             "comparator": (">=", "≈", "<=", "=")[i % 4], "year": plan.year, "quote": "年均" if i % 50 == 0 else "",
                             "start": 0, "end": 0, "section": "", "strength": None, "polarity": None,
                             "optional": False, "extra": {}})
        session.execute(insert(Record), rows)
        actuals = []
        for government in governments:
            for indicator_id in indicator_ids:
                for year in range(2014, 2021):
                    for measure, value, unit in (("growth", rng.uniform(4, 9), "%"), ("share", rng.uniform(4, 9), "%"),
                                                 ("level", rng.uniform(0.8e10, 1.2e10), "元")):
                        actuals.append({"indicator_id": indicator_id, "government_id": government.id, "year": year,
                                        "period": "", "measure": measure, "value": value, "unit": unit,
                                        "source": "import", "record_id": None, "who": "bench", "note": ""})
        session.execute(insert(Actual), actuals)
    for attempt in range(3):
        started, cpu = time.perf_counter(), time.process_time()
        rows_out = assess_targets(engine)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        label = "cold" if attempt == 0 else "warm"
        print(f"  assess ({label}): {len(rows_out):,} rows ({targets:,} targets, {len(actuals):,} actuals) "
              f"in {elapsed:.2f} s (planwatch CPU {cpu:.2f} s)")


def run(url: str, plans: int, records: int, targets: int) -> None:
    """Both benchmarks on a fresh database at `url`."""
    engine = connect(url)
    print(f"{make_url(url).get_backend_name()}:")
    bench_ingest(engine, plans, records)
    bench_assess(engine, targets)
    engine.dispose()


def main() -> None:
    """Parse arguments and run on SQLite, then PostgreSQL when a server is given."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pg", default=os.environ.get("PLANWATCH_TEST_DATABASE_URL"),
                        help="postgresql+psycopg:// URL of a server where a temporary database may be created")
    parser.add_argument("--plans", type=int, default=50)
    parser.add_argument("--records", type=int, default=300)
    parser.add_argument("--targets", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        run(f"sqlite:///{folder}/bench.db", args.plans, args.records, args.targets)
    if args.pg:
        name = f"pw_bench_{uuid.uuid4().hex[:12]}"
        admin = create_engine(make_url(args.pg).set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            run(make_url(args.pg).set(database=name).render_as_string(hide_password=False),
                args.plans, args.records, args.targets)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()


if __name__ == "__main__":
    main()
