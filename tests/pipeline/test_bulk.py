"""The bulk paths store exactly what the one-document path stores, skip what is stored, and go on past failures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from planwatch.pipeline import ingest_corpus, ingest_document, iter_plan_files, read
from planwatch.store.schema import Plan
from planwatch.store.tasks import FollowupProposal, Task

from .conftest import CORPUS_FILES, dump

TESTS = Path(__file__).resolve().parents[1]


def _single(engine: Engine, folder: Path) -> list[str]:
    """The reference: every file through `ingest_document`, one transaction each, in list order."""
    return [ingest_document(engine, read(path)).status for path in iter_plan_files([folder])]


def test_file_list_is_streamed_sorted_and_recursive(corpus: Path) -> None:
    names = [p.relative_to(corpus).as_posix() for p in iter_plan_files([corpus])]
    assert names == ["beijing-2026.txt", "pingshan-mini-2019.txt", "pingshan-mini-2020.txt", "zz-beijing-copy.txt",
                     "national/national-2016.txt", "national/national-2017.txt", "national/national-2018.txt"]


def test_worker_processes_store_what_the_single_path_stores(corpus: Path, engine: Engine, other_engine: Engine) -> None:
    statuses = _single(engine, corpus)
    assert statuses.count("unchanged") == 1  # the copy of the Beijing report
    tally = ingest_corpus(other_engine, [corpus], workers=2, batch_size=3)
    assert (tally.added, tally.unchanged, tally.failures) == (6, 1, [])
    single, bulk = dump(engine), dump(other_engine)
    with Session(other_engine) as s:  # the comparison covers every stage
        assert s.scalar(select(func.count()).select_from(Task)) > 100
        assert s.scalar(select(func.count()).select_from(FollowupProposal)) > 0
    for table in single:
        assert bulk[table] == single[table], f"table {table} differs between the single and the bulk path"


def test_a_rerun_skips_stored_content_and_continues(corpus: Path, engine: Engine, other_engine: Engine,
                                                    tmp_path: Path) -> None:
    _single(engine, corpus)
    first = tmp_path / "first"
    (first / "national").mkdir(parents=True)
    for name in ("beijing-2026.txt", "national/national-2016.txt"):  # what a killed run had stored
        shutil.copyfile(corpus / name, first / name)
    assert ingest_corpus(other_engine, [first], workers=1).added == 2
    seen = []
    tally = ingest_corpus(other_engine, [corpus], workers=2, on_outcome=lambda o: seen.append(o.status))
    assert (tally.added, tally.unchanged) == (4, 3)
    assert seen[0] == "unchanged" and seen[-3] == "unchanged"
    with Session(other_engine) as s:
        assert s.scalar(select(func.count()).select_from(Plan)) == 6
    # ids follow the file list, so a resumed run differs from one run only in plan order of those two
    assert {t: len(rows) for t, rows in dump(other_engine).items()} == {t: len(rows) for t, rows in dump(engine).items()}


def test_failing_files_are_listed_and_the_run_goes_on(corpus: Path, other_engine: Engine) -> None:
    shutil.copyfile(TESTS / "data" / "documents" / "empty.txt", corpus / "a-empty.txt")
    shutil.copyfile(TESTS / "data" / "documents" / "corrupt.docx", corpus / "b-corrupt.docx")
    tally = ingest_corpus(other_engine, [corpus], workers=2)
    assert tally.added == 6 and len(tally.failures) == 2
    lines = [f.line() for f in tally.failures]
    assert "a-empty.txt" in lines[0] and "b-corrupt.docx" in lines[1]
    assert all("\n" not in line for line in lines)


def test_copy_writes_what_executemany_writes(engine: Engine, other_engine: Engine,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL: rows written by COPY (JSON, defaults, dates) equal rows written by Core executemany."""
    if engine.dialect.name != "postgresql":
        pytest.skip("COPY is the PostgreSQL path")
    from planwatch.store import bulk

    for path in CORPUS_FILES[:2]:
        ingest_document(engine, read(path))
    monkeypatch.setattr(bulk, "COPY_MIN_ROWS", 10**9)
    for path in CORPUS_FILES[:2]:
        ingest_document(other_engine, read(path))
    assert dump(engine) == dump(other_engine)
