"""`planwatch assess`: every target judged against the actuals, as a table, JSONL or CSV.

The rows come from `planwatch.monitor.service.assessment_rows`, the same rows
``GET /api/assessments`` returns; JSONL and CSV carry the evidence of each verdict.
"""

from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from typing import Annotated, Any

import typer
from rich.table import Table


class Format(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


_STYLES = {"met": "green", "missed": "red", "on track": "cyan", "at risk": "yellow", "absent": "magenta",
           "conflict": "bold red"}


def assess(
    plan: Annotated[int | None, typer.Option("--plan", help="Only this plan's targets (id from `planwatch plans`).")] = None,
    status: Annotated[str | None, typer.Option(
        "--status", help="Only this status: met, missed, on_track, at_risk, conflict, no_data, absent.")] = None,
    government: Annotated[str | None, typer.Option("--government", "-g", help="Only this government's targets.")] = None,
    indicator: Annotated[str | None, typer.Option("--indicator", "-i", help="Only this indicator (name as shown).")] = None,
    year: Annotated[int | None, typer.Option("--year", "-y", help="Only targets for this year.")] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="table, jsonl (with evidence) or csv.")] = Format.table,
) -> None:
    """Judge every target against the actuals: status, margin, the rule applied and the actual's evidence."""
    from planwatch.cli.store import _engine
    from planwatch.monitor.service import assessment_rows

    if plan is None and format is not Format.table:  # a whole database: streamed, government by government
        from planwatch.monitor.service import iter_assessment_rows

        rows: Any = iter_assessment_rows(_engine(), status, government=government, indicator=indicator, year=year)
    else:
        rows = assessment_rows(_engine(), plan, status, government=government, indicator=indicator, year=year)
    if format is Format.jsonl:
        for row in rows:
            sys.stdout.write(json.dumps(row.to_dict(), ensure_ascii=False) + "\n")
    elif format is Format.csv:
        from planwatch.monitor.service import EVIDENCE_FIELDS, FIELDS

        names = FIELDS + tuple(f for f in EVIDENCE_FIELDS if f != "candidates")
        writer = csv.DictWriter(sys.stdout, fieldnames=names, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(_csv_row(row.to_dict()) for row in rows)
    else:
        _table(rows)


def _csv_row(row: dict[str, Any]) -> dict[str, Any]:
    return {k: ("" if v is None else v) for k, v in row.items()}


def _table(rows: list[Any]) -> None:
    from planwatch.cli.store import _console, _fmt
    from planwatch.monitor.service import counts

    table = Table(title=f"{len(rows)} targets")
    for name in ("plan", "year", "indicator", "target", "actual", "status", "margin", "basis", "evidence"):
        table.add_column(name, overflow="fold")
    for r in rows:
        unit = "%" if r.measure in ("growth", "share") and not r.unit else r.unit
        target = "" if r.value is None else f"{r.comparator} {_fmt(r.value, unit)}"
        if r.value_max is not None:
            target += f"–{_fmt(r.value_max, unit)}"
        if r.span in ("average", "total"):
            target += f" ({r.span} {r.period_start or '?'}–{r.year})"
        margin_unit = "" if r.progress else "pp" if r.measure in ("growth", "share", "points") else unit
        basis = f"{r.progress}: {r.basis}" if r.progress else r.basis
        evidence = f"{r.actual_document}: «{r.actual_quote}»" if r.actual_quote else ""
        table.add_row(str(r.plan_id), str(r.year or ""), r.indicator, target, _fmt(r.actual, unit),
                      f"[{_STYLES.get(r.status, 'dim')}]{r.status}[/]", _fmt(r.margin, margin_unit), basis, evidence)
    out = _console()
    out.print(table)
    c = counts(rows)
    line = f"{c['met']} met / {c['missed']} missed / {c['on track']} on track / {c['at risk']} at risk / {c['no data']} no data"
    if c.get("conflict"):
        line += f" / {c['conflict']} conflict"
    if c.get("absent"):
        line += f" / {c['absent']} absent"
    out.print(line, markup=False, highlight=False)


def register(app: typer.Typer) -> None:
    """Add `assess` to `app`."""
    app.command("assess")(assess)
