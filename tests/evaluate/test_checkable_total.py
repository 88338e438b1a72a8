"""An evaluation total can be checked from what is shown (review ux3 #6): every surface gives, beside the system's
weights, the effective weights the score really used (re-weighted over the parts with data); the workbook's numbers are
numbers, rounded as shown, with a row per item. `evaluate --all` shows each total's coverage and `--by unit` marks the
units only suggested (#7)."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from cli_support import run
from openpyxl import load_workbook
from report.support import bundled_with_tasks, mini_plans
from sqlalchemy import Engine

from planwatch.evaluate.service import evaluate
from planwatch.evaluate.system import load_system
from planwatch.report.workbook import workbook

SYSTEM = """\
name: 可核对
dimensions:
  - name: 经济运行
    weight: 25
    items:
      - {indicator: 地区生产总值, measure: growth, weight: 30}
      - {indicator: 固定资产投资, measure: growth, weight: 70}
  - name: 绿色
    weight: 45
    items:
      - {indicator: PM2.5浓度, weight: 1}
  - name: 共享
    weight: 30
    items:
      - {indicator: 一般公共预算收入, measure: growth, weight: 1}
"""


@pytest.fixture
def scored(engine: Engine, tmp_path: Path) -> tuple[int, Path]:
    plan = mini_plans(engine)
    path = tmp_path / "system.yaml"
    path.write_text(SYSTEM, encoding="utf-8")
    return plan, path


def test_effective_weights_recompute_the_total(engine: Engine, scored: tuple[int, Path]) -> None:
    plan, path = scored
    result = evaluate(engine, plan, load_system(path))
    economy, green, shared = result.dimensions
    assert green.score is None and economy.score is not None and shared.score is not None
    assert (economy.share, green.share, shared.share) == (25.0, 45.0, 30.0)
    assert (economy.effective, green.effective, shared.effective) == (45.5, None, 54.5)  # 25 and 30 of 55
    assert result.total == pytest.approx((25 * economy.score + 30 * shared.score) / 55)
    gdp, investment = economy.items
    assert investment.score is None and (gdp.share, gdp.effective, investment.effective) == (30.0, 100.0, None)
    zero = evaluate(engine, plan, load_system(path).__class__(**{**_fields(load_system(path)), "missing": "zero"}))
    assert [d.effective for d in zero.dimensions] == [25.0, 45.0, 30.0]  # missing: zero keeps every share


def _fields(system: object) -> dict[str, object]:
    from dataclasses import fields

    return {f.name: getattr(system, f.name) for f in fields(system)}  # type: ignore[arg-type]


def test_the_cli_shows_effective_weights(engine: Engine, scored: tuple[int, Path],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    plan, path = scored
    code, out, err = run(capsys, "evaluate", "--plan", str(plan), "--system", str(path), "--explain")
    assert code == 0, err
    assert "effective weight" in out and "45.5%" in out and "54.5%" in out
    assert "绿色暂无数据，其权重按比例分给其余维度" in out


def test_the_workbook_has_numbers_rounded_as_shown_and_item_rows(engine: Engine, scored: tuple[int, Path]) -> None:
    plan, path = scored
    result = evaluate(engine, plan, load_system(path))
    sheet = load_workbook(BytesIO(workbook(engine, plan, result)))["评估"]
    rows = {str(r[0].value).strip("\u3000"): r for r in sheet.iter_rows(min_row=2) if r[0].value}
    header = rows["维度／指标"]
    assert [c.value for c in header[:4]] == ["维度／指标", "权重", "实际权重", "得分"]
    economy, green, total = rows["经济运行"], rows["绿色"], rows["总分"]
    assert economy[1].value == 0.25 and economy[1].number_format == "0.0%"
    assert economy[2].value == 0.455 and economy[3].value == round(result.dimensions[0].score or 0, 1)
    assert green[2].value == "不计" and green[3].value == "暂无数据"  # no data is said, never a blank cell
    assert total[3].value == round(result.total or 0, 1) and total[3].number_format == "0.0"
    assert "绿色暂无数据" in str(total[7].value)
    item = rows["地区生产总值增速"]  # an item's own row: weight, effective weight, score
    assert item[1].value == 0.3 and item[2].value == 1.0 and isinstance(item[3].value, (int, float))


def test_evaluate_all_shows_coverage_and_by_unit_marks_suggested_units(engine: Engine,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    mini_plans(engine)
    plan = bundled_with_tasks(engine)
    code, out, err = run(capsys, "evaluate", "--all")
    assert code == 0, err
    assert "items scored" in out
    for pid in (plan - 2, plan):  # the 2019 mini plan, the bundled plan: each total beside its coverage
        result = evaluate(engine, pid)
        row = next(line for line in out.splitlines() if line.startswith(f"│ {pid:>4} │"))
        assert row.rstrip(" │").endswith(f"{result.scored}/{result.item_count}"), row
    code, out, err = run(capsys, "evaluate", "--plan", str(plan), "--by", "unit")
    assert code == 0, err
    units = evaluate(engine, plan).units
    suggested = next(u for u in units if u.suggested)
    assigned = next(u for u in units if not u.suggested and u.unit == "区发展和改革局")
    assert f"{suggested.unit}（建议）" in out
    assert f"│ {assigned.unit} " in out  # its assigned task: unmarked (its suggested ones are a row of their own)
