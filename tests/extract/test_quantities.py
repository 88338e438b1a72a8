"""Behaviour of the quantity extractor on short, real-style sentences."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.extract import extract_quantities


def one(text: str) -> dict[str, object]:
    records = extract_quantities(text, doc="t")
    assert len(records) == 1, [r.to_dict() for r in records]
    return records[0].to_dict()


@pytest.mark.parametrize(
    ("text", "value", "unit", "comparator", "measure"),
    [
        ("地区生产总值增长8.5%以上。", 8.5, "%", ">=", "growth"),
        ("新增公办学位1.4万个以上。", 14000, "个", ">=", "level"),
        ("地区生产总值 700 亿元左右。", 7e10, "元", "≈", "level"),
        ("能耗强度下降3.1%以上。", -3.1, "%", ">=", "growth"),
        ("城镇登记失业率控制在4.5%以内。", 4.5, "%", "<=", "share"),
        ("办理反馈率超过95%。", 95, "%", ">", "share"),
        ("宽带用户6600多万户。", 66000000, "户", ">", "level"),
        ("地区生产总值增速高出全市2个百分点以上。", 2, "百分点", ">=", "points"),
        ("新增三个国家级开发区。", 3, "个", "=", "level"),
        ("文体活动近千场。", 1000, "场", "≈", "level"),
        ("利润翻三番。", 8, "倍", "=", "level"),
        ("普惠性幼儿园比例达到百分之八十五。", 85, "%", "=", "share"),
        # review3: units 回 and 对, a bare 万 before people, a magnitude with no numeral, 约有
        ("累计建成15回高电压等级跨境输电线路。", 15, "回", "=", "level"),
        ("国际友城达137对。", 137, "对", "=", "level"),
        ("吸引5万回乡大学生创业。", 50000, "人", "=", "level"),
        ("89万监测对象稳定消除返贫致贫风险。", 890000, "人", "=", "level"),
        ("裁减军队员额20万任务顺利完成。", 200000, "人", "=", "level"),
        ("粮食总产量连续6年稳定在万亿斤以上。", 1e12, "斤", ">=", "level"),
        ("翘尾影响约有1个百分点。", 1, "百分点", "≈", "points"),
        # review19: transformer capacity had no unit (the value was lost)
        ("新增变电容量300兆伏安。", 300, "兆伏安", "=", "level"),
        ("新增变电容量120万千伏安以上。", 1200000, "千伏安", ">=", "level"),
        # review19: sessions of a course (期) had no unit
        ("举办培训班20期。", 20, "期", "=", "level"),
        ("开展职业技能培训50期以上。", 50, "期", ">=", "level"),
        ("举办30多期创业培训班。", 30, "期", ">", "level"),
    ],
)
def test_value_unit_comparator_measure(text: str, value: float, unit: str, comparator: str, measure: str) -> None:
    record = one(text)
    assert (record["value"], record["unit"], record["comparator"], record["measure"]) == (value, unit, comparator, measure)


def test_range_is_between() -> None:
    record = one("今年主要预期目标是：全省生产总值增长5%—5.5%。")
    assert (record["comparator"], record["value"], record["value_max"]) == ("between", 5, 5.5)


@pytest.mark.parametrize(
    "text",
    ["学习贯彻党的十九大精神。", "轨道14号线开通。", "5G基站建设。", "2019年3月5日。", "连续19年增长。",
     "深圳90后创业。", "第三代半导体。", "“十四五”规划。", "居全国第2位。", "领会五对重要关系。", "提供一对一指导。",
     "建成110千伏安澜变电站。",  # a 110-kV station named 安澜, no capacity
     # a project's phases are no sessions (期 counts only after Arabic digits, at a word's end or before a course)
     "建设二期工程。", "加快园区三期建设。", "推进园区2期工程建设。", "建设1期、2期工程。", "发行第3期债券。",
     "完成轨道交通3期建设规划。"],
)
def test_names_dates_and_streaks_are_not_quantities(text: str) -> None:
    assert extract_quantities(text, doc="t") == []


def test_from_x_to_y_gives_base_and_new_value() -> None:
    text = "2016年政府工作报告\n一、2015年工作回顾\n服务业增加值比重由46.9%提高到48.2%。"
    base, new = extract_quantities(text, doc="t")
    assert (base.value, base.year, base.kind) == (46.9, None, "result")
    assert (new.value, new.year, new.kind) == (48.2, 2015, "result")


def test_list_with_fenbie_gives_one_record_per_item() -> None:
    records = extract_quantities("工业投资、民间投资分别增长11.2%、8.1%左右。", doc="t")
    assert [(r.indicator, r.value, r.comparator) for r in records] == [
        ("工业投资", 11.2, "≈"), ("民间投资", 8.1, "≈")]


def test_sections_decide_kind_and_year() -> None:
    text = ("深圳市坪山区2019年国民经济和社会发展计划\n一、2018年计划执行情况\n新增学位3690个。\n"
            "二、2019年主要任务\n新增学位1.4万个以上。")
    result, target = extract_quantities(text, doc="t")
    assert (result.kind, result.year) == ("result", 2018)
    assert (target.kind, target.year) == ("target", 2019)


def test_offsets_index_the_original_text_with_spaces_and_wraps() -> None:
    text = "一、执行情况\n\n" + "坪山" * 20 + "完\n\n成工业园区改造 453 个。"
    record = one(text)
    assert text[record["start"]:record["end"]] == record["quote"]
    assert record["value"] == 453


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_arbitrary_text_never_raises_and_quotes_match(text: str) -> None:
    for record in extract_quantities(text, doc="t"):
        assert text[record.start:record.end] == record.quote


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("地区生产总值增长达到新增个万亿元%以上左右下降，。、；\n 0123456789.一二三两十百千")),
                max_size=120).map("".join))
def test_plan_like_noise_never_raises(text: str) -> None:
    for record in extract_quantities(text, doc="t"):
        assert text[record.start:record.end] == record.quote


def test_a_range_of_decrease_keeps_the_bounds_of_the_fall() -> None:
    """Like "下降3.1%以上" (value −3.1, >=): the range is read on the size of the fall, signs on both."""
    record = one("主要污染物排放总量减少8%至10%。")
    assert (record["measure"], record["comparator"], record["value"], record["value_max"]) == ("growth", "between", -8, -10)


def test_indicator_table_rows_become_records() -> None:
    text = ("指标\t2025年\t2030年\t年均增长\t属性\n"
            "地区生产总值（亿元）\t320\t430\t6%左右\t预期性\n")
    records = extract_quantities(text, doc="t")
    assert [(r.kind, r.year, r.measure, r.value, r.unit, r.comparator) for r in records] == [
        ("result", 2025, "level", 320e8, "元", "="),
        ("target", 2030, "level", 430e8, "元", "="),
        ("target", 2030, "growth", 6, "%", "≈"),
    ]
    assert all(r.strength == "soft" for r in records)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # review19: the distributive 各 gives a count to each item of the list before it
        ("新建110千伏、35千伏变电站各2座。", [("110千伏变电站", 2, "座"), ("35千伏变电站", 2, "座")]),
        ("新建小学、初中各1所，幼儿园5所。", [("小学", 1, "所"), ("初中", 1, "所"), ("幼儿园", 5, "所")]),
        ("小学、初中各新建1所。", [("小学", 1, "所"), ("初中", 1, "所")]),
        ("培训新型职业农民和农村实用人才各1000人以上。",
         [("培训新型职业农民", 1000, "人"), ("农村实用人才", 1000, "人")]),
        ("建设5G、4G基站各100个。", [("5G基站", 100, "个"), ("4G基站", 100, "个")]),
        # verbs of building listed before one thing: one record a verb (named as the project names a rebuilding)
        ("新建、改扩建幼儿园各3所。", [("幼儿园", 3, "所"), ("幼儿园改扩建", 3, "所")]),
        # a grade shared by a 分别 list: the head goes to every grade
        ("110千伏和220千伏变电站分别建成3座和5座。", [("110千伏变电站", 3, "座"), ("220千伏变电站", 5, "座")]),
    ],
)
def test_distributive_each_gives_one_record_per_item(text: str, expected: list[tuple[str, float, str]]) -> None:
    records = extract_quantities(text, doc="t")
    assert [(r.indicator, r.value, r.unit) for r in records] == expected


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        ("各类学校新增学位3000个。", "各类学校新增学位"),
        ("每个街道各1个。", "每个街道"),  # 各 of every one of a kind, no list
        ("各区各2个。", "各区"),
    ],
)
def test_each_without_a_list_is_one_record(text: str, indicator: str) -> None:
    assert one(text)["indicator"] == indicator


def test_a_clause_that_opens_on_an_action_names_no_count_after_it() -> None:
    # review19: a count whose own clause names nothing took the clause before as its name, though that clause is an
    # action ("落实…要求"), not a thing; honestly absent instead (the subject of a clause still names: 老旧小区改造)
    assert extract_quantities("落实国家部署要求，建立80项年度任务清单。", doc="t") == []
    assert one("加快城镇老旧小区改造，完成1200个。")["indicator"] == "城镇老旧小区改造"
    assert [r.indicator for r in extract_quantities("保障性安居工程740万套，基本建成511万套。", doc="t")] == [
        "保障性安居工程", "保障性安居工程基本建成"]


@pytest.mark.parametrize(
    ("text", "indicator"),
    [
        # review19: a count before a passive that names what the things were made took "村被", "区均" as its name
        ("全市有5个村被评为省级美丽乡村。", "省级美丽乡村"),
        ("3家企业被认定为国家级专精特新“小巨人”企业。", "国家级专精特新“小巨人”企业"),
        ("12个乡镇（街道）被命名为省级卫生乡镇。", "省级卫生乡镇"),
        ("全省8个市均被评为全国文明城市。", "全国文明城市"),
    ],
)
def test_a_passive_after_a_count_names_what_the_things_were_made(text: str, indicator: str) -> None:
    assert one(text)["indicator"] == indicator


@pytest.mark.parametrize(
    ("text", "indicator", "comparator"),
    [
        # review19: a share of an amount said before it, given to a purpose, was named as the amount itself
        ("安排专项资金5亿元，其中60%用于农村公路建设。", "专项资金用于农村公路建设比重", "="),
        ("全年筹集资金12亿元，70%以上用于民生领域。", "筹集资金用于民生领域比重", ">="),
    ],
)
def test_a_share_of_an_amount_for_a_purpose_names_the_purpose(text: str, indicator: str, comparator: str) -> None:
    share = [r for r in extract_quantities(text, doc="t") if r.unit == "%"]
    assert [(r.indicator, r.measure, r.comparator) for r in share] == [(indicator, "share", comparator)]
