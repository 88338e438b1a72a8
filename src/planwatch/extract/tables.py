"""Indicator tables of five-year plans: one row an indicator, one column a year.

    指标                  2020年   2025年   年均增长/累计   属性
    地区生产总值（亿元）   2500     3500     7%左右          预期性

Header cells with years give each column's year; a unit in the indicator's
parentheses applies to the row; 年均/累计 columns are growth rates of the last year.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from planwatch.extract.numbers import MULTIPLIERS, parse_numeral

_ANY_TABLE = regex.compile(r"(?:19|20)\d{2}\s*年\s*(?:\t|[ \u3000]{2,}|[|｜])")
_SPLIT = regex.compile(r"\t+|[ \u3000]{2,}|\s*[|｜]\s*")
_HEADER_YEAR = regex.compile(r"^(?P<y>(?:19|20)\d{2})\s*年")
_GROWTH_HEAD = regex.compile(r"年均|累计|增长|增速")
_UNIT = regex.compile(r"[（(](?P<u>[^（）()]{1,8})[）)]\s*$")
_CELL = regex.compile(
    r"^(?P<pre>[>≥<≤＞＜]|大于|小于|超过|不低于|不超过)?\s*\[?(?P<sign>[-－−])?(?P<n>\d+(?:\.\d+)?)\]?\s*(?P<pct>%)?\s*"
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


_MULTIPLIERS_LONGEST_FIRST = sorted(MULTIPLIERS.items(), key=lambda kv: -len(kv[0]))


def split_multiplier(unit: str) -> tuple[str, float]:
    """A table header's unit without its multiplier: 亿元 → (元, 1e8), 万头 → (头, 1e4), 吨 → (吨, 1)."""
    for prefix, factor in _MULTIPLIERS_LONGEST_FIRST:
        if unit.startswith(prefix) and len(unit) > len(prefix):
            return unit[len(prefix):], factor
    return unit, 1.0


def _unit(indicator: str) -> tuple[str, str, float]:
    m = _UNIT.search(indicator)
    if not m:
        return indicator.strip(), "", 1.0
    if m.group("u").startswith(("简称", "下称", "以下简称")):
        return indicator[: m.start()].strip(), "", 1.0  # "地区生产总值(简称“GDP”)": a short name, not a unit
    return (indicator[: m.start()].strip(), *split_multiplier(m.group("u")))


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
            value = -float(m.group("n")) if m.group("sign") else float(m.group("n"))
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


# Tables flattened one cell a line (Review17): a 计划 report's "表1：2024年…主要指标完成情况" as a portal gives it, every cell
# a line of its own, blank lines between, the plan's figure beside the one achieved:
#
#     指标名称 / 预期目标 / 实际完成 / 备注
#     一、综合发展
#     1.地区生产总值 / 增长6.5%左右 / 增长4.8% / 1347.1亿元
#     2.全员劳动生产率 / 20.5万元/ / 20.5万元/
#
# The header is a line "指标" / "指标名称" / "主要指标" followed by column names; a column of 目标/计划/预期 holds targets,
# one of 完成/实际/实绩/执行 (and 备注, the row's level) results, all of the year the column or the table's title names. A
# row is a name line (its number cut) and the value lines after it, one a column in order; "一、综合发展" groups rows and
# a sentence ends the table.
_FLAT_HINT = regex.compile(r"(?m)^[ \t\u3000]*(?:主要)?指标(?:名称)?[ \t\u3000]*$")
_FLAT_COLUMN = regex.compile(
    r"(?:(?P<y>(?:19|20)\d{2})\s*年(?:度)?)?(?:全年)?"
    r"(?:(?P<done>实际完成|完成情况|预计完成|完成值|完成数|完成|实绩|实际|执行情况|执行数)"
    r"|(?P<goal>预期目标|计划目标|年度目标|目标值|目标|计划数|计划|预期)|(?P<note>备注)|(?P<skip>计量单位|单位|指标属性|属性))"
)
_FLAT_VALUE = regex.compile(
    r"(?:增长|下降|提高|降低|减少|增加|上涨|回落)?(?:[≥≤><]|不低于|不超过|超过)?[-－]?\d+(?:\.\d+)?\s*"
    r"(?:%|‰|个百分点|[万亿千百]{0,2}\p{Han}{1,3}(?:/\p{Han}{0,3})?)?(?:左右|以上|以下|以内)?"
    r"(?:\s*[（(][^（）()\n]{1,20}[）)])?"  # a note after the value: "0%(受减税降费政策影响)"
)
# A header's note in brackets ("2019年预期目标 (增速)", "2019年完成情况(预计)"), and the sub-columns a header line below
# splits the last column into ("绝对值" / "增速"): a column of growth rates where its header or note says so.
_FLAT_NOTE = regex.compile(r"\s*[（(](?P<note>[^（）()\n]{1,8})[）)]\s*$")
_FLAT_SUB = regex.compile(r"(?:绝对值|总量|数值|规模|(?P<growth>增速|增幅|增长率?|比上年增长|同比增长))(?:[（(][^）)]{1,6}[）)])?")
_FLAT_GROWTH = regex.compile(r"增速|增幅|增长")
_FLAT_GROUP = regex.compile(r"[一二三四五六七八九十]{1,3}[、.．]")
_FLAT_NUMBER = regex.compile(r"^(?:\d{1,2}[.、．]|[（(]\d{1,2}[）)])\s*")
_FLAT_SENTENCE = regex.compile(r"[。，；！？,;]")
_FLAT_NAME_MAX = 30
_FLAT_YEAR = regex.compile(r"((?:19|20)\d{2})\s*年")
_FLAT_TITLE_REACH = 200  # the table's title: a line with a year this far before its header


@dataclass(slots=True)
class FlatCell:
    """One value cell of a flattened indicator table: its line, the kind of its column and the column's year."""

    start: int
    end: int
    kind: str  # "target" or "result"
    year: int | None
    growth: bool = False  # a column of growth rates ("预期目标 (增速)", a sub-column "增速")


@dataclass(slots=True)
class FlatRow:
    """One row of a flattened indicator table: its name (number cut) and where the name stands, and its value cells."""

    name: str
    start: int
    end: int
    cells: list[FlatCell]


def line_spans(text: str, start: int, end: int | None = None) -> list[tuple[int, int]]:
    """The spans of the non-blank lines of text[start:end], trimmed (a table flattened one cell a line is read line by
    line: here, and the task tables of `task_tables`)."""
    out: list[tuple[int, int]] = []
    for m in regex.finditer(r"[^\n]+", text, pos=start, endpos=len(text) if end is None else end):
        a, b = m.start(), m.end()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def flat_table_rows(text: str) -> list[FlatRow]:
    """The rows of every indicator table of `text` flattened one cell a line (empty when it has none)."""
    rows: list[FlatRow] = []
    for hint in _FLAT_HINT.finditer(text):
        lines = line_spans(text, hint.end())
        columns: list[tuple[str, int | None, bool]] = []
        header = 0  # the header's lines
        for a, b in lines:
            note = _FLAT_NOTE.search(text, a, b)
            m = _FLAT_COLUMN.fullmatch(text, a, note.start() if note else b)
            if m is None:
                break
            header += 1
            kind = "target" if m.group("goal") else "skip" if m.group("skip") else "result"
            columns.append((kind, int(m.group("y")) if m.group("y") else None,
                            bool(note and _FLAT_GROWTH.search(note.group("note")))))
        subs = []
        for a, b in lines[header:]:
            sub = _FLAT_SUB.fullmatch(text, a, b)
            if sub is None:
                break
            subs.append(sub.group("growth") is not None)
        if len(subs) >= 2 and columns:
            kind, year, _ = columns.pop()  # "2019年完成情况(预计)" over "绝对值" and "增速"
            columns.extend((kind, year, growth) for growth in subs)
            header += len(subs)
        if len(columns) < 2 or not any(kind == "target" for kind, _, _ in columns):
            continue  # a plan's figure beside another column: no other table is read here
        # the table's year: the last one its title names (the nearest line before the header that names one)
        titles = [line for line in text[max(0, hint.start() - _FLAT_TITLE_REACH): hint.start()].split("\n")[-4:]
                  if _FLAT_YEAR.search(line)]
        table_year = int(_FLAT_YEAR.findall(titles[-1])[-1]) if titles else None
        row: FlatRow | None = None
        column = 0
        for a, b in lines[header:]:
            line = text[a:b]
            if _FLAT_VALUE.fullmatch(line) or (line.endswith("/") and _FLAT_VALUE.fullmatch(line[:-1])):
                if row is None:
                    continue
                while column < len(columns) and columns[column][0] == "skip":
                    column += 1
                if column < len(columns):
                    kind, year, growth = columns[column]
                    row.cells.append(FlatCell(a, b, kind, year or table_year, growth))
                column += 1
            elif row is not None and column < len(columns) and columns[column][0] == "skip" and len(line) <= 8:
                column += 1  # a unit or an attribute cell
            elif len(line) > _FLAT_NAME_MAX or _FLAT_SENTENCE.search(line):
                break  # prose again: the table has ended
            elif _FLAT_GROUP.match(line):
                row = None
            else:
                cut = _FLAT_NUMBER.match(line)
                name_start = a + (cut.end() if cut else 0)
                name, _, _ = _unit(text[name_start:b])
                row, column = FlatRow(name, name_start, b, []), 0
                rows.append(row)
    return [row for row in rows if row.cells]


# Indicator tables flattened one cell a line, a cell closed by a bar or not: an action plan's base year and the goals of
# later years (Review74), a statistics bulletin's amounts and growth rates (Review78),
#
#     某市人均预期寿命提升行动计划(2024-2027年)主要目标任务          2021年全市生产总值及增长速度
#     序号 | / 指标名称 | / 单位 | / 2023年 | / 2025年 | / 2027年 |     指    标 / 绝对数(亿元) / 比上年增长(%)
#     1 | / 人均预期寿命 | / 岁 | / 78.09 | / ≥79.2 | / ≥80 |          地区生产总值 / 2167.67 / 8.5
#
# The header is the indicator's column (指标, 指标名称; 序号 before it numbers the rows) and short column names: two or more
# years alone ("2025年", "2027年目标"), or amounts and growth rates with their units ("绝对数(亿元)", "比上年增长(%)"),
# a unit column, others (牵头单位, 属性) read past. A row is its number where the rows are numbered, its name, and one line a
# column. A year before the period the title names ("(2024-2027年)") is the base, a result, the others goals (with no
# period named the first year column is the base); amounts and rates are results of the year the title names. A cell in
# words ("持续改善", "建成", "-") says nothing; where rows are not numbered a cell must be a value.
_COLUMN_NAME = regex.compile(r"(?:主要)?指[ \t\u3000]*标(?:名称|内容)?")
_COLUMN_HINT = regex.compile(rf"(?m)^[ \t\u3000]*(?:序号|{_COLUMN_NAME.pattern})[ \t\u3000]*[|｜]?[ \t\u3000]*$")
_COLUMN_YEAR = regex.compile(r"(?P<y>(?:19|20)\d{2})\s*年(?:度|底|末)?\s*(?:(?P<goal>目标值?|预期目标|预期|规划值?|计划)"
                             r"|(?P<done>完成值?|实际|实绩|预计完成|现状值?)|基数|基期值)?")
_COLUMN_AMOUNT = regex.compile(r"(?:绝对数|绝对值|总量|数值|数量|金额)\s*[（(](?P<u>[^（）()\n]{1,8})[）)]")
_COLUMN_GROWTH = regex.compile(r"(?:[“\"]?十[一二三四五六]五[”\"]?(?:期间)?)?(?:比上年|同比|年均|累计)?(?:增长|增速|增幅)率?"
                               r"\s*[（(]\s*[%％]\s*[）)]")
_COLUMN_UNIT = regex.compile(r"(?:计量)?单位")
_COLUMN_OTHER_MAX = 8  # another column's name (牵头单位, 属性, 备注): no longer than this
_COLUMN_ROW_NUMBER = regex.compile(r"\d{1,3}")
_COLUMN_PERIOD = regex.compile(r"(?P<a>(?:19|20)\d{2})\s*[-—–~～至到]\s*(?P<b>(?:19|20)\d{2})\s*年")
_POINTS_CELL = regex.compile(r"[ \t\u3000]*(?P<dir>提高|增加|上升|提升|降低|下降|减少)\s*(?P<n>\d+(?:\.\d+)?)\s*个?百分点[ \t\u3000]*")
_POINTS_DOWN = frozenset(("降低", "下降", "减少"))
_PLACEHOLDER = regex.compile(r"[ \t\u3000]*(?:/|／|-|—|——|－|…)?[ \t\u3000]*")  # an empty value cell
_PRICE_TABLE = regex.compile(r"价格[^\n]{0,12}?(?:涨跌|涨幅|变动)")
_BAR_END = regex.compile(r"[ \t\u3000]*[|｜][|｜ \t\u3000]*$")


def _bar_cut(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`lines` without the bars that close their cells ("岁 |" → "岁"), the lines left empty dropped."""
    out = []
    for a, b in lines:
        if (bar := _BAR_END.search(text, a, b)) is not None:
            b = bar.start()
        if b > a:
            out.append((a, b))
    return out


def _column_header(text: str, lines: list[tuple[int, int]], numbered: bool) -> tuple[list[tuple[str, int | None, str]], int]:
    """The columns after the indicator's (kind, year, unit: "year", "amount", "growth", "unit", "other") and how many
    lines the header takes, the indicator's included. Where rows are not numbered, a short line with a value under it is
    the first row's name."""
    columns: list[tuple[str, int | None, str]] = []
    for k, (a, b) in enumerate(lines[1:], start=1):
        if _COLUMN_ROW_NUMBER.fullmatch(text, a, b) or _CELL.fullmatch(text[a:b].strip()) or _FLAT_GROUP.match(text, a):
            break  # (a group's line, "一、经济发展", opens the rows)
        if not numbered and k + 1 < len(lines) and _CELL.fullmatch(text[lines[k + 1][0]: lines[k + 1][1]].strip()):
            break  # a value under it: the first row's name, not a column's
        if (year := _COLUMN_YEAR.fullmatch(text, a, b)) is not None:
            # (the kind a year column names: "2020年 完成" results, "2025年目标" goals; a bare year by its place)
            columns.append(("year", int(year.group("y")), "done" if year.group("done") else "goal" if year.group("goal") else ""))
        elif (amount := _COLUMN_AMOUNT.fullmatch(text, a, b)) is not None:
            columns.append(("amount", None, amount.group("u")))
        elif _COLUMN_GROWTH.fullmatch(text, a, b):
            columns.append(("growth", None, "%"))
        elif _COLUMN_UNIT.fullmatch(text, a, b):
            columns.append(("unit", None, ""))
        elif b - a <= _COLUMN_OTHER_MAX and not _FLAT_SENTENCE.search(text, a, b):
            columns.append(("other", None, ""))
        else:
            break
    return columns, 1 + len(columns)


def column_table_cells(text: str) -> list[TableCell]:
    """Every value of the indicator tables of `text` flattened one cell a line (empty when it has none)."""
    cells: list[TableCell] = []
    for hint in _COLUMN_HINT.finditer(text):
        lines = _bar_cut(text, line_spans(text, hint.start(), min(len(text), hint.end() + 20000)))
        numbered = not _COLUMN_NAME.fullmatch(text, *lines[0])
        if numbered:  # 序号, then the indicator's column
            lines = lines[1:]
            if not lines or not _COLUMN_NAME.fullmatch(text, *lines[0]):
                continue
        elif hint.start() > 0 and _COLUMN_HINT.match(text, text.rfind("\n", 0, hint.start() - 1) + 1):
            continue  # the 指标 line under a 序号 one: read from the 序号
        columns, header = _column_header(text, lines, numbered)
        years = [year for kind, year, _ in columns if kind == "year" and year is not None]
        measured = any(kind in ("amount", "growth") for kind, _, _ in columns)
        if not (len(years) >= 2 or (measured and not years)) or header >= len(lines):
            continue
        if numbered and not _COLUMN_ROW_NUMBER.fullmatch(text, *lines[header]):
            continue
        title = text[max(0, hint.start() - _FLAT_TITLE_REACH): hint.start()]
        period = list(_COLUMN_PERIOD.finditer(title))
        first = int(period[-1].group("a")) if period else None
        said = [said for kind, _, said in columns if kind == "year"]
        base = [said[k] == "done" or (said[k] != "goal" and (year < first if first is not None else year == years[0]))
                for k, year in enumerate(years)]
        last_year = max(years) if years else None
        named = [int(y) for line in title.split("\n")[-4:] for y in _FLAT_YEAR.findall(line)]
        title_year = named[-1] if named else None
        # a table of prices by category ("2024年居民消费价格比上年涨跌幅度"): each row is its category's price
        prices = _PRICE_TABLE.search(title.rstrip("\n").rsplit("\n", 1)[-1]) is not None
        first_value = next(k for k, (kind, _, _) in enumerate(columns) if kind in ("year", "amount", "growth"))
        i = header
        while i < len(lines):
            if numbered:
                if i + 1 >= len(lines) or not _COLUMN_ROW_NUMBER.fullmatch(text, *lines[i]):
                    break
                i += 1
            name_start, name_end = lines[i]
            if name_end - name_start > _FLAT_NAME_MAX + 10 or _FLAT_SENTENCE.search(text, name_start, name_end):
                break  # prose again
            row = lines[i + 1: i + 1 + len(columns)]
            if not numbered and (_FLAT_GROUP.match(text, name_start) or len(row) < len(columns)
                                 or _CELL.fullmatch(text[name_start:name_end].strip())
                                 or not _CELL.fullmatch(text[row[first_value][0]: row[first_value][1]].strip())
                                 or not all(_CELL.fullmatch(text[a:b].strip()) or _PLACEHOLDER.fullmatch(text, a, b)
                                            or _POINTS_CELL.fullmatch(text, a, b)
                                            for (kind, _, _), (a, b) in zip(columns, row, strict=False)
                                            if kind in ("year", "amount", "growth"))):
                # a group's line ("一、经济发展"), or a row that does not line up (a value column holding words: a sub-row's
                # label, "完成下达目标"): read on from the next line
                i += 1
                continue
            found = _column_row(text, name_start, name_end, columns, row, years, base, last_year or title_year)
            if prices:
                for cell in found:
                    if not cell.indicator.endswith(("价格", "指数")):
                        cell.indicator += "价格"
            cells.extend(found)
            i += 1 + len(row)
    return cells


def _column_row(text: str, name_start: int, name_end: int, columns: list[tuple[str, int | None, str]],
                row: list[tuple[int, int]], years: list[int], base: list[bool], title_year: int | None) -> list[TableCell]:
    """The values of one row of a table flattened one cell a line (`column_table_cells`)."""
    name, unit, factor = _unit(text[name_start:name_end])
    out: list[TableCell] = []
    for (kind, year, column_unit), (a, b) in zip(columns, row, strict=False):
        if kind == "unit":
            unit, factor = split_multiplier(text[a:b].strip())
            continue
        if kind == "other":
            continue
        m = _CELL.fullmatch(text[a:b].strip())
        if m is None:
            if kind == "growth" and (points := _POINTS_CELL.fullmatch(text, a, b)) is not None:
                # a share's change over the term in the growth column: "提高13.4个百分点", "降低4.3个百分点"
                value = float(points.group("n")) * (-1 if points.group("dir") in _POINTS_DOWN else 1)
                out.append(TableCell(indicator=name, start=a, end=b, row_start=name_start, value=value, unit="百分点",
                                     measure="points", comparator="=", year=title_year, growth_column=True,
                                     strength=None, base=True))
            continue
        value = -float(m.group("n")) if m.group("sign") else float(m.group("n"))
        cell_unit, cell_factor = split_multiplier(column_unit) if kind == "amount" else (unit, factor)
        pct = bool(m.group("pct")) or cell_unit == "%" or kind == "growth"
        share = pct or cell_unit == "‰"
        out.append(TableCell(
            indicator=name, start=a, end=b, row_start=name_start,
            value=value if share else float(f"{value * cell_factor:.12g}"), unit="%" if pct else cell_unit,  # (no float noise)
            measure="growth" if kind == "growth" else "share" if share else "level",
            comparator=_PRE.get(m.group("pre") or "", _POST.get(m.group("post") or "", "=")),
            year=year if kind == "year" else title_year, growth_column=kind == "growth", strength=None,
            base=base[years.index(year)] if kind == "year" and year is not None else True,
        ))
    return out


# Progress tables of a year's works flattened one cell a line (Review18): a 民生实事 list's progress to a date, as a portal
# gives it, every cell a line of its own:
#
#     2025年某市民生实事项目进展情况(截至5月15日)
#     序号 / 目标任务 / 牵头 / 责任单位 / 进展情况 / 形象进度(%)
#     1 / 新建充电桩350个,其中农村185个 / 某某 / 市发改局 / 新建公共充电桩99个,其中农村79个。 / 28%
#
# The header is a 序号 line followed by short column names, one of them the work's goal (目标任务, 建设内容, 年度目标 …) and
# one its progress (进展情况, 完成情况, 形象进度, 推进情况 …); a row opens on its number alone on a line and has one line a
# column. The goal cell's values are the year's targets; the progress cells' are results of the year to the date the title
# gives ("截至5月15日" → months 1-5), and a percentage alone in a progress column is the work's progress rate.
_PROGRESS_HINT = regex.compile(r"(?m)^[ \t\u3000]*序号[ \t\u3000]*$")
_PROGRESS_GOAL = regex.compile(r"(?:年度|全年)?(?:目标任务|目标|任务|建设内容|实施内容|项目内容|主要内容|建设任务|计划)(?:及内容)?")
# The months from January a column or a title names: "1-8月".
_MONTHS_FROM_JANUARY = r"(?:1|一)\s*[-—–~～至到]\s*(?P<m>\d{1,2})\s*月"
# (or what was done by a month, and the share of the task done: "1-8月实际完成情况", "任务完成率", Review58)
_PROGRESS_DONE = regex.compile(rf"(?:{_MONTHS_FROM_JANUARY}(?:份|底|末)?\s*)?(?:实际|当前|目前)?"
                               r"(?:工作|项目|实施|推进|建设|完成|形象|任务)?(?:进展情况|进展|进度|完成情况|推进情况|实施情况|完成率|完成数)"
                               r"(?:[（(][%％]?[）)])?")
_PROGRESS_COLUMN_MAX = 12
_PROGRESS_NUMBER = regex.compile(r"\d{1,3}")
_PROGRESS_UNTIL = regex.compile(r"截[至止](?:(?:19|20)\d{2}\s*年)?\s*(?P<m>\d{1,2})\s*月")
# or the months its title names: "岳阳楼区2019年1-8月省市重点民生实事项目完成情况" (Review58)
_PROGRESS_MONTHS = regex.compile(rf"(?<!\d){_MONTHS_FROM_JANUARY}")


@dataclass(slots=True)
class ProgressCell:
    """One cell of a flattened progress table: its span and the kind and name of its column."""

    start: int
    end: int
    kind: str  # "target" (the goal column) or "result" (a progress column)
    column: str  # the column's name without its unit ("形象进度")


@dataclass(slots=True)
class ProgressTable:
    """A flattened progress table: the year and part of the year its title names, and its rows' goal and progress cells."""

    year: int | None
    period: str | None  # "M01-M05" for a title "…(截至5月15日)"
    rows: list[list[ProgressCell]]
    # each row's name cell (项目名称, 实事名称 …), by the row's id, where the table has one: what its bare values are of
    # ("1 | 新增城镇就业 | 区人社局 | 8950人 | 7123人 | 80%", Review58)
    names: dict[int, tuple[int, int]] = field(default_factory=dict)


# A progress table set one row a line, its cells between tabs (a Word or web table; a Markdown one's pipes are read as
# tabs, `documents.normalize.pipe_rows`): "序号⇥项目内容⇥进展情况⇥责任单位" then "1⇥新建幼儿园7所。⇥已建成5所。⇥教育局".
_ROW_HINT = regex.compile(r"(?m)^[ \u3000]*序号[ \u3000]*\t")


def _cells(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """The cells of the row text[a:b] between tabs, each (start, end) without its edge spaces; empty ones as (x, x)."""
    cells: list[tuple[int, int]] = []
    pos = a
    for end in [i for i in range(a, b) if text[i] == "\t"] + [b]:
        start, stop = pos, end
        while start < stop and text[start] in " \u3000":
            start += 1
        while stop > start and text[stop - 1] in " \u3000":
            stop -= 1
        cells.append((start, stop))
        pos = end + 1
    while cells and cells[-1][0] == cells[-1][1]:
        cells.pop()  # the closing pipe's empty cell, and empty cells a row ends with
    return cells


def table_title(text: str, start: int) -> tuple[int | None, str | None]:
    """The year and part of the year a table's title names, in the lines just above `start` ("…进展情况表(截至9月底)")."""
    titles = [line for line in text[max(0, start - _FLAT_TITLE_REACH): start].split("\n")[-4:] if line.strip()]
    title = titles[-1] if titles else ""
    years = _FLAT_YEAR.findall(title)
    until = _PROGRESS_UNTIL.search(title) or _PROGRESS_MONTHS.search(title)
    months = int(until.group("m")) if until else 0
    return int(years[-1]) if years else None, f"M01-M{months:02d}" if 1 <= months <= 11 else None


def _tab_rows(text: str, start: int) -> tuple[list[tuple[int, int]], list[list[tuple[int, int]]]]:
    """A table set one row a line, its header's line at `start`: the header's cells and each row's after it, to the
    first line that is prose again (no tab, or no cell)."""
    lines = line_spans(text, start)
    rows: list[list[tuple[int, int]]] = []
    for a, b in lines[1:]:
        cells = _cells(text, a, b)
        if "\t" not in text[a:b] or not cells:
            break
        rows.append(cells)
    return _cells(text, *lines[0]), rows


def _numbered_rows(text: str, lines: list[tuple[int, int]], width: int) -> list[list[tuple[int, int]]]:
    """The rows of a table flattened one cell a line, from its first row's number: each row opens on its number alone on a
    line (1, 2, …) and holds at most `width` cells after it; a line past a row's last cell that is not the next number
    ends the table (prose again)."""
    rows: list[list[tuple[int, int]]] = []
    cells: list[tuple[int, int]] | None = None
    expected = 1
    for a, b in lines:
        line = text[a:b]
        if _PROGRESS_NUMBER.fullmatch(line) and int(line) == expected:
            cells, expected = [], expected + 1
            rows.append(cells)
        elif cells is None or len(cells) >= width:
            break
        else:
            cells.append((a, b))
    return rows


def _row_tables(text: str) -> list[ProgressTable]:
    """Progress tables set one row a line, cells between tabs. A row that opens on its number fills the columns from
    the first; one that does not continues the row above (its number cell merged over several lines) from the second."""
    tables: list[ProgressTable] = []
    for hint in _ROW_HINT.finditer(text):
        header, rows = _tab_rows(text, hint.start())
        columns = []
        for start, stop in header:
            head = text[start:stop]
            kind = "number" if head == "序号" else "result" if _PROGRESS_DONE.fullmatch(head) \
                else "target" if _PROGRESS_GOAL.fullmatch(head) else "name" if _NAME_HEAD.fullmatch(head) else "other"
            columns.append((kind, regex.sub(r"[（(][^）)]*[）)]$", "", head)))
        kinds = [kind for kind, _ in columns]
        if "target" not in kinds or "result" not in kinds:
            continue
        year, period = table_title(text, hint.start())
        table = ProgressTable(year, period, [])
        for cells in rows:
            first = text[cells[0][0]: cells[0][1]]
            offset = 0 if _PROGRESS_NUMBER.fullmatch(first) else 1
            row = [ProgressCell(start, stop, columns[i + offset][0], columns[i + offset][1])
                   for i, (start, stop) in enumerate(cells)
                   if i + offset < len(columns) and columns[i + offset][0] in ("target", "result") and stop > start]
            if row:
                table.rows.append(row)
                named = [(start, stop) for i, (start, stop) in enumerate(cells)
                         if i + offset < len(columns) and columns[i + offset][0] == "name" and stop > start]
                if named:
                    table.names[id(row)] = named[0]
        if table.rows:
            tables.append(table)
    return tables


def progress_tables(text: str) -> list[ProgressTable]:
    """Every progress table of `text`, flattened one cell a line or set one row a line (empty when it has none)."""
    tables: list[ProgressTable] = _row_tables(text) if "\t" in text else []
    for hint in _PROGRESS_HINT.finditer(text):
        lines = line_spans(text, hint.end())
        columns: list[tuple[str, str]] = [("number", "序号")]
        for a, b in lines:
            line = text[a:b]
            if (len(line) > _PROGRESS_COLUMN_MAX or _FLAT_SENTENCE.search(line) or _PROGRESS_NUMBER.fullmatch(line)
                    or any(ch.isdigit() for ch in line)):
                break
            kind = "result" if _PROGRESS_DONE.fullmatch(line) else "target" if _PROGRESS_GOAL.fullmatch(line) else "other"
            columns.append((kind, regex.sub(r"[（(][^）)]*[）)]$", "", line)))
        kinds = [kind for kind, _ in columns]
        if "target" not in kinds or "result" not in kinds:
            continue
        table = ProgressTable(*table_title(text, hint.start()), [])
        # a row's cells: the goal columns counted from the row's number, the progress columns from its end (a header
        # name set on two lines, "牵头" / "市领导" over one cell "吕乐", or an empty cell dropped shifts the middle only)
        body = columns[1:]
        for cells in _numbered_rows(text, lines[len(body):], len(body)):
            row: list[ProgressCell] = []
            for i, (a, b) in enumerate(cells):
                left = body[i] if i < len(body) else ("other", "")
                right_i = len(body) - (len(cells) - i)
                right = body[right_i] if 0 <= right_i < len(body) else ("other", "")
                kind, name = right if right[0] == "result" else left if left[0] == "target" else ("other", "")
                if kind != "other":
                    row.append(ProgressCell(a, b, kind, name))
            table.rows.append(row)
        if table.rows:
            tables.append(table)
    return tables


# A list of projects with an amount column (Review26): a 民生实事 or 重点项目 list whose cells carry bare numbers under a
# header that gives the unit, "年度投资金额（万元）", "总投资(亿元)", "2024年计划投资（万元）". Read as prose, "300" alone
# has no unit and no name; here each is the project's amount, named by the project's cell and the column:
# "洋县中小学幼儿园基础设施提升改造项目年度投资金额" 3,000,000 元. Both layouts: one cell a line (a portal's table) and one
# row a line, cells between tabs (a Word or web table, a Markdown one's pipes read as tabs).
_AMOUNT_HEAD = regex.compile(
    r"(?P<name>(?:(?:19|20)\d{2}\s*年(?:度)?)?[^\d（()）\n\t]{0,8}?(?:投资|投入|资金|金额|总投资|补助|预算)[^\d（()）\n\t]{0,6}?)"
    r"\s*[（(](?P<u>[万亿]?元)[）)]")
_NAME_HEAD = regex.compile(r"(?:建设)?项目(?:名称)?|(?:实事|工程|事项)(?:名称)?|名称")
_AMOUNT_VALUE = regex.compile(r"\d+(?:\.\d+)?")
_AMOUNT_FACTOR = {"元": 1.0, "万元": 1e4, "亿元": 1e8}


@dataclass(slots=True)
class AmountCell:
    """One amount of a project list: the project's name and where it stands, the amount's cell, value and unit."""

    name: str
    name_start: int
    start: int
    end: int
    value: float
    unit: str  # "元"
    column: str  # the column's name without its unit ("年度投资金额")
    table_start: int  # where the table's header starts (its title is in the lines above)


def _head_columns(heads: list[str]) -> tuple[int, list[tuple[int, str, float]]] | None:
    """The name column's index and the amount columns (index, name, factor) of a header, or None without both."""
    name = next((i for i, head in enumerate(heads) if _NAME_HEAD.fullmatch(head)), None)
    amounts = [(i, m.group("name").strip(), _AMOUNT_FACTOR[m.group("u")])
               for i, head in enumerate(heads) if (m := _AMOUNT_HEAD.fullmatch(head))]
    return (name, amounts) if name is not None and amounts else None


def _amount_cells(text: str, table_start: int, cells: list[tuple[int, int]], name: int,
                  amounts: list[tuple[int, str, float]]) -> list[AmountCell]:
    """The amounts of one row whose cells stand under the header's columns one for one."""
    out: list[AmountCell] = []
    if name >= len(cells):
        return out
    name_start, name_end = cells[name]
    label = text[name_start:name_end].strip()
    if not label:
        return out
    for i, column, factor in amounts:
        if i < len(cells) and _AMOUNT_VALUE.fullmatch(text, *cells[i]):
            start, end = cells[i]
            out.append(AmountCell(label, name_start, start, end, float(text[start:end]) * factor, "元", column,
                                  table_start))
    return out


def amount_cells(text: str) -> list[AmountCell]:
    """Every amount of the project lists of `text` (`_AMOUNT_HEAD`); a row whose cells do not match the header's
    columns one for one (a cell left out) gives none: no amount is put under another project's name."""
    found: list[AmountCell] = []
    for hint in _ROW_HINT.finditer(text):  # one row a line, the row's number its first cell
        head, rows = _tab_rows(text, hint.start())
        heads = [text[a:b] for a, b in head]
        if (columns := _head_columns(heads)) is not None:
            for cells in rows:
                if len(cells) == len(heads):
                    found.extend(_amount_cells(text, hint.start(), cells, *columns))
    for hint in _PROGRESS_HINT.finditer(text):  # one cell a line: the header's names, then each row from its number
        lines = line_spans(text, hint.end())
        heads = []
        for a, b in lines:
            line = text[a:b]
            if len(line) > _PROGRESS_COLUMN_MAX + 4 or _FLAT_SENTENCE.search(line) or _PROGRESS_NUMBER.fullmatch(line):
                break
            heads.append(line)
        if (columns := _head_columns(heads)) is not None:
            for cells in _numbered_rows(text, lines[len(heads):], len(heads)):
                if len(cells) == len(heads):
                    found.extend(_amount_cells(text, hint.start(), cells, *columns))
    return found
