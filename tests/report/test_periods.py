"""The workbook, the panel and the report's chart say which years a value covers (a fresh review, items 2, 10, 12, 20).

The State Council's 2011 report sets 城镇新增就业4500万人 over 2011–2015 and 单位国内生产总值能耗降低16% (the 十二五
cut, stored for 2015); its 2016 report gives 6400万人 and 下降18.2% for 2011–2015. The workbook's sheets had no period
(4500万 a plain 2015 row; the 实际值 sheet's 期间 read 全年 for a five-year total) and named 616 rows' plan a bare
政府工作报告; the panel folded a five-year total into a one-year row and called it a restatement (also_in); the
report's 图2 squeezed missing years out of its axis.
"""

from __future__ import annotations

import math
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from sqlalchemy import Engine

from planwatch.report import charts
from planwatch.report.panel import NAMES, panel_rows
from planwatch.report.workbook import workbook

HELDOUT = Path(__file__).resolve().parents[1] / "data" / "heldout"


def _ingest(engine: Engine, *names: str) -> list[int]:
    """Held-out texts (national-2011, beijing-2026) and bundled reports (national-gwr-2016 …): their plan ids."""
    from planwatch.cli.demo import example_paths
    from planwatch.documents import load
    from planwatch.pipeline import ingest_document

    bundled = {p.stem: p for p in example_paths()}
    known = {"national-2011": ("国务院", 2011), "beijing-2026": ("北京市", 2026)}
    ids = []
    for name in names:
        if name in bundled:
            ids.append(ingest_document(engine, load(bundled[name])).plan_id)
        else:
            government, year = known[name]
            ids.append(ingest_document(engine, load(HELDOUT / f"{name}.txt"), government=government, year=year).plan_id)
    return ids


def _sheet(book: Any, name: str) -> list[dict[str, Any]]:
    rows = [[c.value for c in row] for row in book[name].iter_rows()]
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:] if any(v is not None for v in row)]


def test_every_sheet_says_the_period_and_names_the_plan(engine: Engine) -> None:
    plan, _later = _ingest(engine, "national-2011", "national-gwr-2016")
    book = load_workbook(BytesIO(workbook(engine, plan)))
    targets = {r["原文"]: r for r in _sheet(book, "目标")}
    assert (targets["城镇新增就业4500万人"]["年度"], targets["城镇新增就业4500万人"]["期间"]) == (2015, "累计 2011–2015")
    assert targets["城镇新增就业4500万人"]["数值类型"] == "新增"
    assert targets["单位国内生产总值能耗和二氧化碳排放分别降低16%"]["期间"] == "累计 2011–2015"  # judged as the cut
    assert {r["期间"] for r in targets.values() if r["年度"] == 2011} == {"全年"}
    actuals = _sheet(book, "实际值")
    total = next(r for r in actuals if r["原文或说明"] == "城镇新增就业人数超过6400万人")
    assert (total["年度"], total["期间"]) == (2015, "累计 2011–2015")  # it read 全年
    assert total["文件"] == "国务院 2016年政府工作报告"  # it read 政府工作报告
    assert not {r["文件"] for r in actuals} & {"政府工作报告"}
    judged = next(r for r in _sheet(book, "评估") if r["指标"] == "城镇新增就业" and r["年度"] == 2015)
    assert (judged["期间"], judged["实际"], judged["实际值期间"]) == ("累计 2011–2015", "6400万人", "2011–2015年期间累计")
    assert judged["实际值来源"] == "国务院 2016年政府工作报告"  # the one name of a plan, as in the 实际值 sheet


def test_the_panel_keys_a_total_apart_from_a_years_target(engine: Engine) -> None:
    """北京市 2026: "1000处信号灯联网" (the year's) and "信号灯联网、累计达8000处" (2022–2026) were one row with
    also_in naming its own plan; the 2011 report's 4500万 over 2011–2015 has a row of its own, span total 2011–2015."""
    national, beijing = _ingest(engine, "national-2011", "beijing-2026")
    rows = [dict(zip(NAMES, r, strict=True)) for r in panel_rows(engine)]
    lights = [r for r in rows if r["indicator"] == "信号灯联网"]
    assert sorted((r["span"], r["target_value"], r["also_in"]) for r in lights) == [
        ("2026", 1000.0, None), ("total 2022–2026", 8000.0, None)]
    jobs = [r for r in rows if r["indicator"] == "城镇新增就业" and r["plan_id"] == national]
    assert ("total 2011–2015", 2015, 45000000.0) in {(r["span"], r["year"], r["target_value"]) for r in jobs}
    assert all(r["also_in"] is None for r in jobs)
    keys = [(r["government"], r["year"], r["indicator"], r["measure"], r["span"]) for r in rows]
    assert len(keys) == len(set(keys)) and beijing


def test_the_chart_keeps_missing_years_as_gaps_on_a_time_axis(monkeypatch: Any) -> None:
    """Targets for 2008, 2011, 2012 and 2018, 2021: the axis read "2008 2011 2012 … 2018 2021" evenly spaced and the
    dashed target line joined 2008 to 2011 and 2018 to 2021 as if adjacent."""
    figures: list[Any] = []
    monkeypatch.setattr(charts, "_png", lambda fig: figures.append(fig) or b"")
    years = [2008, 2011, 2012, 2018, 2021]
    charts.targets_vs_actuals([("国内生产总值", "增速%", years, [8.0, 8.0, 7.5, 6.5, 6.0], [9.7, 9.5, 7.9, 6.6, None])])
    ax = figures[0].axes[0]
    (line,) = ax.get_lines()
    xs, ys = list(line.get_xdata()), list(line.get_ydata())
    assert xs == list(range(2008, 2022))  # every year on the axis, at its place
    assert [y for y in ys if not math.isnan(y)] == [8.0, 8.0, 7.5, 6.5, 6.0]
    assert math.isnan(ys[xs.index(2009)]) and math.isnan(ys[xs.index(2019)])  # the line breaks there
    bars = sorted((round(p.get_x() + p.get_width() / 2), p.get_height()) for p in ax.patches)
    assert bars == [(2008, 9.7), (2011, 9.5), (2012, 7.9), (2018, 6.6)]  # no bar where no actual is known
    low, high = ax.get_xlim()
    assert low < 2008 and high > 2021
