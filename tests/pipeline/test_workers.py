"""`--workers N` means N cores' worth: 1 runs every stage in this process, N > 1 forks N extraction processes
and stores here. Every N stores the same rows in the same order; a worker that dies costs only its file."""

from __future__ import annotations

import os
import pickle
import shutil
import signal
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

import planwatch
import planwatch.extract
import planwatch.pipeline.local as local
import planwatch.pipeline.stages as stages
import planwatch.pipeline.writer as writer
from planwatch.pipeline import analyse, ingest_corpus, iter_plan_files, read, wire
from planwatch.pipeline.wire import pack, unpack
from planwatch.pipeline.writer import Failure, Skipped
from planwatch.store.schema import Plan
from tests.process_support import kill_parent_of_workers

from .conftest import CORPUS_FILES, dump

TESTS = Path(__file__).resolve().parents[1]


def test_one_worker_runs_every_stage_in_this_process(corpus: Path, engine: Engine,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("workers=1 must not start worker processes")

    monkeypatch.setattr(local, "ProcessPoolExecutor", no_pool)
    tally = ingest_corpus(engine, [corpus], workers=1)
    assert (tally.added, tally.unchanged, tally.failures) == (6, 1, [])
    assert tally.read_cpu > 0 and tally.store_cpu > 0 and tally.store_seconds > 0


def test_one_and_two_workers_store_the_same_rows(corpus: Path, engine: Engine, other_engine: Engine) -> None:
    one = ingest_corpus(engine, [corpus], workers=1, batch_size=2)
    two = ingest_corpus(other_engine, [corpus], workers=2, batch_size=2)
    assert (one.added, one.unchanged, one.records) == (two.added, two.unchanged, two.records) == (6, 1, one.records)
    assert two.read_cpu > 0  # the workers' CPU time travels back with their answers
    first, second = dump(engine), dump(other_engine)
    for table in first:
        assert second[table] == first[table], f"table {table} differs between 1 and 2 workers"


@pytest.mark.parametrize("workers", [1, 2])
def test_outcomes_come_in_file_list_order_failures_in_place(corpus: Path, other_engine: Engine, workers: int) -> None:
    shutil.copyfile(TESTS / "data" / "documents" / "empty.txt", corpus / "c-empty.txt")
    seen: list[str] = []
    ingest_corpus(other_engine, [corpus], workers=workers, batch_size=3,
                  on_outcome=lambda o: seen.append(Path(o.path).name if isinstance(o, Failure) else o.source))
    names = [path.name for path in iter_plan_files([corpus])]
    assert names[1] == "c-empty.txt" and names[4] == "zz-beijing-copy.txt"
    assert seen == [*names[:4], "beijing-2026.txt", *names[5:]]  # the copy is the plan stored under the first name


def kill_on_beijing(text: str, doc: str = "") -> list[Any]:
    """An extractor whose worker process is killed (as by the out-of-memory killer) on one document."""
    if doc == "beijing-2026":
        os.kill(os.getpid(), signal.SIGKILL)
    return planwatch.extract.extract_quantities(text, doc=doc)


def test_a_killed_worker_costs_only_its_file(corpus: Path, other_engine: Engine) -> None:
    seen: list[str] = []
    tally = ingest_corpus(other_engine, [corpus], workers=2, extract=kill_on_beijing,
                          on_outcome=lambda o: seen.append(Path(o.path).name if isinstance(o, Failure) else o.source))
    assert seen == [path.name for path in iter_plan_files([corpus])]
    assert [Path(f.path).name for f in tally.failures] == ["beijing-2026.txt"]
    assert "worker process reading it died" in tally.failures[0].line()
    assert tally.added == 6  # its copy under another name (other stem) included


def test_the_wire_format_carries_every_field() -> None:
    items = [analyse(read(path)) for path in CORPUS_FILES[:2]]
    items += [Skipped("x.txt", "x.txt", "0" * 64), Skipped("x.docx", "x.docx", "1" * 64, "2" * 64),  # by its key
              Failure("bad.txt", "bad.txt: contains no text")]
    carried = [unpack(pickle.loads(pickle.dumps(pack(item)))) for item in items]
    assert carried == items
    assert all(type(a) is type(b) for a, b in zip(carried, items, strict=True))
    assert type(carried[0].tasks[0]) is type(items[0].tasks[0]) and carried[0].words == items[0].words


@pytest.mark.parametrize("workers", [1, 2])
def test_workers_cut_search_pairs_only_for_a_sqlite_writer(corpus: Path, engine: Engine,
                                                           monkeypatch: pytest.MonkeyPatch, workers: int) -> None:
    """SQLite's writer fills the search index from pairs the workers cut; PostgreSQL's server computes its own,
    so for it the workers cut none (and send none)."""
    remembered: list[int] = []
    real = stages.remember_pairs
    monkeypatch.setattr(stages, "remember_pairs", lambda found: remembered.append(len(found)) or real(found))
    tally = ingest_corpus(engine, [corpus], workers=workers)
    assert len(remembered) == tally.added > 0
    if engine.dialect.name == "sqlite":
        assert all(remembered)
    else:
        assert not any(remembered)


@dataclass
class _OneField:
    value: str


def test_the_wire_format_carries_rows_of_one_field() -> None:
    """A list of dataclass rows travels as tuples; with one field each still a 1-tuple (not the bare value)."""
    rows = [_OneField("a"), _OneField("b")]
    assert wire._unpack_value(*pickle.loads(pickle.dumps(wire._pack_value(rows)))) == rows


@pytest.mark.parametrize(("batch_size", "seconds", "kept"), [(10, 60.0, 0), (2, 60.0, 2), (10, 0.0, 2)])
def test_an_interrupted_writer_keeps_only_committed_batches(corpus: Path, other_engine: Engine,
                                                            monkeypatch: pytest.MonkeyPatch, batch_size: int,
                                                            seconds: float, kept: int) -> None:
    """The writer stores each document as it arrives, but only whole batches are committed — a batch is
    whole when it has `batch_size` documents or has been open `BATCH_SECONDS` (the write lock is not held long)."""
    monkeypatch.setattr(writer, "BATCH_SECONDS", seconds)
    stored = writer.store_or_unchanged
    calls = []

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt  # as Ctrl-C while the third document is being stored
        return stored(*args, **kwargs)

    monkeypatch.setattr(writer, "store_or_unchanged", interrupted)
    seen: list[object] = []
    with pytest.raises(KeyboardInterrupt):
        ingest_corpus(other_engine, [corpus], workers=1, batch_size=batch_size, on_outcome=seen.append)
    with other_engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Plan)) == kept == len(seen)


_WRITER_NICENESS, _WRITER = os.nice(0), os.getpid()


def record_niceness(text: str, doc: str = "") -> list[Any]:
    """An extractor that fails unless its worker runs at a lower priority than the writer (the test process)."""
    expected = min(19, _WRITER_NICENESS + local.WORKER_NICE)
    if os.getpid() != _WRITER and os.nice(0) != expected:  # (the writer runs it once to warm up)
        raise RuntimeError(f"worker niceness {os.nice(0)}, expected {expected}")
    return planwatch.extract.extract_quantities(text, doc=doc)


def test_workers_yield_the_cpu_to_the_writer(corpus: Path, other_engine: Engine) -> None:
    """The writer is the serial stage: the workers run below its priority, so it never waits for a core."""
    tally = ingest_corpus(other_engine, [corpus], workers=2, extract=record_niceness)
    assert tally.failures == [] and tally.added == 6
    assert os.nice(0) == _WRITER_NICENESS  # the writer's own priority is untouched


STALLING_INGEST = """
import os, sys, time
from pathlib import Path
from planwatch.pipeline import ingest_corpus
from planwatch.store.db import connect

WRITER = os.getpid()


def stall(text, doc=""):
    if os.getpid() != WRITER:  # (the writer runs it once to warm up)
        os.write(1, f"worker {os.getpid()}\\n".encode())  # one write: the two workers share the pipe
        time.sleep(120)
    return []


ingest_corpus(connect(sys.argv[1]), [Path(sys.argv[2])], workers=2, extract=stall)
"""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="Linux: prctl(PR_SET_PDEATHSIG) and /proc")
def test_workers_die_when_the_writer_is_killed(corpus: Path, db_url: str, tmp_path: Path) -> None:
    """`ingest big -w 2` killed with SIGKILL left both workers running for minutes, reparented to PID 1 and
    holding the caller's pipes (audit defect 2): they get SIGTERM when the writer dies now."""
    script = tmp_path / "stalling_ingest.py"
    script.write_text(STALLING_INGEST, encoding="utf-8")
    workers, survivors = kill_parent_of_workers(script, db_url, str(corpus), start_timeout=120)
    assert len(workers) == 2, "both workers should be analysing a document"
    assert not survivors, "workers outlived the killed writer"
