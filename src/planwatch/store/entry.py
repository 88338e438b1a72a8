"""Data entry (填报): values typed as an official writes them, the grid of actuals a period needs, completeness.

`parse_entry("1.5万", "个")` reads a cell the way a planning office writes it (1.5万,
43.45亿元, 9.2%, 下降3.4%) into a value and its unit. `entry_rows` lists what a
government's targets of one year need (indicator × measure) with the stored actual of
a period; `store_entries` writes a whole grid in one transaction (all cells or none);
`completeness` says which indicator, which unit and which period still lack a value.
Problems are reported as codes (`EntryProblem`) so each edge words them in its language.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import regex
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from planwatch.store import audit
from planwatch.store.actuals import MEASURES, ActualRow, _upsert, commas_grouped
from planwatch.store.db import transaction
from planwatch.store.schema import Actual, Government, Indicator, Plan, Record
from planwatch.store.units import (
    PERIOD_FRACTION,
    convertible,
    is_percent,
    is_points,
    magnitude_problem,
    split_magnitude,
)

__all__ = [
    "FREQUENCIES", "PERIODS", "EntryProblem", "ParsedValue", "check_cell", "check_magnitude", "completeness",
    "due_periods", "entry_governments", "entry_rows", "indicator_unit_map", "parse_entry", "store_entries",
]

# Reporting periods of a year, cumulative as statistics bureaus publish them ("" = the full year).
PERIODS: tuple[str, ...] = ("", "Q1", "H1", "Q3", *(f"M{m:02d}" for m in range(1, 12)))
FREQUENCIES: dict[str, tuple[str, ...]] = {
    "year": ("",),
    "quarter": ("Q1", "H1", "Q3", ""),
    "month": (*(f"M{m:02d}" for m in range(1, 12)), ""),
}
_PERIOD_END_MONTH = {"": 12, "Q1": 3, "H1": 6, "Q3": 9, **{f"M{m:02d}": m for m in range(1, 12)}}

_UP = ("增长", "增加", "提高", "上升", "上涨", "提升")
_DOWN = ("下降", "减少", "降低", "下跌", "回落", "压减")
_CELL = regex.compile(r"^(?P<sign>[+\-])?(?P<num>\d+(?:\.\d+)?|\.\d+)(?P<mult>[十百千万亿]*)(?P<unit>\D*)$")
_NUMBER_WITH_COMMAS = regex.compile(r"[\d.,]*,[\d.,]*")


class EntryProblem(ValueError):
    """Why a cell was refused: a code (empty, not_a_number, bad_grouping, not_exact, no_unit, doubled_magnitude,
    rate_magnitude, unit_mismatch, needs_percent, needs_points, bad_period) and the values its message needs;
    each edge words it in its language."""

    def __init__(self, code: str, params: dict[str, Any] | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.params: dict[str, Any] = params or {}


@dataclass(frozen=True, slots=True)
class ParsedValue:
    """A typed cell: the number and the unit it was written in (亿元, 万个, %)."""

    value: float
    unit: str


def _strip_multipliers(unit: str) -> str:
    """The unit without its leading 万/亿 … (万人 → 人, but 千瓦 and 百分点 stay whole); a bare multiplier stays."""
    return split_magnitude(unit)[1] or unit


def parse_entry(text: str, default_unit: str = "") -> ParsedValue:
    """The value and unit of a cell typed as an official writes it.

    "1.5万" with default unit 个 → 1.5 万个; "43.45亿元" → 43.45 亿元; "9.2%" → 9.2 %;
    "下降3.4%" → −3.4 %; "1,234" → 1234 in the default unit. EntryProblem when it is no number, when its
    thousands separators are not in groups of three (1,2,3), its magnitude is junk (1.5万万, 1.5万%) or it is too
    long to be a finite number.
    """
    s = unicodedata.normalize("NFKC", str(text or "")).strip()
    s = regex.sub(r"\s", "", s).replace("−", "-").replace("﹣", "-")
    if not all(map(commas_grouped, _NUMBER_WITH_COMMAS.findall(s))):
        raise EntryProblem("bad_grouping", {"text": text})
    s = s.replace(",", "")
    if not s:
        raise EntryProblem("empty", {"text": text})
    sign = 1.0
    for words, factor in ((_UP, 1.0), (_DOWN, -1.0)):
        for word in words:
            if s.startswith(word):
                s, sign = s[len(word):], factor
                break
    match = _CELL.match(s)
    if match is None:
        raise EntryProblem("not_a_number", {"text": text})
    value = float(match["num"]) * sign * (-1.0 if match["sign"] == "-" else 1.0)
    if not math.isfinite(value):  # 400 digits are a float's infinity: it would judge any target met
        raise EntryProblem("not_a_number", {"text": text})
    multiplier, unit = match["mult"], match["unit"].strip()
    if regex.search(r"多|余|约|左右|以上|以下|以内|左|近", unit):
        raise EntryProblem("not_exact", {"text": text})
    if unit in ("个百分点", "百分点", "pp"):
        unit = "百分点"
    if not unit:
        unit = multiplier + _strip_multipliers(default_unit) if multiplier else default_unit
    else:
        unit = multiplier + unit
    if not unit:
        raise EntryProblem("no_unit", {"text": text})
    check_magnitude(unit, text)
    return ParsedValue(value, unit)


def check_magnitude(unit: str, text: object = "") -> None:
    """EntryProblem when the unit's magnitude is junk: doubled (万万个, 亿万元) or on a rate (万%, 千百分点)."""
    problem = magnitude_problem(unit)
    if problem is not None:
        code, magnitude = problem
        raise EntryProblem(code, {"text": text if text != "" else unit, "unit": unit, "magnitude": magnitude})


def check_cell(parsed: ParsedValue, measure: str, indicator_unit: str) -> None:
    """EntryProblem when the unit does not fit the measure (growth in %, a level convertible to the indicator's unit)."""
    if measure in ("growth", "share") and not is_percent(parsed.unit):
        raise EntryProblem("needs_percent", {"unit": parsed.unit})
    if measure == "points" and not is_points(parsed.unit):
        raise EntryProblem("needs_points", {"unit": parsed.unit})
    if measure == "level" and indicator_unit and not convertible(parsed.unit, indicator_unit):
        raise EntryProblem("unit_mismatch", {"unit": parsed.unit, "expected": indicator_unit})


def entry_governments(session: Session) -> list[dict[str, Any]]:
    """Governments with stored targets (those data entry is for), by name."""
    rows = session.execute(select(Government.id, Government.name).where(Government.plans.any()).order_by(Government.name))
    return [{"id": i, "name": n} for i, n in rows]


def indicator_unit_map(session: Session, plan_ids: Iterable[int]) -> dict[int, set[str]]:
    """indicator id → the responsible units of the tasks (in these plans) whose quantities measure it."""
    from planwatch.store.tasks import Task

    ids = sorted(set(plan_ids))
    if not ids:
        return {}
    by_position: dict[tuple[int, int], int] = {}
    for plan_id, position, indicator_id in session.execute(
            select(Record.plan_id, Record.position, Record.indicator_id)
            .where(Record.plan_id.in_(ids), Record.indicator_id.is_not(None))):
        by_position[(plan_id, position)] = indicator_id  # type: ignore[assignment]  # (IS NOT NULL above)
    found: dict[int, set[str]] = {}
    for task in session.scalars(select(Task).where(Task.plan_id.in_(ids))):
        name = task.unit_name
        if not name:
            continue
        for position in task.record_positions or []:
            indicator_id = by_position.get((task.plan_id, position))
            if indicator_id is not None:
                found.setdefault(indicator_id, set()).add(name)
    return found


def target_years(session: Session, government_id: int) -> list[int]:
    """The years this government's targets are for, newest first."""
    year = Record.year
    rows = session.execute(select(year, Plan.year).join(Plan, Plan.id == Record.plan_id)
                           .where(Plan.government_id == government_id, Record.kind == "target")
                           .distinct())
    return sorted({v for y, py in rows if (v := y or py)}, reverse=True)


def entry_rows(session: Session, government_id: int, year: int, period: str = "") -> list[dict[str, Any]]:
    """One row per (indicator, measure) that the government's targets for `year` need, with the stored actual
    of `period` (any source; a hand-entered one first) and the responsible units."""
    query = (
        select(Record.indicator_id, Indicator.name, Indicator.unit, Record.measure, Record.comparator, Record.value,
               Record.value_max, Record.unit, Record.id, Record.plan_id, Record.year, Plan.year)
        .join(Plan, Plan.id == Record.plan_id).join(Indicator, Indicator.id == Record.indicator_id)
        .where(Plan.government_id == government_id, Record.kind == "target", Record.measure.in_(MEASURES),
               Record.value.is_not(None))
        .order_by(Record.plan_id, Record.position)
    )
    rows: dict[tuple[int | None, str], dict[str, Any]] = {}  # (the join on Indicator: never None)
    plan_ids: set[int] = set()
    for ind_id, name, ind_unit, measure, comparator, value, value_max, unit, rec_id, plan_id, ryear, pyear in session.execute(query):
        if (ryear or pyear) != year:
            continue
        if measure == "level" and (unit == "倍" or (ind_unit and unit and not convertible(unit, ind_unit))):
            continue  # a multiple of a base (翻一番: 2倍) or an amount the indicator's unit cannot hold: no cell of it
        plan_ids.add(plan_id)
        key = (ind_id, measure)
        if key in rows:
            continue
        entry_unit = unit if measure != "level" else (ind_unit or unit)
        rows[key] = {"key": f"{ind_id}-{measure}", "indicator_id": ind_id, "indicator": name, "measure": measure,
                     "indicator_unit": ind_unit, "unit": entry_unit,
                     "target": {"id": rec_id, "measure": measure, "comparator": comparator, "value": value, "value_max": value_max,
                                "unit": unit}, "units": [], "actual": None}
    units = indicator_unit_map(session, plan_ids)
    order = {"manual": 0, "import": 1, "document": 2}
    stored = session.execute(select(Actual).where(Actual.government_id == government_id, Actual.year == year,
                                                  Actual.period == period))
    for (act,) in stored:
        row = rows.get((act.indicator_id, act.measure))
        if row is None:
            continue
        current = row["actual"]
        if current is None or order.get(act.source, 9) < order.get(current["source"], 9):
            row["actual"] = {"value": act.value, "unit": act.unit, "source": act.source, "who": act.who, "at": act.at}
    out = sorted(rows.values(), key=lambda r: (r["indicator"], r["measure"]))
    for row in out:
        row["units"] = sorted(units.get(row["indicator_id"], ()))
    return out


def store_entries(engine: Engine, government_id: int, year: int, period: str,
                  cells: Sequence[tuple[dict[str, Any], ParsedValue]], who: str, note: str = "") -> int:
    """Store parsed cells (row from `entry_rows`, value) as hand-entered actuals in one transaction."""
    if period not in PERIOD_FRACTION and period != "":
        raise EntryProblem("bad_period", {"period": period})
    rows = [ActualRow(row["indicator_id"], government_id, year, period, row["measure"], parsed.value, parsed.unit, note)
            for row, parsed in cells]
    with transaction(engine) as session:
        count = _upsert(session, rows, "manual", who)
        audit.log(session, "actual.entry", "actual", None, who, government_id=government_id, year=year,
                  period=period, values=[{"indicator": row["indicator"], "measure": row["measure"],
                                          "value": parsed.value, "unit": parsed.unit} for row, parsed in cells])
    return count


def due_periods(year: int, frequency: str, today: date | None = None) -> tuple[str, ...]:
    """The periods of `year` at `frequency` that have ended by `today` (all of them for past years)."""
    today = today or date.today()
    periods = FREQUENCIES.get(frequency, FREQUENCIES["year"])
    if year < today.year:
        return periods
    if year > today.year:
        return ()
    return tuple(p for p in periods if _PERIOD_END_MONTH[p] < today.month)


def completeness(session: Session, government_id: int, year: int, frequency: str = "year",
                 today: date | None = None) -> list[dict[str, Any]]:
    """Per (indicator, measure) needed in `year`: the due periods with and without a value, and its units."""
    due = due_periods(year, frequency, today)
    rows = entry_rows(session, government_id, year)
    have: dict[tuple[int, str], set[str]] = {}
    for ind_id, measure, period in session.execute(
            select(Actual.indicator_id, Actual.measure, Actual.period)
            .where(Actual.government_id == government_id, Actual.year == year)):
        have.setdefault((ind_id, measure), set()).add(period)
    out = []
    for row in rows:
        present = have.get((row["indicator_id"], row["measure"]), set())
        out.append({"indicator_id": row["indicator_id"], "indicator": row["indicator"], "measure": row["measure"],
                    "units": row["units"], "due": list(due),
                    "present": [p for p in due if p in present], "missing": [p for p in due if p not in present]})
    return out
