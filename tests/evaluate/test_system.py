"""A bad indicator system file gets one line naming the file, the line and the problem (exit status 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import run
from sqlalchemy import Engine

from planwatch.errors import ValidationError
from planwatch.evaluate.system import load_system

GOOD = """name: 体系
dimensions:
  - name: 经济
    weight: 1
    items:
      - {indicator: 地区生产总值, weight: 1}
"""


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "system.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("text", "line", "problem"), [
    (GOOD.replace("weight: 1\n    items", "weight: [1\n    items"), 5, "malformed YAML"),
    (GOOD.replace("地区生产总值", "总产出指数"), 6, "unknown indicator '总产出指数'"),
    (GOOD.replace("weight: 1}", "weight: 1, rule: best}"), 6, "unknown rule 'best'"),
    (GOOD.replace("weight: 1}", "weight: 1, rule: linear}"), 6, "rule linear needs `floor:`"),
    (GOOD.replace("    weight: 1\n", "    weight: lots\n"), 4, "weight must be a number"),
    (GOOD + "missing: ignore\n", 7, "missing must be one of reweight, zero"),
    (GOOD.replace("name: 经济", "nme: 经济"), 3, "unknown key 'nme'"),
])
def test_bad_file_one_line_with_file_and_line(tmp_path: Path, text: str, line: int, problem: str) -> None:
    path = _file(tmp_path, text)
    with pytest.raises(ValidationError) as caught:
        load_system(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}: ") and problem in message and "\n" not in message


def test_aliases_resolve_to_the_registry_name(tmp_path: Path) -> None:
    system = load_system(_file(tmp_path, GOOD.replace("地区生产总值", "GDP")))
    assert system.dimensions[0].items[0].indicator == "地区生产总值"


def test_cli_bad_system_exit_2_one_line(engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _file(tmp_path, GOOD.replace("地区生产总值", "总产出指数"))
    code, _out, err = run(capsys, "evaluate", "--system", str(path))
    assert code == 2 and err.count("\n") == 1
    assert f"{path}:6: unknown indicator '总产出指数'" in err
    code, _out, err = run(capsys, "evaluate", "--system", str(tmp_path / "none.yaml"))
    assert code == 2 and "none.yaml: no such file" in err


def test_setting_names_the_default_system(engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from planwatch.evaluate.service import system_for
    from planwatch.settings import get_settings

    path = _file(tmp_path, GOOD)
    monkeypatch.setenv("PLANWATCH_EVALUATION_SYSTEM", str(path))
    get_settings.cache_clear()
    assert system_for(engine).name == "体系"
    assert system_for(engine, missing="zero").missing == "zero"


def test_cli_unknown_by_is_a_usage_error(engine: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "evaluate", "--by", "street")
    assert code == 2 and "street" in err and err.count("\n") == 1
