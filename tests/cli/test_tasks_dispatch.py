"""`planwatch tasks WORD`: a mistyped command is "no such command", a path is still a plan file (CLI audit
defect 17: `tasks frob` said "frob: no such file; check the path")."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import run

PLAN = Path(__file__).resolve().parents[1] / "data" / "heldout" / "beijing-2026.txt"


@pytest.mark.parametrize("word", ["frob", "exprot", "lst"])
def test_a_mistyped_command(word: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "tasks", word)
    assert code == 2
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith(f"planwatch tasks: No such command '{word}'"), err
    assert "list, assign, update" in lines[0] and "export" in lines[0]


def test_a_plan_file_is_still_listed(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "tasks", str(PLAN))
    assert code == 0, err
    assert out.startswith("beijing-2026:")


def test_a_missing_plan_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "tasks", str(tmp_path / "plan.docx"))
    assert code == 2 and "plan.docx: no such file" in err
