"""Ctrl-C ends a command with one line on stderr and exit status 130 (CLI audit defect 1: it exited 0 in
silence, because Typer returns 130 instead of raising with standalone_mode=False and the edge ignored it)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import typer
from cli_support import run

from planwatch.cli.edge import run_edge

TESTS = Path(__file__).resolve().parents[1]
HELDOUT = TESTS / "data" / "heldout"


def _one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_ctrl_c_in_any_command_exits_130_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    app = typer.Typer()

    @app.command()
    def slow() -> None:
        raise KeyboardInterrupt

    with pytest.raises(SystemExit) as exit_info:
        run_edge(app, [])
    assert exit_info.value.code == 130
    assert _one_line(capsys.readouterr().err).startswith("planwatch: interrupted")


def test_an_exit_status_a_command_asks_for_is_kept(capsys: pytest.CaptureFixture[str]) -> None:
    app = typer.Typer()

    @app.command()
    def three() -> None:
        raise typer.Exit(3)

    with pytest.raises(SystemExit) as exit_info:
        run_edge(app, [])
    assert exit_info.value.code == 3


def test_ctrl_c_in_plans(db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_args: Any, **_kwargs: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("planwatch.store.plans.list_plans", interrupted)
    code, _out, err = run(capsys, "plans")
    assert code == 130
    assert "interrupted" in _one_line(err)


def test_ctrl_c_in_bulk_ingest_says_what_was_kept(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        shutil.copyfile(HELDOUT / "beijing-2026.txt", tmp_path / name)

    def one_then_ctrl_c(_engine: Any, _files: Any, *, on_outcome: Any, **_kwargs: Any) -> None:
        on_outcome(SimpleNamespace(status="added", plan_id=1, source="a.txt", government="北京市", year=2026, records=1,
                                   targets=1, actuals=0))
        raise KeyboardInterrupt

    monkeypatch.setattr("planwatch.pipeline.ingest_corpus", one_then_ctrl_c)
    code, _out, err = run(capsys, "ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), str(tmp_path / "c.txt"),
                          "-w", "1")
    assert code == 130
    line = _one_line(err)
    assert line.startswith("planwatch: interrupted;") and "1 of 3 documents" in line and "run the same command" in line


@pytest.mark.skipif(os.name != "posix", reason="SIGINT to a child process")
def test_a_real_sigint_during_bulk_ingest(tmp_path: Path) -> None:
    """The real thing: SIGINT once the first document is stored; exit 130, one line, the stored plan kept."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    sources = sorted(HELDOUT.glob("*.txt"))
    for i in range(40):  # ~0.1 s each: the run is far from over when the signal comes
        text = sources[i % len(sources)].read_text(encoding="utf-8")
        (corpus / f"p{i:02}.txt").write_text(f"{text}\n附记 {i}\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(TESTS.parent / "src"), "PLANWATCH_DB": str(tmp_path / "db.sqlite"),
           "PLANWATCH_DATABASE_URL": ""}
    env.pop("PLANWATCH_TEST_DATABASE_URL", None)
    process = subprocess.Popen([sys.executable, "-c", "from planwatch.cli import main; main()", "ingest", str(corpus),
                                "-w", "1", "--batch", "1"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=env)
    first = process.stdout.readline()  # type: ignore[union-attr]
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=120)
    assert first.startswith("added"), first
    assert process.returncode == 130, err
    line = _one_line(err)
    assert line.startswith("planwatch: interrupted;") and " of 40 documents are stored and kept" in line
    import sqlite3

    with sqlite3.connect(tmp_path / "db.sqlite") as conn:
        assert conn.execute("SELECT count(*) FROM plan").fetchone()[0] >= 1


def test_ctrl_c_inside_a_sqlite_function_still_reads_as_ctrl_c(db_url: str, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C while SQLite runs one of planwatch's functions (the search index's pairs, as a batch is indexed):
    sqlite3 turns the KeyboardInterrupt into "user-defined function raised exception", a failed write; the
    command still says it was interrupted and what was kept (it said "database write failed", exit 2)."""
    import sqlite3

    from planwatch.errors import StoreError

    for name in ("a.txt", "b.txt"):
        shutil.copyfile(HELDOUT / "beijing-2026.txt", tmp_path / name)

    def ctrl_c_in_sqlite(_engine: Any, _files: Any, *, on_outcome: Any, **_kwargs: Any) -> None:
        on_outcome(SimpleNamespace(status="added", plan_id=1, source="a.txt", government="北京市", year=2026, records=1,
                                   targets=1, actuals=0))
        connection = sqlite3.connect(":memory:")
        connection.create_function("pairs", 0, lambda: os.kill(os.getpid(), signal.SIGINT) or 1)
        try:
            connection.execute("SELECT pairs()").fetchall()  # the signal's handler raises inside the function
        except sqlite3.OperationalError as exc:
            raise StoreError(f"database write failed, nothing was changed: {exc}") from None
        finally:
            connection.close()

    monkeypatch.setattr("planwatch.pipeline.ingest_corpus", ctrl_c_in_sqlite)
    code, _out, err = run(capsys, "ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-w", "1")
    assert code == 130
    line = _one_line(err)
    assert line.startswith("planwatch: interrupted;") and "1 of 2 documents" in line
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # the command's handler is gone


@pytest.mark.skipif(os.name != "posix", reason="SIGINT to a process group")
def test_ctrl_c_at_a_terminal_during_a_two_worker_ingest(tmp_path: Path) -> None:
    """A terminal's Ctrl-C reaches the whole process group: the writer, its worker processes and the follow-up
    matcher. Only the writer answers, in one line; the others printed KeyboardInterrupt tracebacks of their own
    while they waited for work. No process is left behind."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    sources = sorted(HELDOUT.glob("*.txt"))
    for i in range(60):
        text = sources[i % len(sources)].read_text(encoding="utf-8")
        (corpus / f"p{i:02}.txt").write_text(f"{text}\n附记 {i}\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(TESTS.parent / "src"), "PLANWATCH_DB": str(tmp_path / "db.sqlite"),
           "PLANWATCH_DATABASE_URL": ""}
    env.pop("PLANWATCH_TEST_DATABASE_URL", None)
    process = subprocess.Popen([sys.executable, "-c", "import signal; signal.signal(signal.SIGINT, signal.default_int_handler)"
                                "; from planwatch.cli import main; main()", "ingest", str(corpus), "-w", "2", "--batch", "1"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
    first = process.stdout.readline()  # type: ignore[union-attr]
    os.killpg(process.pid, signal.SIGINT)  # as a terminal sends it: to every process of the group
    _out, err = process.communicate(timeout=120)
    assert first.startswith("added"), first
    assert process.returncode == 130, err
    line = _one_line(err)  # (no "Traceback" either)
    assert line.startswith("planwatch: interrupted;") and " of 60 documents are stored and kept" in line
    left = subprocess.run(["pgrep", "-g", str(process.pid)], capture_output=True, text=True).stdout.split()
    assert left == []
