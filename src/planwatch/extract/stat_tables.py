"""Statistics tables: rows of things, columns of measures (Review44).

A bulletin's or a report's table as a web page or a Word file gives it, cells between tabs (pipes read as tabs), a
row a line or every cell a line of its own:

    品名      播种面积（亩）   同比增减（%）   产量（吨）   同比增减（%）
    粮食作物  726760           -1.78           315690       0.8

No cell says what its number is: the row names the thing (粮食作物), the column the measure and its unit (播种面积, 亩), a
column of 增长/增减 the growth of the measure left of it. Each value becomes one cell here ("粮食作物播种面积" 726760 亩;
"粮食作物播种面积" −1.78 %). The header's units come from its brackets, a 计量单位 column or a "单位：亿元" line; a column
with no unit gives nothing. A table whose columns are years is `tables.table_cells`' (an indicator table of a plan).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from planwatch.extract.tables import split_multiplier

__all__ = ["StatCell", "stat_cells"]

# A line of a table: it holds a tab or a pipe (the normaliser turns a table's pipes into tabs).
_TABLE_LINE = regex.compile(r"(?m)^[^\n]*[\t|｜][^\n]*$")
_SPLIT = regex.compile(r"[ \u3000]*[\t|｜][ \u3000]*")
_NUMBER = regex.compile(r"[-－−]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[-－−]?\d+(?:\.\d+)?")
_EMPTY = frozenset(("", "-", "—", "－", "/", "／", "…"))
# The header of the rows' names: 品名, 指标, 项目, 名称, 类别, 行业, 产品 … (spaces inside: "品 名", "指 标").
_LABEL = regex.compile(r"(?:主要)?(?:品名|指标(?:名称)?|项目(?:名称)?|名称|类别|行业|产品(?:名称)?|产业|分类|作物|畜种)")
_UNIT_LINE = regex.compile(r"^(?:计量)?单位[：:]\s*(?P<u>[^\s\d]{1,6})$")
_UNIT_COLUMN = regex.compile(r"^(?:计量)?单位$")
_BRACKET = regex.compile(r"[（(﹙](?P<u>[^（()）﹙﹚]{1,8})[）)﹚]$")
_GROWTH = regex.compile(r"增长|增减|增速|增幅|比上年|同比|比增|±|比(?:19|20)\d{2}\s*年")
_GOAL = regex.compile(r"目标|计划|预期")
_GENERIC = regex.compile(r"^(?:绝对数|绝对值|数量|数值|总量|金额|合计|本年|全年|本期|全年累计|完成数|完成|实绩|实际完成)$")
_HEAD_YEAR = regex.compile(r"^(?:(?:19|20)\d{2}\s*年(?:度)?|本年|今年)")
# A row's own unit in brackets after its name: "粮食(吨)", "#稻谷（吨）".
_ROW_UNIT = regex.compile(r"[（(﹙](?P<u>[^（()）﹙﹚\d]{1,4})[）)﹚]$")
_ROW_LEAD = regex.compile(r"^(?:其中[：:]?|#|\d{1,2}[.、．]|[（(]\d{1,2}[）)])\s*")
_SENTENCE = regex.compile(r"[。；！？]")
_CELL_MAX = 24  # a name or a header cell; a longer one is prose


@dataclass(slots=True)
class StatCell:
    """One value of a statistics table: the row's name and where it starts, the value's cell, what it measures."""

    indicator: str
    name_start: int
    start: int
    end: int
    value: float
    unit: str
    measure: str  # level, share or growth
    goal: bool  # its column names a goal (目标, 计划, 预期): a target
    table_start: int  # where the table's first line starts (its title is in the lines above)
    year: int | None = None  # the year its column's header names ("2021年完成数"), if any


@dataclass(slots=True)
class _Column:
    measure: str
    name: str
    unit: str
    factor: float
    goal: bool
    year: int | None = None


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The cells of the table text `start`–`end`, between tabs, pipes and line breaks, empty ones dropped."""
    out: list[tuple[int, int]] = []
    pos = start
    for m in _SPLIT.finditer(text, start, end):
        out.extend(_lines(text, pos, m.start()))
        pos = m.end()
    out.extend(_lines(text, pos, end))
    return out


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A cell's text split at its line breaks, each piece stripped; a header's cell wrapped over lines is joined later."""
    out = []
    for piece in regex.finditer(r"[^\n]+", text[start:end]):
        a, b = start + piece.start(), start + piece.end()
        while a < b and text[a] in " \u3000":
            a += 1
        while b > a and text[b - 1] in " \u3000":
            b -= 1
        if a < b:
            out.append((a, b))
    return out


def _number(cell: str) -> float | None:
    m = _NUMBER.fullmatch(cell)
    return float(cell.replace(",", "").replace("－", "-").replace("−", "-")) if m else None


def _unit(unit: str) -> tuple[str, float]:
    """A header's unit without its multiplier (`tables.split_multiplier`), its full-width ％ read as %."""
    return split_multiplier(unit.replace("％", "%"))


def _column(head: str, table_unit: str) -> _Column | None:
    """What a column's header says its values are; None for a column of names or units, or one with no unit."""
    head = regex.sub(r"\s+", "", head)
    if _UNIT_COLUMN.match(head):
        return None
    unit = ""
    if m := _BRACKET.search(head):
        unit, head = m.group("u"), head[: m.start()]
    elif head.endswith(("%", "％")):
        unit, head = "%", head[:-1]
    goal = _GOAL.search(head) is not None
    dated = regex.match(r"(?:19|20)\d{2}", head)
    year = int(dated.group(0)) if dated else None
    head = _HEAD_YEAR.sub("", head)  # "2021年完成数": the column's year, its name what is left
    if _GROWTH.search(head):
        return _Column("growth", "", "%", 1.0, goal, year) if unit in ("", "%", "％") else None
    name = "" if _GENERIC.match(head) else head
    unit = unit or table_unit
    if unit in ("%", "％"):
        return _Column("share", name, "%", 1.0, goal, year)
    base, factor = _unit(unit) if unit else ("", 1.0)
    return _Column("level", name, base, factor, goal, year)


def stat_cells(text: str) -> list[StatCell]:
    """Every value of the statistics tables of `text` (see the module's docstring)."""
    found: list[StatCell] = []
    pos = 0
    while (first := _TABLE_LINE.search(text, pos)) is not None:
        end = _region_end(text, first.start())
        found.extend(_table(text, first.start(), end))
        pos = max(end, first.end() + 1)
    return found


def _region_end(text: str, start: int) -> int:
    """Where the table that starts on the line at `start` ends: the first line after it that is prose again (a
    sentence mark and no tab), or the text's end."""
    pos = start
    while pos < len(text):
        stop = text.find("\n", pos)
        stop = len(text) if stop < 0 else stop
        line = text[pos:stop]
        if "\t" not in line and "|" not in line and (_SENTENCE.search(line) or len(line.strip()) > _CELL_MAX):
            return pos
        pos = stop + 1
    return len(text)


def _table(text: str, start: int, end: int) -> list[StatCell]:
    """The values of the table text `start`–`end`: header cells up to the first number, then rows of as many cells."""
    cells = _cells(text, start, end)
    first_number = next((i for i, (a, b) in enumerate(cells) if _number(text[a:b]) is not None), None)
    if first_number is None or first_number < 2:
        return []
    table_unit = ""
    kept: list[tuple[int, int]] = []
    for a, b in cells[:first_number]:
        if m := _UNIT_LINE.match(regex.sub(r"\s+", "", text[a:b])):
            table_unit = m.group("u")
        else:
            kept.append((a, b))
    label = next((i for i, (a, b) in enumerate(kept) if _LABEL.fullmatch(regex.sub(r"\s+", "", text[a:b]))), None)
    if label is None:
        return []
    # the header runs from its label to where the first row opens: the row's name, and its unit when a 计量单位 column
    # comes before the values
    header: list[str] = []
    first_row = 0
    for size in range(len(kept) - label - 1, 1, -1):
        joined = _joined(text, kept[label: label + size])
        units = next((i for i, head in enumerate(joined[1:]) if not _UNIT_COLUMN.match(head)), len(joined) - 1)
        if len(kept) - label - size == 1 + units:
            header, first_row = joined, cells.index(kept[label + size])
            break
    if len(header) < 2:
        return []
    columns = [_column(head, table_unit) for head in header[1:]]
    unit_column = next((i for i, head in enumerate(header[1:]) if _UNIT_COLUMN.match(regex.sub(r"\s+", "", head))), None)
    width = len(header)
    rows = cells[first_row:]
    out: list[StatCell] = []
    for r in range(0, len(rows) - width + 1, width):
        row = rows[r: r + width]
        name = _ROW_LEAD.sub("", text[row[0][0]: row[0][1]]).strip()
        if not name or _number(name) is not None or len(name) > _CELL_MAX or _SENTENCE.search(name):
            break
        row_unit = text[row[unit_column + 1][0]: row[unit_column + 1][1]] if unit_column is not None else ""
        if (own := _ROW_UNIT.search(name)) is not None:
            name, row_unit = name[: own.start()].strip(), row_unit or own.group("u")  # "粮食(吨)": the row's unit
        values = [text[a:b] for a, b in row[1:]]
        if any(_number(v) is None and v not in _EMPTY and i != unit_column for i, v in enumerate(values)):
            break  # a row that does not fit the header: the table ends (or was misread); nothing under a wrong column
        last_level = ""
        last_year: int | None = None
        for i, (column, value) in enumerate(zip(columns, values, strict=True)):
            number = _number(value)
            if column is None or number is None:
                continue
            unit, factor = column.unit, column.factor
            if column.measure == "level" and not unit and row_unit:
                unit, factor = _unit(row_unit)
            if column.measure == "level":
                last_level, last_year = column.name, column.year
                if not unit:
                    continue
            indicator = name + (last_level if column.measure == "growth" else column.name)
            a, b = row[i + 1]
            out.append(StatCell(indicator, row[0][0], a, b, number * factor, unit, column.measure, column.goal, start,
                                column.year or last_year))
    return out


def _joined(text: str, heads: list[tuple[int, int]]) -> list[str]:
    """Header cells with a wrapped one's pieces joined: a piece that is only a bracketed unit or that follows a cell
    left open ("播种面积" then "(亩）", "比上年增长" then "(%)") belongs to the cell before it."""
    out: list[str] = []
    for a, b in heads:
        cell = regex.sub(r"\s+", "", text[a:b])
        if out and (regex.fullmatch(r"[（(﹙][^（()）﹙﹚]{1,8}[）)﹚]", cell) or cell in ("%", "％")):
            out[-1] += cell
        else:
            out.append(cell)
    return out
