"""Indicator tables of five-year plans: one row an indicator, one column a year.

    指标                  2020年   2025年   年均增长/累计   属性
    地区生产总值（亿元）   2500     3500     7%左右          预期性

Header cells with years give each column's year; a unit in the indicator's
parentheses applies to the row; 年均/累计 columns are growth rates of the last year.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from planwatch.extract.numbers import MULTIPLIERS, parse_numeral

_ANY_TABLE = regex.compile(r"(?:19|20)\d{2}\s*年\s*(?:\t|[ \u3000]{2,}|[|｜])")
_SPLIT = regex.compile(r"\t+|[ \u3000]{2,}|\s*[|｜]\s*")
_HEADER_YEAR = regex.compile(r"^(?P<y>(?:19|20)\d{2})\s*年")
_GROWTH_HEAD = regex.compile(r"年均|累计|增长|增速")
_UNIT = regex.compile(r"[（(](?P<u>[^（）()]{1,8})[）)]\s*$")
_CELL = regex.compile(
    r"^(?P<pre>[>≥<≤＞＜]|大于|小于|超过|不低于|不超过)?\s*\[?(?P<n>\d+(?:\.\d+)?)\]?\s*(?P<pct>%)?\s*"
    r"(?P<post>左右|以上|以下|以内)?$"
)
_PRE = {">": ">", "＞": ">", "大于": ">", "超过": ">", "≥": ">=", "不低于": ">=", "<": "<", "＜": "<", "小于": "<",
        "≤": "<=", "不超过": "<="}
_POST = {"左右": "≈", "以上": ">=", "以下": "<=", "以内": "<="}


@dataclass(slots=True)
class TableCell:
    """One value of an indicator table, with its place in the text."""

    indicator: str
    start: int
    end: int
    row_start: int
    value: float
    unit: str
    measure: str
    comparator: str
    year: int | None
    growth_column: bool
    strength: str | None
    base: bool = False  # the first of several year columns: the starting value


def _unit(indicator: str) -> tuple[str, str, float]:
    m = _UNIT.search(indicator)
    if not m:
        return indicator.strip(), "", 1.0
    name, unit = indicator[: m.start()].strip(), m.group("u")
    for prefix, factor in sorted(MULTIPLIERS.items(), key=lambda kv: -len(kv[0])):
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return name, unit[len(prefix):], factor
    return name, unit, 1.0


def table_cells(text: str) -> list[TableCell]:
    """Every value in the indicator tables of `text` (empty when it has none)."""
    cells: list[TableCell] = []
    if not _ANY_TABLE.search(text):
        return cells
    years: list[int | None] | None = None
    pos = 0
    for line in text.splitlines(keepends=True):
        start, pos = pos, pos + len(line)
        parts = [p for p in _SPLIT.split(line.strip()) if p]
        if len(parts) < 3:
            years = None if not line.strip() else years
            continue
        header = [int(m.group("y")) if (m := _HEADER_YEAR.match(p)) else None for p in parts]
        if sum(1 for y in header if y) >= 1 and any(_GROWTH_HEAD.search(p) or y for p, y in zip(parts[1:], header[1:], strict=False)):
            if not parse_numeral(parts[1].rstrip("年")) or header[1]:
                years = header
                growth = [bool(_GROWTH_HEAD.search(p)) for p in parts]
                continue
        if years is None:
            continue
        name, unit, factor = _unit(parts[0])
        strength = "hard" if "约束性" in line else "soft" if "预期性" in line else None
        last_year = max((y for y in years if y), default=None)
        year_columns = [y for y in years if y]
        first_year = min(year_columns) if len(year_columns) >= 2 else None
        cursor = line.find(parts[0]) + len(parts[0])
        for i, cell in enumerate(parts[1:], start=1):
            offset = line.find(cell, cursor)
            cursor = offset + len(cell)
            m = _CELL.match(cell)
            if not m or i >= len(years):
                continue
            is_growth = growth[i] if i < len(growth) else False
            value = float(m.group("n"))
            pct = bool(m.group("pct")) or unit == "%" or is_growth
            comparator = _PRE.get(m.group("pre") or "", _POST.get(m.group("post") or "", "="))
            measure = "growth" if is_growth else ("share" if pct else "level")
            out_unit = "%" if pct else unit
            indicator = name
            if is_growth and regex.search(r"率|比重|比例|占比", name) and unit == "%":
                measure, out_unit = "points", "百分点"
            if is_growth and (d := regex.search(r"(?:降低|下降|减少)$", name)):
                indicator, value = name[: d.start()], -value
            cells.append(TableCell(
                indicator=indicator, start=start + offset, end=start + offset + len(cell), row_start=start,
                value=value if pct else value * factor, unit=out_unit, measure=measure,
                comparator=comparator, year=years[i] or last_year, growth_column=is_growth, strength=strength,
                base=bool(first_year and years[i] == first_year and not is_growth),
            ))
    return cells
