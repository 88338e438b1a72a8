"""Indicator registry: bundled alias table, matching keys, first-sight registration, merge."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from planwatch.documents import load
from planwatch.errors import NotFoundError, ValidationError
from planwatch.pipeline import ingest_document
from planwatch.store.db import transaction
from planwatch.store.indicators import Resolver, bundled_table, find, key, listing, merge
from planwatch.store.schema import Actual, AuditLog, Indicator, IndicatorAlias, Record

from .mini_plans import PLAN_2019, fake_extract

STANDARD = [
    "地区生产总值", "GDP", "生产总值", "国内生产总值", "规模以上工业增加值", "固定资产投资", "社会消费品零售总额",
    "一般公共预算收入", "地方一般公共预算收入", "地方级一般公共预算收入", "外贸进出口总额", "进出口总额",
    "城镇登记失业率", "城镇调查失业率", "居民人均可支配收入", "城镇居民人均可支配收入", "农村居民人均可支配收入",
    "居民消费价格", "CPI", "万元GDP能耗", "单位GDP能耗", "能耗强度", "PM2.5浓度", "研发投入强度", "粮食产量",
    "城镇新增就业",
]


def test_bundled_table_is_well_formed() -> None:
    rows = bundled_table()
    assert len(rows) >= 40
    assert all(r.polarity in ("higher", "lower", "neutral") for r in rows)
    owners: dict[str, str] = {}
    for r in rows:
        for alias in (r.name, *r.aliases):
            assert owners.setdefault(key(alias), r.name) == r.name, f"{alias} belongs to two indicators"


@pytest.mark.parametrize(("text", "canonical"), [
    ("——地区生产总值", "地区生产总值"), ("全区 GDP 增速", "地区生产总值"), ("国内生产总值增长", "地区生产总值"),
    ("一般公共预算收入（地方本级收入）", "一般公共预算收入"), ("地方级一般公共预算收入", "一般公共预算收入"),
    ("万元 GDP 能耗较 2017 年", "万元GDP能耗"), ("能耗强度", "万元GDP能耗"), ("PM_{2.5} 平均浓度", "PM2.5浓度"),
    ("居民消费价格涨幅", "居民消费价格"), ("CPI", "居民消费价格"), ("全社会研发投入占 GDP 比重", "研发投入强度"),
    ("进出口总额", "外贸进出口总额"), ("城镇新增就业", "城镇新增就业"), ("城镇调查失业率", "城镇调查失业率"),
])
def test_standard_indicators_match(engine: Engine, text: str, canonical: str) -> None:
    with transaction(engine) as s:
        resolver = Resolver(s)
        indicator_id = resolver.find(text)
        assert indicator_id is not None, text
        assert s.get(Indicator, indicator_id).name == canonical  # type: ignore[union-attr]


def test_every_standard_name_is_known(engine: Engine) -> None:
    with transaction(engine) as s:
        resolver = Resolver(s)
        assert [n for n in STANDARD if resolver.find(n) is None] == []


def test_unknown_indicator_is_registered_once(engine: Engine) -> None:
    with transaction(engine) as s:
        resolver = Resolver(s)
        first = resolver.resolve("新增公办学位", "个", "level")
        assert resolver.resolve("新增公办学位", "个", "level") == first
        assert resolver.created == ["新增公办学位"]
    with transaction(engine) as s:
        indicator = find(s, "新增公办学位")
        assert (indicator.standard, indicator.unit) == (False, "个")
        assert s.scalar(select(func.count()).select_from(AuditLog).where(AuditLog.action == "indicator.register")) == 1


def test_merge_moves_records_actuals_and_aliases(engine: Engine) -> None:
    ingest_document(engine, load(PLAN_2019), extract=fake_extract)
    with transaction(engine) as s:
        resolver = Resolver(s)
        odd = resolver.resolve("坪山 GDP 总值", "元", "level")
        plan_record = s.scalars(select(Record).where(Record.indicator == "地区生产总值")).first()
        assert plan_record is not None
        plan_record.indicator_id = odd
        s.add(Actual(indicator_id=odd, government_id=1, year=2020, period="", measure="level", value=1.0,
                     unit="元", source="manual"))
    with transaction(engine) as s:
        target = merge(s, "坪山 GDP 总值", "GDP")
        assert target.name == "地区生产总值"
    with transaction(engine) as s:
        assert s.scalar(select(func.count()).select_from(Record).where(Record.indicator_id == odd)) == 0
        assert s.scalar(select(func.count()).select_from(Actual).where(Actual.indicator_id == odd)) == 0
        assert find(s, "坪山 GDP 总值").name == "地区生产总值"
        assert s.get(Indicator, odd) is None
        assert s.scalar(select(AuditLog.detail).where(AuditLog.action == "indicator.merge"))["records"] == 1


def test_merge_errors(engine: Engine) -> None:
    with transaction(engine) as s:
        with pytest.raises(NotFoundError, match="not registered"):
            merge(s, "没有这个指标", "GDP")
    with transaction(engine) as s, pytest.raises(ValidationError, match="already the same"):
        merge(s, "生产总值", "GDP")


def test_listing_counts_records(engine: Engine) -> None:
    ingest_document(engine, load(PLAN_2019), extract=fake_extract)
    with Session(engine) as s:
        rows = {r.name: r for r in listing(s)}
    assert rows["地区生产总值"].records == 3 and "gdp" in rows["地区生产总值"].aliases
    assert rows["城镇登记失业率"].polarity == "lower"


def _key_with_every_pattern(text: str) -> str:
    """`key` as written before its character tests: every pattern tried on every text."""
    import unicodedata

    from planwatch.store import indicators

    s = unicodedata.normalize("NFKC", text or "").casefold()
    s = indicators._NOISE.sub("", s)
    previous = None
    while previous != s:
        previous = s
        s = indicators._BRACKETS.sub("", s)
    s = indicators._COMPARED.sub("", s)
    stripped = indicators._SUFFIX.sub("", indicators._PREFIX.sub("", s))
    return stripped or s


def _display_with_every_pattern(text: str) -> str:
    import unicodedata

    from planwatch.store import indicators

    s = unicodedata.normalize("NFKC", text or "").strip()
    s = indicators._SPACES.sub("", s)
    s = indicators._COMPARED.sub("", s)
    s = indicators._SUFFIX.sub("", indicators._PREFIX.sub("", s)) or s
    return s[:200]


_PIECES = ["全市", "我省", "持续", "进一步", "增长", "同比增长", "以上", "较上年", "比2020年", "同比", "环比", "比重", "较",
           "（含税）", "(", ")", "《", "》", "“", "”", "'", "_", " ", "\n", "\u3000", "PM", "2.5", "ＧＤＰ", "产值", "率"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=6))
def test_key_and_display_name_are_those_of_every_pattern(pieces: list[str]) -> None:
    from planwatch.store.indicators import display_name

    text = "".join(pieces)
    assert key.__wrapped__(text) == _key_with_every_pattern(text)
    assert display_name(text) == _display_with_every_pattern(text)


# Names that differ by a word or a synonym (blind verdict review, class B): one indicator, by general rules.

@pytest.mark.parametrize(("one", "other"), [
    ("企业退休人员基本养老金水平", "企业退休人员基本养老金"),  # a trailing 水平
    ("农村人口的饮水安全问题", "农村人口饮水安全问题"),  # 的 between nouns
    ("纳入直达范围的中央财政资金", "中央财政资金"),  # a scope of inclusion before 的
    ("保障性安居工程建设力度", "保障性安居工程"),  # the effort put into it
    ("能源消耗强度", "能耗强度"),  # data/synonyms.csv: 能源消耗 = 能耗
    ("新农合和城镇居民基本医疗保险财政补助标准", "城乡居民基本医保财政补助标准"),  # 基本医疗保险 = 基本医保, the merged schemes
    ("我国经济总量", "经济总量"),  # 我国 as 全国
])
def test_names_worded_apart_meet_on_their_match_form(engine: Engine, one: str, other: str) -> None:
    from planwatch.store.indicators import match_form

    assert match_form(key(one)) == match_form(key(other))
    for first, second in ((one, other), (other, one)):  # whichever a plan names first
        with transaction(engine) as s:
            resolver = Resolver(s)
            assert resolver.resolve(second, "", "level") == resolver.resolve(first, "", "level")
            assert resolver.find(first) == resolver.find(second)
            s.rollback()


@pytest.mark.parametrize(("one", "other"), [
    ("城镇保障性住房", "保障性安居工程"),  # not the same programme (安居工程 includes 棚户区改造)
    ("农村贫困人口", "农村贫困人口减少"),  # a stock and its change
    ("行政审批事项", "取消和下放行政审批事项"),
    ("新增的公办学位", "公办学位"),  # a modifier that is no scope of inclusion
])
def test_names_that_differ_in_meaning_stay_apart(engine: Engine, one: str, other: str) -> None:
    with transaction(engine) as s:
        resolver = Resolver(s)
        assert resolver.resolve(one, "", "level") != resolver.resolve(other, "", "level")


def test_a_form_two_indicators_share_links_neither(engine: Engine) -> None:
    with transaction(engine) as s:
        resolver = Resolver(s)
        first, second = resolver.resolve("甲类资金", "元", "level"), resolver.resolve("甲类资金水平", "元", "level")
        assert first == second
        other = resolver.resolve("乙类资金", "元", "level")
        s.add(IndicatorAlias(indicator_id=other, alias=key("乙类资金的水平")))  # merged by hand elsewhere
    with transaction(engine) as s:
        resolver = Resolver(s)
        assert resolver.find("甲类资金") == first and resolver.find("乙类资金") == other


def test_a_level_that_is_a_change_is_its_own_indicator(engine: Engine) -> None:
    """"人均预期寿命提高1岁": a rise by one year, never the life expectancy; as a growth rate it is the indicator."""
    with transaction(engine) as s:
        resolver = Resolver(s)
        level = resolver.find("人均预期寿命")
        rise = resolver.resolve("人均预期寿命提高", "岁", "level")
        assert rise is not None and rise != level and s.get(Indicator, rise).name == "人均预期寿命提高"  # type: ignore[union-attr]
        assert resolver.resolve("人均预期寿命提高", "%", "growth") == level
        assert resolver.resolve_all([("人均预期寿命提高", "岁", "level", None), ("人均预期寿命提高", "%", "growth", None)]) \
            == [rise, level]


def test_economic_growth_and_m2_are_bundled(engine: Engine) -> None:
    with transaction(engine) as s:
        resolver = Resolver(s)
        for name, canonical in (("经济增长", "地区生产总值"), ("经济增速", "地区生产总值"), ("广义货币M2", "广义货币M2"),
                                ("M2", "广义货币M2")):
            found = resolver.find(name)
            assert found is not None and s.get(Indicator, found).name == canonical, name  # type: ignore[union-attr]
        assert find(s, "广义货币M2").polarity == "neutral"


def test_a_bundled_alias_reaches_a_database_seeded_before(engine: Engine) -> None:
    with transaction(engine) as s:
        Resolver(s)
        s.execute(delete(IndicatorAlias).where(IndicatorAlias.alias == key("经济增速")))  # as before it was bundled
    with transaction(engine) as s:
        found = Resolver(s).find("经济增速")
        assert found is not None and s.get(Indicator, found).name == "地区生产总值"  # type: ignore[union-attr]
