"""A part-year actual (上半年, 前三季度) is never the year's result, and a tolerance that decides a verdict is said.

The bundled Pingshan 2019 plan (`planwatch demo`), with actuals entered by hand as an office enters them: the half-year
GDP growth with the statistics bureau's note, the first three quarters' retail sales, the year's industrial growth
(9.8 % against 增长10%: met within the documented ±0.5 points). The report (headline, table, sources), the workbook's
评估 sheet, the evaluation, the research panel and `planwatch assess` each say which period an actual covers.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from sqlalchemy import Engine

from planwatch.cli.store import load_demo
from planwatch.store.actuals import set_actual

GOVERNMENT = "深圳市坪山区"


def _pingshan(engine: Engine) -> int:
    """The demo plan with a half-year, a three-quarter and a full-year actual entered by hand."""
    plan_id = load_demo(engine)[0].plan_id
    set_actual(engine, "地区生产总值", 2019, 9.5, "%", government=GOVERNMENT, period="H1", note="区统计局上半年快报",
               who="fgj")
    set_actual(engine, "社会消费品零售总额", 2019, 6.0, "%", government=GOVERNMENT, period="Q3", who="fgj")
    set_actual(engine, "规模以上工业增加值", 2019, 9.8, "%", government=GOVERNMENT, note="区统计局年报", who="fgj")
    return plan_id


def test_the_report_says_the_period_of_a_part_year_actual_and_the_tolerance(engine: Engine) -> None:
    from planwatch.report.model import build_report

    report = build_report(engine, _pingshan(engine), charts=False)
    lines = {line.row.indicator: line for line in report.lines}
    gdp, retail, industry = lines["地区生产总值"], lines["社会消费品零售总额"], lines["规模以上工业增加值"]
    assert gdp.actual == "上半年增长9.5%" and gdp.status == "进度正常"
    assert "地区生产总值上半年增长9.5%，高于预期目标1个百分点，进度正常" in report.headline
    assert "地区生产总值增长9.5%" not in report.headline  # it never reads as the year's growth
    assert retail.actual == "前三季度增长6%" and "社会消费品零售总额前三季度增长6%" in report.headline
    assert "完成" not in gdp.phrase and "完成" not in retail.phrase
    source = report.sources[gdp.note - 1]
    assert source.startswith("地区生产总值2019年上半年实际值来源：手工录入（区统计局上半年快报）") and "fgj" in source
    assert "manual" not in " ".join(report.sources)
    assert industry.status == "完成"
    assert ("规模以上工业增加值增长9.8%，略低于预期目标0.2个百分点（在0.5个百分点容差内），视为完成预期目标"
            in report.headline)


def test_the_workbook_has_the_period_of_each_actual(engine: Engine) -> None:
    from openpyxl import load_workbook

    from planwatch.report.workbook import workbook

    sheet = load_workbook(BytesIO(workbook(engine, _pingshan(engine))))["评估"]
    header = [c.value for c in sheet[1]]
    period = header.index("实际值期间")
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]}
    assert rows["地区生产总值"][period] == "上半年" and rows["地区生产总值"][header.index("状态")] == "进度正常"
    assert rows["社会消费品零售总额"][period] == "前三季度"
    assert rows["规模以上工业增加值"][period] == "全年"


def test_the_evaluation_scores_no_part_year_actual_and_says_why(engine: Engine) -> None:
    from planwatch.evaluate.service import evaluate

    items = {i.label: i for d in evaluate(engine, _pingshan(engine)).dimensions for i in d.items}
    gdp = items["地区生产总值增速"]
    assert gdp.score is None  # was 100.0 on a half-year figure
    assert str(gdp.detail) == "上半年实际9.5%（进度正常）：年内部分时期的数值只反映进度，不计年度得分"
    industry = items["规模以上工业增加值增速"]
    assert industry.score == 100.0 and "在0.5个百分点容差内视为完成" in str(industry.detail)


def test_the_panel_says_a_part_of_the_year(engine: Engine, tmp_path: Path) -> None:
    import csv

    from planwatch.report.panel import write_panel

    plan_id = _pingshan(engine)
    write_panel(engine, tmp_path / "panel.csv", plan_id)
    with (tmp_path / "panel.csv").open(encoding="utf-8") as handle:
        rows = {(r["indicator"], r["measure"]): r for r in csv.DictReader(handle)}
    gdp = rows[("地区生产总值", "growth")]
    assert gdp["actual_span"] == "part 2019 H1" and gdp["status"] == "on_track"
    assert gdp["actual_document"].startswith("手工录入（区统计局上半年快报）")
    assert rows[("规模以上工业增加值", "growth")]["actual_span"] == "2019"


def test_assess_says_the_part_of_the_year_and_the_entry(engine: Engine, capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from cli_support import run

    plan_id = _pingshan(engine)
    code, out, _err = run(capsys, "assess", "--plan", str(plan_id), "--format", "jsonl")
    assert code == 0
    rows = {r["indicator"]: r for r in map(json.loads, out.splitlines())}
    assert rows["地区生产总值"]["actual_span"] == "part" and rows["地区生产总值"]["actual_period"] == "H1"
    assert rows["地区生产总值"]["status"] == "on_track"  # the code, as the API spells it
    assert rows["社会消费品零售总额"]["actual_period"] == "Q3"
    assert rows["规模以上工业增加值"]["actual_span"] == "year" and rows["规模以上工业增加值"]["tolerance"] == 0.5
    chosen = next(c for c in rows["地区生产总值"]["candidates"] if c["chosen"])
    assert chosen["span"] == "part" and chosen["note"] == "区统计局上半年快报" and chosen["who"] == "fgj"
    monkeypatch.setenv("COLUMNS", "300")
    code, out, _err = run(capsys, "assess", "--plan", str(plan_id))
    assert code == 0
    line = next(x for x in out.splitlines() if "地区生产总值" in x)
    assert "9.5% (上半年)" in line and "手工录入（区统计局上半年快报），20" in line and "录入人 fgj" in line


def test_evaluate_says_why_a_part_year_item_has_no_score(engine: Engine, capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from cli_support import run

    plan_id = _pingshan(engine)
    monkeypatch.setenv("COLUMNS", "300")
    code, out, _err = run(capsys, "evaluate", "--plan", str(plan_id))
    assert code == 0
    assert "地区生产总值增速：上半年实际9.5%（进度正常）：年内部分时期的数值只反映进度，不计年度得分" in out


def test_the_report_chart_draws_no_part_year_bar(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    from planwatch.report import charts, model

    drawn: list[list[tuple[str, str, list[int], list[float | None], list[float | None]]]] = []
    monkeypatch.setattr(charts, "targets_vs_actuals", lambda series: drawn.append(series) or b"")
    model.build_report(engine, _pingshan(engine))
    actuals = {name: values for name, _unit, _years, _targets, values in drawn[0]}
    assert actuals["地区生产总值"] == [None]  # the half-year 9.5 % is no bar of 2019's growth
    assert actuals["规模以上工业增加值"] == [9.8]
