"""`planwatch backup FILE` / `planwatch restore FILE` round trip (SQLite online backup; pg_dump on PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import run
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from planwatch.store.db import connect
from planwatch.store.schema import Actual, Plan


def _counts(url: str) -> tuple[int, int]:
    engine = connect(url)
    try:
        with Session(engine) as session:
            return session.scalar(select(func.count()).select_from(Plan)), session.scalar(select(func.count()).select_from(Actual))
    finally:
        engine.dispose()


def test_round_trip(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from planwatch.cli.store import load_demo

    engine = connect(db_url)
    load_demo(engine)
    engine.dispose()
    before = _counts(db_url)
    assert before[0] >= 1
    archive = tmp_path / "planwatch-backup.bin"
    code, out, err = run(capsys, "backup", str(archive))
    assert code == 0, err
    assert "backed up" in out and archive.stat().st_size > 0
    # the backup refuses to overwrite without --force
    code, _out, err = run(capsys, "backup", str(archive))
    assert code == 2 and "already exists" in err and len(err.strip().splitlines()) == 1

    engine = connect(db_url)  # change the database after the backup
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM actual"))
    engine.dispose()
    assert _counts(db_url) != before or before[1] == 0

    code, out, err = run(capsys, "restore", str(archive), "--yes")
    assert code == 0, err
    assert _counts(db_url) == before


def test_restore_refuses_a_file_that_is_not_a_backup(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not a backup", encoding="utf-8")
    before = _counts(db_url)
    code, _out, err = run(capsys, "restore", str(bogus), "--yes")
    assert code == 2 and "notes.txt" in err and len(err.strip().splitlines()) == 1
    assert _counts(db_url) == before


@pytest.mark.parametrize(("name", "says"), [
    ("folder", "is a folder, not a backup file; give the file written by `planwatch backup`"),
    ("/dev/zero", "is not a regular file (a device, pipe or socket); give the file written by `planwatch backup`"),
    ("missing.db", "no such backup file; check the path"),
])
def test_restore_says_what_the_path_is(name: str, says: str, db_url: str, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    """A folder or a device is not "no such backup file" (CLI audit)."""
    (tmp_path / "folder").mkdir()
    source = Path(name) if name.startswith("/") else tmp_path / name
    before = _counts(db_url)
    code, _out, err = run(capsys, "restore", str(source), "--yes")
    assert code == 2 and err.strip() == f"planwatch: {source}: {says}", err
    assert _counts(db_url) == before


def test_restore_without_yes_asks_and_stops(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    archive = tmp_path / "b.bin"
    assert run(capsys, "backup", str(archive))[0] == 0
    code, _out, err = run(capsys, "restore", str(archive))  # no terminal to answer: refused, nothing changed
    assert code == 2 and "--yes" in err and len(err.strip().splitlines()) == 1
