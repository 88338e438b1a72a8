"""`evaluate --system FILE` reads through the guarded reader of every input: a FIFO or a device is refused at
once and PLANWATCH_MAX_FILE_MB holds (CLI audit defect 4: /dev/zero grew to 6 GB, a FIFO hung)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cli_support import run
from sqlalchemy import Engine

from planwatch.evaluate.system import bundled_path
from planwatch.settings import get_settings


def _one_line(code: int, err: str) -> str:
    assert code == 2, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "this is a bug" not in err, err
    return lines[0]


def test_a_system_file_past_the_size_limit(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.yaml"
    big.write_text(bundled_path().read_text(encoding="utf-8") + "\n# padding\n" * 20_000, encoding="utf-8")
    monkeypatch.setenv("PLANWATCH_MAX_FILE_MB", "0.1")
    get_settings.cache_clear()
    code, _out, err = run(capsys, "evaluate", "--system", str(big))
    line = _one_line(code, err)
    assert "big.yaml" in line and "PLANWATCH_MAX_FILE_MB" in line


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes")
def test_a_fifo_is_refused_at_once(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fifo = tmp_path / "system.yaml"
    os.mkfifo(fifo)
    code, _out, err = run(capsys, "evaluate", "--system", str(fifo))
    assert "named pipe" in _one_line(code, err)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="a device file")
def test_a_device_is_refused_at_once(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "evaluate", "--system", "/dev/zero")
    assert "/dev/zero: is a device" in _one_line(code, err)


def test_a_broken_configured_system(engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """PLANWATCH_EVALUATION_SYSTEM broken (review ux3 #4): `evaluate` names the setting, file, line and problem in one
    line; `report -o r.xlsx` still writes the workbook, without its scores, and says why."""
    from openpyxl import load_workbook
    from report.support import mini_plans

    plan = mini_plans(engine)
    broken = tmp_path / "e1.yaml"
    broken.write_text(bundled_path().read_text(encoding="utf-8").replace("研发投入强度", "总产出指数", 1), encoding="utf-8")
    monkeypatch.setenv("PLANWATCH_EVALUATION_SYSTEM", str(broken))
    get_settings.cache_clear()
    code, _out, err = run(capsys, "evaluate", "--plan", str(plan))
    line = _one_line(code, err)
    assert line.startswith("planwatch: PLANWATCH_EVALUATION_SYSTEM: ") and "e1.yaml:" in line and "总产出指数" in line
    target = tmp_path / "r.xlsx"
    code, out, err = run(capsys, "report", "--plan", str(plan), "-o", str(target))
    assert code == 0, err
    assert "wrote" in out and "e1.yaml" in err and "without the evaluation" in err
    sheet = load_workbook(target)["评估"]
    assert sheet.max_row > 1 and "总分" not in [row[0].value for row in sheet.iter_rows()]
    get_settings.cache_clear()
