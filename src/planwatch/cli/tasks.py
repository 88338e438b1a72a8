"""`planwatch tasks …` and `planwatch followup`: the task ledger (督办) on the command line."""

from __future__ import annotations

import json
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer._click import exceptions as click_errors  # the Click Typer runs on (what the edge catches)
from typer._click.core import Context
from typer.core import TyperGroup

from planwatch.errors import ValidationError
from planwatch.monitor.vocabulary import TASK_STATUSES


class _ListByDefault(TyperGroup):
    """`planwatch tasks [FILE]` means `planwatch tasks list [FILE]`; a word that is no command nor file is an error."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h")):
            if args and _looks_like_a_command(args[0]):
                raise click_errors.UsageError(f"No such command {args[0]!r} (commands: {', '.join(self.commands)}; "
                                       "or the path of a plan file)", ctx)
            args = ["list", *args]
        return super().parse_args(ctx, args)


def _looks_like_a_command(word: str) -> bool:
    """A mistyped sub-command (`tasks frob`) rather than a plan file (`tasks plan.docx`) or an option."""
    path = Path(word)
    return not word.startswith("-") and not path.suffix and "/" not in word and "\\" not in word and not path.exists()


tasks_app = typer.Typer(cls=_ListByDefault, help="The task ledger: list, assign, update, overdue, export, import.",
                        no_args_is_help=False)


class Format(str, Enum):
    text = "text"
    jsonl = "jsonl"


def parse_date(value: str | None, name: str) -> date | None:
    """A YYYY-MM-DD option value as a date (None when not given); a bad one names the option."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError(f"{name}: {value!r} is not a date; use YYYY-MM-DD") from None


def _store_in_use() -> bool:
    """True when a database is configured or the default SQLite file exists (never creates one)."""
    from planwatch.settings import get_settings

    settings = get_settings()
    return bool(settings.database_url) or Path(settings.db).exists()


def _engine(*, create: bool) -> Any:
    """The configured database; a missing SQLite file is created only with `create` (see cli/store.py `_engine`)."""
    from planwatch.store.db import connect

    return connect(create=create)


@tasks_app.command("list")
def list_command(
    file: Annotated[Path | None, typer.Argument(help="A plan file; none: the stored plan, else the bundled one.")] = None,
    plan: Annotated[int | None, typer.Option("--plan", help="Stored plan id (default: the latest with tasks).")] = None,
    unit: Annotated[str | None, typer.Option("--unit", help="Only this unit's tasks.")] = None,
    status: Annotated[str | None, typer.Option("--status", help="Only tasks with this status.")] = None,
    achievements: Annotated[bool, typer.Option("--achievements", help="List achievements (results) instead.")] = False,
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
) -> None:
    """List the tasks grouped as the plan groups them, each with its lead unit (assigned, 文件指定 or 建议)."""
    kind = "achievement" if achievements else "task"
    if file is None and (plan is not None or _store_in_use()):
        from planwatch.store.db import transaction
        from planwatch.store.tasks import TaskFilter, check_units, list_tasks, plan_or_latest

        engine = _engine(create=False)
        with transaction(engine) as session:
            chosen = plan_or_latest(session, plan)
            if chosen is not None:
                if unit:
                    check_units(session, [unit])
                from planwatch.store.supervision import tracked_plans

                rows = list_tasks(session, TaskFilter(plan_id=chosen, unit=unit, status=status, kind=kind))
                _print_stored(rows, format, tracked_plans(session, [chosen]))
                return
    _print_file(file, kind, unit, format)


def _print_file(file: Path | None, kind: str, unit: str | None, format: Format) -> None:
    """Extract and print tasks of a file (the bundled plan when None): nothing is stored."""
    from planwatch.documents import bundled_plan_path, load
    from planwatch.documents.meta import describe
    from planwatch.extract.task_units import suggest_unit
    from planwatch.extract.tasks import extract_tasks, task_groups

    document = load(file or bundled_plan_path())
    tasks = [t for t in extract_tasks(document.text, document.name) if t.kind == kind]
    generic = describe(document.text, document.name).level not in ("district", "county")  # 教育部门, not 区教育局
    units = {id(t): suggest_unit(t, generic=generic) for t in tasks}
    if unit:
        tasks = [t for t in tasks if units[id(t)] == unit]
    if format is Format.jsonl:
        for t in tasks:
            typer.echo(json.dumps({**t.to_dict(), "unit": units[id(t)]}, ensure_ascii=False))
        return
    typer.echo(f"{document.name}: {len(tasks)} {'项任务' if kind == 'task' else '项成效'}")
    for label, title, members in task_groups(tasks):
        typer.echo(f"\n{label} {title}".rstrip())
        for t in members:
            if t.kind == "task":  # an achievement is evidence: no unit, no deadline
                due = f" 时限 {t.period_end}-12-31" if t.period_end else ""
                typer.echo(f"  - {t.title}  [{units[id(t)]}] ({t.domain}){due}")
            else:
                typer.echo(f"  - {t.title} ({t.domain})")
            if t.entities:
                typer.echo(f"      涉及：{'、'.join(t.entities)}")


def _unit_label(t: Any) -> str:
    """A stored task's unit as the pages word it: the assigned unit's name; else the unit the document names
    (文件指定：区发改委, a 分工方案's note) or the machine's suggestion (建议：区教育局), never passed off as assigned."""
    if t.unit is not None:
        return str(t.unit.name)
    if t.named_unit:
        return f"文件指定：{t.named_unit}"
    return f"建议：{t.suggested_unit}" if t.suggested_unit else "未交办"


def _unit_source(t: Any) -> str:
    """Where a stored task's unit comes from: assigned, named (by the document) or suggested."""
    return "assigned" if t.unit is not None else "named" if t.named_unit else "suggested"


def _print_stored(rows: list[Any], format: Format, tracked: set[int] | None = None) -> None:
    """The stored tasks `rows`; `tracked`: the plans under supervision (a task of another, not assigned, is 未督办:
    never 逾期)."""
    from planwatch.store.supervision import under_supervision
    from planwatch.store.tasks import last_update

    tracked = tracked or set()

    if format is Format.jsonl:
        for t in rows:
            typer.echo(json.dumps({"id": t.id, "kind": t.kind, "group": t.group.title, "label": t.group.label,
                                   "title": t.title, "action": t.action,
                                   "object": t.object, "unit": t.unit_name, "unit_source": _unit_source(t), "status": t.status,
                                   "supervised": under_supervision(t, tracked),
                                   "deadline": str(t.deadline or ""), "entities": t.entities}, ensure_ascii=False))
        return
    achievements = bool(rows) and all(t.kind != "task" for t in rows)
    typer.echo(f"{len(rows)} {'项成效' if achievements else '项任务'}")
    group_id = None
    for t in rows:
        if t.group_id != group_id:
            group_id = t.group_id
            typer.echo(f"\n{t.group.label} {t.group.title}".rstrip())
        if t.kind != "task":  # evidence for follow-up, shown apart: no status, unit or deadline
            typer.echo(f"  #{t.id} {t.title}")
            continue
        update = last_update(t)
        tail = f"；最近更新 {update.on_date}" if update else ""
        supervised = under_supervision(t, tracked)
        overdue = ("（未督办）" if not supervised else "（待交办）" if t.unit is None
                   else "（逾期）" if t.is_overdue() else "")
        typer.echo(f"  #{t.id} {t.title}  [{_unit_label(t)}] {t.status}{overdue} 时限 {t.deadline or '—'}{tail}")


@tasks_app.command("assign")
def assign_command(
    task_id: Annotated[int, typer.Argument(help="Task id (shown by `planwatch tasks`).")],
    unit: Annotated[str, typer.Argument(help="Responsible unit, e.g. 区教育局.")],
    deadline: Annotated[str | None, typer.Option("--deadline", help="New deadline, YYYY-MM-DD.")] = None,
    new: Annotated[bool, typer.Option("--new", help="Add UNIT to the stored units if it is not there.")] = False,
    who: Annotated[str | None, typer.Option("--who", help="Who makes the change.")] = None,
) -> None:
    """Make a unit the lead unit of a task."""
    from planwatch.store.db import transaction
    from planwatch.store.tasks import assign

    with transaction(_engine(create=False)) as session:
        task = assign(session, task_id, unit, who, parse_date(deadline, "--deadline"), create=new)
        typer.echo(f"#{task.id} 牵头单位：{task.unit_name}；完成时限：{task.deadline or '—'}")


@tasks_app.command("update")
def update_command(
    task_id: Annotated[int, typer.Argument(help="Task id.")],
    status: Annotated[str | None, typer.Option("--status", "-s", help=" / ".join(TASK_STATUSES))] = None,
    evidence: Annotated[str, typer.Option("--evidence", "-e", help="What was done (进展及佐证).")] = "",
    link: Annotated[str, typer.Option("--link", help="A link to the evidence.")] = "",
    on: Annotated[str | None, typer.Option("--on", help="Date of the progress, YYYY-MM-DD (default today).")] = None,
    deadline: Annotated[str | None, typer.Option("--deadline", help="New deadline, YYYY-MM-DD.")] = None,
    who: Annotated[str | None, typer.Option("--who", help="Who reports it.")] = None,
) -> None:
    """Record progress on a task (status, evidence, link); it is added to the task's history."""
    from planwatch.store.db import transaction
    from planwatch.store.tasks import get_task, update_task

    with transaction(_engine(create=False)) as session:
        entry = update_task(session, task_id, status, who, evidence, link, parse_date(on, "--on"),
                            deadline=parse_date(deadline, "--deadline"))
        task = get_task(session, task_id)
        typer.echo(f"#{task.id} {entry.status_from} → {entry.status_to}（{entry.on_date}，{entry.who}）")
        _print_history(task)


def _print_history(task: Any) -> None:
    typer.echo(f"#{task.id} {''.join(task.quote.split())}")
    for u in task.updates:
        change = f"{u.status_from} → {u.status_to}" if u.status_from != u.status_to else u.status_to
        extra = f"  {u.link}" if u.link else ""
        typer.echo(f"  {u.on_date} {u.who}: {change} {u.evidence}{extra}".rstrip())


@tasks_app.command("history")
def history_command(task_id: Annotated[int, typer.Argument(help="Task id.")]) -> None:
    """Show a task's dated history of updates."""
    from planwatch.store.db import transaction
    from planwatch.store.tasks import get_task

    with transaction(_engine(create=False)) as session:
        _print_history(get_task(session, task_id))


@tasks_app.command("overdue")
def overdue_command(
    today: Annotated[str | None, typer.Option("--today", help="Check as of this date, YYYY-MM-DD.")] = None,
    plan: Annotated[int | None, typer.Option("--plan", help="Only this plan's tasks.")] = None,
) -> None:
    """List open tasks assigned to a unit past their deadline (and those marked 滞后); a task never assigned, its unit
    only suggested, is overdue for nobody: the plans under supervision count theirs as 待交办 below the list."""
    from planwatch.store.db import transaction
    from planwatch.store.supervision import supervised_plans, tracked_plans, unassigned
    from planwatch.store.tasks import overdue_tasks, stored_plan

    with transaction(_engine(create=False)) as session:
        chosen = stored_plan(session, plan)
        as_of = parse_date(today, "--today")
        rows = overdue_tasks(session, as_of, chosen)
        typer.echo(f"{len(rows)} 项逾期任务")
        for t in rows:
            typer.echo(f"  #{t.id} [{_unit_label(t)}] {t.status} 时限 {t.deadline or '—'}｜{t.title}")
        plans = sorted(tracked_plans(session, [chosen] if chosen is not None else supervised_plans(session, as_of)))
        waiting = sum(w.count for w in unassigned(session, plans, as_of))
        if waiting:
            typer.echo(f"另有 {waiting} 项任务尚未交办（待交办，只有建议单位），不计入逾期：请先交办")


@tasks_app.command("export")
def export_command(
    path: Annotated[Path, typer.Argument(help="Workbook to write (.xlsx).")],
    plan: Annotated[int | None, typer.Option("--plan", help="Only this plan's tasks (default: the latest).")] = None,
) -> None:
    """Write the task ledger as an Excel workbook (one row a task)."""
    from planwatch.errors import OutputError
    from planwatch.output import check_output
    from planwatch.report.tasks_excel import export_ledger
    from planwatch.store.db import transaction
    from planwatch.store.tasks import plan_or_latest

    check_output(path)  # before the database is opened (export_ledger checks it again, for its other callers)
    if path.suffix.lower() != ".xlsx":  # an Excel workbook named ledger.csv opens as garbage
        raise OutputError(f"{path}: the ledger is written as an Excel workbook (.xlsx), not {path.suffix or 'no suffix'!r}")
    with transaction(_engine(create=False)) as session:
        count = export_ledger(session, path, plan_or_latest(session, plan))  # a plan not stored: NotFoundError
    typer.echo(f"{path}: {count} 项任务")


@tasks_app.command("import")
def import_command(
    path: Annotated[Path, typer.Argument(help="An edited ledger workbook.")],
    who: Annotated[str | None, typer.Option("--who", help="Who makes the changes.")] = None,
) -> None:
    """Apply an edited ledger: every row valid, or nothing changes (each bad row is reported)."""
    from planwatch.report.tasks_excel import import_ledger
    from planwatch.store.db import transaction

    with transaction(_engine(create=False)) as session:  # bad rows: listed under the error (cli.edge)
        result = import_ledger(session, path, who)
    typer.echo(f"{path}: {result.rows} 行；状态变更 {result.status_changes}，单位变更 {result.unit_changes}，"
               f"时限变更 {result.deadline_changes}，新增进展 {result.evidence_added}")


@tasks_app.command("refresh")
def refresh_command(
    plan: Annotated[int | None, typer.Option("--plan", help="Only this stored plan.")] = None,
    every: Annotated[bool, typer.Option("--all", help="Every stored plan, not only those without tasks.")] = False,
    who: Annotated[str | None, typer.Option("--who", help="Who runs it.")] = None,
) -> None:
    """Extract the tasks of stored plans that have none (or of --plan / --all); unchanged tasks keep their history."""
    from planwatch.monitor.followup import propose_for_plan
    from planwatch.store.db import transaction
    from planwatch.store.schema import Plan
    from planwatch.store.tasks import refresh_tasks

    with transaction(_engine(create=False)) as session:
        done = refresh_tasks(session, plan, every, who)
        for plan_id, _ in done:
            propose_for_plan(session, session.get(Plan, plan_id))
    for plan_id, count in done:
        typer.echo(f"计划 {plan_id}：{count} 项任务和成效")  # one language in a line (it read "plan 4: 259 项任务和成效")
    if not done:
        typer.echo("every stored plan has its tasks; use --all to extract them again")


@tasks_app.command("units")
def units_command() -> None:
    """List the responsible units: the stored ones when a database is in use, else the bundled table."""
    if _store_in_use():
        from planwatch.store.db import transaction
        from planwatch.store.tasks import unit_list

        with transaction(_engine(create=False)) as session:
            names = [u.name for u in unit_list(session)]
    else:
        from planwatch.extract.task_units import unit_names

        names = unit_names()
    for name in names:
        typer.echo(name)


# a follow-up proposal's state as the Chinese list words it (it printed "proposed" among the Chinese)
PROPOSAL_ZH = {"proposed": "待审核", "accepted": "已采纳", "rejected": "已驳回"}


def followup(
    accept: Annotated[int | None, typer.Option("--accept", help="Accept this proposal (adds it to the task's history).")] = None,
    reject: Annotated[int | None, typer.Option("--reject", help="Reject this proposal.")] = None,
    keep_open: Annotated[bool, typer.Option("--keep-open", help="On --accept: mark 推进中 instead of closing the task.")] = False,
    all_states: Annotated[bool, typer.Option("--all", help="List decided proposals too.")] = False,
    who: Annotated[str | None, typer.Option("--who", help="Who decides.")] = None,
) -> None:
    """List follow-up proposals (a later document's achievement matched to a task), or decide one."""
    from planwatch.monitor.display import plan_names
    from planwatch.monitor.followup import decide, list_proposals
    from planwatch.store.db import transaction

    if accept is not None and reject is not None:
        raise ValidationError("followup: give --accept or --reject, not both")
    with transaction(_engine(create=False)) as session:
        if accept is not None or reject is not None:
            proposal: Any = decide(session, accept if accept is not None else reject,  # type: ignore[arg-type]
                                   accept is not None, who, close=not keep_open)
            typer.echo(f"跟进建议 [{proposal.id}] {PROPOSAL_ZH[proposal.state]}；任务#{proposal.task_id} {proposal.task.status}")
            return
        rows: list[Any] = list_proposals(session, None if all_states else "proposed")
        # the later plan by its name (国务院 2017年政府工作报告), not its bare title: every work report is 政府工作报告
        names = plan_names(session, (p.plan_id for p in rows))
        typer.echo(f"{len(rows)} 条跟进建议")
        for p in rows:
            task = p.task
            typer.echo(f"  [{p.id}] {p.score:.2f} {PROPOSAL_ZH.get(p.state, p.state)} 任务#{task.id}｜{task.title}")
            typer.echo(f"        ← {names.get(p.plan_id, p.plan.title)}：{''.join(p.quote.split())}")
            if p.shared:
                typer.echo(f"        共同：{'、'.join(p.shared)}")


def register(app: typer.Typer) -> None:
    """Add `tasks` and `followup` to `app`."""
    app.add_typer(tasks_app, name="tasks")
    app.command("followup")(followup)
