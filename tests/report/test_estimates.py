"""Reports on a verdict that rests on a year-end estimate (预计): the sentence says 预计增长6.2% and ends on （预计数）,
the table's actual reads 预计增长6.2%, the source note is 实际值（预计数）来源 with the quote keeping its 预计; the workbook
has 实际值为预计数, the panel actual_estimate (review ux4 item 1). Documents: tests/data/monitor/estimates."""

from __future__ import annotations

import csv
from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from planwatch.report.workbook import workbook
from planwatch.store.schema import Plan
from tests.cli_support import run
from tests.monitor.test_estimates import COUNTY, DATA


@pytest.fixture
def county_plan(engine: Engine, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The county's 2023 plan (its targets) and 2024 plan (its 预计 review of 2023) stored; the 2023 plan's id."""
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("path,government,year\n" + "".join(f"{DATA / name},{COUNTY},{year}\n" for name, year in
                                                          (("yiliang-2023.txt", 2023), ("yiliang-2024.txt", 2024))),
                        encoding="utf-8")
    code, out, err = run(capsys, "ingest", "--manifest", str(manifest), "--workers", "1")
    assert code == 0, out + err
    with Session(engine) as session:
        return str(session.scalar(select(Plan.id).where(Plan.year == 2023)))


def test_the_report_says_yuji_in_the_verdict_the_table_and_the_source(
        county_plan: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "r.md"
    code, _out, err = run(capsys, "report", "--plan", county_plan, "--format", "md", "-o", str(target), "--no-charts")
    assert code == 0, err
    text = target.read_text(encoding="utf-8")
    assert "地区生产总值预计增长6.2%，低于预期目标0.8个百分点，未完成预期目标（预计数）" in text
    assert "一般公共预算收入预计增长5.1%，高于年度目标0.1个百分点，完成年度目标（预计数）" in text
    assert "（其中2项依据预计数，待最终统计数据核实）" in text
    assert "| 预计增长6.2%" in text
    assert "地区生产总值2023年实际值（预计数）来源：" in text and "“预计全县地区生产总值完成185.6亿元，增长6.2%”" in text


def test_the_workbook_and_the_panel_mark_the_estimate(engine: Engine, county_plan: str, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    book = load_workbook(BytesIO(workbook(engine, int(county_plan))))
    sheet = book["评估"]
    header = [c.value for c in sheet[1]]
    rows = {r[0]: dict(zip(header, r, strict=False)) for r in sheet.iter_rows(min_row=2, values_only=True) if r[0]}
    assert rows["地区生产总值"]["实际值为预计数"] == "是" and rows["地区生产总值"]["实际"] == "预计增长6.2%"
    assert not rows["规模以上工业企业"]["实际值为预计数"]  # no actual: an empty cell
    actuals = book["实际值"]
    header = [c.value for c in actuals[1]]
    marked = {(r[0], r[3]): r[header.index("预计数")] for r in actuals.iter_rows(min_row=2, values_only=True)}
    assert marked[("地区生产总值", "增速")] == "是"
    target = tmp_path / "panel.csv"
    code, _out, err = run(capsys, "panel", "-o", str(target))
    assert code == 0, err
    with target.open(encoding="utf-8") as handle:
        panel = {(r["year"], r["indicator"], r["measure"]): r for r in csv.DictReader(handle)}
    assert panel[("2023", "地区生产总值", "growth")]["actual_estimate"] == "True"
    assert panel[("2023", "规模以上工业企业", "level")]["actual_estimate"] == "False"
