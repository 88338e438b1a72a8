"""Actuals: observed values of indicators, from a spreadsheet import or set by hand.

An import is all rows or none: every bad row is reported at once, by the number the spreadsheet
shows it under, with its reasons (unknown indicator or government, bad year or period, a value that
is no finite number, a unit that does not convert to the indicator's unit, two rows for the same key
with different values; the first 20 rows listed, the rest counted: `store.tables.bad_rows`), and
nothing is written. Rows whose value cell is empty are
skipped and counted (a partly filled template imports what is filled in).

Each problem of a row is a `planwatch.errors.RowProblem`: file, row, column, a reason code of `ROW_REASONS` and the
values its wording needs, with the CLI's English as its message; the web words the code (`web.actuals_import`).
"""

from __future__ import annotations

import csv
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import groupby
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete, select, tuple_
from sqlalchemy.orm import Session

from planwatch.errors import NotFoundError, RowProblem, ValidationError
from planwatch.output import atomic_output, check_output
from planwatch.store import audit
from planwatch.store.db import transaction
from planwatch.store.indicators import Resolver
from planwatch.store.schema import YEAR_MAX, YEAR_MIN, Actual, Government, Indicator, Plan, Record, utcnow
from planwatch.store.tables import bad_rows, merged_cells, read_table
from planwatch.store.units import PERIOD_FRACTION, convertible, is_percent, is_points, magnitude_problem

COLUMNS = ("indicator", "government", "year", "period", "measure", "value", "unit", "note")
REQUIRED = ("indicator", "year", "value")  # the columns a file must have (a government may be given for all rows)
MEASURES = ("level", "growth", "share", "points")
# The template's header, in the office's language (the English names are read too, and these words for them).
# 口径 is the pages' word for a measure (总量, 增速 …); 测度, the workbook's, is read too
HEADERS_ZH = {"indicator": "指标", "government": "政府", "year": "年份", "period": "期间", "measure": "口径",
              "value": "数值", "unit": "单位", "note": "备注", "span": "时段", "period_start": "起始年份"}
TEMPLATE_HEADER = tuple(HEADERS_ZH[c] for c in COLUMNS)
_HEADER_WORDS = {**{word: code for code, word in HEADERS_ZH.items()},
                 "指标名称": "indicator", "政府名称": "government", "测度": "measure", "年限": "span", "地区": "government", "年度": "year",
                 "实际值": "value", "值": "value", "计量单位": "unit", "说明": "note", "起始年": "period_start"}
# a measure as the template writes it (MEASURE_WORDS[code]) and the words read for it
MEASURE_WORDS = {"level": "总量", "growth": "增速", "share": "比重", "points": "百分点"}
_MEASURE_READ = {**{word: code for code, word in MEASURE_WORDS.items()},
                 "水平": "level", "增长": "growth", "增长率": "growth", "占比": "share"}
_FULL_YEAR = {"", "全年", "年", "y", "year", "fy", "q4", "m12", "12"}
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
BAD_GROUPING = "thousands separators must be in groups of three (1,234.5)"
NOT_FINITE = "is not a finite number"
_MAGNITUDE_PROBLEMS = {"doubled_magnitude": "has a doubled magnitude {m!r} (write one: 万, 亿, 万亿 …)",
                       "rate_magnitude": "is a rate and takes no magnitude {m!r} (write e.g. %)"}
# Every reason a row of an import is refused for (`RowProblem.reason`), with the column at fault (None: the row as a
# whole). Each edge words every one: the CLI prints the English message built with it, the web words the code in its
# interface language (`web.actuals_import.ROW_WORDS`, tests/web/test_actuals_import.py checks that none is missing).
ROW_REASONS: dict[str, str | None] = {
    "indicator_empty": "indicator", "indicator_unknown": "indicator",
    "government_unknown": "government", "government_merged": "government",
    "government_ambiguous": "government", "government_none": "government",
    "year_empty": "year", "year_date": "year", "year_invalid": "year",
    "period_invalid": "period",
    "value_empty": "value", "value_grouping": "value", "value_date": "value", "value_not_finite": "value",
    "value_not_number": "value", "value_magnitude_unit": "value", "value_doubled_magnitude": "value",
    "value_rate_magnitude": "value", "value_not_exact": "value", "value_no_unit": "value",
    "value_unit_mismatch": "value",
    "measure_invalid": "measure",
    "unit_empty": "unit", "unit_doubled_magnitude": "unit", "unit_rate_magnitude": "unit",
    "unit_not_convertible": "unit", "unit_not_rate": "unit", "unit_not_points": "unit",
    "span_invalid": "span", "period_start_invalid": "period_start", "period_with_span": "period",
    "same_key": None,  # two rows for one key with different values (`_same_key`)
    "not_permitted": None,  # the importing user may not record this row (`import_actuals`' `allowed`)
}


def row_problem(reason: str, message: str, params: Mapping[str, object] | None = None,
                column: str | None = None) -> RowProblem:
    """A problem of a row (its row and file are added by the import): `reason` one of ROW_REASONS (KeyError for any
    other: a problem no edge words), `message` the CLI's English, `params` the values its wording needs, `column`
    the one at fault when not the reason's own (ROW_REASONS)."""
    if reason not in ROW_REASONS:
        raise KeyError(f"row problem {reason!r} is not one of ROW_REASONS; add it there and word it on each edge")
    return RowProblem(reason, message, dict(params or {}), column or ROW_REASONS[reason])


class RowError(ValueError):
    """A row's problems (`problems`), as a ValueError whose text is their English joined by "; " (the CLI's)."""

    def __init__(self, problems: list[RowProblem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def refuse(reason: str, message: str, *, column: str | None = None, **params: object) -> RowError:
    """A RowError of one problem (`row_problem`'s arguments)."""
    return RowError([row_problem(reason, message, params, column)])


def cell_text(cell: object) -> str:
    """A cell as a wording quotes it: 明年 for text, 2019.5 for a number, 2019-01-01 for a date (`shown` unquoted)."""
    if isinstance(cell, date):
        return cell.isoformat()[:10]
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return f"{cell:g}"
    return "" if cell is None else str(cell)


@dataclass(frozen=True, slots=True)
class ActualRow:
    """One validated actual, ready to store."""

    indicator_id: int
    government_id: int
    year: int
    period: str
    measure: str
    value: float
    unit: str
    note: str = ""
    span: str = "year"  # year, or average / total over period_start…year (an optional column of the import)
    period_start: int | None = None


SPANS = {"": "year", "year": "year", "年": "year", "当年": "year", "average": "average", "年均": "average",
         "total": "total", "累计": "total"}


def normalise_period(text: str) -> str:
    """'' for a full year, else Q1-Q3, H1 or M01-M11; ValueError for anything else."""
    p = unicodedata.normalize("NFKC", str(text or "")).strip().upper()
    if p.lower() in _FULL_YEAR:
        return ""
    aliases = {"一季度": "Q1", "上半年": "H1", "前三季度": "Q3", "二季度": "Q2", "三季度": "Q3"}
    p = aliases.get(p, p)
    if p.startswith("M") and p[1:].isdigit():
        p = f"M{int(p[1:]):02d}"
    if p not in PERIOD_FRACTION:
        raise refuse("period_invalid", f"period {text!r} is not one of: (blank) for the year, Q1, H1, Q3, M01…M11",
                     value=str(text))
    return p


def parse_number(text: object) -> float:
    """A finite number from a cell: '1,234.5', '５.２', '6%' → float; ValueError otherwise (also for thousands
    separators not in groups of three: '1,2,3', '12,34.5', and for inf, NaN and 1e400, which would judge a
    target met by infinity)."""
    if isinstance(text, bool):
        raise ValueError("not a number")
    if isinstance(text, int | float):
        number = float(text)
    else:
        s = unicodedata.normalize("NFKC", str(text or "")).strip().rstrip("%").strip()
        if "," in s and not commas_grouped(s):
            raise ValueError(BAD_GROUPING)
        s = s.replace(",", "")
        if not s:
            raise ValueError("empty")
        number = float(s)
    if not math.isfinite(number):
        raise ValueError(NOT_FINITE)
    return number


def commas_grouped(number: str) -> bool:
    """Whether the commas of a written number part thousands (1,234.5 and -1,234: yes; 1,2,3 and 12,34.5: no)."""
    return _GROUPED.fullmatch(number) is not None


def value_and_unit(cell: object, unit: str) -> tuple[float, str]:
    """The value of a cell and its unit: a plain number (1,234.5; 6%) is in the row's `unit`; a value written as on
    the entry grid (700亿, 43.45亿元, 下降3.4%: store.entry.parse_entry) carries its own, which must convert to the
    row's unit when there is one (700亿 with unit % is refused). A RowError (a ValueError) with the row's problem
    otherwise."""
    text = cell_text(cell)
    try:
        if is_empty(cell):
            raise ValueError("empty")
        if isinstance(cell, date):
            raise ValueError("date")
        return parse_number(cell), unit
    except ValueError as exc:
        why = {BAD_GROUPING: ("value_grouping", f"value {shown(cell)}: {BAD_GROUPING}"),
               "empty": ("value_empty", "value is empty"),
               "date": ("value_date", f"value: a date ({shown(cell)}), write the number"),
               NOT_FINITE: ("value_not_finite", f"value {shown(cell)} {NOT_FINITE}")}
        if str(exc) in why or not isinstance(cell, str):
            reason, message = why.get(str(exc), ("value_not_number", f"value {shown(cell)} is not a number"))
            raise refuse(reason, message, value=text) from None
    from planwatch.store.entry import EntryProblem, parse_entry  # entry builds on this module

    try:
        parsed = parse_entry(cell, unit)
    except EntryProblem as problem:
        if problem.code == "rate_magnitude" and unit and magnitude_problem(unit) is None:  # 700亿 with unit %
            raise refuse("value_magnitude_unit",
                         f"value {shown(cell)} has a magnitude that does not fit the row's unit {unit!r}",
                         value=text, unit=unit) from None
        if problem.code in _MAGNITUDE_PROBLEMS:
            magnitude = str(problem.params.get("magnitude", ""))
            raise refuse(f"value_{problem.code}", f"value {shown(cell)} " + _MAGNITUDE_PROBLEMS[problem.code].format(
                m=magnitude), value=text, magnitude=magnitude) from None
        if problem.code == "not_exact":
            raise refuse("value_not_exact", f"value {shown(cell)} is not an exact number (约, 多, 左右 …)",
                         value=text) from None
        if problem.code == "no_unit":
            raise refuse("value_no_unit", f"value {shown(cell)} has no unit and the unit is empty", value=text) from None
        if problem.code == "bad_grouping":
            raise refuse("value_grouping", f"value {shown(cell)}: {BAD_GROUPING}", value=text) from None
        raise refuse("value_not_number", f"value {shown(cell)} is not a number", value=text) from None
    if unit and not convertible(parsed.unit, unit):
        raise refuse("value_unit_mismatch", f"value {shown(cell)} is in {parsed.unit}, which does not convert to the "
                     f"row's unit {unit!r}", value=text, value_unit=parsed.unit, unit=unit)
    return parsed.value, parsed.unit


def is_empty(cell: object) -> bool:
    """True for a cell with nothing in it (None, '', blanks)."""
    return cell is None or (isinstance(cell, str) and not unicodedata.normalize("NFKC", cell).strip())


def shown(cell: object) -> str:
    """A cell as a message quotes it: '明年' for text, 2019.5 for a number, 2019-01-01 for a date (no Python repr)."""
    if isinstance(cell, date):
        return cell.isoformat()[:10]
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return f"{cell:g}"
    return repr(str(cell))


def parse_year(cell: object, name: str = "year") -> int:
    """A whole year 1949–2100 from a cell (2019, '2019', 2019.0 as Excel stores it); a RowError (a ValueError) saying
    why not, of the column `name`."""
    if is_empty(cell):
        raise refuse("year_empty", f"{name} is empty", column=name)
    if isinstance(cell, date):
        raise refuse("year_date", f"{name}: a date ({shown(cell)}), write the year as a number", column=name,
                     value=cell_text(cell))
    try:
        number = parse_number(cell)
    except ValueError:
        raise refuse("year_invalid", f"{name} {shown(cell)} is not a year", column=name, value=cell_text(cell),
                     low=YEAR_MIN, high=YEAR_MAX) from None
    if number != int(number) or not YEAR_MIN <= number <= YEAR_MAX:
        raise refuse("year_invalid", f"{name} {shown(cell)} is not a year", column=name, value=cell_text(cell),
                     low=YEAR_MIN, high=YEAR_MAX)
    return int(number)


def infer_measure(unit: str, indicator_unit: str) -> str:
    """level, growth, share or points from the unit: % is a share when the indicator is one."""
    if is_points(unit):
        return "points"
    if is_percent(unit):
        return "share" if indicator_unit and is_percent(indicator_unit) else "growth"
    return "level"


def default_government(session: Session) -> Government:
    """The only government with stored plans; ValidationError when there are none or several."""
    names = list(session.scalars(select(Government).where(Government.plans.any()).order_by(Government.name)))
    if len(names) == 1:
        return names[0]
    if not names:
        raise ValidationError("no plan is stored yet, so the government is unknown; pass --government NAME",
                              reason="government_unknown")
    raise ValidationError(f"several governments are stored ({', '.join(g.name for g in names)}); pass --government NAME",
                          reason="government_ambiguous", governments="、".join(g.name for g in names))


class RowChecker:
    """Validates raw rows against the registry and stored governments, collecting every problem."""

    def __init__(self, session: Session, government: str | None = None) -> None:
        """Load the registry, governments and indicator units once for all rows."""
        self.resolver = Resolver(session)
        self.session = session
        self.governments = {g.name: g.id for g in session.scalars(select(Government))}
        self.units = {i.id: i.unit for i in session.scalars(select(Indicator))}
        self.default = government
        self._only: Government | ValidationError | None = None

    def _only_government(self) -> Government | ValidationError:
        """The only government with stored plans, or why there is none to take (asked once)."""
        if self._only is None:
            try:
                self._only = default_government(self.session)
            except ValidationError as exc:
                self._only = exc
        return self._only

    def check(self, raw: dict[str, Any], merged: bool = False) -> ActualRow:
        """One row as an ActualRow; a RowError (a ValueError) with every problem in it. `merged`: its government cell
        is covered by a merged range (its value is the first row's; read alone, the cell is empty)."""
        problems: list[RowProblem] = []

        def add(reason: str, message: str, **params: object) -> None:
            problems.append(row_problem(reason, message, params))

        name = str(raw.get("indicator") or "").strip()
        indicator_id = self.resolver.find(name) if name else None
        if not name:
            add("indicator_empty", "indicator is empty")
        elif indicator_id is None:
            add("indicator_unknown", f"unknown indicator {name!r} (see `planwatch indicators`)", name=name)
        gov_name = str(raw.get("government") or "").strip() or self.default or ""
        government_id = None
        if gov_name:
            government_id = self.governments.get(gov_name)
            if government_id is None:
                add("government_unknown", f"unknown government {gov_name!r}", name=gov_name)
        elif merged:  # a merged cell reads empty in every row but its first
            add("government_merged", "government is empty (merged cells? give each row its own government)")
        else:
            only = self._only_government()
            if isinstance(only, ValidationError):
                stored = str(only.params.get("governments", ""))
                if stored:
                    add("government_ambiguous", f"government is empty and several governments are stored ({stored}): "
                        "fill it in", governments=stored)
                else:
                    add("government_none", "government is empty and no plan is stored yet")
            else:
                government_id = only.id
        year = 0
        try:
            year = parse_year(raw.get("year"))
        except RowError as exc:
            problems.extend(exc.problems)
        period = ""
        try:
            period = normalise_period(str(raw.get("period") or ""))
        except RowError as exc:
            problems.extend(exc.problems)
        value = 0.0
        cell = raw.get("value")
        unit = unicodedata.normalize("NFKC", str(raw.get("unit") or "")).strip()
        try:
            value, unit = value_and_unit(cell, unit)
        except RowError as exc:
            problems.extend(exc.problems)
        given = str(raw.get("measure") or "").strip()
        measure = _MEASURE_READ.get(given.lower(), given.lower())  # 增速 as growth
        indicator_unit = self.units.get(indicator_id or -1, "")
        if measure and measure not in MEASURES:
            add("measure_invalid", f"measure {measure!r} is not one of {', '.join(MEASURES)} "
                f"({'、'.join(MEASURE_WORDS.values())})", value=given)
        junk = magnitude_problem(unit) if unit else None
        if not unit:
            add("unit_empty", "unit is empty")
        elif junk is not None:
            add(f"unit_{junk[0]}", f"unit {unit!r} " + _MAGNITUDE_PROBLEMS[junk[0]].format(m=junk[1]), unit=unit,
                magnitude=junk[1])
        elif indicator_id is not None:
            measure = measure or infer_measure(unit, indicator_unit)
            if measure == "level" and indicator_unit and not convertible(unit, indicator_unit):
                add("unit_not_convertible", f"unit {unit!r} does not convert to {indicator_unit!r}, the unit of {name}",
                    unit=unit, own=indicator_unit, indicator=name)
            if measure in ("growth", "share") and not is_percent(unit):
                add("unit_not_rate", f"unit {unit!r} does not fit a {measure} (use %)", unit=unit, measure=measure)
            if measure == "points" and not is_points(unit):
                add("unit_not_points", f"unit {unit!r} does not fit points (use 百分点)", unit=unit)
        span = SPANS.get(unicodedata.normalize("NFKC", str(raw.get("span") or "")).strip().lower())
        if span is None:
            add("span_invalid", f"span {shown(raw.get('span'))} is not one of: year, average (年均), total (累计)",
                value=cell_text(raw.get("span")))
        period_start = None
        if not is_empty(raw.get("period_start")):
            try:
                period_start = parse_year(raw.get("period_start"), "period_start")
                if period_start > year:
                    raise ValueError
            except ValueError:
                add("period_start_invalid", f"period_start {shown(raw.get('period_start'))} is not a year before "
                    f"{year}", value=cell_text(raw.get("period_start")), year=year)
        if period and span not in (None, "year"):
            add("period_with_span", "a part of the year (period) cannot also be an average or a total (span)")
        if problems:
            raise RowError(problems)
        assert indicator_id is not None and government_id is not None
        return ActualRow(indicator_id, government_id, year, period, measure, value,
                         unit, str(raw.get("note") or "").strip(), span or "year",
                         period_start if span in ("average", "total") else None)


def column_code(name: object) -> str:
    """The template's column a header cell names: its English name (any case) or its Chinese word (指标, 政府 …)."""
    text = unicodedata.normalize("NFKC", str(name or "")).strip()
    return _HEADER_WORDS.get(text, text.lower())


def read_rows(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """The data rows of a CSV or XLSX file as dicts keyed by the template's column names, each with the number the
    spreadsheet shows it under (the header is row 1; blank rows are left out, not counted out: the row after one is
    named by its own number). The header may be the template's Chinese words (指标,政府,年份 …) or its English
    names (indicator,government,year …)."""
    header, rows = read_table(path, what="actuals", hint=" (write one with `planwatch actuals template`)")
    codes = {column_code(k) for k in header if k}
    missing = [c for c in REQUIRED if c not in codes]
    if rows and missing:  # (a file of rows without a year or value column: every row said "year is empty")
        named = ", ".join(f"{HEADERS_ZH[c]} ({c})" for c in missing)
        raise ValidationError(f"{path}: no {named} column{'s' if len(missing) > 1 else ''}; the header must be "
                              f"{','.join(TEMPLATE_HEADER)} or {','.join(COLUMNS)}", reason="actuals_header",
                              columns="、".join(HEADERS_ZH[c] for c in missing))
    return [(n, {column_code(k): v for k, v in r.items() if k}) for n, r in rows]


def column_letter(number: int) -> str:
    """A column's letters as a spreadsheet shows them: 1 → A, 27 → AA."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _columns(path: Path) -> dict[str, tuple[int, str]]:
    """The template's columns the file's header has: their number (from 1) and their heading as the file writes it
    (the first, when two name one column)."""
    header, _rows = read_table(path, what="actuals")
    found: dict[str, tuple[int, str]] = {}
    for number, heading in enumerate(header, start=1):
        if heading:
            found.setdefault(column_code(heading), (number, heading))
    return found


def _placed(problem: RowProblem, row: int, path: Path, columns: dict[str, tuple[int, str]]) -> RowProblem:
    """`problem` of row `row` of the file at `path`, its column's heading and letter as the file has them."""
    number, heading = columns.get(problem.column or "", (0, ""))
    return replace(problem, row=row, file=path.name, heading=heading, letter=column_letter(number))


def _upsert(session: Session, rows: Sequence[ActualRow], source: str, who: str) -> int:
    """Replace this source's actuals with the same keys, then insert `rows` in bulk."""
    if not rows:
        return 0
    keys = {(r.indicator_id, r.government_id, r.year, r.period, r.measure, r.span) for r in rows}
    columns = (Actual.indicator_id, Actual.government_id, Actual.year, Actual.period, Actual.measure, Actual.span)
    key_list = list(keys)
    for start in range(0, len(key_list), 500):
        chunk = key_list[start:start + 500]
        session.execute(delete(Actual).where(Actual.source == source, tuple_(*columns).in_(chunk)))
    now = utcnow()
    session.execute(Actual.__table__.insert(), [
        {"indicator_id": r.indicator_id, "government_id": r.government_id, "year": r.year, "period": r.period,
         "measure": r.measure, "value": r.value, "unit": r.unit, "source": source, "record_id": None,
         "who": who, "at": now, "note": r.note, "span": r.span, "period_start": r.period_start}
        for r in rows
    ])
    return len(rows)


@dataclass(frozen=True, slots=True)
class ImportSummary:
    """What an import did: rows stored, and rows skipped because their value cell was empty."""

    stored: int
    skipped: int = 0


def _same_key(rows: list[tuple[int, ActualRow]]) -> tuple[list[ActualRow], list[RowProblem]]:
    """Rows (row number, row) without repeats of a key; a problem (of its row) for each repeat with another value."""
    first: dict[tuple[Any, ...], tuple[int, ActualRow]] = {}
    kept: list[ActualRow] = []
    problems: list[RowProblem] = []
    for number, row in rows:
        key = (row.indicator_id, row.government_id, row.year, row.period, row.measure, row.span)
        seen = first.get(key)
        if seen is None:
            first[key] = (number, row)
            kept.append(row)
        elif (seen[1].value, seen[1].unit, seen[1].period_start) != (row.value, row.unit, row.period_start):
            other = seen[1]
            problems.append(replace(row_problem(
                "same_key", f"same indicator, government, year, period and measure as row {seen[0]} but another value "
                f"({row.value:g} {row.unit} here, {other.value:g} {other.unit} there); keep one of them",
                {"first": seen[0], "value": f"{row.value:g} {row.unit}".strip(),
                 "first_value": f"{other.value:g} {other.unit}".strip()}), row=number))
    return kept, problems


def import_actuals(engine: Engine, path: Path, government: str | None = None, who: str | None = None,
                   allowed: Callable[[Session, ActualRow], RowProblem | None] | None = None) -> ImportSummary:
    """Load a CSV/XLSX of actuals, all rows or none; rows with an empty value are skipped (a partly filled
    template); return how many were stored and skipped. `allowed` (the dashboard's permissions): why the importing
    user may not record a valid row (a "not_permitted" `row_problem`), or None; such a row is a bad row like the
    others. A refusal lists each bad row's problems in English (`problems`, one line a row) and one by one with their
    reason codes (`row_problems`)."""
    raw_rows = read_rows(path)
    if not raw_rows:
        raise ValidationError(f"{path}: no data rows under the header; nothing was imported", reason="actuals_empty")
    filled = [(number, raw) for number, raw in raw_rows if not is_empty(raw.get("value"))]
    if not filled:
        raise ValidationError(f"{path}: no row has a value (all {len(raw_rows)} value cells are empty); "
                              "fill in the value column; nothing was imported", reason="actuals_no_value",
                              rows=len(raw_rows))
    columns = _columns(path)
    column = columns["government"][0] if "government" in columns else None
    covered = {row for row, col in merged_cells(path) if col == column} if column is not None else set()
    with transaction(engine) as session:
        checker = RowChecker(session, government)
        good: list[tuple[int, ActualRow]] = []
        found: list[RowProblem] = []
        for number, raw in filled:
            try:
                row = checker.check(raw, merged=number in covered)
            except RowError as exc:
                found.extend(_placed(p, number, path, columns) for p in exc.problems)
                continue
            refused = allowed(session, row) if allowed is not None else None
            if refused is not None:
                found.append(_placed(refused, number, path, columns))
            else:
                good.append((number, row))
        rows, repeats = _same_key(good)
        found.extend(_placed(p, p.row, path, columns) for p in repeats)
        if found:
            found.sort(key=lambda p: p.row)  # (stable: a row's problems keep their order)
            lines = [f"row {number}: " + "; ".join(p.message for p in group)
                     for number, group in groupby(found, key=lambda p: p.row)]
            skipped = len(raw_rows) - len(filled)
            also = f" ({skipped} rows without a value skipped)" if skipped else ""
            raise bad_rows(f"{path}: {len(lines)} of {len(filled)} rows with a value are invalid{also}; "
                           "nothing was imported", lines, row_problems=found)
        user = audit.declared_user(who)  # the person named, never the OS account (`audit.declared_user`)
        # A row without a note keeps the file it came from as its note: the verdict it decides cites it
        # ("导入数据（actuals-2019.xlsx）"), as a document's actual cites the document.
        rows = [r if r.note else replace(r, note=path.name) for r in rows]
        count = _upsert(session, rows, "import", user)
        audit.log(session, "actual.import", "actual", None, who, file=path.name, rows=count)
        return ImportSummary(count, len(raw_rows) - len(filled))


def set_actual(engine: Engine, indicator: str, year: int, value: float, unit: str, *, government: str | None = None,
               period: str = "", measure: str | None = None, note: str = "", who: str | None = None) -> ActualRow:
    """Record one actual by hand (source manual), replacing an earlier manual value for the same key."""
    with transaction(engine) as session:
        government = government or default_government(session).name  # none given: the only one, else say so
        checker = RowChecker(session, government)
        if checker.resolver.find(indicator) is None:
            raise NotFoundError(f"indicator {indicator!r} is not registered; `planwatch indicators` lists them",
                                kind="indicator", key=indicator)
        try:
            row = checker.check({"indicator": indicator, "government": government, "year": year, "period": period,
                                 "measure": measure or "", "value": value, "unit": unit, "note": note})
        except ValueError as exc:
            raise ValidationError(f"actual not stored: {exc}") from None
        _upsert(session, [row], "manual", audit.declared_user(who))
        audit.log(session, "actual.set", "actual", None, who, indicator=indicator, year=year, period=row.period,
                  measure=row.measure, value=value, unit=unit)
        return row


def template_rows(session: Session, government: str | None = None, year: int | None = None,
                  plan_id: int | None = None) -> list[dict[str, Any]]:
    """One blank row per (indicator, government, year, measure) that stored targets need: of one government, one
    year and/or one plan's targets when given (the whole store's otherwise)."""
    from sqlalchemy import func

    query = (
        select(Indicator.name, Government.name, Record.year, Plan.year, Record.measure, Record.unit)
        .join(Plan, Record.plan_id == Plan.id).join(Government, Plan.government_id == Government.id)
        .join(Indicator, Record.indicator_id == Indicator.id)
        .where(Record.kind == "target", Record.measure.in_(MEASURES))
        .distinct()
    )
    if government:
        query = query.where(Government.name == government)
    if year is not None:
        query = query.where(func.coalesce(Record.year, Plan.year) == year)
    if plan_id is not None:
        query = query.where(Plan.id == plan_id)
    limited = bool(government or year is not None or plan_id is not None)
    seen: set[tuple[Any, ...]] = set()
    rows = []
    for name, gov, year, plan_year, measure, unit in session.execute(query):
        key = (name, gov, year or plan_year, measure)
        if key in seen:
            continue
        seen.add(key)
        rows.append({"indicator": name, "government": gov, "year": year or plan_year, "period": "",
                     "measure": measure, "value": "", "unit": unit, "note": ""})
    rows.sort(key=lambda r: (r["government"], r["year"] or 0, r["indicator"], r["measure"]))
    if rows or limited:  # a chosen government or year with no target: no rows, not another government's example
        return rows
    return [{"indicator": "地区生产总值", "government": "深圳市坪山区", "year": 2019, "period": "",
             "measure": "growth", "value": 9.5, "unit": "%", "note": "example row: replace it"}]


def template_cells(row: dict[str, Any]) -> list[Any]:
    """A template row's cells in the header's order (TEMPLATE_HEADER), its measure as the office writes it (增速)."""
    return [MEASURE_WORDS.get(row.get(c, ""), row.get(c, "")) if c == "measure" else row.get(c, "") for c in COLUMNS]


def template_paths(path: Path) -> tuple[Path, Path]:
    """The CSV and XLSX files of the template at `path` (a base name, or either file), each checked writable."""
    base = path.with_suffix("") if path.suffix.lower() in (".csv", ".xlsx") else path
    return check_output(base.with_suffix(".csv")), check_output(base.with_suffix(".xlsx"))


def write_template(path: Path, rows: Iterable[dict[str, Any]]) -> tuple[Path, Path]:
    """Write the template as `path`.csv and `path`.xlsx; return both paths (each whole, or left as it was)."""
    from openpyxl import Workbook

    rows = list(rows)
    csv_path, xlsx_path = template_paths(path)
    with atomic_output(csv_path) as csv_partial, atomic_output(xlsx_path) as xlsx_partial:
        with csv_partial.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(TEMPLATE_HEADER)
            writer.writerows(template_cells(row) for row in rows)
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "实际值"
        sheet.append(list(TEMPLATE_HEADER))
        for row in rows:
            sheet.append(template_cells(row))
        book.save(xlsx_partial)
    return csv_path, xlsx_path


@dataclass(frozen=True, slots=True)
class ActualListing:
    """A stored actual as listed by `planwatch actuals list`."""

    indicator: str
    government: str
    year: int
    period: str
    measure: str
    value: float
    unit: str
    source: str
    who: str
    note: str  # a document actual's reads "national-gwr-2017: 引文" (`doc`: the file's stem, and the quote)
    plan_id: int | None = None  # the plan a document actual was read from
    doc: str = ""  # that plan's file stem


def list_actuals(session: Session, indicator: str | None = None, year: int | None = None) -> list[ActualListing]:
    """Stored actuals (of one indicator / year), by indicator, year, period and source."""
    query = (
        select(Indicator.name, Government.name, Actual.year, Actual.period, Actual.measure, Actual.value,
               Actual.unit, Actual.source, Actual.who, Actual.note, Plan.id, Plan.doc)
        .join(Indicator, Actual.indicator_id == Indicator.id).join(Government, Actual.government_id == Government.id)
        .outerjoin(Record, Actual.record_id == Record.id).outerjoin(Plan, Record.plan_id == Plan.id)
        .order_by(Indicator.name, Actual.year, Actual.period, Actual.measure, Actual.source, Actual.id)
    )
    if indicator:
        from planwatch.store.indicators import find

        query = query.where(Actual.indicator_id == find(session, indicator).id)
    if year is not None:
        query = query.where(Actual.year == year)
    return [ActualListing(*row[:-1], row[-1] or "") for row in session.execute(query).all()]  # type: ignore[arg-type, call-arg]
