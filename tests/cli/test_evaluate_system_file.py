"""`evaluate --system FILE` reads through the guarded reader of every input: a FIFO or a device is refused at
once and PLANWATCH_MAX_FILE_MB holds (CLI audit defect 4: /dev/zero grew to 6 GB, a FIFO hung)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cli_support import run

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
