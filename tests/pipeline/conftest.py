"""Fixtures of the pipeline tests: a small corpus of real texts, a second fresh database, table dumps."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import database_copy
from sqlalchemy import DateTime, Engine, select

from planwatch.store.db import connect, load_models

TESTS = Path(__file__).resolve().parents[1]
# Real report passages (three consecutive State Council years, so follow-ups are proposed) and small plans.
CORPUS_FILES = [
    TESTS / "data" / "heldout" / "national-2016.txt",
    TESTS / "data" / "heldout" / "national-2017.txt",
    TESTS / "data" / "heldout" / "national-2018.txt",
    TESTS / "data" / "heldout" / "beijing-2026.txt",
    TESTS / "store" / "data" / "pingshan-mini-2019.txt",
    TESTS / "store" / "data" / "pingshan-mini-2020.txt",
]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder with the corpus files (one in a sub-folder, one duplicate under another name)."""
    folder = tmp_path / "corpus"
    (folder / "national").mkdir(parents=True)
    for path in CORPUS_FILES:
        shutil.copyfile(path, folder / ("national" if "national" in path.name else "") / path.name)
    shutil.copyfile(CORPUS_FILES[3], folder / "zz-beijing-copy.txt")
    return folder


@pytest.fixture
def other_engine(tmp_path: Path, _template_db: str) -> Iterator[Engine]:
    """A second fresh database (same kind as `engine`), to run another path on the same files."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        for url in database_copy(_template_db, tmp_path / "other.db", monkeypatch):
            engine = connect(url)
            yield engine
            engine.dispose()


def dump(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, column by column (times of day left out: they differ by run), sorted.

    The audit log's entries are compared without their ids: a bulk ingest's writer logs the follow-up
    proposals of a batch when it stores them, before the batch commits (`pipeline.writer`), not between
    one document and the next."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for table in load_models().sorted_tables:
            columns = [c for c in table.columns if not isinstance(c.type, DateTime)
                       and not (table.name == "audit_log" and c.name == "id")]
            rows = conn.execute(select(*columns)).all()
            out[table.name] = sorted((tuple(_plain(v) for v in row) for row in rows), key=repr)
    return out


def _plain(value: Any) -> Any:
    """A value comparable across databases (dates as ISO text)."""
    return value.isoformat() if isinstance(value, date | datetime) else value
