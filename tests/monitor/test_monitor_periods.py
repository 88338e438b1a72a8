"""Like with like: spans, stock vs addition, gaps, floors for things to deliver, five-year targets, candidates.

Each defect of issue 8 has a test here that fails on the old monitor (which ignored spans,
read every bare number two-sided and chose candidates by rank alone).
"""

from __future__ import annotations

import pytest

from planwatch.monitor.attainment import SOURCE_TIER, Observation, Target, assess, disagree
from planwatch.monitor.display import display_name

GDP, JOBS, SCHOOLS = 1, 2, 3


def target(indicator: int = GDP, measure: str = "growth", comparator: str = "≈", value: float = 7.5,
           unit: str = "%", year: int = 2012, plan_year: int = 2012, **kw: object) -> Target:
    return Target(1, indicator, 1, measure, comparator, value, unit, year, plan_year, **kw)  # type: ignore[arg-type]


def doc(year: int, value: float, *, indicator: int = GDP, measure: str = "growth", unit: str = "%",
        span: str = "year", period_start: int | None = None, plan_year: int | None = None, start: int = 100,
        aspect: str | None = None, written: str = "", quote: str = "") -> Observation:
    plan_year = plan_year if plan_year is not None else year + 1
    return Observation(indicator, 1, year, "", measure, value, unit, SOURCE_TIER + start, span, period_start, aspect,
                       "document", f"report-{plan_year}", plan_year, plan_year, quote or f"{value}", start,
                       start + 10, start, written)


def one(t: Target, obs: list[Observation]) -> tuple[str, float | None]:
    a = assess([t], obs)[0]
    return a.status, a.actual


# -- spans -------------------------------------------------------------------------------------

def test_a_five_year_average_never_judges_one_year() -> None:
    """2013 report: 7.8 % for 2012 and 年均 9.3 % for 2008–2012; the 2012 target (7.5 %) is judged on 7.8."""
    obs = [doc(2012, 9.3, span="average", period_start=2008, start=50), doc(2012, 7.8, start=900)]
    assert one(target(), obs) == ("met", 7.8)
    assert one(target(value=9.0, comparator=">="), obs) == ("missed", 7.8)


def test_only_an_average_means_no_data() -> None:
    """2018 report gives only 居民消费价格年均上涨1.9% (2013–2017): the 2017 CPI target stays no data."""
    t = target(value=3.0, year=2017, plan_year=2017, polarity="lower")
    a = assess([t], [doc(2017, 1.9, span="average", period_start=2013)])[0]
    assert a.status == "no data" and "average" in a.basis


def test_a_five_year_total_never_judges_one_year() -> None:
    """城镇新增就业6000万人 over five years never judges a year's 1000万人以上 target."""
    t = target(JOBS, "level", ">=", 1e7, "人", 2012, 2012)
    assert one(t, [doc(2012, 6e7, indicator=JOBS, measure="level", unit="人", span="total", period_start=2008)])[0] \
        == "no data"
    assert one(t, [doc(2012, 1.266e7, indicator=JOBS, measure="level", unit="人")]) == ("met", 1.266e7)


def test_growth_against_a_base_year_is_a_total() -> None:
    """"比2002年增长65.5%" said of 2007 is not 2007's growth."""
    t = target(value=8.0, year=2007, plan_year=2007)
    assert one(t, [doc(2007, 65.5, span="total", period_start=2003)])[0] == "no data"


def test_growth_from_levels_of_different_scope_is_not_computed() -> None:
    """Two levels written as different things (scope) give no growth; the same thing does."""
    t = target(value=8.0)
    mixed = [doc(2011, 100, measure="level", unit="亿元", written="地区生产总值"),
             doc(2012, 119.8, measure="level", unit="亿元", written="全市地区生产总值")]
    assert one(t, mixed)[0] == "no data"
    same = [doc(2011, 100, measure="level", unit="亿元", written="地区生产总值"),
            doc(2012, 108.1, measure="level", unit="亿元", written="地区生产总值")]
    assert one(t, same)[0] == "met"


def test_a_stock_never_judges_an_addition() -> None:
    t = target(JOBS, "level", ">=", 1e7, "人", aspect="addition")
    stock = doc(2012, 7.6e8, indicator=JOBS, measure="level", unit="人", aspect="stock")
    assert one(t, [stock])[0] == "no data"
    assert one(target(JOBS, "level", ">=", 7e8, "人", aspect="stock"), [stock])[0] == "met"


def test_a_gap_is_never_the_indicator() -> None:
    """"增速高出全市2个百分点" is not GDP: neither as an actual nor as a target."""
    t = target(measure="points", comparator=">=", value=1.0, unit="百分点")
    assert one(t, [doc(2012, 2.0, measure="points", unit="百分点", aspect="gap")])[0] == "no data"
    assert one(target(measure="points", comparator=">=", value=1.0, unit="百分点", aspect="gap"),
               [doc(2012, 2.0, measure="points", unit="百分点")])[0] == "no data"


# -- what a bare number means (one test per row of the rule table) -------------------------------

@pytest.mark.parametrize(("comparator", "polarity", "aspect", "actual", "status", "rule"), [
    ("=", None, "addition", 7, "met", "floor"),          # 建成6所学校: 7 is more than promised
    ("=", None, "addition", 5, "missed", "floor"),
    ("=", "lower", "addition", 7, "missed", "lower"),    # lower is better: no floor
    ("=", None, None, 7, "missed", "neutral"),           # a neutral amount: two-sided
    ("≈", None, None, 6.1, "met", "neutral"),            # 左右: within the tolerance (2 %)
    ("≈", "higher", None, 9, "met", "higher"),
    (">=", None, None, 6, "met", "a ≥ v"),
    (">", None, None, 6, "missed", "a > v"),
    ("<=", None, None, 6, "met", "a ≤ v"),
    ("<", None, None, 6, "missed", "a < v"),
])
def test_rule_table_rows(comparator: str, polarity: str | None, aspect: str | None, actual: float, status: str,
                         rule: str) -> None:
    t = target(SCHOOLS, "level", comparator, 6, "所", polarity=polarity, aspect=aspect)
    a = assess([t], [doc(2012, actual, indicator=SCHOOLS, measure="level", unit="所")])[0]
    assert a.status == status and rule in a.rule


def test_exceeding_a_delivery_target_is_met() -> None:
    """新开工20项重大水利工程 → 21; 淘汰落后产能企业200家 → 210: met, with a positive margin."""
    for value, actual in ((20, 21), (200, 210)):
        a = assess([target(SCHOOLS, "level", "=", value, "项", aspect="addition")],
                   [doc(2012, actual, indicator=SCHOOLS, measure="level", unit="项")])[0]
        assert a.status == "met" and a.margin == pytest.approx(actual - value)


def test_range_rows() -> None:
    t = target(value=6.5, comparator="between", value_max=7.0)
    assert one(t, [doc(2012, 6.7)])[0] == "met"
    assert one(t, [doc(2012, 7.4)])[0] == "met"  # higher is better: above the range is fine
    assert one(target(value=6.5, comparator="between", value_max=7.0, polarity="neutral"), [doc(2012, 7.4)])[0] \
        == "met"  # a growth target points up by its sign


# -- five-year targets ---------------------------------------------------------------------------

def jobs_total(**kw: object) -> Target:
    return target(JOBS, "level", ">=", 5e7, "人", 2020, 2016, span="total", period_start=2016, aspect="addition", **kw)


def test_five_year_total_progress_is_the_cumulative_sum() -> None:
    """城镇新增就业5000万人以上 (2016–2020): never a growth method on one year's 1314万."""
    one_year = assess([jobs_total()], [doc(2016, 1.314e7, indicator=JOBS, measure="level", unit="人")])[0]
    assert one_year.status == "on track" and "cumulative" in one_year.basis and one_year.actual == 1.314e7
    slow = assess([jobs_total()], [doc(2016, 0.8e7, indicator=JOBS, measure="level", unit="人")])[0]
    assert slow.status == "at risk"


def test_five_year_total_at_its_end_year() -> None:
    yearly = [doc(y, 1.3e7, indicator=JOBS, measure="level", unit="人") for y in range(2016, 2021)]
    a = assess([jobs_total()], yearly)[0]
    assert a.status == "met" and a.actual == pytest.approx(6.5e7)
    reported = [doc(2020, 6.0e7, indicator=JOBS, measure="level", unit="人", span="total", period_start=2016)]
    assert one(jobs_total(), reported) == ("met", 6.0e7)


def test_five_year_average_judged_on_the_same_span() -> None:
    t = target(value=6.5, comparator=">=", year=2020, plan_year=2016, span="average", period_start=2016)
    assert one(t, [doc(2020, 7.1, span="average", period_start=2016)]) == ("met", 7.1)
    assert one(t, [doc(2020, 7.1, span="average", period_start=2011)])[0] == "no data"  # another period
    assert one(t, [doc(2016, 6.7), doc(2017, 6.9)])[0] == "on track"


# -- choosing among candidates ---------------------------------------------------------------------

def test_following_year_document_first_then_the_headline() -> None:
    later = doc(2016, 6.9, plan_year=2018, start=10)  # a revision two years on
    passing = doc(2016, 6.7, plan_year=2017, start=5000)
    a = assess([target(value=6.5, year=2016, plan_year=2016, comparator=">=")], [later, passing])[0]
    assert a.actual == 6.7 and a.evidence is passing
    headline = doc(2016, 6.7, plan_year=2017, start=100)
    mention = doc(2016, 6.7, plan_year=2017, start=9000)
    a = assess([target(value=6.5, year=2016, plan_year=2016, comparator=">=")], [mention, headline])[0]
    assert a.evidence is headline and len(a.candidates) == 2


def test_sources_that_disagree_beyond_rounding_are_a_conflict() -> None:
    t = target(value=6.5, year=2016, plan_year=2016, comparator=">=")
    a = assess([t], [doc(2016, 6.7, start=100), doc(2016, 6.9, start=900)])[0]
    assert a.status == "conflict" and "6.7" in a.basis and "6.9" in a.basis and len(a.used) == 2
    assert assess([t], [doc(2016, 6.7, start=100), doc(2016, 6.70, start=900)])[0].status == "met"


def test_rounding() -> None:
    assert not disagree(13510000, 13512000)
    assert not disagree(4.02, 4.0)
    assert disagree(6.7, 6.9)


def test_every_verdict_carries_its_evidence() -> None:
    a = assess([target()], [doc(2012, 7.8, quote="国内生产总值增长7.8%")])[0]
    assert a.evidence is not None and a.evidence.quote == "国内生产总值增长7.8%" and a.evidence.document == "report-2013"
    assert a.rule


# -- names ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("name", "government", "shown"), [
    ("地区生产总值", "国务院", "国内生产总值"),
    ("人均地区生产总值", "国务院", "人均国内生产总值"),
    ("地区生产总值", "深圳市坪山区", "地区生产总值"),
    ("国内生产总值", "福建省", "地区生产总值"),
    ("城镇新增就业", "国务院", "城镇新增就业"),
])
def test_display_name(name: str, government: str, shown: str) -> None:
    assert display_name(name, government) == shown
