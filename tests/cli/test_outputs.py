"""Output files of the CLI: a path that cannot be written fails in one line (exit 2) before any work, and a
failed command never truncates an existing file nor leaves a partial one (CLI audit defects 3 and 7)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import run

from .edge_checks import one_line

EXISTING = "an existing file the failed command must not touch\n"



def _no_partials(folder: Path) -> None:
    assert not [p.name for p in folder.rglob("*.partial")]


@pytest.mark.parametrize("argv", [
    ["panel", "-o", "{out}/p.csv", "--plan", "998"],
    ["panel", "-o", "{out}/p.parquet", "--plan", "998"],
    ["tasks", "export", "{out}/l.xlsx", "--plan", "998"],
])
def test_a_plan_that_is_not_stored_leaves_the_existing_file(argv: list[str], db_url: str, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    argv = [a.format(out=out) for a in argv]
    target = Path(next(a for a in argv if a.startswith(str(out))))
    target.write_text(EXISTING, encoding="utf-8")
    code, stdout, err = run(capsys, *argv)
    assert "plan 998 is not stored" in one_line(code, err)
    assert target.read_text(encoding="utf-8") == EXISTING
    assert "0 项任务" not in stdout
    _no_partials(out)


@pytest.mark.parametrize("argv", [
    ["panel", "-o", "{out}/p.csv", "--plan", "998"],
    ["tasks", "export", "{out}/l.xlsx", "--plan", "998"],
])
def test_a_failed_command_creates_no_file(argv: list[str], db_url: str, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    code, _stdout, err = run(capsys, *[a.format(out=out) for a in argv])
    one_line(code, err)
    assert list(out.iterdir()) == []


@pytest.fixture
def places(tmp_path: Path) -> dict[str, str]:
    """A folder, a file, a path under the file, a path in a missing folder."""
    (tmp_path / "folder.csv").mkdir()
    (tmp_path / "r1.docx").write_text(EXISTING, encoding="utf-8")
    return {"dir": str(tmp_path / "folder.csv"), "under_file": str(tmp_path / "r1.docx" / "x"),
            "missing": str(tmp_path / "nowhere" / "x")}


@pytest.mark.parametrize(("argv", "place", "says"), [
    (["report", "--plan", "1", "-o", "{dir}"], "dir", "is a folder"),
    (["report", "--plan", "1", "-o", "{under_file}.docx"], "under_file", "is a file, not a folder"),
    (["report", "--plan", "1", "-o", "{missing}.docx"], "missing", "does not exist"),
    (["panel", "-o", "{dir}"], "dir", "is a folder"),
    (["panel", "-o", "{under_file}.csv"], "under_file", "is a file, not a folder"),
    (["tasks", "export", "{dir}"], "dir", "is a folder"),
    (["tasks", "export", "{under_file}.xlsx"], "under_file", "is a file, not a folder"),
    (["actuals", "template", "-o", "{under_file}"], "under_file", "is a file, not a folder"),
    (["actuals", "template", "-o", "{missing}"], "missing", "does not exist"),
    (["backup", "{dir}", "--force"], "dir", "is a folder"),
    (["backup", "{missing}.sqlite"], "missing", "does not exist"),
])
def test_an_output_path_that_cannot_be_written(argv: list[str], place: str, says: str, places: dict[str, str],
                                               db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """One line naming the path and the problem, exit 2, before any work (no plan is stored: --plan 1 would fail)."""
    monkeypatch.setenv("PLANWATCH_DB", str(tmp_path / "test.db"))
    code, _out, err = run(capsys, *[a.format(**places) for a in argv])
    line = one_line(code, err)
    assert says in line and places[place] in line, line
    assert (tmp_path / "r1.docx").read_text(encoding="utf-8") == EXISTING
    _no_partials(tmp_path)


def test_backup_never_leaves_a_partial_file(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A copy that fails half-way leaves neither the old backup changed nor a .partial."""
    import sqlite3

    target = tmp_path / "b.sqlite"
    target.write_text(EXISTING, encoding="utf-8")

    def broken(_connection: sqlite3.Connection) -> int:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr("planwatch.store.backup._count_plans", broken)
    code, _out, err = run(capsys, "backup", str(target), "--force")
    assert "disk I/O error" in one_line(code, err)
    assert target.read_text(encoding="utf-8") == EXISTING
    _no_partials(tmp_path)


def test_a_report_still_replaces_the_file(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "r.md"
    target.write_text(EXISTING, encoding="utf-8")
    assert run(capsys, "demo", "--no-serve")[0] == 0
    code, out, err = run(capsys, "report", "-o", str(target), "--no-charts")
    assert code == 0, err
    assert f"wrote {target}" in out and target.read_text(encoding="utf-8") != EXISTING
    _no_partials(tmp_path)
