"""Numbers and verdicts in the words of an execution report."""

from __future__ import annotations

from planwatch.evaluate.facts import AssessmentRow
from planwatch.report import wording


def _row(**kw: object) -> AssessmentRow:
    base = dict(plan_id=1, government="深圳市坪山区", year=2018, indicator="地区生产总值", measure="growth", comparator=">=",
                value=8.5, value_max=None, unit="%", status="met", plan_year=2018)
    base.update(kw)
    return AssessmentRow(**base)  # type: ignore[arg-type]


def test_met_growth_reads_like_the_plan() -> None:
    row = _row(actual=9.2, margin=0.7)
    assert wording.phrase(row) == "地区生产总值增长9.2%，高于年度目标0.7个百分点，完成年度目标"


def test_missed_soft_target_uses_expected_target() -> None:
    row = _row(indicator="一般公共预算收入", value=7.0, actual=5.5, margin=-1.5, status="missed", strength="soft")
    assert wording.phrase(row) == "一般公共预算收入增长5.5%，低于预期目标1.5个百分点，未完成预期目标"
    assert wording.margin_text(row) == "-1.5个百分点"


def test_no_data_says_so_with_the_target() -> None:
    row = _row(indicator="社会消费品零售总额", comparator="≈", value=7.5, status="no data")
    assert wording.phrase(row) == "社会消费品零售总额：年度目标为增长7.5%左右，暂无数据"
    assert wording.actual_text(row) == "暂无数据"


def test_decline_targets_compare_the_fall() -> None:
    row = _row(indicator="万元GDP能耗", value=-3.0, actual=-4.2, margin=1.2)
    assert wording.target_text(row) == "下降3%以上"
    assert wording.phrase(row) == "万元GDP能耗下降4.2%，降幅高于年度目标1.2个百分点，完成年度目标"


def test_amounts_as_printed() -> None:
    assert wording.quantity(7e10, "元") == "700亿元"
    assert wording.quantity(4.345e9, "元") == "43.45亿元"
    assert wording.quantity(14000, "人") == "1.4万人"
    assert wording.quantity(85.0, "%") == "85%"
    level = _row(measure="level", unit="元", comparator="≈", value=7e10, actual=7.2e10, margin=2e9)
    assert wording.phrase(level) == "地区生产总值为720亿元，高于年度目标20亿元，完成年度目标"


def test_conflicting_actuals_are_not_judged() -> None:
    row = _row(status="conflict", actual=None)
    assert wording.phrase(row) == "地区生产总值：各来源实际值不一致，有待核实"
    assert wording.STATUS_ZH["conflict"] == "数据不一致"


def test_trillions_as_printed() -> None:
    assert wording.quantity(2.38e12, "元") == "2.38万亿元"


def test_falls_in_points_and_ranges_read_as_falls() -> None:
    # the pages write these 下降0.4个百分点 and 下降2–3% (the `value` macro): the report's table did -0.4个百分点 and 下降3%—-2%
    deficit = _row(indicator="赤字率", measure="points", comparator="=", value=-0.4, unit="百分点", status="no data")
    assert wording.target_text(deficit) == "下降0.4个百分点"
    energy = _row(indicator="单位GDP能耗", comparator="between", value=-3.0, value_max=-2.0, status="no data")
    assert wording.target_text(energy) == "下降2—3%"


def test_spans_in_the_reports_words() -> None:
    """The facts print a period as 2020 or "total 2016–2020"; the report says it in Chinese, never the code."""
    assert wording.span_text("2020") == "2020年"
    assert wording.span_text("total 2016–2020") == "2016–2020年期间累计"
    assert wording.span_text("average 2016–2020") == "2016–2020年年均"
    assert wording.span_text("total") == "期间累计" and wording.span_text("") == ""


def test_a_difference_from_another_figure_is_not_written_as_the_target() -> None:
    # "城镇新增就业预期目标比去年多100万人" (2017): the report said "预期目标为100万人，暂无数据" beside the real 1100万人以上
    from planwatch.monitor.phrases import phrase as monitor_phrase

    gap = _row(indicator="城镇新增就业", comparator="=", value=1e6, unit="人", status="no data",
               basis=monitor_phrase("gap_not_judged"), strength="soft")
    assert wording.phrase(gap) == "城镇新增就业：预期目标比相应基数多100万人（差额，不作评判）"


def test_a_gap_is_written_in_the_magnitude_of_the_values_beside_it() -> None:
    """农村公路 20万公里, actual 20.5万公里: 高于年度目标0.5万公里, not 5000公里 beside them (a new user's review)."""
    road = _row(indicator="农村公路", measure="level", unit="公里", comparator="=", value=200000.0, actual=205000.0,
                margin=5000.0)
    assert wording.target_text(road) == "20万公里" and wording.actual_text(road).startswith("20.5万公里")
    assert wording.phrase(road) == "农村公路为20.5万公里，高于年度目标0.5万公里，完成年度目标"
    assert wording.margin_text(road) == "+0.5万公里"
    assert wording.quantity(90000, "公里", like=290000) == "9万公里"
    assert wording.quantity(10, "公里", like=200000) == "0.001万公里"  # never rounded away to 0
    assert wording.quantity(5000, "公里") == "5000公里"  # alone: its own magnitude


def test_verdicts_in_the_status_columns_words() -> None:
    """The sentences use the words of the 状态 column, the pages and the workbook (`monitor.vocabulary`): progress read
    进度符合预期 / 进度滞后于目标要求 beside a column of 进度正常 / 进度滞后."""
    later = dict(year=2020, plan_year=2018, progress="rate", actual=7.0, margin=0.1)
    assert wording.verdict(_row(status="on track", **later)) == wording.STATUS_ZH["on track"] == "进度正常"
    assert wording.verdict(_row(status="at risk", **later)) == wording.STATUS_ZH["at risk"] == "进度滞后"
    assert wording.verdict(_row(status="met")) == "完成年度目标" and wording.STATUS_ZH["met"] == "完成"
    assert wording.verdict(_row(status="absent")) == "本年度未设目标（上年计划设有）"
    assert wording.phrase(_row(status="at risk", **later)).endswith("，进度滞后")
