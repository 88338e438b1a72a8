"""The research panel as a researcher reads it (a fresh review, ux5 items 4, 5, 13 and 20).

上海市's 2023 report states 研发经费支出相当于全市生产总值的比例 twice: "达到4.5%以上" in its passage on the next five
years and "达到4.3%左右" in the year's 主要预期目标. The panel kept one row per key, the first statement (4.5%), and hid
the year's 4.3% in `also_in` naming the row's own plan; extraction then dated the five-year goal to the report's year
(since 2026-12-07 it is of 2027, the fifth year: tests/extract/test_period.py). A plan that states one year's value
twice is the constructed two-statements-2023.txt. 湖北省 writes 粮食产量 in 斤 (500亿斤), 福建省 in 吨 (513万吨): the
panel gave both as written while it promised comparable units. The CSV had no BOM (mojibake in Excel), and a period was
only a string ("average 2026–2030").
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from planwatch.report.panel import NAMES, panel_rows, write_panel

DATA = Path(__file__).resolve().parents[1] / "data"


def _ingest(engine: Engine, path: Path, government: str, year: int) -> int:
    from planwatch.documents import load
    from planwatch.pipeline import ingest_document

    return ingest_document(engine, load(path), government=government, year=year).plan_id


def _rows(engine: Engine) -> list[dict[str, object]]:
    return [dict(zip(NAMES, r, strict=True)) for r in panel_rows(engine)]


def test_distinct_values_of_one_plan_are_distinct_rows_the_main_list_first(engine: Engine) -> None:
    plan = _ingest(engine, DATA / "report" / "two-statements-2023.txt", "某市", 2023)
    rows = _rows(engine)
    rd = [r for r in rows if r["indicator_canonical"] == "研发投入强度" and r["year"] == 2023]
    assert [(r["comparator"], r["target_value"], r["main_target"], r["key_rows"]) for r in rd] == [
        ("≈", 4.3, True, 2), (">=", 4.5, False, 2)]  # the year's 主要预期目标 first; the task's sentence kept apart
    assert all(r["plan_id"] == plan and r["also_in"] is None for r in rd)  # never the row's own plan
    assert not [r for r in rows if r["also_in"] == str(r["plan_id"])]
    keys = {(r["government"], r["year"], r["indicator"], r["measure"], r["span"], r["comparator"], r["target_value"])
            for r in rows}
    assert len(keys) == len(rows)  # a value stated twice (a restatement) is one row


def test_a_five_year_goal_is_a_row_of_its_fifth_year(engine: Engine) -> None:
    """上海市 2023: the year's 4.3% is the one 2023 row of its key; the goal for the next five years is of 2027."""
    _ingest(engine, DATA / "report" / "shanghai-2023-excerpt.txt", "上海市", 2023)
    rd = [r for r in _rows(engine) if r["indicator_canonical"] == "研发投入强度"]
    assert sorted((r["year"], r["comparator"], r["target_value"], r["main_target"], r["key_rows"]) for r in rd) == [
        (2023, "≈", 4.3, True, 1), (2027, ">=", 4.5, False, 1)]


def test_the_registry_names_one_indicator_under_its_other_names() -> None:
    """研发经费支出相当于全市生产总值的比例 (上海市), 研发投入占比 (北京市) and 研发投入强度 (国务院) are one indicator."""
    from planwatch.store.indicators import bundled_keys, key

    for name in ("全社会研发经费支出相当于全市生产总值的比例", "研发经费支出相当于地区生产总值的比例",
                 "研究与试验发展经费支出相当于国内生产总值的比例", "研发投入占比"):
        assert key(name) in bundled_keys(), name
    registry = {r.name: r for r in __import__("planwatch.store.indicators", fromlist=["bundled_table"]).bundled_table()}
    aliases = {key(a) for a in registry["研发投入强度"].aliases}
    assert key("研发投入占比") in aliases and key("研发经费支出相当于全市生产总值的比例") in aliases


def test_grain_in_jin_and_in_tonnes_meet_in_the_registrys_unit(engine: Engine, tmp_path: Path) -> None:
    _ingest(engine, DATA / "heldout" / "hubei-2026.txt", "湖北省", 2026)
    _ingest(engine, DATA / "heldout" / "fujian-2026.txt", "福建省", 2026)
    _ingest(engine, DATA / "heldout" / "beijing-2026.txt", "北京市", 2026)  # 信号灯联网、累计达8000处 (2022–2026)
    grain = {r["government"]: r for r in _rows(engine) if r["indicator_canonical"] == "粮食产量"}
    hubei, fujian = grain["湖北省"], grain["福建省"]
    assert (hubei["target_value"], hubei["target_unit"]) == (2.5e7, "吨")  # 500亿斤 = 2500万吨
    assert (hubei["target_value_written"], hubei["target_unit_written"]) == (5e10, "斤")
    assert (fujian["target_value"], fujian["target_unit"]) == (fujian["target_value_written"], "吨")
    assert write_panel(engine, tmp_path / "panel.csv") > 0
    raw = (tmp_path / "panel.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfgovernment,")  # a BOM, as /targets.csv: Excel reads it as UTF-8
    frame = pd.read_csv(tmp_path / "panel.csv", encoding="utf-8-sig", dtype={"span": str})
    assert list(frame.columns) == list(NAMES)
    spans = frame[frame.span.str.contains(" ", na=False)]  # average / total start–end: two integers, no regex
    assert len(spans) and (spans.period_start < spans.period_end).all() and (spans.period_end == spans.year).all()
    years = frame[frame.span == frame.year.astype(str)]
    assert len(years) and (years.period_start == years.year).all()
    lights = frame[(frame.indicator == "信号灯联网") & (frame.span != "2026")]
    assert list(zip(lights.period_start, lights.period_end, strict=True)) == [(2022, 2026)]
