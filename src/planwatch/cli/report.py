"""`planwatch report`, `planwatch evaluate` and `planwatch panel`: the execution report, scores, the research panel."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console


class ReportFormat(str, Enum):
    """Output formats of `planwatch report`."""

    docx = "docx"
    md = "md"
    html = "html"
    pdf = "pdf"
    xlsx = "xlsx"


class By(str, Enum):
    """What else `planwatch evaluate` scores."""

    unit = "unit"


class Missing(str, Enum):
    """How missing data is scored."""

    reweight = "reweight"
    zero = "zero"


def _err() -> Console:
    """Progress and notes go to stderr, so stdout stays clean for pipes."""
    return Console(stderr=True)


@contextmanager
def _progress(total: int, what: str) -> Iterator[Callable[[str], None]]:
    """A Rich progress bar on stderr; yields a `step(description)` callable advancing it by one."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = _err()
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                  console=console, transient=True, disable=not console.is_terminal) as progress:
        task = progress.add_task(what, total=total)

        def step(description: str) -> None:
            progress.update(task, advance=1, description=description)

        yield step
        progress.update(task, completed=total)


SUFFIXES = {".docx": ReportFormat.docx, ".md": ReportFormat.md, ".markdown": ReportFormat.md, ".html": ReportFormat.html,
            ".htm": ReportFormat.html, ".pdf": ReportFormat.pdf, ".xlsx": ReportFormat.xlsx}


def report_format(fmt: ReportFormat | None, output: Path | None) -> ReportFormat:
    """The report's format: --format, else the suffix of -o, else docx; a suffix of no format or of another one is
    refused (a Word file named r.txt, Markdown named r.docx)."""
    from planwatch.errors import OutputError

    suffix = output.suffix.lower() if output is not None else ""
    if output is None or not suffix:
        return fmt or ReportFormat.docx
    named = SUFFIXES.get(suffix)
    if named is None:
        raise OutputError(f"{output}: the report is written as .docx, .md, .html, .pdf or .xlsx, not {output.suffix!r}; "
                          "name the file with the format's suffix")
    if fmt is not None and fmt is not named:
        raise OutputError(f"{output}: --format {fmt.value} writes .{fmt.value}, not {output.suffix!r}; "
                          "give the file that suffix or leave --format out")
    return named


def report(
    plan: Annotated[int | None, typer.Option("--plan", "-p", help="Plan id (`planwatch plans`); default: the latest plan.")] = None,
    fmt: Annotated[ReportFormat | None, typer.Option(
        "--format", "-f", help="docx (Word), md, html, pdf (via LibreOffice) or xlsx (workbook); default: from -o, else docx.")
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write; default: report-<plan>.<format> here.")] = None,
    charts: Annotated[bool, typer.Option("--charts/--no-charts",
                                         help="Draw the charts (attainment by domain, targets vs actuals).")] = True,
    as_of: Annotated[str | None, typer.Option(
        "--as-of",
        help="Data cut-off (数据截至), YYYY-MM-DD: the tasks as they stood that day, from their supervision history, "
             "late against it; default: today.")] = None,
) -> None:
    """Write a plan's execution report (计划执行情况): main indicators, domains, tasks, charts, sources."""
    from planwatch.cli.store import _engine
    from planwatch.cli.tasks import parse_date
    from planwatch.output import atomic_output, check_output
    from planwatch.report.model import build_report
    from planwatch.report.writers import render

    cut_off = parse_date(as_of, "--as-of")
    if output is not None:
        check_output(output)  # before minutes of work, not after
    fmt = report_format(fmt, output)
    engine = _engine(create=False)
    with _progress(5 if fmt.value == "pdf" else 4, "reading the plan") as step:
        if fmt is ReportFormat.xlsx:
            from planwatch.errors import ConfigError
            from planwatch.evaluate.facts import plan_info
            from planwatch.evaluate.service import evaluate
            from planwatch.report.workbook import workbook

            step("evaluating")
            plan_id = plan_info(engine, plan).id
            try:
                evaluation = evaluate(engine, plan_id)
            except ConfigError as exc:  # the configured system is broken: the workbook without its scores, said
                typer.echo(f"planwatch: note: {exc}; the workbook is written without the evaluation", err=True)
                evaluation = None
            step("writing the workbook")
            data = workbook(engine, plan_id, evaluation)
        else:
            built = build_report(engine, plan, charts=charts, step=step, as_of=cut_off)
            plan_id = built.plan.id
            target = output or Path(f"report-{plan_id}.{fmt.value}")
            step("converting with LibreOffice" if fmt.value == "pdf" else f"writing {fmt.value}")
            image_dir = target.with_name(target.stem + "-charts") if fmt.value == "md" else None
            data = render(built, fmt.value, image_dir)
    target = output or Path(f"report-{plan_id}.{fmt.value}")
    with atomic_output(target) as partial:
        partial.write_bytes(data)
    typer.echo(f"wrote {target} ({len(data) // 1024} KiB)")


def evaluate(
    plan: Annotated[int | None, typer.Option("--plan", "-p", help="Plan id; default: the latest plan.")] = None,
    system: Annotated[Path | None, typer.Option("--system", "-s", help="Indicator system YAML file; default: the bundled one.")] = None,
    by: Annotated[By | None, typer.Option("--by", help="unit: also score each responsible unit.")] = None,
    missing: Annotated[Missing | None, typer.Option("--missing", help="Override the system's missing-data rule: reweight or zero.")] = None,
    all_plans: Annotated[bool, typer.Option("--all", help="Every stored plan, one total per plan.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Print every item with its rule and what it was computed from.")] = False,
) -> None:
    """Score a plan under an indicator system: per dimension and in total, task completion by domain, per unit."""
    from rich.table import Table

    from planwatch.cli.store import _console, _engine
    from planwatch.evaluate.service import evaluate as run
    from planwatch.evaluate.service import evaluate_all, plan_ids, system_for

    engine = _engine(create=False)
    chosen = system_for(engine, system, missing.value if missing else None)
    out = _console()
    if all_plans:
        table = Table(title=f"{chosen.name}（{_MISSING_ZH.get(chosen.missing, chosen.missing)}）")
        for col in ("plan", "government", "year", *[d.name for d in chosen.dimensions], "total", "items scored"):
            table.add_column(col, justify="right" if col not in ("government",) else "left")
        with _progress(len(plan_ids(engine)), "evaluating plans") as step:
            results = evaluate_all(engine, chosen, tick=lambda pid: step(f"plan {pid}"))
        for e in results:  # a total rests on its items with data: 100.0 from 5/24 is no 35.7 from 4/24
            table.add_row(str(e.plan_id), e.government, str(e.year or ""), *[_score(d.score) for d in e.dimensions],
                          _score(e.total), f"{e.scored}/{e.item_count}")
        out.print(table)
        out.print("items scored: the items with data a total rests on (the others are re-weighted or score 0); "
                  "totals resting on few items are not comparable", markup=False, highlight=False)
        return
    with _progress(1, "assessing and scoring") as step:
        e = run(engine, plan, chosen)
        step("scored")
    table = Table(title=f"plan {e.plan_id} · {e.government} {e.year or ''} · {chosen.name}"
                        f"（{_MISSING_ZH.get(chosen.missing, chosen.missing)}）")
    for col, justify in (("dimension", "left"), ("weight", "right"), ("effective weight", "right"), ("score", "right"),
                         ("items scored", "right")):
        table.add_column(col, justify=justify)  # type: ignore[arg-type]
    for d in e.dimensions:
        table.add_row(d.name, f"{d.share:.1f}%", _share(d.effective), _score(d.score),
                      f"{sum(i.score is not None for i in d.items)}/{len(d.items)}")
    table.add_row("total", "", "", _score(e.total), f"{e.scored}/{e.item_count}", style="bold")
    out.print(table)
    from planwatch.report.workbook import coverage_text

    out.print(f"{coverage_text(e)} (total = Σ score × effective weight)", markup=False, highlight=False)
    for d in e.dimensions if not explain else ():  # a part-year actual is no score: say why its item has none
        for i in d.items:
            if getattr(i.detail, "key", None) == "eval_part_year":
                out.print(f"{i.label}：{i.detail}", markup=False, highlight=False)
    if explain:
        items = Table(title="items")
        for col in ("dimension", "item", "weight", "effective weight", "score", "rule", "from"):
            items.add_column(col)
        for d in e.dimensions:
            for i in d.items:
                items.add_row(d.name, i.label, f"{i.share:.1f}%", _share(i.effective), _score(i.score), i.rule, i.detail)
        out.print(items)
    if e.domains:
        domains = Table(title="task completion by domain")
        for col, justify in (("domain", "left"), ("tasks", "right"), ("completed", "right"), ("late", "right"), ("rate", "right")):
            domains.add_column(col, justify=justify)  # type: ignore[arg-type]
        for r in e.domains:
            domains.add_row(r.domain, str(r.counted), str(r.completed), str(r.late) if r.known else "—",
                            "—" if r.rate is None else f"{100 * r.rate:.1f}%")
        out.print(domains)
    if by is By.unit:
        units = Table(title=f"responsible units (score = {chosen.unit_task_share:g} × task completion + "
                            f"{1 - chosen.unit_task_share:g} × target score)")
        for col in ("unit", "tasks", "completed", "late", "targets", "target score", "score"):
            units.add_column(col, justify="left" if col == "unit" else "right")
        for u in e.units:  # a unit only suggested (never assigned) answers for none of its tasks: marked, as the page does
            units.add_row(f"{u.unit}（建议）" if u.suggested else u.unit, str(u.counted), str(u.completed),
                          str(u.late) if u.known else "—", str(u.targets),
                          _score(u.target_score),
                          _score(u.score))
        out.print(units)
        if any(u.suggested for u in e.units):
            out.print("（建议）: tasks only suggested to the unit, never assigned to it", markup=False, highlight=False)


# The system's missing-data rule in the words of the dashboard (locale: "Missing data are re-weighted" …).
_MISSING_ZH = {"reweight": "缺失数据不计分，权重按比例分给其余指标", "zero": "缺失数据记零分"}


def _share(value: float | None) -> str:
    """An effective weight for a table: one decimal and %, or — for a part without data (its weight went to the rest)."""
    return "—" if value is None else f"{value:.1f}%"


def _score(value: float | None) -> str:
    """A score for a table: one decimal, or — without data."""
    return "—" if value is None else f"{value:.1f}"


def panel(
    output: Annotated[Path, typer.Option("--output", "-o", help="panel.parquet or panel.csv (format from the suffix).")],
    plan: Annotated[int | None, typer.Option("--plan", "-p", help="Only this plan's rows; default: every plan.")] = None,
) -> None:
    """Write the research panel: one row per government × year × indicator × measure × span (see docs/reports.md)."""
    from planwatch.cli.store import _engine
    from planwatch.errors import PlanwatchError
    from planwatch.output import check_output
    from planwatch.report.panel import write_panel

    if output.suffix.lower() not in (".parquet", ".csv"):
        raise PlanwatchError(f"{output}: the panel is written as .parquet or .csv, not {output.suffix or 'no suffix'!r}")
    check_output(output)
    engine = _engine(create=False)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from planwatch.store.schema import Record

    with Session(engine) as session:
        query = select(func.count()).select_from(Record).where(Record.kind == "target")
        expected = session.scalar(query.where(Record.plan_id == plan) if plan is not None else query) or 0
    console = _err()
    with Progress(TextColumn("panel rows"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console,
                  transient=True, disable=not console.is_terminal) as progress:
        task = progress.add_task("panel", total=expected)
        rows = write_panel(engine, output, plan, tick=lambda n: progress.advance(task, n))
    typer.echo(f"wrote {output} ({rows} rows)")


def register(app: typer.Typer) -> None:
    """Add `report`, `evaluate` and `panel` to `app`."""
    app.command("report")(report)
    app.command("evaluate")(evaluate)
    app.command("panel")(panel)
