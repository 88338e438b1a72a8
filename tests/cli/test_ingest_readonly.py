"""Bulk ingest into a database it cannot write: one line and exit status 2, as a single file gets (CLI audit
defect 8: "unexpected error (OperationalError … attempt to write a readonly database …) this is a bug")."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cli_support import run

from planwatch.settings import get_settings

HELDOUT = Path(__file__).resolve().parents[1] / "data" / "heldout"


@pytest.fixture
def read_only(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The test's migrated SQLite database, opened read-only (as a read-only mount would be)."""
    if not db_url.startswith("sqlite:///"):
        pytest.skip("a read-only SQLite file")
    url = f"sqlite:///file:{db_url.removeprefix('sqlite:///')}?mode=ro&uri=true"
    monkeypatch.setenv("PLANWATCH_DATABASE_URL", url)
    get_settings.cache_clear()
    return url


@pytest.mark.parametrize("workers", ["1", "2"])
def test_bulk_ingest_into_a_read_only_database(read_only: str, tmp_path: Path, workers: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("a.txt", "b.txt"):
        shutil.copyfile(HELDOUT / "beijing-2026.txt", tmp_path / name)
    code, out, err = run(capsys, "ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-w", workers)
    assert code == 2, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert lines == ["planwatch: database write failed, nothing was changed: the database is read-only (its file or its "
                     "folder cannot be written, or its URL opens it read-only); give planwatch write access to both to "
                     "change it"]
    assert out == ""


def test_single_file_ingest_says_the_same(read_only: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "ingest", str(HELDOUT / "beijing-2026.txt"))
    assert code == 2 and "database write failed, nothing was changed" in err


def test_a_later_batch_that_fails_says_the_earlier_ones_are_kept(db_url: str, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from types import SimpleNamespace
    from typing import Any

    from planwatch.errors import StoreError

    def one_then_disk_full(_engine: Any, _files: Any, *, on_outcome: Any, **_kwargs: Any) -> None:
        on_outcome(SimpleNamespace(status="added", plan_id=1, source="a.txt", government="北京市", year=2026, records=1,
                                   targets=1, actuals=0))
        raise StoreError("database write failed, nothing was changed: database or disk is full")

    monkeypatch.setattr("planwatch.pipeline.ingest_corpus", one_then_disk_full)
    for name in ("a.txt", "b.txt"):
        shutil.copyfile(HELDOUT / "beijing-2026.txt", tmp_path / name)
    code, _out, err = run(capsys, "ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-w", "1")
    assert code == 2
    assert "disk is full (the batch in progress; 1 of 2 documents stored before it are kept" in err
