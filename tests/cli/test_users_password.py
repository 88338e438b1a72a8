"""`users add` / `users passwd` without a terminal to ask for the password: one line, exit status 2, and
--password-stdin for scripts (CLI audit defect 11: GetPassWarning, "Password:", "aborted", exit 1)."""

from __future__ import annotations

import io
import warnings

import pytest
from cli_support import run


@pytest.fixture
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PLANWATCH_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))


@pytest.mark.parametrize("argv", [["users", "add", "frank"], ["users", "passwd", "frank"]])
def test_no_terminal_and_no_password(argv: list[str], no_terminal: None, db_url: str,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a GetPassWarning fails the test
        code, out, err = run(capsys, *argv)
    assert code == 2, err
    assert err.strip() == ("planwatch: no terminal to ask for the password: pass --password or --password-stdin "
                           "(or set PLANWATCH_PASSWORD)")
    assert "Password" not in out


def test_password_from_stdin(db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("PLANWATCH_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO("a-long-enough-secret-42\n"))
    code, out, err = run(capsys, "users", "add", "frank", "--password-stdin")
    assert code == 0, err
    assert out.startswith("added frank")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, _out, err = run(capsys, "users", "passwd", "frank", "--password-stdin")
    assert code == 2 and "standard input has no password" in err
