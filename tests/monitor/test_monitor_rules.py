"""The rule table, pinned: every comparator × direction (polarity) × measure."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planwatch.monitor.rules import (
    Tolerance,
    cagr,
    direction_of,
    judge,
    progress_category,
)

MEASURES = ("level", "growth", "share", "points")
TOL = Tolerance(points=0.5, relative=0.02)


def _v(measure: str) -> float:
    """A typical target value for a measure (levels are large)."""
    return 1000.0 if measure == "level" else 8.0


def _t(measure: str) -> float:
    return TOL.for_target(measure, _v(measure))


# (comparator, direction, offset of actual from target in tolerances, expected ok)
CASES = [
    (">=", d, off, off >= 0) for d in ("higher", "lower", "neutral") for off in (-1.5, -0.5, 0.0, 0.5, 1.5)
] + [
    (">", d, off, off > 0) for d in ("higher", "lower", "neutral") for off in (-1.5, 0.0, 0.5)
] + [
    ("<=", d, off, off <= 0) for d in ("higher", "lower", "neutral") for off in (-1.5, 0.0, 0.5)
] + [
    ("<", d, off, off < 0) for d in ("higher", "lower", "neutral") for off in (-0.5, 0.0, 1.5)
] + [
    (c, "higher", off, off >= -1) for c in ("≈", "=") for off in (-1.5, -1.0, -0.5, 0.0, 3.0)
] + [
    (c, "lower", off, off <= 1) for c in ("≈", "=") for off in (-3.0, 0.0, 0.5, 1.0, 1.5)
] + [
    (c, "neutral", off, abs(off) <= 1) for c in ("≈", "=") for off in (-1.5, -1.0, 0.0, 1.0, 1.5)
]


@pytest.mark.parametrize("measure", MEASURES)
@pytest.mark.parametrize(("comparator", "direction", "offset", "ok"), CASES)
def test_rule_table(measure: str, comparator: str, direction: str, offset: float, ok: bool) -> None:
    value, tol = _v(measure), _t(measure)
    actual = value + offset * tol
    verdict = judge(comparator, value, None, actual, direction, tol, measure)  # type: ignore[arg-type]
    assert verdict.ok is ok
    # the margin is positive exactly when the actual is better than the target
    if comparator in (">=", ">") or (comparator in ("≈", "=") and direction == "higher"):
        assert verdict.margin == pytest.approx(actual - value)
    elif comparator in ("<=", "<") or direction == "lower":
        assert verdict.margin == pytest.approx(value - actual)
    else:
        assert verdict.margin == pytest.approx(actual - value)


@pytest.mark.parametrize("measure", MEASURES)
@pytest.mark.parametrize(("direction", "actual", "ok"), [
    ("higher", 4.9, False), ("higher", 5.0, True), ("higher", 7.0, True),
    ("lower", 5.6, False), ("lower", 5.5, True), ("lower", 3.0, True),
    ("neutral", 4.9, False), ("neutral", 5.2, True), ("neutral", 5.6, False),
])
def test_between(measure: str, direction: str, actual: float, ok: bool) -> None:
    verdict = judge("between", 5.0, 5.5, actual, direction, _t(measure), measure)  # type: ignore[arg-type]
    assert verdict.ok is ok


@pytest.mark.parametrize(("comparator", "actual", "ok"), [
    (">=", -4.2, True), (">=", -3.0, True), (">=", -2.9, False), (">=", 1.0, False),
    (">", -3.0, False), (">", -3.1, True),
    ("<=", -2.0, True), ("<=", -3.5, False),
    ("<", -3.0, False), ("<", -2.5, True),
])
@pytest.mark.parametrize("measure", ["growth", "points"])
def test_decrease_targets_compare_the_size_of_the_fall(comparator: str, actual: float, ok: bool, measure: str) -> None:
    """能耗强度下降 3%以上 = −3 with >=: a fall of at least 3 % (spec: comparator on the size of the fall)."""
    assert judge(comparator, -3.0, None, actual, "lower", 0.5, measure).ok is ok


def test_level_decrease_is_not_flipped() -> None:
    assert judge(">=", 100.0, None, 120.0, "lower", 2.0, "level").ok  # a level of at least 100


@pytest.mark.parametrize(("polarity", "measure", "value", "expected"), [
    ("higher", "growth", -3.0, "higher"),
    ("lower", "level", 5.0, "lower"),
    ("neutral", "growth", 6.0, "higher"),
    (None, "growth", -2.0, "lower"),
    (None, "points", 1.0, "higher"),
    (None, "level", 100.0, "neutral"),
    (None, "share", 30.0, "neutral"),
])
def test_direction(polarity: str | None, measure: str, value: float, expected: str) -> None:
    assert direction_of(polarity, measure, value) == expected


def test_tolerance_per_measure() -> None:
    assert TOL.for_target("growth", 6.0) == 0.5
    assert TOL.for_target("share", 60.0) == 0.5
    assert TOL.for_target("points", 1.0) == 0.5
    assert TOL.for_target("level", 700e8) == pytest.approx(14e8)


def test_unknown_comparator() -> None:
    with pytest.raises(ValueError, match="unknown comparator"):
        judge("~", 1.0, None, 1.0, "higher", 0.1)


@pytest.mark.parametrize(("ratio", "category"), [
    (1.2, "substantial"), (0.95, "substantial"), (0.94, "moderate"), (0.6, "moderate"),
    (0.59, "limited"), (0.0, "limited"), (-0.01, "deterioration"),
])
def test_progress_categories(ratio: float, category: str) -> None:
    assert progress_category(ratio) == category


def test_cagr() -> None:
    assert cagr(100.0, 121.0, 2) == pytest.approx(0.1)
    assert cagr(0.0, 1.0, 2) is None
    assert cagr(1.0, 2.0, 0) is None


def test_every_comparator_direction_measure_is_covered() -> None:
    covered = {(c, d) for c, d, _o, _ok in CASES}
    assert covered >= set(itertools.product(("≈", "="), ("higher", "lower", "neutral")))
    assert {c for c, _d in covered} == {">=", ">", "<=", "<", "≈", "="}


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@given(comparator=st.sampled_from(["≈", "=", ">=", ">", "<=", "<", "between"]),
       direction=st.sampled_from(["higher", "lower", "neutral"]),
       measure=st.sampled_from(MEASURES), value=finite, spread=st.floats(0, 100), actual=finite,
       step=st.floats(0.001, 1e3))
def test_better_actuals_never_turn_met_into_missed(comparator: str, direction: str, measure: str, value: float,
                                                  spread: float, actual: float, step: float) -> None:
    """Moving the actual in the better direction keeps a met target met (directional rules)."""
    tol = TOL.for_target(measure, value)
    first = judge(comparator, value, value + spread, actual, direction, tol, measure)  # type: ignore[arg-type]
    if comparator in (">=", ">") and not (measure in ("growth", "points") and value < 0):
        better = actual + step
    elif comparator in ("<=", "<") and not (measure in ("growth", "points") and value < 0):
        better = actual - step
    elif comparator in ("≈", "=", "between") and direction != "neutral":
        better = actual + step if direction == "higher" else actual - step
    else:
        return
    second = judge(comparator, value, value + spread, better, direction, tol, measure)  # type: ignore[arg-type]
    assert not first.ok or second.ok
    assert second.margin >= first.margin - 1e-6 * max(1.0, abs(first.margin))
