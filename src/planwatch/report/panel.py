"""The research panel: one row per government × year × indicator × measure × span, as Parquet or CSV (streamed).

Columns and types are fixed by `SCHEMA` (documented in docs/reports.md): the target as the
plan stated it, the actual with its source, the verdict, and the absence flag (a standard
indicator the previous plan targeted and this one omits).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import Any

import regex
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from planwatch.errors import PlanwatchError
from planwatch.evaluate.facts import AssessmentRow, assessment_batches, assessment_rows
from planwatch.monitor.attainment import status_code
from planwatch.monitor.display import display_name
from planwatch.monitor.rules import signed_comparator
from planwatch.output import atomic_output
from planwatch.report.wording import is_gap
from planwatch.store.schema import Government, Indicator, Plan
from planwatch.store.units import convert, convertible, split_magnitude

COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("government", "string", "issuing government (国务院, 深圳市坪山区 …)"),
    ("level", "string", "national / province / city / district / county, empty if unknown"),
    ("plan_id", "int64", "planwatch's id of the plan that set the target"),
    ("plan_year", "int64", "year of that plan (null if unknown)"),
    ("year", "int64", "year the target is for (null if unknown)"),
    ("indicator", "string", "the indicator as the government names it, as `planwatch assess` does (国内生产总值 for 国务院, "
                            "地区生产总值 below it; else the registry's name)"),
    ("indicator_canonical", "string", "the registry's name of the indicator, one for all its names (研发投入强度 for "
                                      "研发经费支出相当于全市生产总值的比例): group by it to compare governments"),
    ("measure", "string", "level / growth / share / points / ratio"),
    ("comparator", "string", ">= / <= / > / < / ≈ / = / between, applied to the signed target_value (a fall of at least 3.4%: <= -3.4)"),
    ("target_value", "float64", "target value in target_unit (growth, share and points in %)"),
    ("target_value_max", "float64", "upper bound of a between target"),
    ("target_unit", "string", "unit of the target: the registry's unit of the indicator where the written one converts "
                              "to it (斤 → 吨), else the written one; base units, no 亿/万"),
    ("target_value_written", "float64", "target value in the unit the plan wrote (target_unit_written)"),
    ("target_unit_written", "string", "the unit the plan wrote (in base units: 斤 of 1.3万亿斤)"),
    ("strength", "string", "soft (预期性) / hard (约束性) / empty"),
    ("span", "string", "period the target covers as it is judged: the year (2015), or average / total start–end "
                       "(total 2011–2015); part of the key"),
    ("period_start", "int64", "first year of that period (the year itself for a year's target)"),
    ("period_end", "int64", "last year of that period (= year)"),
    ("actual_value", "float64", "actual the target was judged on, in target_unit"),
    ("actual_unit", "string", "unit the actual was reported in"),
    ("actual_span", "string", "period the actual covers: 2019, average 2016–2020, part 2019 H1 (part of a year)"),
    ("actual_document", "string", "document (or entry) the actual came from, named as the pages name a plan "
                                  "(国务院 2018年政府工作报告)"),
    ("actual_quote", "string", "the words of that document"),
    ("actual_estimate", "bool", "true: the actual is a year-end estimate (预计), not a final figure; the status stands "
                                "until a final figure of the year replaces it"),
    ("status", "string", "met / missed / on_track / at_risk / conflict / no_data / absent (the codes of the API and "
                         "`planwatch assess`)"),
    ("margin", "float64", "how far better (+) or worse (−) than the target, in target_unit or points"),
    ("absent", "bool", "true: no target set where the previous plan had one"),
    ("also_in", "string", "other plans stating a target for the same key (span included), left out: restatements "
                          "(plan ids, ';'-separated; never the row's own plan)"),
    ("main_target", "bool", "true: stated in the plan's list of main targets (主要预期目标是：…)"),
    ("key_rows", "int64", "rows the panel has for this row's key: 1, or more when the plan states different values "
                          "for one key (different targets read under one name, or a goal of another period)"),
    ("record_id", "int64", "planwatch's id of the target's record (/api/records/{id}); null for an absence"),
)
NAMES = tuple(c[0] for c in COLUMNS)

Tick = Callable[[int], None]


def _levels(engine: Engine) -> dict[str, str]:
    """Government name → level."""
    with Session(engine) as session:
        return {n: lv or "" for n, lv in session.execute(select(Government.name, Government.level))}


def _registry_units(engine: Engine) -> dict[str, str]:
    """Indicator name → the registry's unit (粮食产量 → 吨), for the indicators that have one."""
    with Session(engine) as session:
        return {n: u for n, u in session.execute(select(Indicator.name, Indicator.unit)) if u}


# What opens a plan's list of main targets: "今年经济社会发展的主要预期目标是：", "主要目标是", "主要指标为：".
_MAIN_LIST = regex.compile(r"(?:预期目标|主要目标|主要指标)(?:是|为)|(?:预期目标|主要目标|主要指标)\s*[：:]")
_SENTENCE_END = regex.compile(r"[。！？!?][^。！？!?]*$")  # a list runs over lines: "；\n" goes on
_BEFORE = 800  # characters read before a target for the sentence that opens it


def _main_listed(engine: Engine, rows: list[AssessmentRow]) -> set[int]:
    """The records stated in a plan's list of main targets: the sentence they stand in opens with 主要预期目标是
    (or 主要目标 / 主要指标 and 是, 为 or a colon) before them. A five-year passage in the same report ("全社会研发经费
    支出相当于全市生产总值的比例达到4.5%以上") is not in the list; the year's "主要预期目标是：…达到4.3%左右" is.
    Each plan's text is read once (a batch holds whole governments)."""
    found: set[int] = set()
    by_plan: dict[int, list[AssessmentRow]] = {}
    for r in rows:
        if r.record_id is not None and r.start is not None:
            by_plan.setdefault(r.plan_id, []).append(r)
    ids = sorted(by_plan)
    with Session(engine) as session:
        for i in range(0, len(ids), 50):
            for plan_id, text in session.execute(select(Plan.id, Plan.text).where(Plan.id.in_(ids[i:i + 50]))):
                for r in by_plan[plan_id]:
                    before = (text or "")[max(0, (r.start or 0) - _BEFORE):r.start]
                    cut = _SENTENCE_END.search(before)
                    if _MAIN_LIST.search(before[cut.start() + 1:] if cut else before):
                        found.add(r.record_id)  # type: ignore[arg-type]
    return found


def panel_rows(engine: Engine, plan_id: int | None = None) -> list[tuple[object, ...]]:
    """The panel (of one plan, or every plan) as tuples in `NAMES` order."""
    return [row for batch in _batches(engine, plan_id) for row in batch]


_KEY = tuple(NAMES.index(n) for n in ("government", "year", "indicator", "measure", "span"))


def _batches(engine: Engine, plan_id: int | None) -> Iterator[list[tuple[object, ...]]]:
    """Panel rows in batches of whole governments, each sorted by government, year, indicator, measure, span (the rows
    of one key: the main list's statement first, then in plan order)."""
    levels, units = _levels(engine), _registry_units(engine)
    source = [assessment_rows(engine, plan_id)] if plan_id is not None else assessment_batches(engine)
    for rows in source:
        main = _main_listed(engine, rows)
        out = [_row(r, levels.get(r.government, ""), also, units, r.record_id in main, count)
               for r, also, count in one_per_key(rows, main)]
        out.sort(key=lambda t: (str(t[_KEY[0]]), t[_KEY[1]] or 0, str(t[_KEY[2]]), str(t[_KEY[3]]), str(t[_KEY[4]] or "")))
        yield out


def _preference(r: AssessmentRow) -> tuple[object, ...]:
    """Which plan's targets the panel keeps for one key (the smallest): a target before an absence; the plan of the
    target's own year, then the earliest plan before it (a five-year plan before the annual plans restating its goal),
    then the first plan after it (a work report restating last year's target, "低于13%左右的预期目标")."""
    year, plan_year = r.year or 0, r.plan_year or 0
    when = 0 if plan_year == year else 1 if plan_year < year else 2
    return (r.status == "absent", when, plan_year, r.plan_id)


def one_per_key(rows: list[AssessmentRow], main: Collection[int] = frozenset()
                ) -> list[tuple[AssessmentRow, str | None, int]]:
    """The panel's rows: per government × year × indicator × measure × span (a year, or the years of an average or a
    total: a target of 4500万人 over 2011–2015 and one of 1000万人 for 2015 are two keys, neither a restatement of the
    other), the targets of one plan (`_preference`), each distinct value once, with the other plans stating a target
    for the key (`also_in`: plan ids, never the row's own) and how many rows the key has.

    The national 2016 M2 target stood twice, from the 2016 report and from the 2017 one that restates it: one row,
    the 2016 report's. A plan stating one value twice (a restatement) gives one row; a plan stating two values for one
    key gives two: 上海市 2023 "研发经费支出…达到4.3%左右" (its 主要预期目标) and "…达到4.5%以上" (a five-year goal
    dated 2023), 云南省 2026 新能源开工1600万千瓦 and 投产1000万千瓦 — one of them stood, the other hidden in `also_in`
    naming the row's own plan. The statement in the plan's list of main targets (`main`: record ids) comes first,
    then plan order. A target that is a difference from another figure ("城镇新增就业预期目标比去年多100万人", aspect
    gap: never judged) gives way to the target itself (财政赤字增加额, a difference by name and alone for its key,
    stays)."""
    groups: dict[tuple[object, ...], list[AssessmentRow]] = {}
    for r in rows:
        groups.setdefault((r.government, r.year, r.indicator, r.measure, r.span), []).append(r)
    out: list[tuple[AssessmentRow, str | None, int]] = []
    for group in groups.values():
        pool = [r for r in group if not is_gap(r)] or group  # a difference only where it is all there is
        plan = min(pool, key=_preference).plan_id
        values: dict[tuple[object, ...], list[AssessmentRow]] = {}
        for r in pool:
            if r.plan_id == plan:
                values.setdefault((r.status == "absent", r.comparator, r.value, r.value_max, r.unit), []).append(r)

        def order(r: AssessmentRow) -> tuple[bool, int]:
            return r.record_id not in main, r.position if r.position is not None else 0

        kept = sorted((min(same, key=order) for same in values.values()), key=order)
        others = ";".join(map(str, sorted({r.plan_id for r in group} - {plan}))) or None
        out.extend((r, others, len(kept)) for r in kept)
    return out


def _comparable(r: AssessmentRow, units: dict[str, str]) -> tuple[str, float]:
    """The unit the panel gives a level target in and the factor from the written unit: the registry's unit of the
    indicator (its base: 吨 of 万吨) when the written one converts to it (1.3万亿斤 → 6.5亿吨: 吨), else the written
    one (factor 1). Rates (growth, share, points) stay in %."""
    wanted = units.get(r.indicator, "")
    if r.measure != "level" or not r.unit or not wanted or "/" in wanted:
        return r.unit, 1.0
    wanted = split_magnitude(wanted)[1] or wanted
    if wanted == r.unit or not convertible(r.unit, wanted):
        return r.unit, 1.0
    return wanted, convert(1.0, r.unit, wanted)


def _times(value: float | None, factor: float) -> float | None:
    """`value` × `factor`, rounded off binary noise (None stays None)."""
    return None if value is None else value if factor == 1.0 else float(f"{value * factor:.12g}")


def _row(r: AssessmentRow, level: str, also_in: str | None = None, units: dict[str, str] | None = None,
         main: bool = False, key_rows: int = 1) -> tuple[object, ...]:
    """One panel row (the indicator named as `planwatch assess` names it: `display_name` for the government; a level
    in the registry's unit where the written one converts to it)."""
    unit, factor = _comparable(r, units or {})
    margin = None if r.margin is None else round(r.margin, 10)
    if r.progress is None:  # a ratio to the pace needed has no unit
        margin = _times(margin, factor)
    start = r.period_start or r.year
    return (r.government, level, r.plan_id, r.plan_year, r.year, display_name(r.indicator, r.government), r.indicator,
            r.measure or None, signed_comparator(r.comparator, r.measure, r.value) or None,  # on the signed value
            _times(r.value, factor), _times(r.value_max, factor), unit or None, r.value, r.unit or None, r.strength,
            r.span or None, start, r.year,
            _times(r.actual, factor), r.actual_unit or None,
            r.actual_span or None, r.actual_document or None, r.actual_quote or None,
            r.estimate and r.actual is not None, status_code(r.status), margin,
            r.status == "absent", also_in, main, key_rows, r.record_id)


def write_panel(engine: Engine, path: Path | str, plan_id: int | None = None, fmt: str | None = None,
                tick: Tick | None = None) -> int:
    """Write the panel to `path` (Parquet or CSV by suffix or `fmt`), streaming; returns the row count.

    `tick(rows)` is called after each batch (progress).
    """
    path = Path(path)
    fmt = fmt or path.suffix.lstrip(".").lower()
    if fmt not in ("parquet", "csv"):
        raise PlanwatchError(f"{path}: the panel is written as .parquet or .csv, not {path.suffix or 'no suffix'!r}")
    with atomic_output(path) as partial:  # a failure (plan not stored, disk full) leaves `path` as it was
        return _write(engine, partial, fmt, plan_id, tick)


def _write(engine: Engine, path: Path, fmt: str, plan_id: int | None, tick: Tick | None) -> int:
    """Stream the panel rows into `path` as `fmt`; the row count."""
    total = 0
    if fmt == "csv":
        with path.open("w", encoding="utf-8", newline="") as handle:
            handle.write("\ufeff")  # a BOM: Excel on a Chinese Windows reads UTF-8 (as /targets.csv)
            writer = csv.writer(handle)
            writer.writerow(NAMES)
            for rows in _batches(engine, plan_id):
                writer.writerows(["" if v is None else v for v in row] for row in rows)
                total += len(rows)
                if tick is not None:
                    tick(len(rows))
        return total
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    with pq.ParquetWriter(path, schema) as writer:
        for rows in _batches(engine, plan_id):
            columns = list(zip(*rows, strict=True)) if rows else [()] * len(NAMES)
            writer.write_table(pa.Table.from_arrays(
                [pa.array(list(col), type=schema.field(i).type) for i, col in enumerate(columns)], schema=schema))
            total += len(rows)
            if tick is not None:
                tick(len(rows))
        if total == 0:
            writer.write_table(schema.empty_table())
    return total


def parquet_schema() -> Any:
    """The panel's Arrow schema, each field with its meaning as metadata."""
    import pyarrow as pa

    types = {"string": pa.string(), "int64": pa.int64(), "float64": pa.float64(), "bool": pa.bool_()}
    return pa.schema([pa.field(name, types[kind], metadata={"description": doc}) for name, kind, doc in COLUMNS])


__all__ = ["COLUMNS", "NAMES", "panel_rows", "parquet_schema", "write_panel"]
