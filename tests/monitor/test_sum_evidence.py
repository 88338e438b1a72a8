"""A verdict on a sum of yearly actuals cites every year it adds up, not the last one only.

The State Council's 2016 report sets 城镇新增就业5000万人以上 for 2016–2020; with the 2017 and 2018 reports stored
it is judged on 1314万 (2016, from the 2017 report) + 1351万 (2017, from the 2018 report) = 2665万. The assessment
kept both actuals, but the JSON's actual_* fields, the CLI's evidence column and the demo cited only
"national-gwr-2018: «城镇新增就业1351万人»". Now each row carries `evidence_parts` (each year's actual with its
evidence), and every place that words the evidence cites each part; a verdict on one actual is cited as before.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import Engine

from planwatch.monitor.attainment import Observation, Target, assess
from planwatch.monitor.service import assessment_rows
from tests.cli_support import run

JOBS = 7
SUM_CITED = ("2016年 1314万人（国务院 2017年政府工作报告：«城镇新增就业1314万人»）"
             "＋2017年 1351万人（国务院 2018年政府工作报告：«城镇新增就业1351万人»）")


def _examples(engine: Engine) -> None:
    from planwatch.cli.demo import load_examples

    load_examples(engine)  # the bundled State Council reports of 2016, 2017 and 2018


def _total(rows: list) -> object:
    return next(r for r in rows if r.indicator == "城镇新增就业" and r.year == 2020 and r.plan_year == 2016)


def test_a_sum_of_yearly_actuals_keeps_each_year_as_a_part() -> None:
    t = Target(1, JOBS, 1, "level", ">=", 5e7, "人", 2020, 2016, span="total", period_start=2016, aspect="addition")
    years = [Observation(JOBS, 1, 2016, "", "level", 1.314e7, "人", quote="城镇新增就业1314万人", document="a"),
             Observation(JOBS, 1, 2017, "", "level", 1.351e7, "人", quote="城镇新增就业1351万人", document="b")]
    a = assess([t], years)[0]
    assert a.status == "on track" and a.actual == pytest.approx(2.665e7)
    assert [o.year for o in a.parts] == [2016, 2017] and a.actual_span == "total"
    whole = [*years, *(Observation(JOBS, 1, y, "", "level", 1.3e7, "人") for y in (2018, 2019, 2020))]
    done = assess([t], whole)[0]
    assert done.status == "met" and [o.year for o in done.parts] == [2016, 2017, 2018, 2019, 2020]
    one_year = assess([Target(2, JOBS, 1, "level", ">=", 1e7, "人", 2016, 2016)], years)[0]
    assert one_year.status == "met" and one_year.parts == []  # one actual: its evidence alone, as before


def test_rows_jsonl_and_csv_carry_each_part(engine: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    _examples(engine)
    row = _total(assessment_rows(engine, 1))
    assert row.status == "on track" and row.actual == pytest.approx(2.665e7)
    parts = row.evidence_parts
    assert [(p["year"], p["value"], p["quote"], p["document"]) for p in parts] == [
        (2016, 1.314e7, "城镇新增就业1314万人", "national-gwr-2017"),
        (2017, 1.351e7, "城镇新增就业1351万人", "national-gwr-2018")]
    assert all(p["plan_id"] and p["record_id"] and p["start"] is not None for p in parts)  # each can be opened
    assert row.actual_quote == "城镇新增就业1351万人"  # the existing fields stay: the last part
    single = next(r for r in assessment_rows(engine, 1) if r.indicator == "城镇新增就业" and r.year == 2016)
    assert single.evidence_parts == [] and single.actual_quote == "城镇新增就业1314万人"

    code, out, _err = run(capsys, "assess", "--plan", "1", "--format", "jsonl")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    total = next(r for r in lines if r["indicator"] == "城镇新增就业" and r["year"] == 2020)
    assert [p["quote"] for p in total["evidence_parts"]] == ["城镇新增就业1314万人", "城镇新增就业1351万人"]
    assert total["actual_document"] == "national-gwr-2018"  # unchanged fields
    assert all(r["evidence_parts"] == [] for r in lines if r["year"] == 2016)

    code, out, _err = run(capsys, "assess", "--plan", "1", "--format", "csv")
    assert code == 0
    cells = next(r for r in csv.DictReader(io.StringIO(out)) if r["indicator"] == "城镇新增就业" and r["year"] == "2020")
    assert cells["evidence_parts"] == ("2016年 1314万人（national-gwr-2017：«城镇新增就业1314万人»）"
                                       "＋2017年 1351万人（national-gwr-2018：«城镇新增就业1351万人»）")


def test_assess_table_cites_every_year_of_a_sum(engine: Engine, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    _examples(engine)
    monkeypatch.setenv("COLUMNS", "600")  # one line a row: the cells unfolded
    code, out, _err = run(capsys, "assess", "--plan", "1", "--indicator", "城镇新增就业")
    assert code == 0
    total = next(line for line in out.splitlines() if "(total 2016–2020)" in line)
    assert SUM_CITED in total
    single = next(line for line in out.splitlines() if "│ 2016 │" in line)
    assert "国务院 2017年政府工作报告: «城镇新增就业1314万人»" in single and "＋" not in single


def test_cite_parts_names_each_document() -> None:
    from planwatch.monitor.display import cite_parts

    parts = [{"year": 2016, "value": 1.314e7, "unit": "人", "plan_id": 2, "document": "national-gwr-2017",
              "quote": "城镇新增就业\n1314万人"},
             {"year": 2017, "value": 1.351e7, "unit": "人", "plan_id": None, "document": "", "source": "manual",
              "quote": ""}]
    assert cite_parts(parts, {2: "国务院 2017年政府工作报告"}) == (
        "2016年 1314万人（国务院 2017年政府工作报告：«城镇新增就业1314万人»）＋2017年 1351万人（manual）")
    assert cite_parts(parts[:1], quotes=("“", "”")) == "2016年 1314万人（national-gwr-2017：“城镇新增就业1314万人”）"
