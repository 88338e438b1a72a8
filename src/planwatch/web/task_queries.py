"""Task queries for the pages, over the task store (`planwatch.store.tasks`)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.store.accounts import Principal
from planwatch.store.schema import Plan, Record


def task_dict(task: Any, user: Principal | None = None, history: bool = True,
              supervised: bool | None = None) -> dict[str, Any]:
    """A task as JSON-ready data (with its history, and whether `user` may update it). `supervised`: whether it is
    under supervision (`store.supervision.under_supervision`; None: only when a unit was assigned to it): a task that
    is not is never overdue, nor is one no unit was assigned (review ux4 #5)."""
    last = task.updates[-1] if task.updates else None
    supervised = task.unit is not None if supervised is None else supervised
    data = {
        "id": task.id, "plan_id": task.plan_id, "group_id": task.group_id, "kind": task.kind,
        "title": task.title, "action": task.action, "object": task.object, "text": task.text, "quote": task.quote,
        "start": task.start, "end": task.end, "section": task.section, "domain": task.domain,
        "entities": list(task.entities or []), "record_positions": list(task.record_positions or []),
        "unit": task.unit_name, "unit_assigned": task.unit is not None, "named_unit": task.named_unit,
        "status": task.status,
        "deadline": task.deadline, "overdue": supervised and task.unit is not None and task.is_overdue(), "supervised": supervised,
        # a plan under supervision's task no unit was assigned yet (待交办): late for nobody
        "awaiting_assignment": supervised and task.unit is None,
        "updated_at": task.updated_at,
        "last_update": update_dict(last) if last else None,
        "can_edit": bool(user and user.may_edit_unit(task.unit_name)),
    }
    if history:
        data["history"] = [update_dict(u) for u in reversed(task.updates)]
    return data


def update_dict(u: Any) -> dict[str, Any]:
    """One history entry as JSON-ready data."""
    return {"id": u.id, "on": u.on_date, "at": u.at, "who": u.who, "status_from": u.status_from, "status_to": u.status_to,
            "evidence": u.evidence, "link": u.link, "source": u.source}


def grouped(session: Session, plan_id: int | None, unit: str | None, status: str | None,
            user: Principal | None) -> list[dict[str, Any]]:
    """The plan's tasks as its groups: [{id, label, title, tasks: [...]}], in document order."""
    from planwatch.store.tasks import TaskFilter, TaskGroup, list_tasks

    tasks = list_tasks(session, TaskFilter(plan_id=plan_id, unit=unit or None, status=status or None))
    group_ids = sorted({t.group_id for t in tasks})
    groups = {g.id: g for g in session.scalars(select(TaskGroup).where(TaskGroup.id.in_(group_ids)))} if group_ids else {}
    out: dict[int, dict[str, Any]] = {}
    for task in tasks:
        group = groups.get(task.group_id)
        entry = out.get(task.group_id)
        if entry is None:
            entry = out[task.group_id] = {
                "id": task.group_id, "label": group.label if group else "", "title": group.title if group else "",
                "position": group.position if group else 0, "tasks": []}
        entry["tasks"].append(task_dict(task, user))
    return list(out.values())


def units(session: Session) -> list[str]:
    """Every responsible unit's name."""
    from planwatch.store.tasks import ResponsibleUnit

    return list(session.scalars(select(ResponsibleUnit.name).order_by(ResponsibleUnit.name)))


def unit_choices(session: Session, plan_id: int | None) -> dict[str, Any]:
    """The units a plan's task list and task pages offer for assignment: the plan's government's units, then those
    placed under no government (labelled so), as `units` (flat) and `unit_groups` (for <optgroup>)."""
    from planwatch.store.unit_registry import plan_units
    from planwatch.web.i18n import gettext as _

    offered = plan_units(session, plan_id)
    groups = []
    if offered.own:
        groups.append({"label": offered.government, "units": offered.own, "unplaced": False})
    if offered.unplaced:
        groups.append({"label": _("Not placed under a government"), "units": offered.unplaced, "unplaced": True})
    return {"units": offered.names, "unit_groups": groups}


def filter_units(session: Session, plan_id: int | None) -> list[str]:
    """The lead units of a plan's tasks (assigned, else suggested): what the task list's unit filter can match."""
    from planwatch.store.tasks import ResponsibleUnit, Task

    if plan_id is None:
        return []
    assigned = select(ResponsibleUnit.name).join(Task, Task.unit_id == ResponsibleUnit.id).where(Task.plan_id == plan_id)
    suggested = select(Task.suggested_unit).where(Task.plan_id == plan_id, Task.unit_id.is_(None), Task.suggested_unit != "")
    return sorted(set(session.scalars(assigned)) | set(session.scalars(suggested)))


PLAN_CHOICES = 100  # plans offered in a task page's plan selector (newest first, plus the chosen one)


def task_plans(session: Session, limit: int | None, chosen: int | None = None) -> list[dict[str, Any]]:
    """Plans that have tasks, newest first: the first `limit` and the `chosen` one wherever it stands.

    Each plan is asked whether it has a task (`ix_task_plan_id`) rather than gathering every task's
    plan first (0.6 s with 3.9 million tasks); a selector of all 6,500 plans was 740 KB of the page."""
    from planwatch.store.schema import Government
    from planwatch.store.tasks import Task

    query = (select(Plan.id, Plan.title, Plan.year, Plan.kind, Government.name)
             .join(Government, Government.id == Plan.government_id)
             .where(select(Task.id).where(Task.plan_id == Plan.id).exists())
             .order_by(Plan.year.desc().nulls_last(), Plan.id.desc()))
    rows = list(session.execute(query.limit(limit) if limit is not None else query))
    if chosen is not None and chosen not in {r[0] for r in rows}:
        rows += list(session.execute(query.where(Plan.id == chosen)))
    return [{"id": i, "title": t, "year": y, "kind": k, "government": g} for i, t, y, k, g in rows]


def plan_labels(session: Session, plan_ids: list[int]) -> dict[int, str]:
    """{plan id: "government year"} (or its title when it has no year), newest first: which plan a task is of,
    where a page lists tasks of several plans (我的任务)."""
    from planwatch.store.schema import Government

    if not plan_ids:
        return {}
    rows = session.execute(select(Plan.id, Plan.title, Plan.year, Government.name)
                           .outerjoin(Government, Government.id == Plan.government_id).where(Plan.id.in_(plan_ids))
                           .order_by(Plan.year.desc().nulls_last(), Plan.id.desc()))
    return {pid: " ".join(str(p) for p in (government or title, year) if p) for pid, title, year, government in rows}


def default_plan(session: Session) -> int | None:
    """The plan whose tasks are shown when none is chosen."""
    from planwatch.store.tasks import latest_plan

    plan = latest_plan(session)
    return plan.id if plan else None


def one(session: Session, task_id: int, user: Principal | None) -> dict[str, Any]:
    """One task with its history; NotFoundError when there is none."""
    from planwatch.store.tasks import get_task

    return task_dict(get_task(session, task_id), user)


def unit_of(session: Session, task_id: int) -> str:
    """The responsible unit of a task (assigned, else suggested)."""
    from planwatch.store.tasks import get_task

    return get_task(session, task_id).unit_name


def indicator_tasks(session: Session, indicator_id: int) -> list[Any]:
    """The tasks whose quantities are records of this indicator (what decides who may enter it)."""
    from planwatch.store.tasks import Task

    positions: dict[int, set[int]] = {}
    for plan_id, position in session.execute(select(Record.plan_id, Record.position)
                                             .where(Record.indicator_id == indicator_id)):
        positions.setdefault(plan_id, set()).add(position)
    if not positions:
        return []
    return [task for task in session.scalars(select(Task).where(Task.plan_id.in_(sorted(positions))))
            if positions[task.plan_id].intersection(task.record_positions or [])]


def indicator_units(session: Session, indicator_id: int) -> set[str]:
    """The responsible units of the tasks whose quantities are records of this indicator."""
    return {task.unit_name for task in indicator_tasks(session, indicator_id) if task.unit_name}
