"""Load and durability: concurrent clients against a real server while a CLI ingest writes.

50 clients for 60 s on 127.0.0.1 mix pages, JSON, search and authenticated writes (task
reports and hand-entered actuals) while `planwatch ingest` keeps storing plans into the same
database. Prints requests, errors and p50/p95/p99 latency, then checks that every write the
server acknowledged is in the database and in the audit log.

    .venv/bin/python benchmarks/load.py                       # SQLite, then PostgreSQL
    .venv/bin/python benchmarks/load.py --backend sqlite --clients 50 --seconds 60
    .venv/bin/python benchmarks/load.py --backend postgresql --pg postgresql+psycopg://postgres:planwatch@127.0.0.1:5432/postgres

On PostgreSQL a database of its own (planwatch_load) is created and dropped again.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
CORPUS = ROOT / "tests" / "data" / "heldout"
PAGES = ["/", "/targets", "/indicators", "/tasks", "/plans", "/plans/{plan}", "/indicators/{indicator}", "/tasks/{task}"]
JSON = ["/api/targets?page=1", "/api/targets?page=2&size=50", "/api/indicators", "/api/tasks?page=1", "/api/plans",
        "/api/indicators/{indicator}", "/api/tasks/{task}", "/api/actuals?page=1"]
SEARCH = ["/search?q=学位", "/api/search?q=地区生产总值", "/api/search?q=就业", "/search?q=污水"]


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: {"page": [], "json": [], "search": [], "write": []})
    errors: list[str] = field(default_factory=list)
    updates: list[tuple[int, str]] = field(default_factory=list)  # (task id, evidence) acknowledged
    actuals: list[tuple[int, int, str, float]] = field(default_factory=list)  # (indicator, year, period, value)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def prepare(url: str) -> dict[str, Any]:
    """Load the demo plan, an admin with a token; return ids the clients use."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from planwatch.cli.store import load_demo
    from planwatch.store.accounts import add_user, create_token
    from planwatch.store.db import connect, transaction
    from planwatch.store.schema import Plan, Record
    from planwatch.store.tasks import Task

    engine = connect(url)
    load_demo(engine)
    with transaction(engine) as session:
        add_user(session, "loadadmin", "load-password-9", "admin")
        token = create_token(session, "loadadmin", "load benchmark")
    with Session(engine) as session:
        plan = session.scalar(select(Plan.id).order_by(Plan.id))
        government = session.get(Plan, plan).government.name
        tasks = list(session.scalars(select(Task.id).where(Task.kind == "task").order_by(Task.id).limit(200)))
        indicators = sorted({i for i in session.scalars(select(Record.indicator_id).where(Record.indicator_id.is_not(None)))})
    engine.dispose()
    return {"token": token, "plan": plan, "tasks": tasks, "indicators": indicators[:40], "government": government}


def fill(path: str, ids: dict[str, Any], rng: random.Random) -> str:
    return path.format(plan=ids["plan"], indicator=rng.choice(ids["indicators"]), task=rng.choice(ids["tasks"]))


async def client(n: int, base: str, ids: dict[str, Any], deadline: float, results: Results, keys: Any) -> None:
    import httpx

    rng = random.Random(n)
    headers = {"Authorization": f"Bearer {ids['token']}"}
    async with httpx.AsyncClient(base_url=base, timeout=60.0) as http:
        while time.monotonic() < deadline:
            roll = rng.random()
            try:
                if roll < 0.35:
                    kind, path = "page", fill(rng.choice(PAGES), ids, rng)
                    response = await http.get(path)
                elif roll < 0.65:
                    kind, path = "json", fill(rng.choice(JSON), ids, rng)
                    response = await http.get(path, headers=headers)
                elif roll < 0.80:
                    kind, path = "search", rng.choice(SEARCH)
                    response = await http.get(path)
                elif roll < 0.90:
                    kind = "write"
                    task = rng.choice(ids["tasks"])
                    evidence = f"load-{uuid.uuid4().hex}"
                    path = f"/api/tasks/{task}/updates"
                    response = await http.post(path, json={"status": "推进中", "evidence": evidence}, headers=headers)
                    if response.status_code == 201:
                        results.updates.append((task, evidence))
                else:
                    kind = "write"
                    indicator, year, period = next(keys)
                    value = round(rng.uniform(1, 1000), 3)
                    path = "/api/actuals"
                    unit = ids["units"].get(indicator) or "个"
                    response = await http.post(path, headers=headers, json={
                        "indicator_id": indicator, "year": year, "period": period, "value": value, "unit": unit,
                        "government": ids["government"], "note": "load"})
                    if response.status_code == 201:
                        results.actuals.append((indicator, year, period, value))
                started = response.elapsed.total_seconds()
                results.latencies[kind].append(started)
                if response.status_code >= 400:
                    results.errors.append(f"{response.status_code} {path}: {response.text[:160]}")
            except Exception as exc:  # noqa: BLE001 — every failure is counted
                results.errors.append(f"{type(exc).__name__} {exc}"[:200])


def actual_keys(ids: dict[str, Any]) -> Any:
    periods = ["", "Q1", "H1", "Q3"] + [f"M{m:02d}" for m in range(1, 12)]
    for year in range(2100, 1949, -1):
        for period in periods:
            for indicator in ids["indicators"]:
                yield indicator, year, period


def ingest_loop(env: dict[str, str], deadline: float, folder: Path) -> tuple[int, int, list[str]]:
    """Run `planwatch ingest` over altered copies of the corpus until the deadline: (runs, failures, messages)."""
    runs = failures = 0
    messages: list[str] = []
    files = sorted(CORPUS.glob("*.txt"))[:8]
    while time.monotonic() < deadline:
        round_dir = folder / f"round{runs}"
        round_dir.mkdir()
        for path in files:
            text = path.read_text(encoding="utf-8") + f"\n——第{runs}轮新增公办学位{runs + 1}万个以上。\n"
            (round_dir / path.name).write_text(text, encoding="utf-8")
        done = subprocess.run([str(BIN / "planwatch"), "ingest", "--workers", "1", str(round_dir)], env=env,
                              capture_output=True, text=True, check=False)
        runs += 1
        if done.returncode != 0:
            failures += 1
            messages.append((done.stderr or "").strip().splitlines()[-1:][0] if done.stderr.strip() else f"exit {done.returncode}")
    return runs, failures, messages


def verify(url: str, results: Results) -> tuple[int, int]:
    """(lost writes, writes missing from the audit log) among the acknowledged ones."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from planwatch.store.db import connect
    from planwatch.store.schema import Actual, AuditLog
    from planwatch.store.tasks import TaskUpdate

    engine = connect(url)
    with Session(engine) as session:
        stored_updates = {(t, e) for t, e in session.execute(select(TaskUpdate.task_id, TaskUpdate.evidence)
                                                              .where(TaskUpdate.evidence.like("load-%")))}
        stored_actuals = {(i, y, p, round(v, 3)) for i, y, p, v in session.execute(
            select(Actual.indicator_id, Actual.year, Actual.period, Actual.value))}
        audited_evidence = set()
        audited_actuals = set()
        for action, detail in session.execute(select(AuditLog.action, AuditLog.detail)
                                              .where(AuditLog.action.in_(("task.update", "task.request", "actual.set")))):
            detail = detail if isinstance(detail, dict) else json.loads(detail or "{}")
            if action == "actual.set":
                audited_actuals.add((detail.get("year"), detail.get("period", ""), detail.get("value")))
            else:
                audited_evidence.add(detail.get("evidence"))
    engine.dispose()
    lost = sum(1 for u in results.updates if u not in stored_updates)
    lost += sum(1 for a in results.actuals if (a[0], a[1], a[2], round(a[3], 3)) not in stored_actuals)
    unaudited = sum(1 for _t, e in results.updates if e not in audited_evidence)
    unaudited += sum(1 for _i, y, p, v in results.actuals if (y, p, v) not in audited_actuals)
    return lost, unaudited


def run(backend: str, url: str, clients: int, seconds: float) -> int:
    folder = Path(tempfile.mkdtemp(prefix=f"planwatch-load-{backend}-"))
    env = dict(os.environ)
    env.pop("PLANWATCH_TEST_DATABASE_URL", None)
    if backend == "sqlite":
        env.update({"PLANWATCH_DB": str(folder / "load.db"), "PLANWATCH_DATABASE_URL": ""})
        url = f"sqlite:///{folder / 'load.db'}"
    else:
        env.update({"PLANWATCH_DATABASE_URL": url})
    env["PLANWATCH_EVIDENCE_DIR"] = str(folder / "files")
    ids = prepare(url)
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from planwatch.store.db import connect
    from planwatch.store.schema import Indicator

    engine = connect(url)
    with Session(engine) as session:
        ids["units"] = {i: u for i, u in session.execute(select(Indicator.id, Indicator.unit)) if i in ids["indicators"]}
    engine.dispose()
    port = free_port()
    server = subprocess.Popen([str(BIN / "planwatch"), "serve", "--host", "127.0.0.1", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=open(folder / "server.log", "w"))  # noqa: SIM115
    base = f"http://127.0.0.1:{port}"
    try:
        import httpx

        for _ in range(300):
            try:
                if httpx.get(base + "/api/plans", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        results = Results()
        deadline = time.monotonic() + seconds
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(1) as pool:
            ingest = pool.submit(ingest_loop, env, deadline, folder)
            keys = actual_keys(ids)

            async def main() -> None:
                await asyncio.gather(*(client(n, base, ids, deadline, results, keys) for n in range(clients)))

            started = time.monotonic()
            asyncio.run(main())
            elapsed = time.monotonic() - started
            runs, failures, messages = ingest.result()
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
    all_latencies = sorted(x for values in results.latencies.values() for x in values)
    total = len(all_latencies)
    log = (folder / "server.log").read_text(errors="replace")
    locked = log.count("database is locked") + sum(m.count("database is locked") for m in messages)
    lost, unaudited = verify(url, results)

    def pct(values: list[float], q: float) -> str:
        if not values:
            return "—"
        values = sorted(values)
        return f"{values[min(len(values) - 1, int(q * len(values)))] * 1000:.0f}"

    print(f"== {backend}: {clients} clients, {elapsed:.0f} s, while `planwatch ingest` ran {runs} times "
          f"({failures} failed{': ' + messages[0] if messages else ''})")
    print(f"requests: {total:,} ({total / elapsed:,.0f}/s)  errors: {len(results.errors)}  'database is locked': {locked}")
    print(f"latency ms  p50 {pct(all_latencies, 0.50)}  p95 {pct(all_latencies, 0.95)}  p99 {pct(all_latencies, 0.99)}")
    for kind, values in results.latencies.items():
        print(f"  {kind:7} {len(values):6,}  p50 {pct(values, 0.5)}  p95 {pct(values, 0.95)}  p99 {pct(values, 0.99)}")
    print(f"acknowledged writes: {len(results.updates) + len(results.actuals):,} "
          f"(task reports {len(results.updates):,}, actuals {len(results.actuals):,})  lost: {lost}  "
          f"missing from the audit log: {unaudited}")
    for error in results.errors[:5]:
        print(f"  error: {error}")
    shutil.rmtree(folder, ignore_errors=True)
    return 1 if results.errors or lost or unaudited or failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--pg", default=os.environ.get("PLANWATCH_TEST_DATABASE_URL",
                                                       "postgresql+psycopg://postgres:planwatch@127.0.0.1:5432/postgres"))
    args = parser.parse_args(argv)
    status = 0
    if args.backend in ("sqlite", "both"):
        status |= run("sqlite", "", args.clients, args.seconds)
    if args.backend in ("postgresql", "both"):
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        server = make_url(args.pg)
        admin = create_engine(server, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text('DROP DATABASE IF EXISTS "planwatch_load" WITH (FORCE)'))
            conn.execute(text('CREATE DATABASE "planwatch_load"'))
        try:
            status |= run("postgresql", server.set(database="planwatch_load").render_as_string(hide_password=False),
                          args.clients, args.seconds)
        finally:
            with admin.connect() as conn:
                conn.execute(text('DROP DATABASE IF EXISTS "planwatch_load" WITH (FORCE)'))
            admin.dispose()
    return status


if __name__ == "__main__":
    sys.exit(main())
