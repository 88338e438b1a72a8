"""Unit conversion for comparing actuals with targets: 亿元 vs 元, 万人 vs 人, 万吨 vs 吨 …

A unit is a chain of Chinese multipliers (十 百 千 万 亿) on a base unit, optionally a
ratio of two such units (吨标准煤/万元). Two units convert when their bases agree.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

MULTIPLIERS: dict[str, float] = {"十": 10.0, "百": 1e2, "千": 1e3, "万": 1e4, "亿": 1e8}

# Whole units matched before multipliers are stripped: unit → (base, factor).
SPECIAL: dict[str, tuple[str, float]] = {
    "%": ("%", 1.0),
    "％": ("%", 1.0),
    "百分比": ("%", 1.0),
    "百分点": ("百分点", 1.0),
    "个百分点": ("百分点", 1.0),
    "pp": ("百分点", 1.0),
    "‰": ("‰", 1.0),
    "千分点": ("千分点", 1.0),
    "公里": ("米", 1e3),
    "千米": ("米", 1e3),
    "km": ("米", 1e3),
    "平方公里": ("平方米", 1e6),
    "公顷": ("平方米", 1e4),
    "亩": ("平方米", 10000 / 15),
    "吨": ("克", 1e6),
    "公斤": ("克", 1e3),
    "千克": ("克", 1e3),
    "斤": ("克", 500.0),
    "千瓦": ("瓦", 1e3),
    "千瓦时": ("瓦时", 1e3),
    "度": ("瓦时", 1e3),
    "倍": ("倍", 1.0),
    # a count of people, whatever its measure word: 20名高端科技创新人才 is judged on 22人 (and 3位院士 is 3人); 人次
    # (visits, 万人次) stays a unit of its own
    "名": ("人", 1.0),
    "位": ("人", 1.0),
    "元/人": ("元/人", 1.0),
}


class UnitError(ValueError):
    """Two units that do not convert into each other (or a unit that cannot be read)."""


def _clean(unit: str) -> str:
    """The unit in NFKC form without spaces (full-width ％ → %)."""
    return unicodedata.normalize("NFKC", unit or "").replace(" ", "").strip()


def _simple(unit: str) -> tuple[str, float]:
    """(base, factor) of a unit without '/': multipliers stripped from the front."""
    if unit in SPECIAL:
        return SPECIAL[unit]
    factor = 1.0
    rest = unit
    while len(rest) > 1 and rest[0] in MULTIPLIERS and rest not in SPECIAL:
        factor *= MULTIPLIERS[rest[0]]
        rest = rest[1:]
    if rest in SPECIAL:
        base, more = SPECIAL[rest]
        return base, factor * more
    return rest, factor


@lru_cache(maxsize=1024)
def parse_unit(unit: str) -> tuple[str, float]:
    """(base, factor): the value in `unit` times factor is the value in `base`."""
    text = _clean(unit)
    if text in SPECIAL:
        return SPECIAL[text]
    if "/" in text:
        top, _, bottom = text.partition("/")
        top_base, top_factor = _simple(top)
        bottom_base, bottom_factor = _simple(bottom)
        return f"{top_base}/{bottom_base}", top_factor / bottom_factor
    return _simple(text)


def convertible(source: str, target: str) -> bool:
    """True when a value in `source` can be expressed in `target`."""
    return parse_unit(source)[0] == parse_unit(target)[0]


def convert(value: float, source: str, target: str) -> float:
    """`value` in unit `source`, expressed in unit `target`; UnitError if they do not convert."""
    source_base, source_factor = parse_unit(source)
    target_base, target_factor = parse_unit(target)
    if source_base != target_base:
        raise UnitError(f"unit {source!r} does not convert to {target!r}")
    if source_factor == target_factor:
        return value
    return value * source_factor / target_factor


# Magnitudes that are Chinese number words of their own (十万, 万亿 …); any other run of 万/亿/千 … is junk (万万, 亿万).
COMPOUND_MAGNITUDES = frozenset({"十万", "百万", "千万", "十亿", "百亿", "千亿", "万亿"})
# Bases of rates, which take no magnitude (万% or 千百分点 is a typing slip, not a unit).
RATE_BASES = frozenset({"%", "‰", "百分点", "千分点"})


def split_magnitude(unit: str) -> tuple[str, str]:
    """(magnitude, rest) of a unit without '/': 万人 → (万, 人), 万千瓦 → (万, 千瓦), 千瓦 → ('', 千瓦), 万万 → (万万, '')."""
    text = _clean(unit)
    end = 0
    while end < len(text) and text[end] in MULTIPLIERS and text[end:] not in SPECIAL:
        end += 1
    return text[:end], text[end:]


def magnitude_problem(unit: str) -> tuple[str, str] | None:
    """(why, magnitude) when the unit's magnitude words are junk: 'doubled_magnitude' (万万个, 亿万元) or
    'rate_magnitude' (万%, 千百分点); None when they are fine (万个, 万亿元, 万千瓦, %)."""
    for part in _clean(unit).split("/"):
        magnitude, rest = split_magnitude(part)
        if len(magnitude) > 1 and magnitude not in COMPOUND_MAGNITUDES:
            return "doubled_magnitude", magnitude
        if magnitude and SPECIAL.get(rest, (rest, 1.0))[0] in RATE_BASES:
            return "rate_magnitude", magnitude
    return None


def is_percent(unit: str) -> bool:
    """True for % units (growth rates and shares)."""
    return parse_unit(unit)[0] == "%"


def is_points(unit: str) -> bool:
    """True for percentage-point units (百分点)."""
    return parse_unit(unit)[0] == "百分点"


# Share of a year that a reporting period covers (mid-year actuals are pro-rated by it).
PERIOD_FRACTION: dict[str, float] = {
    "Q1": 0.25, "H1": 0.5, "Q2": 0.5, "Q3": 0.75,
    **{f"M{m:02d}": m / 12 for m in range(1, 12)},
}
