"""`planwatch assess`: every target judged against the actuals, as a table, JSONL or CSV.

The rows come from `planwatch.monitor.service.assessment_rows`, the same rows
``GET /api/assessments`` returns; JSONL and CSV carry the evidence of each verdict and its status code, the
table its word in the interface language (`cli.language`: 完成 / met).
"""

from __future__ import annotations

import csv
import io
import json
import math
import sys
from collections.abc import Callable, Iterator
from enum import Enum
from typing import Annotated, Any

import typer
from rich.table import Table

from planwatch.cli.edge import YEAR_MAX, YEAR_MIN
from planwatch.cli.language import explain, explained, language, verdict, words


class Format(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


_STYLES = {"met": "green", "missed": "red", "on track": "cyan", "at risk": "yellow", "absent": "magenta",
           "conflict": "bold red"}


def assess(
    plan: Annotated[int | None, typer.Option("--plan", help="Only this plan's targets (id from `planwatch plans`).")] = None,
    status: Annotated[str | None, typer.Option(
        "--status", help="Only this status: met, missed, on_track, at_risk, conflict, no_data, absent, or its word "
        "(完成, 未完成, 进度正常 …).")] = None,
    government: Annotated[str | None, typer.Option("--government", "-g", help="Only this government's targets.")] = None,
    indicator: Annotated[str | None, typer.Option(
        "--indicator", "-i", help="Only this indicator, by any of its names (GDP, 国内生产总值, 地区生产总值 are one).")] = None,
    year: Annotated[int | None, typer.Option("--year", "-y", min=YEAR_MIN, max=YEAR_MAX,
                                                help="Only targets for this year.")] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="table, jsonl (with evidence) or csv.")] = Format.table,
    workers: Annotated[int, typer.Option(
        "--workers", min=1, help="Processes assessing chunks of governments side by side (jsonl or csv of every "
        "plan): the same rows in the same order.")] = 1,
    chunk: Annotated[int, typer.Option(
        "--chunk", min=1, help="Governments assessed together (jsonl or csv of every plan; a chunk also closes at "
        "50,000 records): fewer use less memory; rows come chunk by chunk, so another size gives the same rows "
        "in another order.")] = 100,
) -> None:
    """Judge every target against the actuals: status, margin, the rule applied and the actual's evidence.

    The table words each verdict in the interface language (PLANWATCH_LANGUAGE): 完成 / 进度正常 …
    or met / on track …; jsonl and csv keep the status codes (met, on track …)."""
    from planwatch.cli.store import _engine
    from planwatch.monitor.service import assessment_rows
    from planwatch.monitor.vocabulary import status_of

    status = status_of(status) if status is not None else None
    if government is not None:
        government = _known_government(_engine(create=False), government)  # an alias: the government it names
    if plan is None and format is not Format.table:  # a whole database: streamed, government by government
        from planwatch.monitor.service import assessment_chunks

        if format is Format.csv:
            _csv_header()
        piece = _jsonl_piece if format is Format.jsonl else _csv_piece
        if workers > 1:  # each chunk encoded where it was assessed, in the workers
            for pieces in assessment_chunks(_engine(create=False), status, government=government, indicator=indicator, year=year,
                                            chunk=chunk, workers=workers, transform=_ENCODED[piece]):
                sys.stdout.writelines(pieces)
        else:
            for rows in assessment_chunks(_engine(create=False), status, government=government, indicator=indicator, year=year,
                                          chunk=chunk):
                sys.stdout.writelines(_pieces(rows, piece))
        return
    rows = assessment_rows(_engine(create=False), plan, status, government=government, indicator=indicator, year=year)
    if format is Format.table:
        from planwatch.cli.store import plan_names

        cited = [r.actual_plan_id for r in rows if r.actual_quote]
        cited += [p.get("plan_id") for r in rows for p in r.evidence_parts]  # each year of a sum cites its own
        _table(rows, plan_names(_engine(create=False), cited))
        return
    if format is Format.csv:
        _csv_header()
    sys.stdout.writelines(_pieces(rows, _jsonl_piece if format is Format.jsonl else _csv_piece))


def _known_government(engine: Any, name: str) -> str:
    """The stored name of a --government (its own, or the government an alias names: 宜良县 merged into 昆明市宜良县);
    refuse one no plan has (an empty table said nothing of the typo), naming the closest stored ones."""
    from difflib import get_close_matches

    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from planwatch.errors import NotFoundError
    from planwatch.store.governments import stored_government
    from planwatch.store.schema import Government

    with Session(engine) as session:
        found = stored_government(session, name)
        if found is not None:
            return found.name
        names = list(session.scalars(select(Government.name)))
    close = get_close_matches(name, names, n=3, cutoff=0.3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise NotFoundError(f"no stored plan is of the government '{name}'{hint} (`planwatch plans` lists them)",
                        kind="government", key=name)


# A verdict's explanations in the interface language, after the fields (`cli.language.explained`), as the JSON API's
_WORDED = ("rule_text", "basis_text", "gap_text")
_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False)  # json.dumps(…) without a new encoder a row
_PIECE = 1000  # rows encoded into one string: never a whole chunk's text at once


def _pieces(rows: list[Any], piece: Callable[[list[Any]], str]) -> Iterator[str]:
    """`rows` encoded `_PIECE` at a time."""
    for at in range(0, len(rows), _PIECE):
        yield piece(rows[at:at + _PIECE])


def _jsonl_piece(rows: list[Any]) -> str:
    """Rows as JSON lines, with their evidence (a non-finite number as null: JSON has no Infinity or NaN)."""
    encode = _ENCODER.encode
    dicts = explained([row.to_dict() for row in rows])  # rule_text, basis_text, gap_text: as GET /api/assessments
    try:
        return "".join([encode(d) + "\n" for d in dicts])
    except ValueError:  # "Out of range float values are not JSON compliant": rare, so checked only then
        return "".join([encode(_finite(d)) + "\n" for d in dicts])


def _finite(value: Any) -> Any:
    """`value` with every infinite or NaN float (in dicts and lists) replaced by None."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


def _jsonl(rows: list[Any]) -> list[str]:
    """A chunk as JSON lines, in pieces (run in a worker process: `assessment_chunks`' transform)."""
    return list(_pieces(rows, _jsonl_piece))


def _csv_names() -> tuple[str, ...]:
    from planwatch.monitor.service import EVIDENCE_FIELDS, FIELDS

    return FIELDS + tuple(f for f in EVIDENCE_FIELDS if f != "candidates") + _WORDED  # evidence_parts: as text


def _csv_header() -> None:
    csv.DictWriter(sys.stdout, fieldnames=_csv_names(), extrasaction="ignore").writeheader()


def _csv_piece(rows: list[Any]) -> str:
    """Rows as CSV lines (no header; no candidates column)."""
    out = io.StringIO(newline="")
    csv.DictWriter(out, fieldnames=_csv_names(), extrasaction="ignore").writerows(
        _csv_row(d) for d in explained([r.to_dict() for r in rows]))
    return out.getvalue()


def _csv(rows: list[Any]) -> list[str]:
    """A chunk as CSV lines, in pieces (run in a worker process: `assessment_chunks`' transform)."""
    return list(_pieces(rows, _csv_piece))


_ENCODED: dict[Callable[[list[Any]], str], Callable[[list[Any]], list[str]]] = {_jsonl_piece: _jsonl, _csv_piece: _csv}


def _csv_row(row: dict[str, Any]) -> dict[str, Any]:
    """A row's cells: None as empty, the parts of a sum as one text citing each (documents by their stem, as
    actual_document)."""
    from planwatch.monitor.display import cite_parts

    out = {k: ("" if v is None else v) for k, v in row.items()}
    out["evidence_parts"] = cite_parts(row.get("evidence_parts") or [])
    return out


def _table(rows: list[Any], names: dict[int | None, str]) -> None:
    """The assessments as a table; `names`: plan names by id, which the evidence cites (`cli.store.plan_names`)."""
    from rich.markup import escape

    from planwatch.cli.store import _console, _fmt, _target
    from planwatch.monitor.display import cite_parts, period_name
    from planwatch.monitor.service import counts

    zh = language() == "zh"
    table = Table(title=f"{len(rows)} {words('targets')}")
    for name, heading in _COLUMNS:  # in Chinese the pages' headings (计划, 年份 …), in English the names as ever
        table.add_column(words(heading) if zh else name, overflow="fold")
    for r in rows:
        unit = "%" if r.measure in ("growth", "share") and not r.unit else r.unit
        target = _target(r.comparator, r.value, r.value_max, r.measure, unit)
        if r.span in ("average", "total"):
            target += f" ({r.span} {r.period_start or '?'}–{r.year})"
        margin_unit = "" if r.progress else _POINTS if r.measure in ("growth", "share", "points") else unit
        if margin_unit == _POINTS:  # -0.6pp, or as the report writes it: -0.6个百分点
            margin_unit = words("percentage points") if zh else "pp"
        beside = max(abs(r.value or 0.0), abs(r.value_max or 0.0), abs(r.actual or 0.0))  # the margin in their magnitude
        basis = explain(r.basis) if zh else r.basis  # in Chinese as the pages word it: 2019年报告的增速
        if r.progress:
            basis = f"{explain(r.progress)}：{basis}" if zh else f"{r.progress}: {basis}"
        source = names.get(r.actual_plan_id, r.actual_document) if r.actual_plan_id is not None else r.actual_document
        evidence = f"{source}: «{r.actual_quote}»" if r.actual_quote else _entry(r)
        if r.evidence_parts:  # a sum of yearly actuals: every year it adds up, each with its document
            evidence = cite_parts(r.evidence_parts, names)
        actual = _fmt(r.actual, unit)
        if r.actual_period and actual:  # a part of the year, said: 9% (上半年), never the year's 9%
            actual += f" ({period_name(r.actual_period, language())})"
        if r.estimate and actual:  # a year-end estimate (预计), not a final figure
            actual += " (estimated)" if language() == "en" else "（预计）"
        table.add_row(str(r.plan_id), str(r.year or ""), r.indicator, target, actual,
                      f"[{_STYLES.get(r.status, 'dim')}]{escape(verdict(r.status))}[/]", _fmt(r.margin, margin_unit, beside),
                      basis, evidence)
    out = _console()
    out.print(table)
    out.print(summary(counts(rows)), markup=False, highlight=False)


_POINTS = "percentage points"  # a margin of rates, in points (the catalogues' words: 个百分点)
# The table's columns: each one's name (the English heading) and the pages' heading of it (计划, 年份 …, 差距); the
# basis a verdict rests on is its 依据, the actual's document or entry its 来源.
_COLUMNS = (("plan", "Plan"), ("year", "Year"), ("indicator", "Indicator"), ("target", "Target"), ("actual", "Actual"),
            ("status", "Status"), ("margin", "Margin"), ("basis", "Evidence"), ("evidence", "Source"))


def _entry(row: Any) -> str:
    """The evidence of an actual entered by hand or imported (no document's words): its source, note, date and who
    (`monitor.display.cite_entry`), from the chosen candidate; "" for none."""
    from planwatch.monitor.display import cite_entry

    chosen = next((c for c in row.candidates if c.get("chosen")), None)
    if chosen is None or row.actual is None:
        return ""
    return cite_entry(chosen.get("source"), chosen.get("note"), chosen.get("who"), chosen.get("at"), language())


def summary(c: dict[str, int]) -> str:
    """The counts under the table, by verdict in the interface language: "完成3项 / 未完成1项 / 进度正常0项 / …" or
    "3 met / 1 missed / 0 on track / …"; conflicts and absences only when there are any."""
    shown = ["met", "missed", "on track", "at risk", "no data"] + [s for s in ("conflict", "absent") if c.get(s)]
    if language() == "zh":
        return " / ".join(f"{verdict(s)}{c.get(s, 0)}项" for s in shown)
    return " / ".join(f"{c.get(s, 0)} {verdict(s)}" for s in shown)


def register(app: typer.Typer) -> None:
    """Add `assess` to `app`."""
    app.command("assess")(assess)
