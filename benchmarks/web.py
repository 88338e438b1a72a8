"""Dashboard latency with 100,000 records: p50/p95 and requests per second for three pages.

Builds a SQLite database (bundled plan + synthetic plans bulk-inserted to reach
--records), serves the app with uvicorn in a thread on 127.0.0.1 only, and sends a
bounded number of sequential requests per page.

    .venv/bin/python benchmarks/web.py [--records 100000] [--requests 200] [--database-url URL]
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, insert, select
from sqlalchemy.orm import Session

PLAN_RECORDS = 1000
MEASURES = [("growth", "%"), ("level", "元"), ("share", "%"), ("level", "个")]


def build(engine: Engine, records: int) -> dict[str, int]:
    """Load the bundled plan, then bulk-insert synthetic plans until `records` records exist."""
    from planwatch.cli.store import load_demo
    from planwatch.store.schema import Actual, Government, Indicator, Plan, Record

    load_demo(engine)
    rng = random.Random(7)
    with Session(engine) as session, session.begin():
        have = session.scalar(select(func.count(Record.id))) or 0
        indicators = list(session.scalars(select(Indicator.id).order_by(Indicator.id)))
        text = "合成计划。" * 200
        plan_count = max(0, -(-(records - have) // PLAN_RECORDS))
        gov_ids = []
        for g in range(20):
            gov = Government(name=f"基准区{g:02d}", level="district")
            session.add(gov)
            session.flush()
            gov_ids.append(gov.id)
        for p in range(plan_count):
            gov_id, year = gov_ids[p % 20], 2000 + p // 20
            plan = Plan(government_id=gov_id, year=year, title=f"基准区{p % 20:02d} {year} 年计划", kind="annual_plan",
                        doc=f"bench-{p}", source_name=f"bench-{p}.txt", content_hash=f"{p:064d}", text=text)
            session.add(plan)
            session.flush()
            rows = []
            for i in range(min(PLAN_RECORDS, records - have)):
                measure, unit = MEASURES[i % len(MEASURES)]
                rows.append({"plan_id": plan.id, "indicator_id": indicators[i % len(indicators)], "position": i,
                             "doc": plan.doc, "kind": "target" if i % 3 else "result", "indicator": "合成指标",
                             "measure": measure, "value": rng.uniform(1, 100), "value_max": None, "unit": unit,
                             "comparator": ">=", "year": year, "quote": "合成指标增长 5%以上", "start": i % 900,
                             "end": i % 900 + 5, "section": "二、目标", "optional": False, "extra": {}})
            session.execute(insert(Record), rows)
            have += len(rows)
            session.execute(insert(Actual), [
                {"indicator_id": ind, "government_id": gov_id, "year": year, "period": "", "measure": "growth",
                 "value": rng.uniform(1, 10), "unit": "%", "source": "import", "who": "bench", "note": ""}
                for ind in indicators[:50]])
    return filled(engine)


def filled(engine: Engine) -> dict[str, int]:
    """How many records a filled database has, and its busiest indicator (the indicator page measured)."""
    from planwatch.store.schema import Record

    with engine.connect() as conn:
        count = conn.scalar(select(func.count()).select_from(Record.__table__))
        busiest = conn.execute(select(Record.indicator_id, func.count()).where(Record.indicator_id.is_not(None))
                               .group_by(Record.indicator_id).order_by(func.count().desc()).limit(1)).first()
    return {"records": int(count or 0), "indicator": int(busiest[0]) if busiest else 1}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(engine: Engine) -> tuple[Any, str]:
    """Start uvicorn in a thread on 127.0.0.1; returns (server, base URL)."""
    import uvicorn

    from planwatch.settings import Settings
    from planwatch.web.app import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(Settings(), engine=engine), host="127.0.0.1", port=port,
                                           log_level="warning", lifespan="on"))
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def measure(base: str, path: str, requests: int, seconds: float) -> dict[str, float]:
    """Sequential GETs of `path` (bounded by count and time): p50, p95 in ms and requests per second."""
    import httpx

    times: list[float] = []
    with httpx.Client(base_url=base, timeout=30) as client:
        client.get(path).raise_for_status()  # warm-up
        start = time.perf_counter()
        while len(times) < requests and time.perf_counter() - start < seconds:
            t0 = time.perf_counter()
            client.get(path).raise_for_status()
            times.append(time.perf_counter() - t0)
        elapsed = time.perf_counter() - start
    times.sort()
    return {"n": len(times), "p50": statistics.median(times) * 1000,
            "p95": times[min(len(times) - 1, int(len(times) * 0.95))] * 1000, "rps": len(times) / elapsed}


def main() -> None:
    """Build, serve, measure, print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200, help="Requests per page (at most).")
    parser.add_argument("--seconds", type=float, default=30.0, help="Time limit per page.")
    parser.add_argument("--database-url", default=None, help="Empty database to fill (default: a temporary SQLite file).")
    args = parser.parse_args()
    from planwatch.store.db import connect

    with tempfile.TemporaryDirectory(prefix="planwatch-bench-") as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'bench.db'}"
        engine = connect(url)
        t0 = time.perf_counter()
        facts = build(engine, args.records)
        print(f"loaded {facts['records']:,} records in {time.perf_counter() - t0:.1f} s ({engine.url.get_backend_name()})")
        server, base = serve(engine)
        try:
            pages = {"home": "/", "targets": "/targets", "targets (json)": "/api/targets",
                     "indicator": f"/indicators/{facts['indicator']}"}
            print(f"{'page':<16}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'req/s':>10}")
            for name, path in pages.items():
                r = measure(base, path, args.requests, args.seconds)
                print(f"{name:<16}{r['n']:>6}{r['p50']:>10.1f}{r['p95']:>10.1f}{r['rps']:>10.1f}")
        finally:
            server.should_exit = True
            engine.dispose()


if __name__ == "__main__":
    main()
