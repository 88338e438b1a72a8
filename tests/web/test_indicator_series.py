"""The indicator chart's data: one series per government, a real time axis, ranges as bands, candidates marked."""

from __future__ import annotations

from planwatch.monitor.attainment import SOURCE_TIER, Observation
from planwatch.web.indicator_series import build


def _rec(rid: int, gov: int, year: int, value: float, kind: str = "target", value_max: float | None = None,
         span: str = "year") -> dict[str, object]:
    return {"id": rid, "kind": kind, "measure": "growth", "year": year, "value": value, "value_max": value_max,
            "unit": "%", "span": span, "quote": "q", "government_id": gov, "government": "", "plan_id": 1}


def _obs(gov: int, year: int, value: float, plan_year: int, start: int = 0) -> Observation:
    return Observation(1, gov, year, "", "growth", value, "%", SOURCE_TIER + start, "year", None, None, "document",
                       f"doc-{plan_year}", plan_year, plan_year, "q", start, start + 5, start)


def test_two_governments_are_two_series_on_a_real_time_axis() -> None:
    records = [_rec(1, 1, 2016, 6.5, value_max=7.0), _rec(2, 1, 2020, 6.5), _rec(3, 2, 2016, 8.0),
               _rec(4, 1, 2020, 6.5, span="average")]
    observations = [_obs(1, 2016, 6.7, 2017), _obs(1, 2016, 6.9, 2018), _obs(2, 2016, 8.1, 2017)]
    (lane,) = build(records, observations, {1: "国务院", 2: "福建省"}, "地区生产总值")
    by = {g["government"]: g for g in lane["governments"]}
    assert set(by) == {"国务院", "福建省"}
    assert by["国务院"]["indicator"] == "国内生产总值" and by["福建省"]["indicator"] == "地区生产总值"
    national = by["国务院"]
    assert [p["x"] for p in national["targets"]] == [2016.0, 2020.0]  # the gap of four years stays
    assert national["targets"][0]["value_max"] == 7.0  # drawn as a band
    assert [(p["value"], p["chosen"]) for p in national["actuals"]] == [(6.7, True), (6.9, False)]
    assert (lane["x_min"], lane["x_max"]) == (2016.0, 2020.0)


def test_a_years_result_is_not_drawn_as_the_base_of_its_change() -> None:
    """国内生产总值从不到70万亿元增加到超过100万亿元 (2021 report): extraction may date the base (70) to 2020, and
    it is the year's first record; the line draws the 2020 actual the same plan supplied (100), not a dip."""
    base = {**_rec(7, 1, 2020, 70e12, kind="result"), "measure": "level", "unit": "元", "plan_id": 5,
            "quote": "国内生产总值从不到70万亿元", "records": 2}
    first = {**_rec(9, 1, 2017, 82.7e12, kind="result"), "measure": "level", "unit": "元", "plan_id": 4}
    level = Observation(1, 1, 2020, "", "level", 1e14, "元", SOURCE_TIER, aspect="stock", source="document",
                        document="national-gwr-2021", plan_id=5, plan_year=2021, record_id=8,
                        quote="国内生产总值从不到70万亿元增加到超过100万亿元")
    earlier = Observation(1, 1, 2017, "", "level", 82.7e12, "元", SOURCE_TIER, aspect="stock", source="document",
                          document="national-gwr-2018", plan_id=4, plan_year=2018, record_id=9,
                          quote="国内生产总值从54万亿元增加到82.7万亿元")
    (lane,) = build([first, base], [earlier, level], {1: "国务院"}, "地区生产总值")
    results = lane["governments"][0]["results"]
    assert [(p["year"], p["value"], p["record_id"]) for p in results] == [(2017, 82.7e12, 9), (2020, 1e14, 8)]
    assert results[1]["quote"] == "国内生产总值从不到70万亿元增加到超过100万亿元"
