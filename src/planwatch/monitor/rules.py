"""The attainment rule table: is an actual value good enough for a target?

Pure functions, no I/O. `a` is the actual, `v` the target value, `[lo, hi]` a range
(comparator ``between``), `t` the tolerance, all in the target's unit.

| comparator | direction | met when | margin (> 0: better than needed) |
|---|---|---|---|
| ``>=`` | any | a ≥ v | a − v |
| ``>`` | any | a > v | a − v |
| ``<=`` | any | a ≤ v | v − a |
| ``<`` | any | a < v | v − a |
| ``≈`` / ``=`` | higher | a ≥ v − t | a − v |
| ``≈`` / ``=`` | lower | a ≤ v + t | v − a |
| ``≈`` / ``=`` | neutral | \\|a − v\\| ≤ t | a − v (signed deviation; a miss is worded 偏离, `gap`'s `off`) |
| ``between`` | higher | a ≥ lo | a − lo |
| ``between`` | lower | a ≤ hi | hi − a |
| ``between`` | neutral | lo ≤ a ≤ hi | min(a − lo, hi − a) |

- **Decreases** (a negative growth or points target, "下降 3.1%以上" = −3.1 with ``>=``): the
  comparator is on the size of the fall, so ``>= > <= <`` compare −a with −v; `fall_rule` words
  the row so ("a fall of at least 3.1%: met when a ≤ −3.1%") and `gap` the margin (多降 / 少降).
- **Direction** is the indicator's polarity (higher / lower is better, or neutral: two-sided, as the registry
  says of 广义货币M2 — money growth 左右 is a target to hold, not to beat); for an indicator
  without one, a growth or points target points the way of its sign (增长 → higher,
  下降 → lower); a share or count the way its own sentence gives (提高到, 达 after 增加 …: the record's polarity,
  `extract.quantities._stated_direction`); otherwise neutral. A bare number (``=``) is read like 左右 (``≈``).
- **Tolerance** t: ±`points` percentage points for growth, share and points targets
  (default 0.5), ±`relative` of |v| for levels (default 2 %).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import regex

from planwatch.monitor.phrases import TEXTS, Phrase, phrase

Direction = Literal["higher", "lower", "neutral"]
COMPARATORS = (">=", ">", "<=", "<", "≈", "=", "between")
DIRECTIONAL = {">=", ">", "<=", "<"}
MULTIPLE = "倍"  # the unit of a multiple of a base (翻一番 = 2倍)
# The polarity of a target whose indicator the registry calls neutral as a standard indicator (广义货币M2, 财政赤字率):
# neither higher nor lower is better, so ≈ and a range are two-sided (13%左右: 13.6% missed). A polarity of neutral
# says only that none is known (an indicator registered on first sight): the sign of a change decides.
TWO_SIDED = "two-sided"

# Growth of gross product and value added is published at comparable prices (real growth); their levels are at
# current prices, so growth computed from two levels is nominal and never judges such a target.
_COMPARABLE_PRICES = regex.compile(r"生产总值|增加值|GDP|gdp|经济增长|经济增速")
# A multiple said as a rise ("增长1.71倍", "增加两倍", "提高一倍": ×2.71, ×3, ×2), not as a multiple of the base
# ("翻一番" = 2, "是2010年的2.2倍").
_RISE_BY = regex.compile(r"(?:增长|增加|提高|提升|扩大|上升)(?:了)?(?:约|近|超过|超)?[\d.一二两三四五六七八九十百]+(?:多)?倍")


def comparable_prices(*names: str | None) -> bool:
    """True when an indicator (any of its names: canonical, as written) is gross product or value added, whose growth
    is published at comparable prices (GDP, 规模以上工业增加值 …)."""
    return any(name and _COMPARABLE_PRICES.search(name) for name in names)


def multiple_kind(quote: str, unit: str) -> str:
    """For a value in 倍: "by" when the words say a rise by so many times (增长1倍 = ×2), else "of" (翻一番, 是…的2倍:
    ×2); "" for another unit."""
    if unit != MULTIPLE:
        return ""
    return "by" if _RISE_BY.search(quote or "") and "翻" not in (quote or "") else "of"


@dataclass(frozen=True, slots=True)
class Tolerance:
    """How far an ≈ (左右) target may be off and still count as met."""

    points: float = 0.5
    relative: float = 0.02

    def for_target(self, measure: str, value: float) -> float:
        """The tolerance in the target's own unit."""
        if measure in ("growth", "share", "points"):
            return self.points
        return abs(value) * self.relative


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether the actual satisfies the target, and by how much (positive: better)."""

    ok: bool
    margin: float


def direction_of(polarity: str | None, measure: str, value: float | None) -> Direction:
    """The direction in which an actual is better: polarity (`TWO_SIDED`: neither, as the registry says of a standard
    indicator such as 广义货币M2), else the sign of a change target (a polarity of neutral is none known)."""
    if polarity == TWO_SIDED:
        return "neutral"
    if polarity in ("higher", "lower"):
        return polarity  # type: ignore[return-value]
    if measure in ("growth", "points") and value:
        return "higher" if value > 0 else "lower"
    return "neutral"


def judge(
    comparator: str,
    value: float,
    value_max: float | None,
    actual: float,
    direction: Direction,
    tolerance: float,
    measure: str = "level",
) -> Verdict:
    """Apply the rule table to one actual against one target."""
    a, v = actual, value
    if comparator in DIRECTIONAL and measure in ("growth", "points") and v < 0:
        a, v = -a, -v  # the comparator speaks of the size of the fall
    if comparator == ">=":
        return Verdict(a >= v, a - v)
    if comparator == ">":
        return Verdict(a > v, a - v)
    if comparator == "<=":
        return Verdict(a <= v, v - a)
    if comparator == "<":
        return Verdict(a < v, v - a)
    if comparator in ("≈", "="):
        if direction == "higher":
            return Verdict(a >= v - tolerance, a - v)
        if direction == "lower":
            return Verdict(a <= v + tolerance, v - a)
        return Verdict(abs(a - v) <= tolerance, a - v)
    if comparator == "between":
        hi = v if value_max is None else value_max
        lo, hi = min(v, hi), max(v, hi)
        if direction == "higher":
            return Verdict(a >= lo, a - lo)
        if direction == "lower":
            return Verdict(a <= hi, hi - a)
        return Verdict(lo <= a <= hi, min(a - lo, hi - a))
    raise ValueError(f"unknown comparator {comparator!r}; expected one of {', '.join(COMPARATORS)}")


# Open SDG progress categories for multi-year targets: ratio R of observed to needed growth.
PROGRESS_THRESHOLDS: tuple[tuple[float, str], ...] = (
    (0.95, "substantial"),
    (0.60, "moderate"),
    (0.0, "limited"),
)


def progress_category(ratio: float) -> str:
    """Open SDG category of R = observed CAGR / required CAGR (target not yet achieved)."""
    for threshold, name in PROGRESS_THRESHOLDS:
        if ratio >= threshold:
            return name
    return "deterioration"


def cagr(first: float, last: float, years: int) -> float | None:
    """Compound annual growth rate between two positive levels `years` apart, else None."""
    if years <= 0 or first <= 0 or last <= 0:
        return None
    return (last / first) ** (1.0 / years) - 1.0


@lru_cache(maxsize=128)
def rule_name(comparator: str, direction: Direction, floor: bool = False) -> str:
    """The row of the rule table a verdict applied, in words (shown with every verdict; a `Phrase`)."""
    if floor:
        return phrase("rule_floor")
    key = f"rule_{comparator}" if comparator in (">=", ">", "<=", "<") else f"rule_{comparator}_{direction}"
    return phrase(key) if key in TEXTS else comparator


def is_fall(measure: str, value: float | None, value_max: float | None = None) -> bool:
    """True for a decrease: a growth or points target below zero (both bounds of a range at or below zero)."""
    if measure not in ("growth", "points") or value is None or value >= 0:
        return False
    return value_max is None or value_max <= 0


MIRRORED = {">=": "<=", ">": "<", "<=": ">=", "<": ">"}


def signed_comparator(comparator: str, measure: str | None, value: float | None) -> str:
    """The comparator as applied to the signed value, as the verdict data (`assess --format jsonl/csv`,
    `GET /api/assessments`, the panel) give it: a fall of at least 3.4 % (下降3.4%以上, −3.4 with ``>=`` on the size
    of the fall, as the record stores it) is ``<=`` −3.4, which is how `judge` reads it; any other comparator is
    unchanged. Mirroring twice gives the comparator back (`stored_comparator`)."""
    if comparator in MIRRORED and measure in ("growth", "points") and value is not None and value < 0:
        return MIRRORED[comparator]
    return comparator


stored_comparator = signed_comparator  # the mirror is its own inverse: the wording's comparator from the signed one


def fall_rule(comparator: str, value: float, value_max: float | None, direction: Direction, unit: str) -> Phrase | None:
    """The rule a decrease is judged by, in words of the fall and of the actual (下降3.4%以上: a fall of at
    least 3.4 %, met when a ≤ −3.4 %); None for a comparator the fall does not change (≈, =)."""
    if comparator in DIRECTIONAL:
        return Phrase(f"rule_fall_{comparator}", fall=-value, bound=value, unit=unit)
    if comparator == "between":
        hi = value if value_max is None else value_max
        lo, hi = min(value, hi), max(value, hi)
        return Phrase(f"rule_fall_between_{direction}", fall=-hi, fall_max=-lo, lo=lo, hi=hi, unit=unit)
    return None


def gap(comparator: str, value: float, value_max: float | None, actual: float, measure: str, unit: str,
        off: bool = False) -> Phrase:
    """How far the actual is from the target, said as the rule reads it: 多降 1.6 个百分点 for a decrease,
    高于目标 / 低于目标 otherwise, to the nearer bound of a range (inside it: within the range); `off`: a two-sided
    target missed (neutral ≈ / bare number), whose miss is the deviation either way — 偏离目标 1.2 个百分点（偏高）, never
    高于目标 beside 未完成.

    Rates (growth, share, points) differ in percentage points (`unit` 个百分点), levels in the target's unit, written
    in the magnitude of the values the gap sits beside (`scale`, the larger of the target and the actual: 高于目标
    9万公里 beside 20万公里 and 29万公里, not 90,000 公里).
    """
    fall = is_fall(measure, value, value_max)
    scale = max(abs(value), abs(value_max or 0.0), abs(actual))
    if comparator == "between":
        hi = value if value_max is None else value_max
        lo, hi = min(value, hi), max(value, hi)
        if lo <= actual <= hi:
            return phrase("gap_within")
        if actual < lo:
            return Phrase("gap_fell_more" if fall else "gap_below_range", gap=lo - actual, unit=unit, scale=scale)
        return Phrase("gap_fell_less" if fall else "gap_above_range", gap=actual - hi, unit=unit, scale=scale)
    diff = actual - value
    if abs(diff) < 1e-9 * max(1.0, abs(value)):
        return phrase("gap_level")
    if off:
        return Phrase("gap_off_above" if diff > 0 else "gap_off_below", gap=abs(diff), unit=unit, scale=scale)
    if fall:
        return Phrase("gap_fell_more" if diff < 0 else "gap_fell_less", gap=abs(diff), unit=unit, scale=scale)
    return Phrase("gap_above" if diff > 0 else "gap_below", gap=abs(diff), unit=unit, scale=scale)
