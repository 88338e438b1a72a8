"""Review ux4 #2: the evidence folder was `planwatch-files` relative to the working directory of each command. `serve`
started from another folder (a service manager, cron) answered 404 for every attachment the tasks listed, with no
word in its log, and `backup` run from cron held none of them yet exited 0.

Now the folder defaults to beside the SQLite database file, is an absolute path fixed when the settings are read,
`serve` says where it is and warns of missing files, and `backup` fails when files are missing.
"""

from __future__ import annotations

import hashlib
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cli_support import run

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 64


def _with_file(url: str, evidence: Path | None = None) -> str:
    """The bundled plan stored and one report with a PNG attached; the file's SHA-256."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from planwatch.cli.store import load_demo
    from planwatch.settings import Settings, get_settings
    from planwatch.store.db import connect, transaction
    from planwatch.store.supervision import Upload, report
    from planwatch.store.tasks import Task

    engine = connect(url)
    load_demo(engine)
    with Session(engine) as session:
        task = next(t for t in session.scalars(select(Task).where(Task.kind == "task").order_by(Task.id)) if t.unit_name)
        task_id, unit = task.id, task.unit_name
    settings = get_settings() if evidence is None else Settings(evidence_dir=evidence)
    with transaction(engine) as session:
        report(session, task_id, "liaison", "editor", {unit}, evidence="照片", uploads=[Upload("photo.png", PNG)],
               settings=settings)
    engine.dispose()
    return hashlib.sha256(PNG).hexdigest()


@pytest.fixture
def sqlite_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A SQLite database in tmp_path/site, PLANWATCH_EVIDENCE_DIR unset, the working directory elsewhere."""
    from planwatch.settings import get_settings

    site = tmp_path / "site"
    site.mkdir()
    elsewhere = tmp_path / "othercwd"
    elsewhere.mkdir()
    monkeypatch.delenv("PLANWATCH_EVIDENCE_DIR", raising=False)
    monkeypatch.delenv("PLANWATCH_DATABASE_URL", raising=False)
    monkeypatch.setenv("PLANWATCH_DB", str(site / "x.db"))
    monkeypatch.chdir(elsewhere)
    get_settings.cache_clear()
    yield site / "x.db"
    get_settings.cache_clear()


def test_the_default_folder_is_beside_the_database_and_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from planwatch.settings import Settings

    monkeypatch.delenv("PLANWATCH_EVIDENCE_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    assert Settings(db=Path("/srv/pw/x.db")).evidence_dir == Path("/srv/pw/planwatch-files")
    assert Settings(database_url="sqlite:////srv/pw/y.db").evidence_dir == Path("/srv/pw/planwatch-files")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert Settings(database_url="postgresql+psycopg://u@h/d").evidence_dir == tmp_path / "data" / "planwatch" / "files"
    relative = Settings(evidence_dir=Path("files"))  # a relative setting: taken from where it was read, once
    assert relative.evidence_dir == tmp_path / "files" and relative.evidence_dir.is_absolute()


def test_backup_from_another_folder_holds_the_evidence(sqlite_here: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    sha = _with_file(f"sqlite:///{sqlite_here}")
    assert (sqlite_here.parent / "planwatch-files" / sha[:2] / sha).is_file()  # kept beside the database
    code, out, err = run(capsys, "backup", str(tmp_path / "cron-bk.db"))
    assert code == 0 and err == "", err
    assert "and 1 evidence files into" in out and str(sqlite_here.parent / "planwatch-files") in out


def test_backup_fails_when_listed_files_are_missing(sqlite_here: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    _with_file(f"sqlite:///{sqlite_here}", evidence=tmp_path / "somewhere-else")
    code, out, err = run(capsys, "backup", str(tmp_path / "cron-bk.db"))
    assert code != 0 and "photo.png" in err and "backup incomplete" in err and "PLANWATCH_EVIDENCE_DIR" in err
    assert (tmp_path / "cron-bk.db").is_file()  # the database itself was still copied


def test_serve_says_where_the_files_are_and_warns_of_missing_ones(sqlite_here: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("uvicorn.Server.run", lambda _server, sockets=None: None)
    old = Path.cwd() / "planwatch-files"  # an earlier release kept them in the folder serve was started in
    _with_file(f"sqlite:///{sqlite_here}", evidence=old)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: Any = probe.getsockname()[1]
    code, out, err = run(capsys, "serve", "--port", str(port))
    assert code == 0, err
    folder = sqlite_here.parent / "planwatch-files"
    assert f"planwatch evidence files: {folder} (1 listed)" in out
    assert "1 of the 1 evidence files the database lists are missing" in err and "photo.png" in err
    assert f"PLANWATCH_EVIDENCE_DIR={old}" in err  # the way back for an existing installation
