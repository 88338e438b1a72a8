"""The period a value covers (span, period_start, period): unit cases per span, and whole real documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planwatch.documents import load
from planwatch.extract import extract_quantities
from planwatch.extract.period import aspect_of, classify, part_of_year
from tests.extract.test_development_set import SHARED

CASES = [json.loads(line) for line in (Path(__file__).parents[1] / "data" / "monitor" / "periods.jsonl")
         .read_text(encoding="utf-8").splitlines() if line.strip()]
FULL = SHARED / "corpus" / "full"


@pytest.mark.parametrize("case", CASES, ids=[c["clause"] for c in CASES])
def test_span_from_wording_and_frame(case: dict[str, object]) -> None:
    period = classify(str(case["clause"]), measure=str(case["measure"]), year=case.get("year"),  # type: ignore[arg-type]
                      kind=str(case.get("kind", "result")), frame=str(case.get("frame", "")),
                      frame_start=case.get("frame_start"), plan_year=case.get("plan_year"))  # type: ignore[arg-type]
    assert period.span == case["span"]
    if "period_start" in case:
        assert period.period_start == case["period_start"]
    assert period.period == case.get("period")


def test_part_of_year_needs_the_last_time_word() -> None:
    assert part_of_year("上半年增长5%，全年") is None
    assert part_of_year("前10个月") == "M01-M10"
    assert part_of_year("2024年") is None


@pytest.mark.parametrize(("clause", "indicator", "measure", "aspect"), [
    ("地区生产总值增速高出全市", "地区生产总值", "points", "gap"),
    ("城镇新增就业预期目标比去年多", "城镇新增就业", "level", "gap"),
    ("建成", "学校", "level", "addition"),
    ("新开工", "重大水利工程", "level", "addition"),
    ("改建农村公路", "农村公路", "level", "addition"),  # a delivery verb like 新建, 改扩建 (national 2014)
    ("淘汰落后产能企业", "落后产能企业", "level", "addition"),
    ("常住人口达到", "常住人口", "level", "stock"),
    ("粮食播种面积稳定在", "粮食播种面积", "level", "stock"),  # a level held, not an addition (review3)
    ("国内生产总值增长", "国内生产总值", "growth", None),
])
def test_aspect(clause: str, indicator: str, measure: str, aspect: str | None) -> None:
    assert aspect_of(clause, indicator, measure) == aspect


def _records(name: str) -> list[object]:
    document = load(FULL / name)
    return extract_quantities(document.text, doc=document.name)


@pytest.mark.skipif(not FULL.is_dir(), reason=f"no full corpus at {FULL} (set PLANWATCH_SHARED)")
def test_five_year_review_averages_and_totals_are_not_years() -> None:
    """2013: 年均增长9.3% (2008–2012) is an average, 累计新增城镇就业5870万人 a total, 增长7.8% the year 2012."""
    records = _records("national-gwr-2013.txt")
    gdp = [r for r in records if r.kind == "result" and r.measure == "growth" and "国内生产总值" in r.indicator
           and r.year == 2012]
    spans = {r.value: (r.span, r.period_start) for r in gdp}
    assert spans[9.3] == ("average", 2008) and spans[7.8] == ("year", None)
    jobs = [r for r in records if r.kind == "result" and r.value == 58700000]
    assert jobs and jobs[0].span == "total"


@pytest.mark.skipif(not FULL.is_dir(), reason="no full corpus")
def test_every_record_has_a_consistent_period() -> None:
    for path in sorted(FULL.glob("*.txt")):
        for r in _records(path.name):
            assert r.span in ("year", "average", "total", "part"), (path.name, r.quote)
            if r.span == "part":
                assert r.period, (path.name, r.quote)
            else:
                assert r.period is None
            if r.period_start is not None and r.year is not None:
                assert r.period_start <= r.year, (path.name, r.quote)


PROVINCIAL_2026 = sorted(FULL.glob("*-gwr-2026.txt")) if FULL.is_dir() else []


@pytest.mark.skipif(not PROVINCIAL_2026, reason="no provincial 2026 reports in the full corpus")
@pytest.mark.parametrize("path", PROVINCIAL_2026, ids=[p.stem for p in PROVINCIAL_2026])
def test_provincial_reports_keep_the_2025_figure_apart_from_the_five_year_review(path: Path) -> None:
    """The "十四五" review's 年均增长 and cumulative changes never pass for 2025's GDP growth."""
    gdp = [r for r in _records(path.name) if r.kind == "result" and r.measure == "growth" and r.year == 2025
           and "生产总值" in r.indicator and not r.indicator.startswith(("人均", "万元", "单位"))]
    yearly = [r for r in gdp if r.span == "year"]
    assert yearly, [r.quote for r in gdp]
    assert all(0 < r.value < 10 for r in yearly), [(r.value, r.quote) for r in yearly]
    assert all(r.span == "average" for r in gdp if "年均" in r.quote[-12:])


@pytest.mark.skipif(not FULL.is_dir(), reason="no full corpus")
def test_growth_against_a_base_year_is_a_total_in_the_2008_report() -> None:
    records = _records("national-gwr-2008.txt")
    base = [r for r in records if r.value == 65.5 and r.measure == "growth"]
    assert base and base[0].span == "total" and base[0].period_start == 2003 and base[0].year == 2007
    average = [r for r in records if r.value == 10.6 and r.measure == "growth"]
    assert average and average[0].span == "average"
    level = [r for r in records if r.value == 24.66e12]
    assert level and level[0].span == "year"


def test_extract_prints_the_period(capsys: pytest.CaptureFixture[str]) -> None:
    from tests.cli_support import run

    text = Path(__file__).parents[1] / "data" / "monitor" / "five-year-review.txt"
    code, out, _err = run(capsys, "extract", "--format", "jsonl", str(text))
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and {"span", "period_start", "period"} <= set(rows[0])
    assert {(r["value"], r["span"]) for r in rows} >= {(7.1, "average"), (6.9, "year")}
    code, out, _err = run(capsys, "extract", str(text))
    assert "average 2013–2017" in out


@pytest.mark.skipif(not FULL.is_dir(), reason="no full corpus")
def test_one_scan_finds_the_cues_three_scans_find() -> None:
    # _CUES reads the five-year, one-year and outlook cues in one pass; each on its own finds the same.
    import regex

    from planwatch.documents.normalize import normalize
    from planwatch.extract import period

    alone = [(kind, regex.compile(period._SENT_START + f"(?:{words})"))
             for kind, words in (("five", period._CUE_FIVE), ("one", period._CUE_ONE), ("ahead", period._CUE_AHEAD))]
    made_up = "去年，2019年\n年底前。今年以来，今后五年。五年来，我们…；——“十四五”时期。刚刚过去的2017年，明年"
    for text in [made_up] + [normalize(load(path).text).text for path in sorted(FULL.glob("*.txt"))]:
        separate = sorted((m.start(), kind) for kind, pattern in alone for m in pattern.finditer(text))
        assert sorted((m.start(), m.lastgroup) for m in period._CUES.finditer(text)) == separate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # review19: a heading that names one year and the next five gives its items the one year; an average among
        # them is of the five years from it
        ("二、2022年及未来五年主要目标\n地区生产总值年均增长6%以上，城镇新增就业5万人，粮食产量稳定在100万吨以上。",
         [(2026, "average", 2022), (2022, "year", None), (2022, "year", None)]),
        ("2022年及未来五年主要目标：地区生产总值年均增长6%以上，城镇新增就业5万人，五年累计新增城镇就业25万人。",
         [(2026, "average", 2022), (2022, "year", None), (2026, "total", 2022)]),
        ("2022年政府工作报告\n二、今后五年和2022年的主要目标\n地区生产总值年均增长6%以上，城镇新增就业5万人。",
         [(2026, "average", 2022), (2022, "year", None)]),
        # 明年 is the year after the plan's (as a goal's 明年 is, context._time_year)
        ("2021年政府工作报告\n一、过去五年工作回顾\n地区生产总值年均增长8%。\n二、今后五年和明年的目标\n"
         "地区生产总值年均增长6%以上。\n城镇新增就业5万人。",
         [(2020, "average", 2016), (2026, "average", 2022), (2022, "year", None)]),
        ("2022年政府工作报告\n2022年及未来五年主要目标：地区生产总值年均增长6%以上，城镇新增就业5万人。",
         [(2026, "average", 2022), (2022, "year", None)]),
        # the next five years alone: their last year (unchanged)
        ("2022年政府工作报告\n今后五年经济社会发展的主要目标是：地区生产总值年均增长6%以上，城镇新增就业25万人。",
         [(2026, "average", 2022), (2026, "total", 2022)]),
        # a heading of the next five years alone (a new government's first report): its goals are of the fifth year
        ("2023年政府工作报告\n二、今后五年工作的总体要求和主要目标\n研发经费支出占生产总值的比例达到4.5%以上，"
         "地区生产总值年均增长6%以上。\n三、2023年主要任务\n地区生产总值增长5.5%以上。",
         [(2027, "year", None), (2027, "average", 2023), (2023, "year", None)]),
        ("2023年政府工作报告\n今后五年主要目标\n研发经费支出占生产总值的比例达到4.5%以上，地区生产总值年均增长6%。\n"
         "2023年主要目标\n地区生产总值增长5.5%以上。",
         [(2027, "year", None), (2027, "average", 2023), (2023, "year", None)]),  # un-numbered heading lines
    ],
)
def test_a_heading_of_one_year_and_five_gives_the_one_year(
        text: str, expected: list[tuple[int, str, int | None]]) -> None:
    records = extract_quantities(text, doc="t")
    assert [(r.year, r.span, r.period_start) for r in records] == expected


def test_the_goals_under_a_heading_of_the_next_five_years_are_of_its_fifth_year() -> None:
    """上海市's 2023 report, a new government's: "二、今后五年工作的总体要求和主要目标" states where the city will be in 2027
    (研发经费支出…比例达到4.5%以上, 跨国公司地区总部达到1200家); they were stored as 2023 targets and judged on 2023's
    actuals. The year's 主要预期目标 under "三、2023年主要任务" stay of 2023."""
    from planwatch.documents.normalize import normalize

    path = Path(__file__).resolve().parents[1] / "data" / "report" / "shanghai-2023-excerpt.txt"
    targets = [r for r in extract_quantities(normalize(load(path).text).text, doc="sh")
               if r.kind == "target"]
    five = {(r.indicator, r.value): r.year for r in targets if "今后五年" in (r.section or "")}
    assert five[("全社会研发经费支出相当于全市生产总值的比例", 4.5)] == 2027
    assert five[("跨国公司地区总部", 1200.0)] == 2027
    assert set(five.values()) == {2027}
    year = {(r.indicator, r.value): r.year for r in targets if "2023年主要任务" in (r.section or "")}
    assert year[("全社会研发经费支出相当于全市生产总值的比例", 4.3)] == 2023
    assert year[("全市生产总值", 5.5)] == 2023
