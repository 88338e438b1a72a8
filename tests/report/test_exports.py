"""The plan workbook (openpyxl) and the research panel (Parquet / CSV, read back with pandas)."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO
from pathlib import Path

import pandas as pd
import pytest
from cli_support import run
from openpyxl import load_workbook
from sqlalchemy import Engine

from planwatch.errors import PlanwatchError
from planwatch.evaluate.service import evaluate
from planwatch.report.panel import COLUMNS, write_panel
from planwatch.report.workbook import SHEETS, workbook

from .support import bundled_with_tasks, mini_plans

DTYPES = {"string": "str", "int64": "int64", "float64": "float64", "bool": "bool"}  # pandas 3, as docs/reports.md says


def test_workbook_sheets_headers_types_and_colours(engine: Engine) -> None:
    plan = mini_plans(engine)
    book = load_workbook(BytesIO(workbook(engine, plan, evaluate(engine, plan))))
    assert tuple(book.sheetnames) == SHEETS
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref and sheet["A1"].font.bold
    targets = book["目标"]
    assert [c.value for c in targets[1]][:5] == ["指标（原文）", "标准指标", "测度", "比较", "数值"]
    assert targets.max_row == 5 and isinstance(targets["E2"].value, float) and targets["E2"].number_format == "#,##0.00"
    actuals = book["实际值"]
    assert actuals.max_row > 1 and isinstance(actuals["B2"].value, int) and isinstance(actuals["K2"].value, datetime)
    judged = {r[0].value: r for r in book["评估"].iter_rows(min_row=2) if r[0].value}
    assert judged["地区生产总值"][5].value == "完成" and judged["地区生产总值"][5].fill.fgColor.rgb.endswith("C6EFCE")
    assert judged["一般公共预算收入"][5].fill.fgColor.rgb.endswith("FFC7CE")
    assert judged["总分"][3].value == round(evaluate(engine, plan).total or 0, 1)  # rounded as shown (review ux3 #6)
    assert book["指标"].max_row >= 5 and book.worksheets[0].column_dimensions["M"].width == 60


def test_workbook_task_sheet_has_dates(engine: Engine) -> None:
    plan = bundled_with_tasks(engine)
    sheet = load_workbook(BytesIO(workbook(engine, plan)))["任务"]
    assert sheet.max_row > 100
    assert isinstance(sheet["A2"].value, int) and isinstance(sheet["F2"].value, (date, datetime))
    assert {sheet.cell(row=i, column=7).value for i in range(2, sheet.max_row + 1)} >= {"已完成", "滞后", "推进中"}


def test_panel_parquet_loads_in_pandas_with_the_documented_dtypes(engine: Engine, tmp_path: Path) -> None:
    mini_plans(engine)
    target = tmp_path / "panel.parquet"
    assert write_panel(engine, target) == 8  # 4 + 2 targets, and 2 absences in the 2020 plan
    frame = pd.read_parquet(target)
    assert list(frame.columns) == [c[0] for c in COLUMNS]
    nullable = {"record_id": "float64"}  # an absence has no record: an int64 column with nulls reads as float64
    assert {name: str(frame[name].dtype) for name, _k, _d in COLUMNS} == {
        name: nullable.get(name, DTYPES[kind]) for name, kind, _d in COLUMNS}
    gdp = frame[(frame.indicator == "地区生产总值") & (frame.year == 2019)].iloc[0]
    assert gdp.status == "met" and gdp.actual_value == 9.0 and gdp.margin == pytest.approx(0.5)
    assert "2020" in gdp.actual_document and "9%" in gdp.actual_quote and not gdp.absent
    absent = frame[frame.absent]
    assert set(absent.indicator) == {"地区生产总值", "万元GDP能耗"} and set(absent.status) == {"absent"}
    # the codes of the JSON API and `assess --format jsonl`: "no data" (a space) was the panel's alone
    assert "no_data" in set(frame.status) and not any(" " in s for s in frame.status)


def test_panel_csv_and_bad_suffix(engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mini_plans(engine)
    code, out, err = run(capsys, "panel", "-o", str(tmp_path / "panel.csv"))
    assert code == 0, err
    assert "8 rows" in out
    frame = pd.read_csv(tmp_path / "panel.csv")
    assert len(frame) == 8 and frame.target_value.dtype == "float64"
    with pytest.raises(PlanwatchError, match=r"\.parquet or \.csv"):
        write_panel(engine, tmp_path / "panel.xls")
    code, _out, err = run(capsys, "panel", "-o", str(tmp_path / "panel.txt"))
    assert code == 2 and "panel.txt" in err and err.count("\n") == 1


def test_panel_has_one_row_per_key_with_where_else_it_stands(engine: Engine, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """The 2017 report restates 2016's M2 target ("低于13%左右的预期目标") and states 城镇新增就业's target twice
    (1100万人以上, and 比去年多100万人: a difference): one row each, the setting plan's, the others named."""
    from planwatch.cli.demo import load_examples

    load_examples(engine)
    code, _out, err = run(capsys, "panel", "-o", str(tmp_path / "panel.csv"))
    assert code == 0, err
    frame = pd.read_csv(tmp_path / "panel.csv", dtype={"also_in": str}, encoding="utf-8-sig")
    keys = frame.groupby(["government", "year", "indicator", "measure", "span"]).size()  # the span is part of the key
    assert keys.max() == 1, keys[keys > 1]  # 3 keys stood twice
    national = frame[frame.government == "国务院"]
    plans = dict(zip(national.plan_year, national.plan_id, strict=False))
    m2 = national[(national.indicator == "广义货币M2") & (national.year == 2016)].iloc[0]
    assert m2.plan_year == 2016 and m2.target_value == 13 and m2.status == "missed"
    assert str(m2.also_in) == str(plans[2017])  # the restating report, named
    jobs = national[(national.indicator == "城镇新增就业") & (national.year == 2017) & (national.measure == "level")]
    assert list(jobs.target_value) == [1.1e7] and list(jobs.status) == ["met"]  # not 100万 (the difference), no data
    # the 2017 report's list runs over lines ("今年发展的主要预期目标是：\n国内生产总值增长6.5%左右…；\n…"): each item is
    # in it; the 100万 more (a later sentence) and the 2016 M2 target the 2017 report restates are not
    assert bool(jobs.main_target.iloc[0]) and not bool(m2.main_target)
    listed = national[(national.plan_year == 2017) & (national.year == 2017) & national.main_target]
    assert {"国内生产总值", "居民消费价格", "城镇新增就业", "城镇登记失业率"} <= set(listed.indicator)
    assert (frame.also_in.dropna() != frame.plan_id[frame.also_in.notna()].astype(str)).all()  # never its own plan
    deficit = national[national.indicator == "财政赤字增加额"]  # a difference by name, alone for its key: kept
    assert len(deficit) >= 1
