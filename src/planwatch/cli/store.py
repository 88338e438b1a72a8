"""Commands of the store and monitor stages: plans, indicators, actuals, assess (ingest: `cli/ingest.py`).

Thin edge: parse arguments, call the library, print with Rich. Library errors
(`planwatch.errors`) reach `planwatch.cli.main`, which prints one line and exits 2.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy import Engine

from planwatch.cli.edge import YEAR_MAX, YEAR_MIN
from planwatch.errors import ValidationError
from planwatch.monitor.phrases import scaled_number

if TYPE_CHECKING:
    from planwatch.store.ingest import IngestResult
    from planwatch.store.plans import PlanRow

indicators_app = typer.Typer(help="The indicator registry: list indicators, list doubtful ones, merge or hide them.",
                             no_args_is_help=False, invoke_without_command=True)
actuals_app = typer.Typer(help="Actual values of indicators: template, import, set.", no_args_is_help=True)


def _console(err: bool = False) -> Console:
    """A Rich console on stdout (or stderr), at least 120 columns so tables stay readable when piped."""
    return Console(stderr=err, soft_wrap=False, width=max(Console().width, 120))


def _engine(*, create: bool) -> Engine:
    """The engine of the configured database, migrated; `create`: a missing SQLite file is created (commands that
    bring data in), else refused in one line (commands that read or change what is stored: a mistyped path is no
    empty database)."""
    from planwatch.store.db import connect

    return connect(create=create)


def plan_names(engine: Engine, plan_ids: Sequence[int | None]) -> dict[int | None, str]:
    """The names of these plans as the pages call them (`monitor.display.plan_name`: 国务院 2017年政府工作报告),
    for evidence the CLI cites: never the file's stem (national-gwr-2017)."""
    from sqlalchemy.orm import Session

    from planwatch.monitor.display import plan_names as names_of

    if not any(i is not None for i in plan_ids):
        return {}
    with Session(engine) as session:
        return names_of(session, plan_ids)


def load_demo(engine: Engine) -> list[IngestResult]:
    """Ingest the bundled Pingshan plan(s) into `engine`'s database (every pipeline stage); a no-op when there."""
    from planwatch.documents import bundled_plan_path, load
    from planwatch.pipeline import ingest_document

    first = bundled_plan_path()
    paths = [first, *sorted(p for p in first.parent.glob("pingshan-*-plan.txt") if p != first)]
    results = [ingest_document(engine, load(path)) for path in paths]
    place_bundled_units(engine, results[0].government)
    return results


def place_bundled_units(engine: Engine, government: str) -> list[str]:
    """Put the bundled unit table's units (区教育局 …, a district's bureaus) under the demo's district, those not
    placed under a government yet: a plan of another government is not offered them (北京市's plan offered
    坪山区's bureaus). Returns the names placed."""
    from planwatch.extract.task_units import load_units
    from planwatch.store.db import transaction
    from planwatch.store.tasks import load_unit_table
    from planwatch.store.unit_registry import set_government

    if not government:
        return []
    with transaction(engine) as session:
        load_unit_table(session)
        return set_government(session, [rule.unit for rule in load_units()], government, who="demo", only_unplaced=True)


plans_app = typer.Typer(help="List the stored plans; list plans stored twice; delete plans.",
                        no_args_is_help=False, invoke_without_command=True)


def _plan_table(title: str, rows: Sequence[PlanRow]) -> Table:
    """The plans as a Rich table: id, government, year, kind, name, source, records, targets, ingested. A plan is named
    as every page names it (`monitor.display.plan_name`: "国务院 2016年政府工作报告"), not by its bare title (ten of
    them read 政府工作报告, one 07_shanghai-gwr-2020)."""
    from planwatch.monitor.display import plan_name

    table = Table(title=title)
    for name in ("id", "government", "year", "kind", "name", "source", "records", "targets", "ingested"):
        table.add_column(name, overflow="fold")
    for r in rows:
        table.add_row(str(r.id), r.government, str(r.year or ""), r.kind, plan_name(r.government, r.year, r.title, r.kind),
                      r.source, str(r.records), str(r.targets), r.ingested_at.strftime("%Y-%m-%d %H:%M"))
    return table


@plans_app.callback()
def plans(
    ctx: typer.Context,
    duplicates: Annotated[bool, typer.Option("--duplicates", help="List only the plans stored more than once "
                                             "(the same text in two files, e.g. a .txt and a .docx stored before "
                                             "migration 0022), each group's first stored first.")] = False,
) -> None:
    """List the stored plans."""
    if ctx.invoked_subcommand is not None:
        return
    from planwatch.store.plans import duplicate_plans, list_plans

    engine = _engine(create=False)
    if not duplicates:
        rows = list_plans(engine)
        _console().print(_plan_table(f"{len(rows)} plans", rows))
        return
    groups = duplicate_plans(engine)
    if not groups:
        _console().print("no plan is stored twice")
        return
    for group in groups:
        _console().print(_plan_table(f"{group[0].government} {group[0].year or ''}: {len(group)} copies of one text",
                                     group))
    extra = " ".join(str(r.id) for group in groups for r in group[1:])
    _console().print(f"{len(groups)} plans stored more than once; to keep each one's first copy: "
                     f"planwatch plans delete {extra}")


@plans_app.command("delete")
def delete_command(
    plan_ids: Annotated[list[int], typer.Argument(metavar="ID", help="Plans to delete (ids as `planwatch plans` "
                                                  "lists them).")],
    force: Annotated[bool, typer.Option("--force", help="Delete plans whose tasks carry supervision work (reports, "
                                        "sign-offs, evidence, assigned units) too; that work is lost.")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask before deleting.")] = False,
) -> None:
    """Delete plans with all they hold: records, actuals, tasks and their histories, follow-ups (all or nothing).

    One audit entry a plan. Plans whose tasks carry supervision work are kept unless --force.

    Tasks are counted as `planwatch tasks list` counts them, achievements (成效) apart.
    """
    from sqlalchemy.orm import Session

    from planwatch.store.db import transaction
    from planwatch.store.plans import delete_plans, plan_contents, refuse_supervised

    engine = _engine(create=False)
    with Session(engine) as session:
        contents = plan_contents(session, list(dict.fromkeys(plan_ids)))
    for c in contents:
        work = f"; supervision work: {c.work()}" if c.supervised else ""
        typer.echo(f"plan {c.plan.id}: {c.plan.government} {c.plan.year or ''} {c.plan.source} — "
                   f"{c.plan.records} records, {c.actuals} actuals, {c.tasks} tasks, {c.achievements} achievements{work}")
    if not force:
        refuse_supervised(contents)  # before asking: a yes would be refused anyway
    if not yes and not sys.stdin.isatty():
        raise ValidationError(f"plans delete: deleting {len(contents)} plan(s) needs a confirmation; pass --yes")
    if not yes and not typer.confirm(f"Delete {len(contents)} plan(s)?", default=False):
        raise typer.Abort()
    with transaction(engine) as session:  # BEGIN IMMEDIATE: waits for a running ingest's batch; errors in one line
        deleted = delete_plans(session, [c.plan.id for c in contents], force=force)
    typer.echo(f"deleted {len(deleted)} plan(s): {sum(c.plan.records for c in deleted)} records, "  # as listed above
               f"{sum(c.actuals for c in deleted)} actuals, {sum(c.tasks for c in deleted)} tasks, "
               f"{sum(c.achievements for c in deleted)} achievements")


@indicators_app.callback()
def indicators(
    ctx: typer.Context,
    suspect: Annotated[bool, typer.Option("--suspect", help="List doubtful names to merge or hide, with the reason.")] = False,
    all_: Annotated[bool, typer.Option("--all", help="Include hidden indicators.")] = False,
) -> None:
    """List the registered indicators (standard ones first; hidden ones only with --all)."""
    if ctx.invoked_subcommand is not None:
        return
    from sqlalchemy.orm import Session

    from planwatch.store.indicators import listing

    engine = _engine(create=False)
    if suspect:
        _suspects(engine)
        return
    with Session(engine) as session, session.begin():
        rows = listing(session)
        if not all_:
            from planwatch.store.indicator_review import hidden_ids

            hidden = hidden_ids(session)
            rows = [r for r in rows if r.id not in hidden]
    table = Table(title=f"{len(rows)} indicators")
    for name in ("id", "name", "unit", "polarity", "domain", "records", "aliases"):
        table.add_column(name, overflow="fold")
    for r in rows:
        table.add_row(str(r.id), r.name + ("" if r.standard else " *"), r.unit, r.polarity, r.domain,
                      str(r.records), " | ".join(r.aliases))
    _console().print(table)
    _console().print("* registered on first sight")


def _suspects(engine: Engine) -> None:
    """Print the doubtful indicators (store.indicator_review) and what to do with them."""
    from sqlalchemy.orm import Session

    from planwatch.store.indicator_review import suspects

    with Session(engine) as session, session.begin():
        rows = suspects(session)
    table = Table(title=f"{len(rows)} doubtful indicators")
    for name in ("id", "name", "unit", "records", "why", "merge into"):
        table.add_column(name, overflow="fold")
    for r in rows:
        table.add_row(str(r.id), r.name, r.unit, str(r.records), "; ".join(r.reasons), r.merge_into or "")
    _console().print(table)
    _console().print("planwatch indicators merge NAME CANONICAL  ·  planwatch indicators hide NAME")


@indicators_app.command("hide")
def indicators_hide(
    name: Annotated[str, typer.Argument(help="The indicator to hide (its records stay).")],
    show: Annotated[bool, typer.Option("--show", help="Show a hidden indicator again.")] = False,
) -> None:
    """Hide indicator NAME from the lists (a name that is not an indicator); --show undoes it."""
    from planwatch.store.db import transaction
    from planwatch.store.indicator_review import hide

    with transaction(_engine(create=False)) as session:
        indicator = hide(session, name, hidden=not show)
        shown = indicator.name
    _console().print(f"{'shown' if show else 'hidden'}: {shown}")


@indicators_app.command("merge")
def indicators_merge(
    alias: Annotated[str, typer.Argument(help="The indicator to fold in (it becomes an alias).")],
    canonical: Annotated[str, typer.Argument(help="The indicator that remains.")],
    force: Annotated[bool, typer.Option("--force", help="Merge even when their units do not convert (套 and 个).")] = False,
) -> None:
    """Fold indicator ALIAS into CANONICAL: its aliases, records and actuals follow (units must convert)."""
    from planwatch.store.db import transaction
    from planwatch.store.indicators import merge

    with transaction(_engine(create=False)) as session:
        target = merge(session, alias, canonical, force=force)
        name = target.name
    _console().print(f"merged {alias} into {name}")


@actuals_app.command("template")
def actuals_template(
    output: Annotated[Path, typer.Option("--output", "-o", help="Base path; .csv and .xlsx are written.")] = Path("actuals-template"),
    government: Annotated[str | None, typer.Option("--government", "-g", help="Only this government's targets.")] = None,
    year: Annotated[int | None, typer.Option("--year", "-y", help="Only targets of this year.")] = None,
    plan: Annotated[int | None, typer.Option("--plan", help="Only this plan's targets.")] = None,
) -> None:
    """Write a CSV and an XLSX template with one row per indicator the stored targets need (of one government, year
    or plan when given), headed in Chinese: 指标,政府,年份,期间,口径,数值,单位,备注 (`actuals import` reads these or the
    English names indicator,government,year,period,measure,value,unit,note). A target of an addition
    (新增…100家) has 口径 新增: fill in the year's addition, not the stock (总量)."""
    from sqlalchemy.orm import Session

    from planwatch.store.actuals import template_paths, template_rows, write_template
    from planwatch.store.tasks import stored_plan

    template_paths(output)  # a path that cannot be written fails before the database is read
    with Session(_engine(create=False)) as session, session.begin():
        rows = template_rows(session, government, year, stored_plan(session, plan))
    csv_path, xlsx_path = write_template(output, rows)
    _console().print(f"wrote {csv_path} and {xlsx_path} ({len(rows)} rows)")


@actuals_app.command("import")
def actuals_import(
    file: Annotated[Path, typer.Argument(help="A .csv or .xlsx in the template's layout (Chinese or English headers).")],
    government: Annotated[str | None, typer.Option("--government", "-g", help="Government for rows that leave it blank.")] = None,
    who: Annotated[str | None, typer.Option(
        "--who", help="Who answers for the figures, as the report's source note names them (default: PLANWATCH_USER; "
                      "else none: 录入人未注明).")] = None,
) -> None:
    """Load actuals from a spreadsheet: every row or none; bad rows are listed with their reason. The header may sit
    under a title (in the first 10 rows); 期间 is blank for the year or 一季度, 上半年, 前三季度, 1—9月 (a single
    quarter, 三季度, is refused); 口径 新增 / 增量 is an addition, 总量 / 存量 a stock, which never judges an addition.

    Messages are in the interface language (PLANWATCH_LANGUAGE): in Chinese the import page's words."""
    from planwatch.cli.language import import_refusal, import_summary
    from planwatch.errors import DocumentError, ValidationError
    from planwatch.store.actuals import import_actuals

    try:
        done = import_actuals(_engine(create=True), file, government, who=who)  # bad rows: listed under the error
    except (DocumentError, ValidationError) as exc:
        raise import_refusal(exc, file) from None
    _console().print(import_summary(file, done.stored, done.skipped), markup=False, highlight=False)


@actuals_app.command("set")
def actuals_set(
    indicator: Annotated[str, typer.Argument(help="Indicator name or alias.")],
    year: Annotated[int, typer.Argument(help="Year the value belongs to.")],
    value: Annotated[float, typer.Argument(help="The value.")],
    unit: Annotated[str, typer.Argument(help="Its unit: 亿元, %, 百分点, 万人 …")],
    government: Annotated[str | None, typer.Option("--government", "-g", help="Government (default: the only one stored).")] = None,
    period: Annotated[str, typer.Option("--period", "-p", help=(
        "Blank for the year, or 一季度, 上半年, 前三季度, 1—n月 (Q1, H1, Q3, M01…M11)."))] = "",
    measure: Annotated[str | None, typer.Option("--measure", "-m", help=(
        "level, growth, share or points, or 新增 / 总量 for a level that is an addition / a stock (default: from the "
        "unit)."))] = None,
    note: Annotated[str, typer.Option("--note", help="Where the value comes from.")] = "",
    who: Annotated[str | None, typer.Option(
        "--who", help="Who recorded it, as the report's source note names them (default: PLANWATCH_USER; else none: 录入人未注明).")
    ] = None,
) -> None:
    """Record one actual by hand."""
    from planwatch.settings import get_settings
    from planwatch.store.actuals import set_actual

    # the person named, else the configured operator; never the machine's login (root): nobody named is stored as
    # such, and the report says 录入人未注明 (`store.audit.declared_user`)
    recorder = (who or "").strip() or get_settings().user or ""
    row = set_actual(_engine(create=True), indicator, year, value, unit, government=government, period=period,
                     measure=measure, note=note, who=recorder)
    _console().print(f"set {indicator} {year}{' ' + row.period if row.period else ''} {row.measure} = {value:g} {unit}")


@actuals_app.command("list")
def actuals_list(
    indicator: Annotated[str | None, typer.Option("--indicator", "-i", help="Only this indicator (name or alias).")] = None,
    year: Annotated[int | None, typer.Option("--year", "-y", min=YEAR_MIN, max=YEAR_MAX,
                                                help="Only this year.")] = None,
) -> None:
    """List the stored actuals with their source (document, import, manual); a document's by its plan's name."""
    from sqlalchemy.orm import Session

    from planwatch.monitor.display import cite_document
    from planwatch.monitor.display import plan_names as display_plan_names
    from planwatch.store.actuals import list_actuals

    with Session(_engine(create=False)) as session, session.begin():
        rows = list_actuals(session, indicator, year)
        names = display_plan_names(session, (r.plan_id for r in rows if r.source == "document"))
    table = Table(title=f"{len(rows)} actuals")
    for name in ("indicator", "government", "year", "period", "measure", "value", "source", "who", "note"):
        table.add_column(name, overflow="fold")
    for r in rows:
        measure = f"{r.measure} ({r.aspect})" if r.aspect in ("addition", "stock") else r.measure  # level (addition)
        table.add_row(r.indicator, r.government, str(r.year), r.period or "year", measure, _fmt(r.value, r.unit),
                      r.source, r.who,
                      cite_document(r.note, r.doc, names.get(r.plan_id)) if r.plan_id is not None else r.note)
    _console().print(table)


def _fmt(value: float | None, unit: str = "", like: float | None = None) -> str:
    """A number for the table: 7e10 元 → '700亿元', 8.5 % → '8.5%'; `like` another value it sits beside (a margin
    beside its target and actual), whose magnitude it is written in: '9万公里' beside '20万公里', not '9e+04公里'."""
    if value is None:
        return ""
    size = abs(value if like is None else like)
    if unit and unit != "pp" and size >= 1e8 and unit[0] not in "万亿":
        return f"{_digits(value / 1e8)}亿{unit}"
    if unit and unit != "pp" and size >= 1e4 and unit[0] not in "万亿":
        return f"{_digits(value / 1e4)}万{unit}"
    return f"{_digits(value)}{unit}"


def _digits(value: float) -> str:
    """Four significant digits, never in exponent notation (90000 → '90000', 0.0012 → '0.0012', not '9e+04')."""
    return f"{value:.4g}" if value == 0 or 1e-4 <= abs(value) < 1e4 or not math.isfinite(value) else scaled_number(value, 4)


def _target(comparator: str, value: float | None, value_max: float | None, measure: str, unit: str) -> str:
    """A target for the tables: ">= 8.5%", "6.5%–7%", and a decrease as the fall it asks for ("fall >= 3.4%" for
    下降3.4%以上, stored as >= -3.4: read literally, -5 >= -3.4 would say the met target missed)."""
    from planwatch.monitor.rules import is_fall

    if value is None:
        return ""
    if is_fall(measure, value, value_max):
        if value_max is not None:
            return f"fall {_fmt(-value_max, unit)}–{_fmt(-value, unit)}"
        return f"fall {comparator} {_fmt(-value, unit)}".replace("fall = ", "fall ")
    return f"{comparator} {_fmt(value, unit)}" + (f"–{_fmt(value_max, unit)}" if value_max is not None else "")


def register(app: typer.Typer) -> None:
    """Add this stage's commands to `app`."""
    app.add_typer(plans_app, name="plans")
    app.add_typer(indicators_app, name="indicators")
    app.add_typer(actuals_app, name="actuals")
