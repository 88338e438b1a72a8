"""`planwatch remind`, `planwatch rounds …`, `planwatch contacts …`, `planwatch review …`: the supervision cycle (督办).

The CLI acts as the planning office (the operator of the database); writes are attributed to
``--who``, else ``settings.user``, else the OS user, like every other CLI write.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from planwatch.cli.tasks import parse_date
from planwatch.errors import ValidationError

rounds_app = typer.Typer(help="Reporting rounds: open one (units then owe a report on each open task), list, close.",
                         no_args_is_help=True)
contacts_app = typer.Typer(help="The e-mail address each unit's reminders go to.", no_args_is_help=True)

WhoOption = Annotated[str | None, typer.Option("--who", help="Who makes the change (default: settings.user, else the OS user).")]


def _engine(*, create: bool) -> Any:
    """The configured database; a missing SQLite file is created only with `create` (see cli/store.py `_engine`)."""
    from planwatch.store.db import connect

    return connect(create=create)


def _who(who: str | None) -> str:
    from planwatch.store.audit import current_user

    return current_user(who)


def remind(
    today: Annotated[str | None, typer.Option("--today", help="Judge deadlines as of this date, YYYY-MM-DD (default: today).")] = None,
    unit: Annotated[list[str] | None, typer.Option("--unit", help="Only this unit (repeatable).")] = None,
    plan: Annotated[int | None, typer.Option(
        "--plan", help="Only this plan's tasks (default: the plans under supervision, those of open rounds "
        "or with task history, else the latest).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print the e-mails instead of sending them.")] = False,
) -> None:
    """E-mail each unit what it owes: reports due in open rounds, tasks sent back, overdue, due soon (run from cron).

    Only a task's assigned lead unit owes on it: tasks only suggested to a unit are listed (on stderr) as 待交办, for
    the planning office to assign, and mailed to no unit."""
    from sqlalchemy import select

    from planwatch.monitor.display import plan_names
    from planwatch.report.reminders import local_dashboard, reminders, send
    from planwatch.settings import get_settings
    from planwatch.store.db import transaction
    from planwatch.store.supervision import contacts, digests, unassigned
    from planwatch.store.tasks import ResponsibleUnit, check_units, stored_plan

    settings = get_settings()
    as_of = parse_date(today, "--today")
    with transaction(_engine(create=False)) as session:
        if unit:
            check_units(session, unit)  # a mistyped unit must fail, not send no reminder
        found = digests(session, as_of, set(unit) if unit else None, plan, settings)
        items, unreachable = reminders(found, contacts(session), settings)
        registered = set(session.scalars(select(ResponsibleUnit.name).where(ResponsibleUnit.name.in_(unreachable))))
        # tasks only suggested to a unit are owed by none and mailed to none: the office is told to assign them
        chosen = stored_plan(session, plan)
        waiting = [] if unit else unassigned(session, [chosen] if chosen is not None else None, as_of)
        names = plan_names(session, (w.plan_id for w in waiting))
    for w in waiting:
        typer.echo(f"待交办：{names.get(w.plan_id, f'计划 {w.plan_id}')} 有 {w.count} 项未完成的任务尚未交办（只有建议单位），"
                   f"不计入任何单位的待办、也不发提醒；在 {settings.dashboard_url.rstrip('/')}/tasks?plan={w.plan_id} 交办",
                   err=True)
    for name in unreachable:
        if name in registered:
            typer.echo(f"{name}: owes reports but has no e-mail address; set one with "
                       f"`planwatch contacts set {name} ADDRESS`", err=True)
        else:  # a lead unit the plan's text suggests, not a registered one: a contact needs the unit first
            typer.echo(f"{name}: owes reports but is not a registered unit (the plan's text suggests it); register it "
                       f"with `planwatch users unit-add {name} --government GOVERNMENT`, then "
                       f"`planwatch contacts set {name} ADDRESS`, or assign its tasks to a registered unit "
                       f"(`planwatch tasks assign`)", err=True)
    link = f"链接指向 {settings.dashboard_url}"
    if dry_run:
        for item in items:
            typer.echo(f"To: {item.to}\nSubject: {item.message['Subject']}\n\n{item.message.get_content()}\n")
        if local_dashboard(settings.dashboard_url):
            link += "（仅本机可访问：发送前请设置 PLANWATCH_DASHBOARD_URL 为各单位可访问的地址）"
        typer.echo(f"{len(items)} 封提醒邮件（未发送：--dry-run）；{link}")
        return
    sent = send(items, settings)  # refused while the dashboard's address is local (review ux4 #7)
    typer.echo(f"已发送 {sent} 封提醒邮件（{settings.smtp_host}:{settings.smtp_port}）；{link}；"
               f"{len(unreachable)} 个单位没有邮箱")


@rounds_app.command("open")
def open_command(
    title: Annotated[str, typer.Argument(help="e.g. 2019年6月进展填报.")],
    due: Annotated[str, typer.Option("--due", help="Reports are due by this date, YYYY-MM-DD.")],
    plan: Annotated[int | None, typer.Option("--plan", help="Whose tasks (default: the plan under supervision; "
                                                                    "refused when several could be meant).")] = None,
    opened: Annotated[str | None, typer.Option("--opened", help="Reports count from this date (default: today).")] = None,
    who: WhoOption = None,
) -> None:
    """Open a reporting round for one plan's tasks.

    Without --plan: the plan under supervision (the one with assignments or reports); refused, listing the
    candidates, when several plans could be meant."""
    from planwatch.monitor.display import plan_names
    from planwatch.store.db import transaction
    from planwatch.store.supervision import open_round

    due_day = parse_date(due, "--due")
    if due_day is None:
        raise ValidationError("--due: give the date reports are due, YYYY-MM-DD")
    with transaction(_engine(create=False)) as session:
        row = open_round(session, title, due_day, _who(who), "office", plan, parse_date(opened, "--opened"))
        name = plan_names(session, [row.plan_id]).get(row.plan_id, "")
        typer.echo(f"报送轮次 #{row.id} {row.title}：{row.opened_on} 发起，{row.due} 截止（计划 {row.plan_id} {name}）")


@rounds_app.command("list")
def list_command() -> None:
    """List the reporting rounds, newest first: 进行中, 已过截止日 (reports still owed are 逾期未报), 逾期自动结束
    (round_close_days after its due date) or 已结束 (closed by the office)."""
    from datetime import date

    from planwatch.store.db import transaction
    from planwatch.store.supervision import list_rounds, round_lapsed, round_late

    today = date.today()
    with transaction(_engine(create=False)) as session:
        rows = list_rounds(session)
        typer.echo(f"{len(rows)} 个报送轮次")
        for row in rows:
            state = ("已结束" if row.closed else "逾期自动结束" if round_lapsed(row, today)
                     else "已过截止日" if round_late(row, today) else "进行中")
            typer.echo(f"  #{row.id} {row.title}  {row.opened_on} → {row.due}  {state}")


@rounds_app.command("close")
def close_command(round_id: Annotated[int, typer.Argument(help="Round id (see `planwatch rounds list`).")],
                  who: WhoOption = None) -> None:
    """Close a reporting round."""
    from planwatch.store.db import transaction
    from planwatch.store.supervision import close_round

    with transaction(_engine(create=False)) as session:
        row = close_round(session, round_id, _who(who), "office")
        typer.echo(f"报送轮次 #{row.id} {row.title} 已结束")


@contacts_app.command("set")
def contact_set(unit: Annotated[str, typer.Argument(help="Responsible unit, e.g. 区教育局.")],
                email: Annotated[str, typer.Argument(help="Its reminder mailbox.")], who: WhoOption = None) -> None:
    """Set the e-mail address a unit's reminders go to."""
    from planwatch.store.db import transaction
    from planwatch.store.supervision import set_contact

    with transaction(_engine(create=True)) as session:  # units come from the bundled table: no plan needed
        set_contact(session, unit, email, _who(who), "office")
    typer.echo(f"{unit}: {email}")


@contacts_app.command("list")
def contact_list() -> None:
    """List the units' reminder addresses."""
    from planwatch.store.db import transaction
    from planwatch.store.supervision import contacts

    with transaction(_engine(create=False)) as session:
        rows = contacts(session)
    for unit, email in sorted(rows.items()):
        typer.echo(f"{unit}\t{email}")


def review_command(
    task_id: Annotated[int, typer.Argument(help="Task id with a sign-off request.")],
    decision: Annotated[str, typer.Argument(help="approve (销号) or return (退回).")],
    reason: Annotated[str, typer.Option("--reason", help="Why it is sent back (required for return).")] = "",
    who: WhoOption = None,
) -> None:
    """Decide a unit's sign-off request: approve it (the task counts as completed) or send it back.

    A task already signed off is refused, with the day and who signed it off (exit status 2)."""
    from planwatch.store.db import transaction
    from planwatch.store.supervision import review

    with transaction(_engine(create=False)) as session:
        entry = review(session, task_id, decision, _who(who), "office", reason)
        typer.echo(f"#{task_id} {'已销号' if decision == 'approve' else '已退回'}（{entry.who}）：{entry.task.status}")


def register(app: typer.Typer) -> None:
    """Add the supervision commands to the `planwatch` app."""
    app.command("remind")(remind)
    app.command("review")(review_command)
    app.add_typer(rounds_app, name="rounds")
    app.add_typer(contacts_app, name="contacts")


__all__ = ["register"]
