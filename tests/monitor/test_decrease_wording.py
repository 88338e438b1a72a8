"""A decrease's rule and gap say what attainment checks: 下降3.4%以上 is met when the actual is −3.4 % or lower."""

from __future__ import annotations

import pytest

from planwatch.monitor.attainment import Assessment, Target, assess
from planwatch.monitor.attainment import Observation as Obs


def _judged(value: float, actual: float, comparator: str = ">=", value_max: float | None = None,
            measure: str = "growth", unit: str = "%", polarity: str | None = "lower") -> Assessment:
    t = Target(id=1, indicator_id=1, government_id=1, measure=measure, comparator=comparator, value=value,
               unit=unit, year=2016, plan_year=2016, value_max=value_max, polarity=polarity)
    return assess([t], [Obs(1, 1, 2016, "", measure, actual, unit)])[0]


def test_a_fall_of_at_least_names_the_bound_on_the_actual_and_the_gap_as_a_fall() -> None:
    """单位GDP能耗下降3.4%以上 (−3.4, ≥), actual −5 %: met; the rule reads a ≤ −3.4 %, the gap 多降 1.6."""
    a = _judged(-3.4, -5.0)
    assert a.status == "met" and a.margin == pytest.approx(1.6)
    assert a.rule.key == "rule_fall_>=" and a.rule.args["bound"] == -3.4  # type: ignore[attr-defined]
    assert str(a.rule) == "a fall of at least 3.4%: met when a ≤ -3.4%"
    assert "≥ v" not in a.rule  # −5 ≥ −3.4 is false: the plain ≥ row would contradict the verdict
    assert a.gap.key == "gap_fell_more" and str(a.gap) == "fell 1.6 percentage points more than the target"  # type: ignore[attr-defined]
    missed = _judged(-3.4, -3.0)
    assert missed.status == "missed" and str(missed.gap) == "fell 0.4 percentage points less than the target"


@pytest.mark.parametrize(("comparator", "actual", "status", "rule", "gap"), [
    ("<=", -2.0, "met", "a fall of at most 3%: met when a ≥ -3%", "fell 1 percentage point less than the target"),
    ("<=", -4.0, "missed", "a fall of at most 3%: met when a ≥ -3%", "fell 1 percentage point more than the target"),
    (">", -3.0, "missed", "a fall of more than 3%: met when a < -3%", "at the target"),
    ("<", -2.5, "met", "a fall of less than 3%: met when a > -3%", "fell 0.5 percentage points less than the target"),
])
def test_every_directional_decrease_is_worded_as_judged(comparator: str, actual: float, status: str, rule: str,
                                                        gap: str) -> None:
    a = _judged(-3.0, actual, comparator, polarity=None)
    assert (a.status, str(a.rule), str(a.gap)) == (status, rule, gap)


@pytest.mark.parametrize(("polarity", "actual", "status", "rule", "gap"), [
    ("lower", -4.0, "met", "a fall of 3% to 5%, lower is better: met when the fall ≥ 3%, i.e. a ≤ -3%", "within the range"),
    ("lower", -2.0, "missed", "a fall of 3% to 5%, lower is better: met when the fall ≥ 3%, i.e. a ≤ -3%",
     "fell 1 percentage point less than the target"),
    ("higher", -6.0, "missed", "a fall of 3% to 5%, higher is better: met when the fall ≤ 5%, i.e. a ≥ -5%",
     "fell 1 percentage point more than the target"),
])
def test_a_range_of_falls_is_worded_as_judged(polarity: str, actual: float, status: str, rule: str, gap: str) -> None:
    """下降3%—5% (between −5 and −3): the fall's bounds and the actual's bounds in one sentence (a fall is never
    neutral: without polarity its sign makes it lower-is-better)."""
    a = _judged(-5.0, actual, "between", value_max=-3.0, polarity=polarity)
    assert (a.status, str(a.rule), str(a.gap)) == (status, rule, gap)


def test_rises_and_levels_keep_the_plain_rule_and_a_signed_gap() -> None:
    a = _judged(6.5, 6.9, polarity="higher")
    assert a.rule.key == "rule_>=" and str(a.gap) == "0.4 percentage points above the target"  # type: ignore[attr-defined]
    jobs = _judged(1.1e7, 1.351e7, measure="level", unit="人", polarity="higher")
    assert str(jobs.gap) == "2,510,000 人 above the target"  # never 2.51e+06 nor 251万人 in English
    level_fall = _judged(-20.0, -25.0, measure="level", unit="万吨", polarity=None)  # a level is not a fall
    assert level_fall.rule.key == "rule_>=" and level_fall.status == "missed"  # type: ignore[attr-defined]
