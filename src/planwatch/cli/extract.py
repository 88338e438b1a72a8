"""`planwatch extract`: print every result and target of one or more plans."""

from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from planwatch.documents import bundled_plan_path, load
from planwatch.errors import DocumentError, PlanwatchError
from planwatch.extract import extract_quantities
from planwatch.extract.records import Quantity


class Format(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    table = "table"


def _records(files: list[Path]) -> tuple[list[Quantity], list[PlanwatchError]]:
    """The records of every file that can be read, and why each other one cannot (a file that cannot be read does
    not hide the others' records: with several files, each is read on its own)."""
    records: list[Quantity] = []
    failures: list[PlanwatchError] = []
    paths = files or [bundled_plan_path()]
    for path in paths:
        try:
            document = load(path)
        except PlanwatchError as exc:
            if len(paths) == 1:  # one file: its one line, as before
                raise
            failures.append(exc)
            continue
        for note in document.notes:  # on stderr: the records on stdout stay one format
            typer.echo(f"note      {path}: {note} (read in traditional script; records quote the simplified text)", err=True)
        records.extend(extract_quantities(document.text, doc=document.name))
    return records, failures


def extract(
    files: Annotated[list[Path] | None, typer.Argument(help="Plan files (txt, docx, pdf, html); none: the bundled plan.")] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
) -> None:
    """Print every result and target found in the plans.

    With several files, a file that cannot be read is named on stderr (exit status 2) after the records of the
    others are printed."""
    records, failures = _records(files or [])
    _print_records(records, format)
    if failures:
        for failure in failures:
            typer.echo(f"failed    {' '.join(str(failure).split())}", err=True)
        read = len(files or []) - len(failures)
        raise DocumentError(f"{len(failures)} of {len(files or [])} files could not be read (listed above); "
                            f"the records of the other {read} are printed")


def _print_records(records: list[Quantity], format: Format) -> None:
    """The records in the chosen format, on stdout."""
    if format is Format.jsonl:
        out = sys.stdout
        for record in records:
            out.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
    elif format is Format.csv:
        rows = [r.to_dict() for r in records]
        fields = list(rows[0]) if rows else list(Quantity.__dataclass_fields__)
        writer = csv.DictWriter(sys.stdout, fieldnames=fields, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    else:
        _print_table(records)


def _display(value: float | None) -> str:
    """A value as a planner writes it: 700亿, 1.4万, 8.5."""
    if value is None:
        return ""
    for factor, suffix in ((1e8, "亿"), (1e4, "万")):
        if abs(value) >= factor:
            return f"{value / factor:.6g}{suffix}"
    return f"{value:.6g}"


def _span(r: Quantity) -> str:
    """The period a value covers, short: year, average 2021–2025, total 2016–2020, part H1."""
    if r.span in ("average", "total"):
        return f"{r.span} {r.period_start or '?'}–{r.year or '?'}"
    if r.span == "part":
        return f"part {r.period or ''}"
    return r.span


def _print_table(records: list[Quantity]) -> None:
    from rich.console import Console
    from rich.table import Table

    docs = sorted({r.doc for r in records})
    title = f"{len(records)} quantities in {', '.join(docs)}" if len(docs) < 4 else f"{len(records)} quantities"
    table = Table(title=title, show_lines=False, pad_edge=False)
    if len(docs) > 1:
        table.add_column("doc", no_wrap=True)
    for name in ("kind", "year", "span", "indicator", "measure", "cmp", "value", "unit"):
        table.add_column(name, no_wrap=name != "indicator", min_width=10 if name == "indicator" else None)
    table.add_column("quote", overflow="ellipsis", no_wrap=True, max_width=32)
    for r in records:
        value = _display(r.value) + (f"–{_display(r.value_max)}" if r.value_max is not None else "")
        row = [r.kind, str(r.year or ""), _span(r), r.indicator, r.measure, r.comparator, value, r.unit,
               r.quote.replace("\n", " ")]
        table.add_row(*([r.doc] if len(docs) > 1 else []), *row)
    Console(width=max(Console().width, 120)).print(table)


def register(app: typer.Typer) -> None:
    """Add `extract` to `app`."""
    app.command("extract")(extract)
