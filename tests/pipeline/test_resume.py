"""A bulk ingest killed with SIGKILL in the middle resumes: the rerun stores the rest, and the result is
exactly what an uninterrupted run stores."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import Engine, func, select

from planwatch.pipeline import ingest_corpus, ingest_document, iter_plan_files, read
from planwatch.store.schema import Plan

from .conftest import dump

ROOT = Path(__file__).resolve().parents[2]


def _plans(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.scalar(select(func.count()).select_from(Plan)) or 0)


def test_a_killed_bulk_ingest_resumes(corpus: Path, engine: Engine, other_engine: Engine) -> None:
    for path in iter_plan_files([corpus]):
        ingest_document(engine, read(path))
    env = {**os.environ, "PLANWATCH_DATABASE_URL": other_engine.url.render_as_string(hide_password=False),
           "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-c", "from planwatch.cli import main; main()", "ingest", str(corpus), "--workers", "1",
               "--batch", "1"]
    process = subprocess.Popen(command, env=env, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240
        while _plans(other_engine) < 2:
            assert process.poll() is None, "the ingest ended before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the command and its worker process
        process.wait()
    stored = _plans(other_engine)
    assert 2 <= stored < 6
    tally = ingest_corpus(other_engine, [corpus], workers=1)
    assert tally.unchanged >= stored and tally.added == 6 - stored and not tally.failures
    resumed, single = dump(other_engine), dump(engine)
    if engine.dialect.name != "sqlite":  # a killed transaction spends PostgreSQL sequence values: ids differ
        resumed, single = ({t: len(rows) for t, rows in d.items()} for d in (resumed, single))
    for table in single:
        if table != "audit_log":  # the killed run's own log rows differ; every stored row must not
            assert resumed[table] == single[table], f"table {table} differs after the resumed run"
