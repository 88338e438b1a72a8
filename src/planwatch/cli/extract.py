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
from planwatch.extract import extract_quantities
from planwatch.extract.records import Quantity


class Format(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    table = "table"


def _records(files: list[Path]) -> list[Quantity]:
    records: list[Quantity] = []
    for path in files or [bundled_plan_path()]:
        document = load(path)
        records.extend(extract_quantities(document.text, doc=document.name))
    return records


def extract(
    files: Annotated[list[Path] | None, typer.Argument(help="Plan files (txt, docx, pdf, html); none: the bundled plan.")] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
) -> None:
    """Print every result and target found in the plans."""
    records = _records(files or [])
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


def _print_table(records: list[Quantity]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(records)} quantities", show_lines=False)
    for name in ("doc", "kind", "year", "indicator", "measure", "comparator", "value", "unit", "quote"):
        table.add_column(name, overflow="fold")
    for r in records:
        value = "" if r.value is None else f"{r.value:g}"
        if r.value_max is not None:
            value += f"–{r.value_max:g}"
        table.add_row(r.doc, r.kind, str(r.year or ""), r.indicator, r.measure, r.comparator, value, r.unit, r.quote)
    Console().print(table)


def register(app: typer.Typer) -> None:
    """Add `extract` to `app`."""
    app.command("extract")(extract)
