"""Task supervision (督办) in the store: responsible units, task groups, tasks, their history, follow-ups.

Tasks come from a plan's commitments (`extract.tasks`) when the plan is ingested
(the pipeline's task stage calls `store_plan_tasks`); each gets a suggested lead unit and a deadline
(end of the plan year; a five-year task, end of its period). Achievements (results the plan
reports) are stored as evidence for follow-up, without status, unit or deadline. Every change of status, unit or deadline adds a dated
`TaskUpdate` and an audit-log row in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Double,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship, selectinload

from planwatch.errors import NotFoundError, ValidationError
from planwatch.extract.records import Task as ExtractedTask
from planwatch.store import audit
from planwatch.store.plans import get_plan
from planwatch.store.schema import Base, Plan, Record, utcnow

# a task's state (督办), in the one order every list of them offers: the task list's filter, the report forms (a
# task's page and 我的任务 listed them in two orders), the Excel ledger's drop-down, the CLI's help; defined here, where
# tasks are stored (data flows one way: `monitor.vocabulary` re-exports them as TASK_STATUSES)
STATUSES: tuple[str, ...] = ("未启动", "推进中", "已完成", "滞后", "取消")
OPEN_STATUSES: tuple[str, ...] = ("未启动", "推进中", "滞后")  # a task still to be worked on (can be late)
PROPOSAL_STATES = ("proposed", "accepted", "rejected")


class ResponsibleUnit(Base):
    """A unit that leads tasks: 区教育局, 区交通运输局 …"""

    __tablename__ = "responsible_unit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    generic: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class TaskGroup(Base):
    """A numbered item (or lead-sentence paragraph) of a plan: the tasks under one title."""

    __tablename__ = "task_group"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(12))  # task / achievement
    label: Mapped[str] = mapped_column(String(40), default="")
    title: Mapped[str] = mapped_column(String(300))
    start: Mapped[int] = mapped_column(Integer)

    tasks: Mapped[list[Task]] = relationship(back_populates="group", order_by="Task.position",
                                             cascade="all, delete-orphan", passive_deletes=True)


class Task(Base):
    """One commitment (or achievement) with its owner, status and deadline."""

    __tablename__ = "task"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("task_group.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(12))
    action: Mapped[str] = mapped_column(String(100))
    object: Mapped[str] = mapped_column(Text)
    quote: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    section: Mapped[str] = mapped_column(Text, default="")
    domain: Mapped[str] = mapped_column(String(32), default="")
    entities: Mapped[list[str]] = mapped_column(JSON, default=list)
    record_positions: Mapped[list[int]] = mapped_column(JSON, default=list)  # Record.position in the plan
    suggested_unit: Mapped[str] = mapped_column(String(200), default="")
    # the lead unit(s) the document itself names (a 分工方案's "（区科技局主办，…协办）", "牵头单位：区发改委"): a fact of
    # the text, not the machine's suggestion; None when it names none (an achievement never has one)
    named_unit: Mapped[str | None] = mapped_column(String(200))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("responsible_unit.id", ondelete="SET NULL"), index=True)
    status: Mapped[str] = mapped_column(String(8), default="未启动", index=True)
    deadline: Mapped[date | None] = mapped_column(Date)
    progress: Mapped[int | None] = mapped_column(Integer)  # percent reported by the unit (store.supervision)
    signoff: Mapped[str] = mapped_column(String(10), default="", server_default="", index=True)  # "" / requested / returned / approved
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    group: Mapped[TaskGroup] = relationship(back_populates="tasks")
    unit: Mapped[ResponsibleUnit | None] = relationship(lazy="joined")
    updates: Mapped[list[TaskUpdate]] = relationship(back_populates="task", order_by="TaskUpdate.id",
                                                     cascade="all, delete-orphan", passive_deletes=True)

    @property
    def unit_name(self) -> str:
        """The assigned unit's name, else the suggested one."""
        return self.unit.name if self.unit is not None else self.suggested_unit

    @property
    def title(self) -> str:
        """The task's own clause (not its action and object glued together)."""
        from planwatch.extract.tasks import task_title

        return task_title(self.quote, self.action)

    @property
    def text(self) -> str:
        """The quote without the PDF line breaks."""
        return "".join(self.quote.split())

    def is_overdue(self, today: date | None = None) -> bool:
        """Open and past its deadline (or explicitly 滞后); whether anyone supervises it is not asked here (a task not
        under supervision is never late: `store.supervision.is_late`, `overdue_tasks`)."""
        today = today or date.today()
        if self.status == "滞后":
            return True
        return self.status in OPEN_STATUSES and self.deadline is not None and self.deadline < today


class TaskUpdate(Base):
    """One dated entry of a task's history: status change, evidence, link, who."""

    __tablename__ = "task_update"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    on_date: Mapped[date] = mapped_column(Date)  # the date the progress happened / was reported
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)  # when it was recorded
    who: Mapped[str] = mapped_column(String(100))
    status_from: Mapped[str] = mapped_column(String(8), default="")
    status_to: Mapped[str] = mapped_column(String(8), default="")
    evidence: Mapped[str] = mapped_column(Text, default="")
    link: Mapped[str] = mapped_column(String(500), default="")
    source: Mapped[str] = mapped_column(String(16), default="manual")  # manual / import / followup / assign
    # (store.supervision adds: report / request / approve / return / milestone)
    progress: Mapped[int | None] = mapped_column(Integer)  # percent, when the update reported one

    task: Mapped[Task] = relationship(back_populates="updates")


class FollowupProposal(Base):
    """A later document's achievement proposed as evidence for an earlier plan's task."""

    __tablename__ = "followup_proposal"
    __table_args__ = (UniqueConstraint("task_id", "plan_id", "start"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    quote: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    score: Mapped[float] = mapped_column(Double)
    shared: Mapped[list[str]] = mapped_column(JSON, default=list)  # named things both mention
    state: Mapped[str] = mapped_column(String(10), default="proposed", index=True)
    decided_by: Mapped[str] = mapped_column(String(100), default="")
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    task: Mapped[Task] = relationship()
    plan: Mapped[Plan] = relationship()


# ---------------------------------------------------------------- storing a plan's tasks


def unit_by_name(session: Session, name: str, generic: str = "", create: bool = True) -> ResponsibleUnit:
    """The unit called `name` (created when missing and `create`); NotFoundError otherwise."""
    name = name.strip()
    if not name:
        raise ValidationError("unit: a unit name is required", reason="unit_required")
    unit = session.scalar(select(ResponsibleUnit).where(ResponsibleUnit.name == name))
    if unit is None:
        if not create:
            raise NotFoundError(f"unit {name!r} does not exist; `planwatch tasks units` lists them, "
                                "`planwatch tasks assign ID UNIT --new` adds one",
                                kind="unit", key=name)
        unit = ResponsibleUnit(name=name, generic=generic)
        session.add(unit)
        session.flush()
    return unit


def unit_list(session: Session) -> list[ResponsibleUnit]:
    """Every stored unit (the bundled table's first), by name."""
    load_unit_table(session)
    return list(session.scalars(select(ResponsibleUnit).order_by(ResponsibleUnit.name)))


def load_unit_table(session: Session) -> int:
    """Make sure every unit of the bundled table exists; returns how many were added."""
    from planwatch.extract.task_units import load_units

    existing = set(session.scalars(select(ResponsibleUnit.name)))
    added = 0
    for rule in load_units():
        if rule.unit not in existing:
            session.add(ResponsibleUnit(name=rule.unit, generic=rule.generic))
            existing.add(rule.unit)
            added += 1
    session.flush()
    return added


def default_deadline(plan: Plan) -> date | None:
    """The end of the plan's year (a plan for 2019 is due 2019-12-31)."""
    return date(plan.year, 12, 31) if plan.year else None


def plan_tasks(text: str, doc: str, record_spans: list[tuple[int, int, str]], level: str | None
               ) -> tuple[list[ExtractedTask], list[str]]:
    """Extract the tasks of a plan's text and suggest a lead unit for each (pure: runs in ingest workers).

    `record_spans` are the (start, end, kind) of its records in position order; `level` is its government's.
    """
    from planwatch.extract.tasks import extract_tasks

    extracted = extract_tasks(text, doc, record_spans=[(start, end) for start, end, _ in record_spans])
    return extracted, suggest_units(extracted, level)


def generic_units(level: str | None) -> bool:
    """Above a district, tasks go to generic unit names (教育部门, not 区教育局)."""
    return (level or "district") != "district"


def suggest_units(items: list[ExtractedTask], level: str | None) -> list[str]:
    """The suggested lead unit of each task, for a government of `level`."""
    from planwatch.extract.task_units import suggest_units as suggest

    return suggest(items, generic=generic_units(level), level=level)  # "" for an achievement


def group_row(plan_id: int, item: ExtractedTask) -> dict[str, object]:
    """The TaskGroup row of an extracted task's group (the ORM and the bulk path both use it)."""
    return {"plan_id": plan_id, "position": item.group_index, "kind": item.kind,
            "label": item.group_label[:40], "title": item.group[:300], "start": item.group_start}


def task_fields(item: ExtractedTask, position: int, group_id: int, record_positions: list[int],
                suggested_unit: str) -> dict[str, object]:
    """The Task columns an extraction sets (kept rows get them again; new rows add `new_task_fields`)."""
    return {"group_id": group_id, "position": position, "kind": item.kind, "action": item.action[:100],
            "object": item.object, "quote": item.quote, "start": item.start, "end": item.end,
            "section": item.section, "domain": item.domain, "entities": list(item.entities),
            "record_positions": record_positions, "suggested_unit": suggested_unit if item.kind == "task" else "",
            "named_unit": named_of(item), **({} if item.kind == "task" else ACHIEVEMENT_FIELDS)}


def named_of(item: ExtractedTask) -> str | None:
    """The lead unit(s) the text names for a task (`Task.named_unit`), None when it names none or it is an achievement."""
    return item.lead_unit[:200] if item.kind == "task" and item.lead_unit else None


# An achievement is evidence (a result the plan reports), not a task to supervise: no status, unit or deadline.
ACHIEVEMENT_FIELDS: dict[str, object] = {"status": "", "deadline": None}


def new_task_fields(plan: Plan, item: ExtractedTask) -> dict[str, object]:
    """The columns a task gets once, when it is first stored: plan, initial status and deadline."""
    from planwatch.extract.tasks import deadline_of

    if item.kind != "task":
        return {"plan_id": plan.id, **ACHIEVEMENT_FIELDS}
    return {"plan_id": plan.id, "status": "未启动", "deadline": deadline_of(item, plan.year)}  # five-year: period end


def store_plan_tasks(session: Session, plan: Plan, text: str, who: str | None = None,
                     extracted: tuple[list[ExtractedTask], list[str]] | None = None,
                     records: int | None = None, added: bool = False) -> int:
    """(Re)store the tasks of `plan`; tasks whose text is unchanged keep their history.

    `extracted` is `plan_tasks(...)`'s answer when a worker already computed it; else it is computed here.
    A plan without stored tasks (the common case: a new plan) is written with bulk inserts. What `store_plan`
    just wrote need not be read back: with `extracted`, `records` is the number of its records (at positions
    0 … records - 1), and `added` says the plan is new, so it has no tasks or groups yet.
    """
    from planwatch.store.bulk import insert_rows, restore_row_triggers

    if extracted is not None and records is not None:
        positions = list(range(records))
    else:
        stored = session.execute(select(Record.position, Record.start, Record.end, Record.kind)
                                 .where(Record.plan_id == plan.id).order_by(Record.position)).all()
        positions = [r.position for r in stored]
    if extracted is None:
        level = plan.government.level if plan.government else None
        extracted = plan_tasks(text, plan.doc, [(r.start, r.end, r.kind) for r in stored], level)
    items, units = extracted
    if added:
        old: dict[tuple[str, str], Task] = {}
        old_groups: list[TaskGroup] = []
    else:
        old = {(t.kind, t.text): t for t in session.scalars(select(Task).where(Task.plan_id == plan.id))}
        old_groups = list(session.scalars(select(TaskGroup).where(TaskGroup.plan_id == plan.id)))
    load_unit_table(session)
    if not old and not old_groups:
        _insert_tasks(session, plan, items, units, positions, insert_rows)
        audit.log(session, "tasks.extract", "plan", plan.id, who, tasks=len(items), kept=0, removed=0)
        return len(items)
    restore_row_triggers(session)  # tasks are deleted below: their ids may be given again (store.bulk)
    groups: dict[int, TaskGroup] = {}
    kept: set[int] = set()
    for position, (item, unit) in enumerate(zip(items, units, strict=True)):
        group = groups.get(item.group_index)
        if group is None:
            group = TaskGroup(**group_row(plan.id, item))
            session.add(group)
            session.flush()
            groups[item.group_index] = group
        row = old.pop((item.kind, "".join(item.quote.split())), None)
        if row is None:
            row = Task(**new_task_fields(plan, item))
            session.add(row)
        else:
            kept.add(row.id)
        for key, value in task_fields(item, position, group.id, [positions[i] for i in item.quantities if i < len(positions)],
                                      unit).items():
            setattr(row, key, value)
        row.group = group
    for gone in old.values():
        session.delete(gone)
    session.flush()
    for group in old_groups:
        session.delete(group)
    session.flush()
    audit.log(session, "tasks.extract", "plan", plan.id, who, tasks=len(items), kept=len(kept),
              removed=len(old))
    return len(items)


def _insert_tasks(session: Session, plan: Plan, items: list[ExtractedTask], units: list[str], positions: list[int],
                  insert_rows: object) -> None:
    """Bulk-insert a new plan's groups (ids returned in order) and tasks, from the same row functions."""
    from planwatch.store.bulk import insert_rows_ids

    if not items:
        return
    connection = session.connection()
    firsts: dict[int, ExtractedTask] = {}
    for item in items:
        firsts.setdefault(item.group_index, item)
    group_ids = insert_rows_ids(connection, TaskGroup.__table__, [group_row(plan.id, item) for item in firsts.values()])
    by_index = dict(zip(firsts, group_ids, strict=True))
    plan_id, year, count = plan.id, plan.year, len(positions)  # read once, not through the ORM per row
    rows = [new_task_row(plan_id, year, item, position, by_index[item.group_index],
                         [positions[i] for i in item.quantities if i < count] if item.quantities else [], unit)
            for position, (item, unit) in enumerate(zip(items, units, strict=True))]
    insert_rows(connection, Task.__table__, rows)  # type: ignore[operator]


def new_task_row(plan_id: int, year: int | None, item: ExtractedTask, position: int, group_id: int,
                 record_positions: list[int], suggested_unit: str) -> dict[str, object]:
    """`new_task_fields(plan, item) | task_fields(item, …)` in one dict, for the bulk insert of a new plan's
    tasks (thousands a plan; tests/store/test_tasks.py checks the two agree)."""
    from planwatch.extract.tasks import deadline_of

    if item.kind == "task":
        status, deadline, unit = "未启动", deadline_of(item, year), suggested_unit
    else:
        status, deadline, unit = "", None, ""
    return {"plan_id": plan_id, "status": status, "deadline": deadline, "group_id": group_id, "position": position,
            "kind": item.kind, "action": item.action[:100], "object": item.object, "quote": item.quote,
            "start": item.start, "end": item.end, "section": item.section, "domain": item.domain,
            "entities": list(item.entities), "record_positions": record_positions, "suggested_unit": unit,
            "named_unit": named_of(item)}


def refresh_tasks(session: Session, plan_id: int | None = None, every: bool = False,
                  who: str | None = None) -> list[tuple[int, int]]:
    """(Re)extract the tasks of stored plans: one plan, every plan, or those without tasks; [(plan id, tasks)].

    Follow-up proposals are the monitor stage's business: the caller runs them after.
    """
    query = select(Plan).order_by(Plan.year, Plan.id)
    if plan_id is not None:
        query = query.where(Plan.id == plan_id)
    elif not every:
        query = query.where(Plan.id.not_in(select(Task.plan_id)))
    plans = list(session.scalars(query))
    if plan_id is not None and not plans:
        raise NotFoundError(f"plan {plan_id} is not stored; `planwatch plans` lists them", kind="plan", key=plan_id)
    return [(plan.id, store_plan_tasks(session, plan, plan.text, who)) for plan in plans]




# ---------------------------------------------------------------- reading


@dataclass(frozen=True, slots=True)
class TaskFilter:
    """Which tasks to list."""

    plan_id: int | None = None
    unit: str | None = None
    status: str | None = None
    kind: str | None = "task"


def latest_plan(session: Session) -> Plan | None:
    """The most recently ingested plan that has tasks.

    Plans newest first, each asked whether it has a task (`ix_task_plan_id`), not every task's plan
    gathered first: 1.2 s -> 1 ms with 3.9 million tasks."""
    has_tasks = select(Task.id).where(Task.plan_id == Plan.id, Task.kind == "task").exists()
    return session.scalar(select(Plan).where(has_tasks)
                          .order_by(Plan.year.desc(), Plan.ingested_at.desc(), Plan.id.desc()).limit(1))


def stored_plan(session: Session, plan_id: int | None) -> int | None:
    """`plan_id` once that plan is known to be stored (NotFoundError otherwise, as `assess --plan` says);
    None stays None: a `--plan` that names nothing must fail, not list nothing."""
    if plan_id is not None:
        get_plan(session, plan_id)
    return plan_id


def plan_or_latest(session: Session, plan_id: int | None) -> int | None:
    """The plan a command is about: `plan_id` checked by `stored_plan`, else the latest with tasks (None: none)."""
    if plan_id is not None:
        return stored_plan(session, plan_id)
    return getattr(latest_plan(session), "id", None)


def check_units(session: Session, names: Iterable[str]) -> None:
    """NotFoundError for the first name that is neither a stored unit nor one of the bundled table's: a mistyped
    `--unit` must fail, not list nothing."""
    from planwatch.extract.task_units import unit_names

    wanted = {n.strip() for n in names}
    stored = set(session.scalars(select(ResponsibleUnit.name).where(ResponsibleUnit.name.in_(wanted))))
    unknown = sorted(wanted - stored - set(unit_names()))
    if unknown:
        raise NotFoundError(f"unit {unknown[0]!r} is not stored; `planwatch tasks units` lists them",
                            kind="unit", key=unknown[0])


def list_tasks(session: Session, where: TaskFilter = TaskFilter()) -> list[Task]:
    """Tasks in plan order, with their group, unit and history loaded."""
    query = select(Task).options(selectinload(Task.group), selectinload(Task.updates)).order_by(Task.plan_id, Task.position)
    if where.plan_id is not None:
        query = query.where(Task.plan_id == where.plan_id)
    if where.kind:
        query = query.where(Task.kind == where.kind)
    if where.status:
        _check_status(where.status)
        query = query.where(Task.status == where.status)
    tasks = list(session.scalars(query))
    if where.unit:
        tasks = [t for t in tasks if t.unit_name == where.unit.strip()]
    return tasks


def get_task(session: Session, task_id: int, writable: bool = False) -> Task:
    """The task with this id; NotFoundError otherwise (ValidationError for an achievement when `writable`)."""
    task = session.get(Task, task_id)
    if task is None:
        raise NotFoundError(f"task {task_id} does not exist; `planwatch tasks` lists them with their ids",
                            kind="task", key=task_id)
    if writable and task.kind != "task":
        raise ValidationError(f"task {task_id} is an achievement (a result already reported), not a task to supervise",
                              reason="task_is_achievement", task=task_id)
    return task


def overdue_tasks(session: Session, today: date | None = None, plan_id: int | None = None) -> list[Task]:
    """Open tasks assigned to a unit past their deadline, and those marked 滞后 (`store.supervision.is_late`: a task
    never assigned, its unit only suggested, is overdue for nobody, in a plan under supervision or not)."""
    from planwatch.store.supervision import tracked_plans, under_supervision

    tasks = [t for t in list_tasks(session, TaskFilter(plan_id=plan_id)) if t.is_overdue(today)]
    tracked = tracked_plans(session, {t.plan_id for t in tasks})
    return [t for t in tasks if t.unit_id is not None and under_supervision(t, tracked)]


# ---------------------------------------------------------------- writing


def _check_status(status: str) -> str:
    """`status` if it is one of STATUSES, else ValidationError."""
    if status not in STATUSES:
        raise ValidationError(f"status {status!r}: must be one of {' / '.join(STATUSES)}", reason="task_status",
                              status=status, statuses=" / ".join(STATUSES))
    return status


def assignment_note(task: Task, unit: str) -> str:
    """The history's words for making `unit` the lead of `task`: a change of lead unit ("牵头单位：甲 → 乙") once one was
    assigned; before that the task is handed to it (交办), saying which unit the document named or the machine
    suggested. Review ux4 #20: assigning the suggested unit read "牵头单位：区教育局 → 区教育局", a change to itself."""
    if task.unit is not None:
        return f"牵头单位：{task.unit.name} → {unit}"
    named = task.named_unit or ""
    earlier, kind = (named, "文件指定") if named else (task.suggested_unit or "", "建议")
    if not earlier:
        return f"交办给{unit}"
    if earlier == unit:
        return f"交办给{unit}（原为{kind}单位）"
    return f"交办给{unit}（原{kind}单位：{earlier}）"


def assign(session: Session, task_id: int, unit: str, who: str | None = None,
           deadline: date | None = None, create: bool = False) -> Task:
    """Make `unit` the task's lead unit (and set its deadline, if given); a new unit only with `create`."""
    task = get_task(session, task_id, writable=True)
    load_unit_table(session)
    row = unit_by_name(session, unit, create=create)
    before = task.unit_name
    note = assignment_note(task, row.name)
    task.unit_id, task.unit = row.id, row
    if deadline is not None:
        note += f"；完成时限：{task.deadline or '—'} → {deadline}"
        task.deadline = deadline
    task.updated_at = utcnow()
    session.add(TaskUpdate(task=task, on_date=date.today(), who=audit.current_user(who), status_from=task.status,
                           status_to=task.status, evidence=note, source="assign"))
    audit.log(session, "task.assign", "task", task.id, who, unit=row.name, previous=before,
              deadline=str(deadline) if deadline else None)
    return task


def latest_today() -> date:
    """Today where it is latest on Earth (UTC+14): a server's clock in UTC or Europe never refuses a Chinese
    office's today (00:00–08:00 China time is still yesterday in UTC)."""
    return (datetime.now(UTC) + timedelta(hours=14)).date()


def future_date(on: date | None) -> bool:
    """Whether `on` is after today: progress is recorded on a day it happened, never ahead (one rule, CLI and web)."""
    return on is not None and on > latest_today()


def update_task(session: Session, task_id: int, status: str | None = None, who: str | None = None,
                evidence: str = "", link: str = "", on: date | None = None, source: str = "manual",
                deadline: date | None = None) -> TaskUpdate:
    """Record progress on a task: maybe a new status, with evidence, an optional link and the date."""
    task = get_task(session, task_id, writable=True)
    new = _check_status(status) if status else task.status
    if not status and not evidence.strip() and not link.strip() and deadline is None:
        raise ValidationError(f"task {task_id}: an update needs a status, evidence, a link or a deadline",
                              reason="update_empty", task=task_id)
    if link and not link.startswith(("http://", "https://", "/")):
        raise ValidationError(f"task {task_id}: link {link!r} must be an http(s) URL or a path", reason="link_invalid",
                              task=task_id, link=link)
    if future_date(on):
        today = latest_today()
        raise ValidationError(f"task {task_id}: the date {on} is after today ({today}); record progress on the day it "
                              "happened", reason="future_date", task=task_id, on=str(on), today=str(today))
    entry = TaskUpdate(task=task, on_date=on or date.today(), who=audit.current_user(who), status_from=task.status,
                       status_to=new, evidence=evidence.strip(), link=link.strip(), source=source)
    session.add(entry)
    previous = task.status
    task.status = new
    if new != previous:  # the CLI, an Excel import and follow-up act as the planning office (store.supervision)
        task.signoff = "approved" if new == "已完成" else ("" if task.signoff == "approved" else task.signoff)
    if deadline is not None:
        task.deadline = deadline
    task.updated_at = utcnow()
    session.flush()
    audit.log(session, "task.update", "task", task.id, who, status=new, previous=previous,
              evidence=evidence[:200], link=link, source=source)
    return entry


def task_records(session: Session, task: Task) -> list[Record]:
    """The stored quantities (targets, results) quoted inside the task."""
    if not task.record_positions:
        return []
    return list(session.scalars(select(Record).where(Record.plan_id == task.plan_id,
                                                     Record.position.in_(task.record_positions))
                                .order_by(Record.position)))


def last_update(task: Task) -> TaskUpdate | None:
    """The task's latest history entry, if any."""
    return task.updates[-1] if task.updates else None


__all__ = [
    "OPEN_STATUSES", "STATUSES", "FollowupProposal", "ResponsibleUnit", "Task", "TaskFilter", "TaskGroup",
    "TaskUpdate", "assign", "check_units", "default_deadline", "future_date", "get_task", "last_update", "latest_plan",
    "latest_today", "list_tasks",
    "load_unit_table", "overdue_tasks", "plan_or_latest", "refresh_tasks", "stored_plan", "task_records", "unit_list",
    "store_plan_tasks", "unit_by_name", "update_task",
]
