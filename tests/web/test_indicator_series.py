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
