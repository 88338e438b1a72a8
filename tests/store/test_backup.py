"""`planwatch backup FILE` / `planwatch restore FILE` round trip (SQLite online backup; pg_dump on PostgreSQL)."""

from __future__ import annotations

import shutil
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


def _evidence_task(db_url: str) -> tuple[int, str]:
    """The bundled plan stored and one task's report with a PNG attached (kept in PLANWATCH_EVIDENCE_DIR);
    (the task id, the file's SHA-256)."""
    import hashlib

    from planwatch.cli.store import load_demo
    from planwatch.store.db import transaction
    from planwatch.store.supervision import Upload, report
    from planwatch.store.tasks import Task

    engine = connect(db_url)
    load_demo(engine)
    png = b"\x89PNG\r\n\x1a\n" + b"real.png" * 40
    with transaction(engine) as session:
        task = session.scalars(select(Task).where(Task.kind == "task").order_by(Task.id)).first()
        assert task is not None
        report(session, task.id, "office", "office", set(), evidence="现场照片", uploads=[Upload("real.png", png)])
        task_id = task.id
    engine.dispose()
    return task_id, hashlib.sha256(png).hexdigest()


def test_evidence_files_are_backed_up_and_restored(db_url: str, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Review ux2 #18: the backup held the database only; on a new machine (the evidence folder gone) the restore said
    "restored" and the task still listed real.png, which /files/1 answered with 404."""
    from planwatch.settings import get_settings
    from planwatch.store.supervision import file_path

    _task_id, sha = _evidence_task(db_url)
    evidence = Path(get_settings().evidence_dir)
    assert file_path(sha).is_file()
    archive = tmp_path / "pg2.dump"
    code, out, err = run(capsys, "backup", str(archive))
    assert code == 0 and err == "", err
    assert f"and 1 evidence files into {archive}.evidence.tar" in out
    assert (tmp_path / "pg2.dump.evidence.tar").is_file()
    evidence.rename(tmp_path / "old-evidence")  # a new machine: no evidence folder
    code, out, err = run(capsys, "restore", str(archive), "--yes")
    assert code == 0 and err == "", err
    assert f"1 evidence files from {archive}.evidence.tar into {evidence}" in out
    assert file_path(sha).read_bytes() == (tmp_path / "old-evidence" / sha[:2] / sha).read_bytes()


def test_restore_names_the_evidence_files_it_cannot_find(db_url: str, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """A backup whose archive was not kept: the database is restored, and the files its tasks list are named."""
    from planwatch.settings import get_settings

    _evidence_task(db_url)
    archive = tmp_path / "b.db"
    assert run(capsys, "backup", str(archive))[0] == 0
    (tmp_path / "b.db.evidence.tar").unlink()
    shutil.rmtree(get_settings().evidence_dir)
    code, out, err = run(capsys, "restore", str(archive), "--yes")
    assert code == 0 and "no evidence archive" in out
    assert err.startswith("warning: 1 evidence files the database lists are missing from the evidence folder") \
        and "real.png" in err


def test_a_damaged_evidence_archive_refuses_the_restore(db_url: str, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """A file of the archive that is not its digest's content: refused before the database is touched."""
    import tarfile

    _evidence_task(db_url)
    archive = tmp_path / "b.db"
    assert run(capsys, "backup", str(archive))[0] == 0
    companion = tmp_path / "b.db.evidence.tar"
    with tarfile.open(companion) as tar:
        (member,) = tar.getmembers()
    bad = tmp_path / "bad"
    (bad / member.name).parent.mkdir(parents=True)
    (bad / member.name).write_bytes(b"\x89PNG\r\n\x1a\nnot the same bytes")
    with tarfile.open(companion, "w") as tar:
        tar.add(bad / member.name, arcname=member.name)
    engine = connect(db_url)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM actual"))
    engine.dispose()
    before = _counts(db_url)
    code, out, err = run(capsys, "restore", str(archive), "--yes")
    assert code == 2 and "is damaged" in err and "nothing was changed" in err and out == ""
    assert _counts(db_url) == before
