"""Weights are relative: every surface shows an item's as its share of its dimension (40 of 40+30+30+30 → 30.8 %) and a
dimension's as its share of the total; the bundled system's own numbers add up to 100 at each level."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from cli_support import run
from openpyxl import load_workbook
from report.support import mini_plans
from sqlalchemy import Engine

from planwatch.evaluate.service import evaluate
from planwatch.evaluate.system import load_system
from planwatch.report.workbook import workbook

RELATIVE = """\
name: 相对权重
dimensions:
  - name: 经济运行
    weight: 3
    items:
      - {indicator: 地区生产总值, measure: growth, weight: 40}
      - {indicator: 一般公共预算收入, measure: growth, weight: 30}
      - {indicator: 城镇登记失业率, weight: 30}
      - {tasks: all, weight: 30}
  - name: 绿色
    weight: 1
    items:
      - {indicator: 万元GDP能耗, weight: 2}
"""


def test_bundled_weights_add_up_to_100_at_each_level() -> None:
    system = load_system()
    assert sum(d.weight for d in system.dimensions) == 100
    assert {d.name: sum(i.weight for i in d.items) for d in system.dimensions} == dict.fromkeys(
        (d.name for d in system.dimensions), 100)  # 创新 and 开放 summed to 130


def test_shares_of_relative_weights_on_every_surface(engine: Engine, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    plan = mini_plans(engine)
    path = tmp_path / "system.yaml"
    path.write_text(RELATIVE, encoding="utf-8")
    result = evaluate(engine, plan, load_system(path))
    economy, green = result.dimensions
    assert [i.share for i in economy.items] == [30.8, 23.1, 23.1, 23.1] and [i.weight for i in economy.items][0] == 40
    assert (economy.share, green.share) == (75.0, 25.0) and green.items[0].share == 100.0
    code, out, err = run(capsys, "evaluate", "--plan", str(plan), "--system", str(path), "--explain")
    assert code == 0, err
    assert "75.0%" in out and "30.8%" in out
    sheet = load_workbook(BytesIO(workbook(engine, plan, result)))["评估"]
    shares = {str(r[0].value).strip("\u3000"): r[1] for r in sheet.iter_rows() if r[0].value}
    assert shares["经济运行"].value == 0.75 and shares["经济运行"].number_format == "0.0%"
    assert shares["地区生产总值增速"].value == 0.308  # 40 of 130, shown 30.8%
