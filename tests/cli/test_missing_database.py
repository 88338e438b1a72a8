"""A SQLite database that does not exist: commands that read (or change what is stored) refuse it in one line,
exit status 2, and leave no file or folder behind; commands that bring data in create it (CLI audit: a mistyped
PLANWATCH_DB showed "0 plans" and left an empty database and its folders)."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
from cli_support import run

from planwatch.settings import get_settings

from .edge_checks import one_line


@pytest.fixture
def typo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """PLANWATCH_DB pointing at a file (in a folder) that does not exist; the commands run in tmp_path."""
    monkeypatch.chdir(tmp_path)  # `panel -o p.csv` writes here, if at all
    path = tmp_path / "typo" / "planwatch.sqlite"
    monkeypatch.setenv("PLANWATCH_DB", str(path))
    get_settings.cache_clear()
    return path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


READERS = [
    ["plans"], ["indicators"], ["indicators", "--suspect"], ["indicators", "merge", "A", "B"], ["actuals", "list"],
    ["assess"], ["assess", "-f", "csv"], ["report", "--plan", "1", "-f", "md"], ["evaluate"], ["panel", "-o", "p.csv"],
    ["tasks", "list", "--plan", "1"], ["tasks", "overdue"], ["tasks", "history", "1"], ["tasks", "refresh"],
    ["tasks", "update", "1", "-s", "推进中"], ["followup"], ["remind", "--dry-run"], ["rounds", "list"],
    ["contacts", "list"], ["users", "list"], ["users", "role", "frank", "viewer"], ["users", "token", "frank"],
]


@pytest.mark.parametrize("argv", READERS, ids=" ".join)
def test_reading_a_missing_database_is_refused(argv: list[str], typo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, *argv)
    line = one_line(code, err)
    assert line == (f"planwatch: no database at {typo}: run `planwatch ingest FILE` or `planwatch demo` first, "
                    "or set PLANWATCH_DB to the database in use")
    assert not typo.parent.exists()


def test_serve_refuses_a_missing_database(typo: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    given: list[Any] = []
    monkeypatch.setattr("uvicorn.Server.run", lambda *a, **k: given.append(a))
    code, out, err = run(capsys, "serve", "--port", str(_free_port()))
    assert "no database at" in one_line(code, err)
    assert not given and "dashboard" not in out and not typo.parent.exists()


@pytest.mark.parametrize("argv", [["users", "add", "frank", "--password", "secret-pw-1"],
                                  ["users", "unit-add", "区数据局"], ["contacts", "set", "区教育局", "a@b.cn"]],
                         ids=" ".join)
def test_commands_that_bring_data_in_create_it(argv: list[str], typo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, *argv)
    assert code == 0, err
    assert typo.is_file()
    code, out, err = run(capsys, "plans")  # and then it reads
    assert code == 0 and "0 plans" in out, err


def test_ingest_creates_it(typo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from planwatch.documents import bundled_plan_path

    code, _out, err = run(capsys, "ingest", str(bundled_plan_path()))
    assert code == 0, err
    code, out, err = run(capsys, "plans")
    assert code == 0 and "1 plans" in out, err


def test_tasks_list_without_a_database_still_reads_the_bundled_plan(typo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "tasks", "list")
    assert code == 0 and out.strip(), err
    assert not typo.parent.exists()
