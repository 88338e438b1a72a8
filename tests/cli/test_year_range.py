"""Years on the command line are 1949–2100, as on the web (CLI audit defect 10: `ingest -y 99999` ended in
"unexpected error (ValueError: year 99999 is out of range)", exit 1)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import run

PLAN = Path(__file__).resolve().parents[1] / "data" / "heldout" / "beijing-2026.txt"


@pytest.mark.parametrize("argv", [
    ["ingest", str(PLAN), "-y", "99999"], ["ingest", str(PLAN), "-y", "-5"], ["ingest", str(PLAN), "--year", "1800"],
    ["assess", "-y", "99999999999999999999"], ["actuals", "list", "-y", "3000"],
])
def test_a_year_out_of_range_is_a_usage_error(argv: list[str], db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "--year" in lines[0], err
    assert "1949" in lines[0] or "2100" in lines[0], err
    assert out == ""


def test_a_year_in_range_is_taken(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "ingest", str(PLAN), "-y", "2026")
    assert code == 0, err
    assert "2026" in out
