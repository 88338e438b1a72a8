"""The research panel: one row per government × year × indicator × measure × span, as Parquet or CSV (streamed).

Columns and types are fixed by `SCHEMA` (documented in docs/reports.md): the target as the
plan stated it, the actual with its source, the verdict, and the absence flag (a standard
indicator the previous plan targeted and this one omits).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from planwatch.errors import PlanwatchError
from planwatch.evaluate.facts import AssessmentRow, assessment_batches, assessment_rows
from planwatch.monitor.attainment import status_code
from planwatch.monitor.display import display_name
from planwatch.monitor.rules import signed_comparator
from planwatch.output import atomic_output
from planwatch.report.wording import is_gap
from planwatch.store.schema import Government

COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("government", "string", "issuing government (国务院, 深圳市坪山区 …)"),
    ("level", "string", "national / province / city / district / county, empty if unknown"),
    ("plan_id", "int64", "planwatch's id of the plan that set the target"),
    ("plan_year", "int64", "year of that plan (null if unknown)"),
    ("year", "int64", "year the target is for (null if unknown)"),
    ("indicator", "string", "the indicator as the government names it, as `planwatch assess` does (国内生产总值 for 国务院, "
                            "地区生产总值 below it; else the registry's name)"),
    ("measure", "string", "level / growth / share / points / ratio"),
    ("comparator", "string", ">= / <= / > / < / ≈ / = / between, applied to the signed target_value (a fall of at least 3.4%: <= -3.4)"),
    ("target_value", "float64", "target value in target_unit (growth, share and points in %)"),
    ("target_value_max", "float64", "upper bound of a between target"),
    ("target_unit", "string", "unit of the target (元, %, 人 …; base units, no 亿/万)"),
    ("strength", "string", "soft (预期性) / hard (约束性) / empty"),
    ("span", "string", "period the target covers as it is judged: the year (2015), or average / total start–end "
                       "(total 2011–2015); part of the key"),
    ("actual_value", "float64", "actual the target was judged on, in target_unit"),
    ("actual_unit", "string", "unit the actual was reported in"),
    ("actual_span", "string", "period the actual covers: 2019, average 2016–2020, part 2019 H1 (part of a year)"),
    ("actual_document", "string", "document (or entry) the actual came from"),
    ("actual_quote", "string", "the words of that document"),
    ("actual_estimate", "bool", "true: the actual is a year-end estimate (预计), not a final figure; the status stands "
                                "until a final figure of the year replaces it"),
    ("status", "string", "met / missed / on_track / at_risk / conflict / no_data / absent (the codes of the API and "
                         "`planwatch assess`)"),
    ("margin", "float64", "how far better (+) or worse (−) than the target, in target_unit or points"),
    ("absent", "bool", "true: no target set where the previous plan had one"),
    ("also_in", "string", "plans of the other targets for the same key (span included), left out: restatements "
                          "(plan ids, ';'-separated)"),
)
NAMES = tuple(c[0] for c in COLUMNS)

Tick = Callable[[int], None]


def _levels(engine: Engine) -> dict[str, str]:
    """Government name → level."""
    with Session(engine) as session:
        return {n: lv or "" for n, lv in session.execute(select(Government.name, Government.level))}


def panel_rows(engine: Engine, plan_id: int | None = None) -> list[tuple[object, ...]]:
    """The panel (of one plan, or every plan) as tuples in `NAMES` order."""
    return [row for batch in _batches(engine, plan_id) for row in batch]


def _batches(engine: Engine, plan_id: int | None) -> Iterator[list[tuple[object, ...]]]:
    """Panel rows in batches of whole governments, each sorted by government, year, indicator, measure."""
    levels = _levels(engine)
    source = [assessment_rows(engine, plan_id)] if plan_id is not None else assessment_batches(engine)
    for rows in source:
        out = [_row(r, levels.get(r.government, ""), also) for r, also in one_per_key(rows)]
        out.sort(key=lambda t: (str(t[0]), t[4] or 0, str(t[5]), str(t[6]), str(t[12] or "")))
        yield out


def _preference(r: AssessmentRow) -> tuple[object, ...]:
    """Which of the targets for one key the panel keeps (the smallest): a target before an absence; the plan of the
    target's own year, then the earliest plan before it (a five-year plan before the annual plans restating its goal),
    then the first plan after it (a work report restating last year's target, "低于13%左右的预期目标"); in a plan, its
    first statement."""
    year, plan_year = r.year or 0, r.plan_year or 0
    when = 0 if plan_year == year else 1 if plan_year < year else 2
    return (r.status == "absent", when, plan_year, r.plan_id, r.position if r.position is not None else 0)


def one_per_key(rows: list[AssessmentRow]) -> list[tuple[AssessmentRow, str | None]]:
    """One row per government × year × indicator × measure × span (a year, or the years of an average or a total:
    a target of 4500万人 over 2011–2015 and one of 1000万人 for 2015 are two rows, neither a restatement of the
    other; so are 1000处 a year and 累计8000处 over 2022–2026 of one plan), with the other plans stating a target for
    the same key (`also_in`: plan ids). The national 2016 M2 target stood twice, from the 2016 report and from the
    2017 one that restates it: the missed target counted twice. A target that is a difference from another figure
    ("城镇新增就业预期目标比去年多100万人", aspect gap: not a target for the indicator's amount, never judged) gives way
    to the target itself: it stood as a second 城镇新增就业 row of 100万 beside the 1100万 target (财政赤字增加额, a
    difference by name and alone for its key, stays). `also_in` lists the plan of every statement left out (the
    kept row's plan too when it is one of its own)."""
    groups: dict[tuple[object, ...], list[AssessmentRow]] = {}
    for r in rows:  # the span too: a five-year total (4500万人, 2011–2015) is no restatement of 2015's target (1000万人)
        groups.setdefault((r.government, r.year, r.indicator, r.measure, r.span), []).append(r)
    out = []
    for group in groups.values():
        kept = min(group, key=lambda r: (is_gap(r), *_preference(r)))  # a difference only where it is all there is
        others = sorted({r.plan_id for r in group if r is not kept})
        out.append((kept, ";".join(map(str, others)) or None))
    return out


def _row(r: AssessmentRow, level: str, also_in: str | None = None) -> tuple[object, ...]:
    """One panel row (the indicator named as `planwatch assess` names it: `display_name` for the government)."""
    return (r.government, level, r.plan_id, r.plan_year, r.year, display_name(r.indicator, r.government),
            r.measure or None, signed_comparator(r.comparator, r.measure, r.value) or None,  # on the signed value
            r.value, r.value_max, r.unit or None, r.strength, r.span or None, r.actual, r.actual_unit or None,
            r.actual_span or None, r.actual_document or None, r.actual_quote or None,
            r.estimate and r.actual is not None, status_code(r.status),
            None if r.margin is None else round(r.margin, 10),
            r.status == "absent", also_in)


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
