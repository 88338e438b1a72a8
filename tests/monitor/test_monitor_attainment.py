"""Assessment of targets from observations: annual, growth from levels, mid-year, multi-year, absences."""

from __future__ import annotations

import pytest

from planwatch.monitor.absence import PlanTargets, explicitly_absent
from planwatch.monitor.attainment import Observation, Target, assess, summary
from planwatch.monitor.rules import Tolerance
from planwatch.store.units import UnitError, convert, convertible

GDP, CPI = 1, 2


def target(measure: str = "growth", comparator: str = ">=", value: float | None = 8.5, unit: str = "%",
           year: int | None = 2019, plan_year: int | None = 2019, **kw: object) -> Target:
    return Target(id=1, indicator_id=GDP, government_id=1, measure=measure, comparator=comparator, value=value,
                  unit=unit, year=year, plan_year=plan_year, **kw)  # type: ignore[arg-type]


def obs(year: int, measure: str, value: float, unit: str = "%", period: str = "", rank: int = 0,
        indicator: int = GDP) -> Observation:
    return Observation(indicator, 1, year, period, measure, value, unit, rank)


def one(t: Target, observations: list[Observation]) -> tuple[str, float | None, str, str | None]:
    a = assess([t], observations)[0]
    return a.status, a.margin, a.basis, a.progress


def test_reported_growth_met_and_missed() -> None:
    assert one(target(), [obs(2019, "growth", 9.0)])[:2] == ("met", pytest.approx(0.5))
    assert one(target(), [obs(2019, "growth", 8.0)])[0] == "missed"


def test_growth_judged_from_two_levels_with_units_converted() -> None:
    status, margin, basis, _ = one(target(), [obs(2018, "level", 700, "亿元"), obs(2019, "level", 7.7e10, "元")])
    assert status == "met" and margin == pytest.approx(1.5) and "levels 2018→2019" in basis


def test_level_target_converted_from_other_unit() -> None:
    t = target(measure="level", comparator="≈", value=7.6e10, unit="元")
    assert one(t, [obs(2019, "level", 760, "亿元")])[0] == "met"
    assert one(t, [obs(2019, "level", 700, "亿元")])[0] == "missed"
    assert one(t, [obs(2019, "level", 700, "万人")])[0] == "no data"  # unit does not convert


def test_no_data_cases() -> None:
    assert one(target(), [])[0] == "no data"
    assert one(target(value=None), [obs(2019, "growth", 9)])[0] == "no data"
    assert one(target(measure="ratio"), [obs(2019, "growth", 9)])[0] == "no data"
    assert one(target(year=None, plan_year=None), [obs(2019, "growth", 9)])[0] == "no data"
    assert one(Target(1, None, 1, "growth", ">=", 8, "%", 2019, 2019), [obs(2019, "growth", 9)])[0] == "no data"
    assert one(target(), [obs(2018, "growth", 9.0)])[0] == "no data"


def test_higher_ranked_observation_wins() -> None:
    observations = [obs(2019, "growth", 7.0, rank=1), obs(2019, "growth", 9.0, rank=3), obs(2019, "growth", 6.0, rank=2)]
    assert one(target(), observations)[0] == "met"


def test_mid_year_levels_are_pro_rated() -> None:
    t = target(measure="level", comparator=">=", value=800.0, unit="亿元")
    assert one(t, [obs(2019, "level", 410, "亿元", period="H1")])[:1] == ("on track",)
    status, _m, basis, _ = one(t, [obs(2019, "level", 390, "亿元", period="H1"),
                                   obs(2019, "level", 150, "亿元", period="Q1")])
    assert status == "at risk" and "H1" in basis


def test_mid_year_rates_and_growth_from_levels() -> None:
    assert one(target(), [obs(2019, "growth", 8.7, period="Q3")])[0] == "on track"
    assert one(target(), [obs(2019, "growth", 7.0, period="M05")])[0] == "at risk"
    levels = [obs(2018, "level", 100, "亿元", period="Q1"), obs(2019, "level", 110, "亿元", period="Q1")]
    assert one(target(), levels)[0] == "on track"


def test_full_year_beats_mid_year() -> None:
    assert one(target(), [obs(2019, "growth", 9.5, period="H1"), obs(2019, "growth", 8.0)])[0] == "missed"


def test_cpi_lower_polarity_with_approx() -> None:
    t = Target(1, CPI, 1, "growth", "≈", 3.0, "%", 2019, 2019, polarity="lower")
    assert one(t, [obs(2019, "growth", 2.9, indicator=CPI)])[0] == "met"
    assert one(t, [obs(2019, "growth", 3.4, indicator=CPI)])[0] == "met"
    assert one(t, [obs(2019, "growth", 3.6, indicator=CPI)])[0] == "missed"


def test_configurable_tolerance() -> None:
    t = target(comparator="≈", value=6.0)
    assert assess([t], [obs(2019, "growth", 5.4)], Tolerance(points=0.5))[0].status == "missed"
    assert assess([t], [obs(2019, "growth", 5.4)], Tolerance(points=1.0))[0].status == "met"


# Multi-year: a five-year plan of 2021 (base year 2020) targeting 2025.

def test_multi_year_level_progress_categories() -> None:
    t = target(measure="level", comparator=">=", value=1610.51, unit="亿元", year=2025, plan_year=2021)
    base = obs(2020, "level", 1000, "亿元")

    def progress(latest: float) -> tuple[str, str | None]:
        status, _m, _b, category = one(t, [base, obs(2022, "level", latest, "亿元")])
        return status, category

    # needed: 10 % a year. Observed two-year compound growth decides the category.
    assert progress(1210) == ("on track", "substantial")      # 10 %/yr, R = 1
    assert progress(1150) == ("at risk", "moderate")          # ~7.2 %/yr, R ≈ 0.72
    assert progress(1050) == ("at risk", "limited")           # ~2.5 %/yr
    assert progress(950) == ("at risk", "deterioration")      # falling
    assert progress(1700) == ("on track", "achieved")         # already above the 2025 level


def test_multi_year_judged_at_its_year() -> None:
    t = target(measure="level", comparator=">=", value=1600, unit="亿元", year=2025, plan_year=2021)
    assert one(t, [obs(2020, "level", 1000, "亿元"), obs(2025, "level", 1650, "亿元")])[0] == "met"


def test_average_growth_target() -> None:
    t = target(comparator="≈", value=6.0, year=2025, plan_year=2021, average=True)
    levels = [obs(2020, "level", 100, "亿元"), obs(2022, "level", 112.36, "亿元")]
    status, _m, basis, category = one(t, levels)
    assert (status, category) == ("on track", "substantial") and "2020→2022" in basis
    yearly = [obs(2021, "growth", 3.0), obs(2022, "growth", 2.0)]
    assert one(t, yearly)[3] == "limited"
    final = [obs(2020, "level", 100, "亿元"), obs(2025, "level", 133.8, "亿元")]
    assert one(t, final)[0] == "met"  # 6.0 %/yr over five years


def test_cumulative_decrease_target() -> None:
    """能耗强度 "十四五" 累计下降 13.5% (cumulative, lower is better)."""
    t = Target(1, GDP, 1, "growth", ">=", -13.5, "%", 2025, 2021, polarity="lower")
    assert one(t, [obs(2020, "level", 1.0, "吨标准煤/万元"), obs(2025, "level", 0.85, "吨标准煤/万元")])[0] == "met"
    on_pace = one(t, [obs(2020, "level", 1.0, "吨标准煤/万元"), obs(2022, "level", 0.94, "吨标准煤/万元")])
    assert on_pace[0] == "on track"
    worse = one(t, [obs(2020, "level", 1.0, "吨标准煤/万元"), obs(2022, "level", 1.02, "吨标准煤/万元")])
    assert worse[3] == "deterioration"


def test_summary_line() -> None:
    ts = [target(), Target(2, GDP, 1, "growth", ">=", 9.5, "%", 2019, 2019), Target(3, None, 1, "level", "=", 1, "个", 2019, 2019)]
    line = summary(assess(ts, [obs(2019, "growth", 9.0)]))
    assert line == "1 met / 1 missed / 0 on track / 0 at risk / 1 no data"


def test_explicitly_absent() -> None:
    plans = [
        PlanTargets(1, 1, 2019, "work_report", frozenset({GDP, CPI, 99})),
        PlanTargets(2, 1, 2020, "work_report", frozenset({CPI})),
        PlanTargets(3, 2, 2020, "work_report", frozenset()),        # another government
        PlanTargets(4, 1, 2020, "plan", frozenset()),               # another kind
    ]
    found = explicitly_absent(plans, standard={GDP, CPI})
    assert [(a.plan_id, a.indicator_id, a.previous_plan_id) for a in found] == [(2, GDP, 1)]


@pytest.mark.parametrize(("value", "source", "target_unit", "expected"), [
    (700, "亿元", "元", 7e10), (7e10, "元", "亿元", 700), (1.4, "万人", "人", 14000), (1285, "万吨", "吨", 1285e4),
    (5, "％", "%", 5), (2, "个百分点", "百分点", 2), (3, "万千瓦", "千瓦", 3e4), (2, "千米", "公里", 2),
    (0.5, "吨标准煤/万元", "吨标准煤/元", 0.5e-4),
])
def test_units_convert(value: float, source: str, target_unit: str, expected: float) -> None:
    assert convert(value, source, target_unit) == pytest.approx(expected)


def test_units_that_do_not_convert() -> None:
    assert not convertible("元", "人")
    assert not convertible("%", "百分点")
    with pytest.raises(UnitError):
        convert(1, "亿元", "万吨")


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan"), 1e307])
def test_a_non_finite_actual_gives_no_verdict(value: float) -> None:
    """A stored inf judged 地区生产总值 met with margin infpp (audit defect 12); 1e307 亿元 overflows converting."""
    t = target(measure="level", comparator=">=", value=7.6e10, unit="元") if value == 1e307 else target()
    a = assess([t], [obs(2019, t.measure, value, "亿元" if value == 1e307 else "%")])[0]
    assert a.status == "no data" and a.actual is None and a.margin is None and not a.used and not a.candidates
    assert "not a finite number" in a.basis


def test_a_non_finite_target_gives_no_verdict() -> None:
    assert one(target(value=float("inf")), [obs(2019, "growth", 9.0)])[:3] == (
        "no data", None, "not judged: the target is not a finite number")


# Growth from levels (review ux2 #7): never for growth at comparable prices, never from a bound, both levels cited.

def _level(year: int, value: float, comparator: str = "=") -> Observation:
    return Observation(GDP, 1, year, "", "level", value, "亿元", comparator=comparator, quote=f"{year}年{value}亿元")


def test_growth_from_levels_cites_both_levels() -> None:
    a = assess([target()], [_level(2018, 700), _level(2019, 770)])[0]
    assert a.status == "met" and a.actual == pytest.approx(10.0)
    parts = a.evidence_parts()
    assert [(p["year"], p["value"], p["part"]) for p in parts] == [(2018, 700, "level"), (2019, 770, "level")]


def test_growth_is_never_derived_from_a_bound() -> None:
    """"超过100万亿元" is more than 100万亿元: no exact level to compute a rate from."""
    assert one(target(), [_level(2018, 700), _level(2019, 770, ">")])[0] == "no data"
    assert one(target(), [_level(2018, 700, "≈"), _level(2019, 770)])[0] == "no data"
    t = target(value=6.5, year=2020, plan_year=2016, span="average")
    assert one(t, [_level(2015, 677000), _level(2020, 1000000, ">")])[0] == "no data"


def test_growth_at_comparable_prices_is_never_derived_from_levels() -> None:
    """GDP growth is real growth; its levels are at current prices: 67.7 → 100万亿元 is no 8.1 % a year."""
    levels = [_level(2015, 677000), _level(2020, 1016000)]
    assert one(target(value=6.5, year=2020, plan_year=2016, span="average"), levels)[0] == "met"  # nominal: any other
    t = target(value=6.5, year=2020, plan_year=2016, span="average", comparable=True)
    assert one(t, levels)[0] == "no data"
    assert one(target(comparable=True), [_level(2018, 700), _level(2019, 770)])[0] == "no data"
    rates = [obs(y, "growth", g) for y, g in ((2016, 6.7), (2017, 6.9), (2018, 6.7), (2019, 6.0), (2020, 2.3))]
    chained = assess([t], rates)[0]  # the yearly (real) rates chained: 5.7 % a year, missed, every year cited
    assert chained.status == "missed" and chained.actual == pytest.approx(5.7, abs=0.05)
    assert [p["part"] for p in chained.evidence_parts()] == ["rate"] * 5


def test_progress_to_a_level_at_comparable_prices_uses_the_real_rates() -> None:
    """按2010年价格计算，2015年国内生产总值将超过55万亿元 (plan 2011): 39.8万亿 (2010) → 47.2万亿 (2011, current prices)
    is +18.6 % with inflation; the progress is the real rate against the ≈ 6.7 % a year the level needs."""
    t = target(measure="level", comparator=">", value=5.5e13, unit="元", year=2015, plan_year=2011, comparable=True)
    levels = [Observation(GDP, 1, 2010, "", "level", 39.8, "万亿元"), Observation(GDP, 1, 2011, "", "level", 47.2, "万亿元")]
    a = assess([t], [*levels, obs(2011, "growth", 9.2)])[0]
    assert a.status == "on track" and a.actual == pytest.approx(39.8e12 * 1.092)
    assert "real rates 2010→2011" in a.basis and [p["part"] for p in a.evidence_parts()] == ["level", "rate"]
    slow = assess([t], [*levels, obs(2011, "growth", 3.0)])[0]  # a bad year: the levels' +18.6 % said on track
    assert slow.status == "at risk" and slow.margin == pytest.approx(0.03 / 0.0671 - 1, abs=0.01)
    assert one(t, levels)[0] == "no data"  # levels alone never measure real progress
    nominal = target(measure="level", comparator=">", value=5.5e13, unit="元", year=2015, plan_year=2011)
    assert one(nominal, levels)[0] == "on track"  # a level at current prices (人口, 存款…) is still judged on levels


def test_a_multiple_of_a_base_is_judged_on_a_multiple_of_the_same_kind_only() -> None:
    """翻一番 (2倍 of 2010, 2011–2020): never on a level, nor on "增长1倍" read as if it were ×1."""
    t = target(measure="level", comparator=">=", value=2.0, unit="倍", year=2020, plan_year=2016, span="total",
               period_start=2011, multiple="of")
    levels = [Observation(GDP, 1, 2020, "", "level", 1.016e14, "元")]
    assert one(t, levels)[0] == "no data"
    same = Observation(GDP, 1, 2020, "", "level", 2.3, "倍", span="total", period_start=2011, multiple="of")
    assert one(t, [same])[0] == "met"
    other_kind = Observation(GDP, 1, 2020, "", "level", 1.3, "倍", span="total", period_start=2011, multiple="by")
    assert one(t, [other_kind])[0] == "no data"
    other_base = Observation(GDP, 1, 2020, "", "level", 2.3, "倍", span="total", period_start=2016, multiple="of")
    assert one(t, [other_base])[0] == "no data"
