"""Explanations of verdicts (the rule applied, the basis of a status) built from a key and its parts.

A `Phrase` is the English sentence the CLI and the API show (it is a ``str``), and it keeps the key and
the numbers it was made from, so an interface can word the same explanation in its own language
(`planwatch.web.labels.explain`) instead of translating English sentences.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

__all__ = ["LIKE", "TEXTS", "Phrase", "english_quantity", "magnitude", "number", "phrase", "quantity", "scaled_number"]

# key → the English sentence, with str.format fields
TEXTS: dict[str, str] = {
    # the rule-table row a verdict applied
    "rule_floor": "bare number to deliver (建成/新增/开工…): a floor, met when a ≥ v",
    "rule_>=": "≥: met when a ≥ v", "rule_>": ">: met when a > v", "rule_<=": "≤: met when a ≤ v",
    "rule_<": "<: met when a < v",
    "rule_≈_higher": "≈ (左右/约), higher is better: met when a ≥ v − t",
    "rule_≈_lower": "≈ (左右/约), lower is better: met when a ≤ v + t",
    "rule_≈_neutral": "≈ (左右/约), neutral: met when |a − v| ≤ t",
    "rule_=_higher": "= (bare number), higher is better: met when a ≥ v − t",
    "rule_=_lower": "= (bare number), lower is better: met when a ≤ v + t",
    "rule_=_neutral": "= (bare number), neutral: met when |a − v| ≤ t",
    "rule_between_higher": "range, higher is better: met when a ≥ lower bound",
    "rule_between_lower": "range, lower is better: met when a ≤ upper bound",
    "rule_between_neutral": "range, neutral: met when lo ≤ a ≤ hi",
    "rule_conflict": "conflict: candidates disagree beyond rounding",
    # a decrease (a negative growth or points target): the comparator speaks of the size of the fall
    "rule_fall_>=": "a fall of at least {fall}: met when a ≤ {bound}",
    "rule_fall_>": "a fall of more than {fall}: met when a < {bound}",
    "rule_fall_<=": "a fall of at most {fall}: met when a ≥ {bound}",
    "rule_fall_<": "a fall of less than {fall}: met when a > {bound}",
    "rule_fall_between_higher": "a fall of {fall} to {fall_max}, higher is better: met when the fall ≤ {fall_max}, "
                                "i.e. a ≥ {lo}",
    "rule_fall_between_lower": "a fall of {fall} to {fall_max}, lower is better: met when the fall ≥ {fall}, "
                               "i.e. a ≤ {hi}",
    "rule_fall_between_neutral": "a fall of {fall} to {fall_max}, neutral: met when {lo} ≤ a ≤ {hi}",
    # the gap between the actual and the target (or the range's nearest bound), worded as the rule reads it
    "gap_above": "{gap} above the target", "gap_below": "{gap} below the target",
    "gap_level": "at the target",
    "gap_fell_more": "fell {gap} more than the target", "gap_fell_less": "fell {gap} less than the target",
    "gap_above_range": "{gap} above the range", "gap_below_range": "{gap} below the range",
    "gap_within": "within the range",
    # a two-sided target missed (neutral: off its value either way is the miss), never "above the target" + missed
    "gap_off_above": "{gap} off the target (above it)", "gap_off_below": "{gap} off the target (below it)",
    "progress_achieved": "progress: already at the target",
    "progress_rate": "progress: compound rate so far vs the average needed",
    "progress_growth": "progress: compound growth so far vs needed",
    "progress_cumulative": "progress: cumulative total so far vs pro rata",
    "progress_real_growth": "progress: chained real growth so far vs the growth the level needs",
    # the basis of a status: which actuals, how combined
    "reported": "reported {measure} {year}",
    "reported_estimate": "estimated {measure} {year}",
    "estimated_basis": "{basis}, on estimated figures",
    "growth_from_levels": "growth from levels {first}→{last}",
    "period_pro_rated": "{period} pro-rated to the year",
    "period_reported": "{period} reported {measure}",
    "period_growth_from_levels": "{period} growth from levels",
    "no_annual_figure": "no annual figure for {year}: only {spans} over several years, which never stands in for a year",
    "reported_span_growth": "reported {span} growth {first}–{last}",
    "compound_levels": "compound growth of levels {first}→{last}",
    "chained_growth": "chained yearly growth {first}→{last}",
    "so_far_vs_needed": "{so_far} vs {needed:.3g}%/yr needed",
    "compound_vs_needed": "compound growth {first}→{last} vs needed to {year}",
    "real_level_vs_needed": "level {first} grown by the real rates {first}→{last} vs needed to {year}",
    "reported_total": "reported total {first}–{last}",
    "sum_of_years": "sum of yearly values {first}–{last}",
    "cumulative": "cumulative {first}–{last} vs {n}/{whole} of the total",
    "sources_disagree": "sources disagree: {values}",
    "not_judged": "not judged",
    "gap_not_judged": "a gap against another figure: not judged",
    "change_not_level": "a change by an amount, linked to the level of its indicator: not judged (store the plan again)",
    "no_year": "target has no year",
    "absent": "targeted by plan {plan} for its year, omitted here",
}


def number(value: float, decimals: int = 2) -> str:
    """`value` with at most `decimals` decimals, trailing zeros dropped: 700, 43.45, 9.2 (never 1.1e+07)."""
    text = f"{value:.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def scaled_number(value: float, decimals: int = 2) -> str:
    """`number(value, decimals)`, with the decimals a small non-zero value needs to keep two significant digits
    (a gap of 10 公里 in 万: 0.001, not 0)."""
    if value and math.isfinite(value) and abs(value) < 10 ** -(decimals - 1):
        decimals = min(-math.floor(math.log10(abs(value))) + 1, 12)
    return number(value, decimals)


def quantity(value: float, unit: str, like: float | None = None) -> str:
    """A value in its base unit as a report prints it: 7e10 元 → 700亿元, 14000 人 → 1.4万人, 8.5 % → 8.5%.

    `like`: another value the amount sits beside (a gap beside its target and actual): the amount is written in the
    magnitude `like` is written in (9万公里 beside 20万公里, not 90000公里)."""
    if unit in ("%", "％"):
        return f"{number(value)}%"
    if unit in ("百分点", "个百分点"):
        return f"{number(value)}个百分点"
    divisor, word = magnitude(abs(value if like is None else like), unit)
    return f"{scaled_number(value / divisor)}{word}{unit}"


def magnitude(size: float, unit: str) -> tuple[float, str]:
    """The divisor and word an amount of `size` in `unit` is written in (`quantity`; a chart's axis beside it):
    (1e8, "亿") for 7e10 元, (1e4, "万") for 14000 人, (1, "") for a rate, a small amount or a unit already in 万/亿."""
    if unit in ("%", "％", "百分点", "个百分点", "倍") or not unit or unit.startswith(("万", "亿")):
        return 1.0, ""
    steps = ((1e12, "万亿"), (1e8, "亿"), (1e4, "万")) if unit in ("元", "美元") else ((1e8, "亿"), (1e4, "万"))
    for threshold, word in steps:
        if size >= threshold:
            return threshold, word
    return 1.0, ""


def english_quantity(value: float, unit: str, like: float | None = None) -> str:
    """A value in its base unit as the English sentences print it: 8.5 % → 8.5%, 1.6 个百分点 → 1.6 percentage
    points, 3,140,000 人 (the unit as stored, as the English pages show it; never 314万人 nor 3.14e+06). `like`
    (`quantity`'s) changes nothing: every amount is in the unit as stored."""
    if unit in ("%", "％"):
        return f"{number(value)}%"
    if unit in ("百分点", "个百分点"):
        return f"{number(value)} percentage point{'' if abs(value) == 1 else 's'}"
    if not math.isfinite(value):  # an overflowing conversion (1e307 亿元): no digits to group
        return f"{number(value)} {unit}".rstrip()
    whole, _dot, decimals = number(abs(value)).partition(".")
    text = f"{'-' if value < 0 and number(value) != '0' else ''}{int(whole):,}{'.' + decimals if decimals else ''}"
    return f"{text} {unit}".rstrip()


# The parts that are amounts in the phrase's `unit` (a float, kept as such in `args`): worded by `quantity`.
AMOUNTS = frozenset(("fall", "fall_max", "bound", "lo", "hi", "gap"))
# An amount written in the magnitude of another part (`quantity`'s `like`): a gap in that of the values it sits
# beside (`scale`: the larger of the target and the actual), 9万公里 beside 20万公里 and 29万公里.
LIKE = {"gap": "scale"}


class Phrase(str):
    """An explanation: its text (from the class's `TEXTS`), plus `key` and `args` (the parts it was made from)."""

    TEXTS = TEXTS
    AMOUNTS = AMOUNTS
    QUANTITY = staticmethod(english_quantity)  # how an amount is worded in `TEXTS`' language
    WORDS: dict[str, dict[str, str]] = {}  # part → the words its codes are written in (a status: 完成), else as given
    key: str
    args: dict[str, Any]

    def __new__(cls, key: str, **args: Any) -> Phrase:
        unit = str(args.get("unit") or "")
        shown = {name: cls.QUANTITY(v, unit, args.get(LIKE.get(name, ""))) if name in cls.AMOUNTS
                 and isinstance(v, int | float) else cls.WORDS.get(name, {}).get(str(v), v) for name, v in args.items()}
        made = super().__new__(cls, cls.TEXTS[key].format(**shown))
        made.key = key
        made.args = args
        return made

    def __reduce__(self) -> Any:
        return _remake, (type(self), self.key, self.args)  # pickled (and deep-copied) with its parts


def _remake(cls: type[Phrase], key: str, args: dict[str, Any]) -> Phrase:
    return cls(key, **args)


@lru_cache(maxsize=64)
def phrase(key: str) -> Phrase:
    """The phrase of `key` without parts (rules: one shared object per key)."""
    return Phrase(key)
