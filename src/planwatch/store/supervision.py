"""The supervision cycle (督办) on top of the task ledger: assignment, reports, sign-off, rounds, reminders.

- **Assignment**: a lead unit (牵头单位), co-units (协办单位), a deadline and milestones (节点),
  set by the planning office (role ``office``) or an administrator.
- **Reports** by the lead unit's editors (co-units may add progress too): status, percentage,
  evidence text, a link and files. Files are kept outside the database under
  ``settings.evidence_dir`` by their SHA-256 (`store_file`).
- **Sign-off** (销号): a unit's 已完成 is a *request* (``Task.signoff == "requested"``, the
  status does not change); the office approves it (status 已完成) or returns it with a reason.
  Only approved tasks are completed: `is_completed` / `completed_condition` is the one
  definition every statistic, report and evaluation uses.
- **Rounds and reminders**: the office opens a reporting round with a due date; each unit
  owes a report on each of its open tasks until it reports within the round. `unit_digest`
  is what a unit owes, what is overdue, due soon and returned: the inbox page and
  `planwatch remind` show the same lists.

Every step adds a `TaskUpdate` to the task's history and an audit-log row, in the caller's
transaction. Errors are `SupervisionError` (a `ValidationError` with a stable ``reason`` code and
parameters, so the web edge can say it in the interface language).
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import re
import tempfile
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from planwatch.errors import NotFoundError, PermissionDenied, ValidationError
from planwatch.settings import Settings, get_settings
from planwatch.store import audit
from planwatch.store.schema import Base, Plan, utcnow
from planwatch.store.tasks import (
    OPEN_STATUSES,
    STATUSES,
    ResponsibleUnit,
    Task,
    TaskFilter,
    TaskUpdate,
    assignment_note,
    future_date,
    get_task,
    latest_plan,
    latest_today,
    list_tasks,
    load_unit_table,
    stored_plan,
    unit_by_name,
)

COMPLETED = "已完成"
CANCELLED = "取消"
OFFICE_ROLES = ("admin", "office")
# what a unit's liaison may set in a report, in the one order of STATUSES: not 未启动 (a started task does not go back)
# nor 取消 (the office cancels); their 已完成 asks for sign-off
UNIT_STATUSES = tuple(s for s in STATUSES if s not in ("未启动", CANCELLED))
SIGNOFF_STATES = ("", "requested", "returned", "approved")
DECISIONS = ("approve", "return")

# What a file's first bytes must be for its extension (content sniffing: a renamed HTML page is refused).
_MAGIC: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpg": (b"\xff\xd8\xff",), "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
    "webp": (b"RIFF",),
    "doc": (b"\xd0\xcf\x11\xe0",), "xls": (b"\xd0\xcf\x11\xe0",), "ppt": (b"\xd0\xcf\x11\xe0",),
    "docx": (b"PK\x03\x04",), "xlsx": (b"PK\x03\x04",), "pptx": (b"PK\x03\x04",),
    "odt": (b"PK\x03\x04",), "ods": (b"PK\x03\x04",), "odp": (b"PK\x03\x04",),
}
CONTENT_TYPES: dict[str, str] = {
    "pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif",
    "webp": "image/webp", "doc": "application/msword", "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text", "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
}


class SupervisionError(ValidationError):
    """A supervision rule refused the write: `reason` is a stable code, `params` fill its message."""

    def __init__(self, reason: str, message: str, **params: Any) -> None:
        super().__init__(message, reason=reason, **params)


class SupervisionDenied(PermissionDenied):
    """The user's role or units do not allow this supervision step."""

    def __init__(self, reason: str, message: str, **params: Any) -> None:
        super().__init__(message)
        self.reason = reason
        self.params = params


# ---------------------------------------------------------------- tables


class TaskCoUnit(Base):
    """A co-operating unit (协办单位) of a task."""

    __tablename__ = "task_co_unit"
    __table_args__ = (UniqueConstraint("task_id", "unit_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("responsible_unit.id", ondelete="CASCADE"), index=True)

    unit: Mapped[ResponsibleUnit] = relationship(lazy="joined")


class Milestone(Base):
    """A dated step (节点) of a task: "完成立项 by 2019-06-30"."""

    __tablename__ = "task_milestone"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    due: Mapped[date | None] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)
    done_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class EvidenceFile(Base):
    """A file attached to a task report; the bytes live in ``evidence_dir/<sha[:2]>/<sha>``."""

    __tablename__ = "task_file"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    task_id: Mapped[int] = mapped_column(ForeignKey("task.id", ondelete="CASCADE"), index=True)
    update_id: Mapped[int | None] = mapped_column(ForeignKey("task_update.id", ondelete="SET NULL"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    who: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ReportRound(Base):
    """A reporting round (e.g. 2019 年 6 月进展填报): every unit reports on its open tasks by `due`."""

    __tablename__ = "report_round"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    plan_id: Mapped[int | None] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    opened_on: Mapped[date] = mapped_column(Date)
    due: Mapped[date] = mapped_column(Date)
    closed: Mapped[bool] = mapped_column(Boolean, default=False)
    who: Mapped[str] = mapped_column(String(100))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class UnitContact(Base):
    """The mailbox reminders for a unit go to (its 督办 liaison)."""

    __tablename__ = "unit_contact"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("responsible_unit.id", ondelete="CASCADE"), unique=True)
    email: Mapped[str] = mapped_column(String(320))


# ---------------------------------------------------------------- who may do what


def is_office(role: str | None) -> bool:
    """True for the planning office and administrators (they assign, review and open rounds)."""
    return role in OFFICE_ROLES


def _require_office(role: str | None) -> None:
    if not is_office(role):
        raise SupervisionDenied("office_only", "only the planning office (role office) or an administrator may do this")


# ---------------------------------------------------------------- completion: the one definition


def is_completed(task: Task) -> bool:
    """True when the task counts as completed: signed off by the office (a unit's request does not count)."""
    return task.status == COMPLETED


def completed_condition() -> ColumnElement[bool]:
    """SQL condition for completed tasks (use in ``select(Task).where(...)``), the same rule as `is_completed`."""
    return Task.status == COMPLETED


def approved_task_ids(session: Session, task_ids: list[int]) -> set[int]:
    """The ids among `task_ids` that count as completed (signed off): what reports and the evaluation count."""
    if not task_ids:
        return set()
    return set(session.scalars(select(Task.id).where(Task.id.in_(task_ids), completed_condition())))


def awaiting_signoff(task: Task) -> bool:
    """True while the unit's completion request waits for the office."""
    return task.signoff == "requested"


@dataclass(frozen=True, slots=True)
class TaskState:
    """A task as it stood on a date, read back from its history (`state_as_of`)."""

    status: str
    signoff: str
    completed_on: date | None  # the day it was signed off (status 已完成), when it was and the history says so


def _signoff_after(signoff: str, entry: TaskUpdate) -> str:
    """The sign-off state after one history entry (the transitions `report` and `review` make)."""
    if entry.source == "request":
        return "requested"
    if entry.source == "approve" or entry.status_to == COMPLETED:
        return "approved"
    if entry.source == "return":
        return "returned"
    if entry.status_to and entry.status_to != entry.status_from and signoff in ("approved", "requested"):
        return ""  # the office changed the status: a request or a sign-off no longer stands
    return signoff


def state_as_of(task: Task, as_of: date) -> TaskState:
    """The task's status, sign-off state and completion day on `as_of`, from its dated history.

    A task signed off in 2026 was not completed on 2019-06-30: the entries dated after `as_of` are
    undone (the status before the first entry is its ``status_from``). On or after the last entry's date
    the state is the task's own (the same as every other page shows)."""
    entries = sorted(task.updates, key=lambda u: (u.on_date, u.id))
    completed_on = None
    status = entries[0].status_from or task.status if entries else task.status
    signoff = ""
    for entry in entries:
        if entry.on_date > as_of:
            break
        if entry.status_to:
            if entry.status_to == COMPLETED and status != COMPLETED:
                completed_on = entry.on_date
            status = entry.status_to
        signoff = _signoff_after(signoff, entry)
    if not entries or entries[-1].on_date <= as_of:
        status, signoff = task.status, task.signoff
    if status != COMPLETED:
        completed_on = None
    return TaskState(status, signoff, completed_on)


def _late(state: TaskState, deadline: date | None, as_of: date) -> bool:
    if state.status == "滞后":
        return True
    return state.status in OPEN_STATUSES and deadline is not None and deadline < as_of


# ---------------------------------------------------------------- under supervision: the one definition of "can be late"


def tracked_plans(session: Session, plan_ids: Iterable[int | None]) -> set[int]:
    """Those of `plan_ids` under supervision (督办): a reporting round was opened for it, someone recorded a step on
    one of its tasks (an assignment, a deadline, a report, a sign-off …: ingest records none), or a task's status was
    set. A plan nobody supervises has no task late: its deadlines are the machine's default (the end of the plan
    year) and its units only suggested, so a task past that date is untracked (未督办), not known undone."""
    wanted = {p for p in plan_ids if p is not None}
    if not wanted:
        return set()
    found: set[int] = set()
    for chunk in _chunks(sorted(wanted)):
        found.update(p for p in session.scalars(select(ReportRound.plan_id).where(ReportRound.plan_id.in_(chunk))
                                                 .distinct()) if p is not None)
        found.update(session.scalars(select(Task.plan_id).join(TaskUpdate, TaskUpdate.task_id == Task.id)
                                     .where(Task.plan_id.in_(chunk)).distinct()))
        found.update(session.scalars(select(Task.plan_id).where(Task.plan_id.in_(chunk), Task.kind == "task",
                                                                Task.status != "未启动").distinct()))
    return found


def _chunks(ids: list[int], size: int = 500) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def under_supervision(task: Task, tracked: Collection[int]) -> bool:
    """Whether `task` is supervised: a unit was assigned to it (交办), or its plan is under supervision (`tracked`, from
    `tracked_plans`). Only then can it be late; otherwise it is 未督办."""
    return task.unit_id is not None or task.plan_id in tracked


def is_late(task: Task, as_of: date, tracked: Collection[int]) -> bool:
    """Assigned to a unit (交办) and, as the task stood on `as_of` (`state_as_of`), open (not completed, not cancelled)
    and past its deadline, or marked 滞后. A task never assigned (only suggested: 待交办) is late for no unit, even in a
    plan under supervision (`tracked`): review ux4 #5, the office's first assignment turned 260 tasks 逾期."""
    return (task.unit_id is not None and under_supervision(task, tracked)
            and _late(state_as_of(task, as_of), task.deadline, as_of))



def completed_late(task: Task, as_of: date) -> bool:
    """Signed off by `as_of`, on a day after its deadline (逾期完成)."""
    state = state_as_of(task, as_of)
    return (state.status == COMPLETED and state.completed_on is not None and task.deadline is not None
            and state.completed_on > task.deadline)


# ---------------------------------------------------------------- reading helpers


def co_units(session: Session, task_ids: list[int]) -> dict[int, list[str]]:
    """{task id: [co-unit names]} for these tasks."""
    if not task_ids:
        return {}
    out: dict[int, list[str]] = {}
    rows = session.execute(select(TaskCoUnit.task_id, ResponsibleUnit.name).join(ResponsibleUnit)
                           .where(TaskCoUnit.task_id.in_(task_ids)).order_by(ResponsibleUnit.name))
    for task_id, name in rows:
        out.setdefault(task_id, []).append(name)
    return out


def milestones(session: Session, task_id: int) -> list[Milestone]:
    """The task's milestones by due date."""
    return list(session.scalars(select(Milestone).where(Milestone.task_id == task_id)
                                .order_by(Milestone.due.is_(None), Milestone.due, Milestone.id)))


def files(session: Session, task_id: int) -> list[EvidenceFile]:
    """The task's evidence files, oldest first."""
    return list(session.scalars(select(EvidenceFile).where(EvidenceFile.task_id == task_id).order_by(EvidenceFile.id)))


def get_file(session: Session, file_id: int) -> EvidenceFile:
    """The evidence file with this id; NotFoundError otherwise."""
    row = session.get(EvidenceFile, file_id)
    if row is None:
        raise NotFoundError(f"evidence file {file_id} does not exist", kind="evidence", key=file_id)
    return row


def display_names(session: Session, logins: set[str]) -> dict[str, str]:
    """{login: display name} for the users among `logins` (others keep their login)."""
    from planwatch.store.accounts import User

    if not logins:
        return {}
    rows = session.execute(select(User.username, User.display_name).where(User.username.in_(sorted(logins))))
    return {login: name or login for login, name in rows}


def supervised_plans(session: Session, as_of: date | None = None, settings: Settings | None = None) -> list[int]:
    """The plans under supervision, by id: those of the rounds open on `as_of` and those with a supervision step
    recorded (any task history: an assignment, milestone, report, sign-off request or decision, follow-up);
    when there is none, the latest plan with tasks.

    Not "the latest plan": another government's plan ingested later hid the work going on (我的任务 and the
    inbox showed nothing while a unit's task waited, sent back, in an older plan). Nor every plan where a unit
    name appears: a district's unit names (区教育局) recur in every district's plans. Task history is written
    by people only (ingest writes none), so the scan of `task_update` stays small."""
    as_of = as_of or date.today()
    ids = {r.plan_id for r in open_rounds(session, as_of, settings) if r.plan_id is not None}
    ids.update(session.scalars(select(Task.plan_id).join(TaskUpdate, TaskUpdate.task_id == Task.id).distinct()))
    if not ids:
        plan = latest_plan(session)
        ids = {plan.id} if plan is not None else set()
    return sorted(ids)


def tasks_of_units(session: Session, units: set[str], plan_id: int | None = None,
                   plan_ids: list[int] | None = None) -> list[tuple[Task, str]]:
    """[(task, "lead" | "co" | "suggested")]: tasks these units lead (assigned to them) or co-operate on, and those
    only suggested to them (never assigned: they owe nothing on these), in one plan (`plan_id`), in the plans
    `plan_ids`, or (neither given) in every plan."""
    wanted: list[int | None] = [plan_id] if plan_id is not None or plan_ids is None else list(plan_ids)
    tasks = [t for pid in wanted for t in list_tasks(session, TaskFilter(plan_id=pid))]
    co = co_units(session, [t.id for t in tasks])
    out = []
    for task in tasks:
        if task.unit is not None and task.unit.name in units:
            out.append((task, "lead"))
        elif units.intersection(co.get(task.id, ())):
            out.append((task, "co"))
        elif task.unit is None and task.unit_name in units:
            out.append((task, "suggested"))
    return out


# ---------------------------------------------------------------- assignment and milestones


def _unit(session: Session, name: str) -> ResponsibleUnit:
    try:
        return unit_by_name(session, name, create=False)
    except NotFoundError:
        raise SupervisionError("unknown_unit", f"unit {name!r} does not exist; `planwatch tasks units` lists them",
                               unit=name) from None


def _same_government(session: Session, task: Task, rows: list[ResponsibleUnit]) -> None:
    """SupervisionError when a unit belongs to another government than the task's plan (the pages offer only the
    plan's government's units and unplaced ones; the API and the CLI take any name)."""
    from planwatch.store.unit_registry import foreign_units

    foreign = foreign_units(session, task.plan_id, [row.id for row in rows])
    if foreign:
        unit, government = next(iter(foreign.items()))
        plan = session.get(Plan, task.plan_id)
        own = plan.government.name if plan is not None and plan.government is not None else ""
        raise SupervisionError("other_government",
                               f"unit {unit!r} belongs to {government}, not to {own} whose plan task {task.id} is of; "
                               "choose one of the plan's government's units, or place the unit on /admin/units",
                               unit=unit, government=government, plan_government=own)


def assignment_version(task: Task, co: Iterable[str]) -> str:
    """A short fingerprint of a task's assignment as shown (lead unit, co-units `co`, deadline): the assignment form
    sends it back, and `assign` refuses a save made on an older one (someone assigned the task in between)."""
    text = f"{task.unit_id or ''}|{'、'.join(sorted(co))}|{task.deadline or ''}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _check_version(session: Session, task: Task, version: str) -> None:
    """SupervisionError `stale_assignment` when the task's assignment is no longer the one `version` was made of: the
    form was shown before someone else's assignment, and saving it would silently undo theirs."""
    if version == assignment_version(task, co_units(session, [task.id]).get(task.id, [])):
        return
    last = max((u for u in task.updates if u.source == "assign"), key=lambda u: u.id, default=None)
    who = display_names(session, {last.who}).get(last.who, last.who) if last is not None else "—"
    on = str(last.on_date) if last is not None else "—"
    raise SupervisionError("stale_assignment", f"task {task.id} was assigned by {who} ({on}) after this form was "
                           "shown; reload it and assign again (nothing was changed)", task=task.id, who=who, on=on)


def assign(session: Session, task_id: int, who: str, role: str, lead: str | None = None,
           co: list[str] | None = None, deadline: date | None = None, version: str | None = None) -> Task:
    """Set the lead unit, the co-units (replacing them) and/or the deadline of a task (office and admins).

    `version`: the `assignment_version` the form was shown with; a save on an older one is refused
    (`stale_assignment`), not written over the newer assignment."""
    _require_office(role)
    task = get_task(session, task_id, writable=True)
    if version is not None:
        _check_version(session, task, version)
    load_unit_table(session)
    notes = []
    if lead:
        row = _unit(session, lead)
        _same_government(session, task, [row])
        if task.unit_id != row.id:
            notes.append(assignment_note(task, row.name))
        task.unit_id, task.unit = row.id, row
    if co is not None:
        names = list(dict.fromkeys(n.strip() for n in co if n and n.strip()))
        if task.unit_name in names:
            raise SupervisionError("co_is_lead", f"{task.unit_name} is the lead unit; it cannot also be a co-unit",
                                   unit=task.unit_name)
        rows = [_unit(session, n) for n in names]
        _same_government(session, task, rows)
        before = sorted(co_units(session, [task.id]).get(task.id, []))
        for old in session.scalars(select(TaskCoUnit).where(TaskCoUnit.task_id == task.id)):
            session.delete(old)
        session.flush()
        for unit_row in rows:
            session.add(TaskCoUnit(task_id=task.id, unit_id=unit_row.id))
        if before != sorted(names):
            notes.append(f"协办单位：{'、'.join(before) or '—'} → {'、'.join(names) or '—'}")
    if deadline is not None and deadline != task.deadline:
        notes.append(f"完成时限：{task.deadline or '—'} → {deadline}")
        task.deadline = deadline
    if not notes:
        return task
    task.updated_at = utcnow()
    session.add(TaskUpdate(task=task, on_date=date.today(), who=who, status_from=task.status, status_to=task.status,
                           evidence="；".join(notes), source="assign"))
    session.flush()
    audit.log(session, "task.assign", "task", task.id, who, lead=task.unit_name,
              co=sorted(co_units(session, [task.id]).get(task.id, [])), deadline=str(task.deadline or ""))
    return task


def assign_many(session: Session, task_ids: list[int], who: str, role: str, lead: str | None = None,
                co: list[str] | None = None, deadline: date | None = None) -> list[Task]:
    """`assign` for several tasks at once: all of them or none (the caller's transaction)."""
    if not task_ids:
        raise SupervisionError("no_tasks", "choose at least one task")
    if not lead and co is None and deadline is None:
        raise SupervisionError("nothing_to_assign", "give a lead unit, co-units or a deadline")
    return [assign(session, task_id, who, role, lead, co, deadline) for task_id in dict.fromkeys(task_ids)]


def add_milestone(session: Session, task_id: int, title: str, due: date | None, who: str, role: str) -> Milestone:
    """Add a milestone (节点) to a task (office and admins)."""
    _require_office(role)
    task = get_task(session, task_id, writable=True)
    title = " ".join(title.split())
    if not title:
        raise SupervisionError("milestone_title", "a milestone needs a title")
    row = Milestone(task_id=task.id, title=title[:300], due=due)
    session.add(row)
    session.add(TaskUpdate(task=task, on_date=date.today(), who=who, status_from=task.status, status_to=task.status,
                           evidence=f"新增节点：{title}（{due or '—'}）", source="milestone"))
    session.flush()
    audit.log(session, "task.milestone", "task", task.id, who, milestone=row.id, title=title, due=str(due or ""))
    return row


def complete_milestone(session: Session, milestone_id: int, who: str, units: set[str], role: str,
                       on: date | None = None) -> Milestone:
    """Mark a milestone reached (the task's lead unit, the office or an administrator)."""
    row = session.get(Milestone, milestone_id)
    if row is None:
        raise NotFoundError(f"milestone {milestone_id} does not exist", kind="milestone", key=milestone_id)
    task = get_task(session, row.task_id, writable=True)
    if not is_office(role) and not (role == "editor" and task.unit_name in units):
        raise SupervisionDenied("not_your_unit", f"only the task's unit ({task.unit_name}) may do this",
                                unit=task.unit_name or "—")
    _not_ahead(on)
    if row.done_on is not None:
        raise SupervisionError("milestone_done", f"milestone {row.title!r} is already reached", title=row.title)
    row.done_on, row.done_by = on or date.today(), who
    session.add(TaskUpdate(task=task, on_date=row.done_on, who=who, status_from=task.status, status_to=task.status,
                           evidence=f"节点完成：{row.title}", source="milestone"))
    session.flush()
    audit.log(session, "task.milestone_done", "task", task.id, who, milestone=row.id, title=row.title)
    return row


# ---------------------------------------------------------------- reports and sign-off


@dataclass(frozen=True, slots=True)
class Upload:
    """An evidence file as received: its original name and bytes."""

    name: str
    data: bytes


def check_file(upload: Upload, settings: Settings | None = None) -> tuple[str, str]:
    """(extension, content type) of an acceptable evidence file; SupervisionError naming the problem otherwise."""
    settings = settings or get_settings()
    name = Path(upload.name or "").name
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = [t.lower().lstrip(".") for t in settings.evidence_types]
    if extension not in allowed or extension not in CONTENT_TYPES:
        raise SupervisionError("file_type", f"{name or '(no name)'}: type .{extension} is not accepted; "
                               f"accepted: {', '.join(allowed)}", name=name or "—", types=", ".join(allowed))
    if not upload.data:
        raise SupervisionError("file_empty", f"{name}: the file is empty", name=name)
    if len(upload.data) > settings.evidence_max_bytes:
        limit = f"{settings.evidence_max_bytes / 1024 / 1024:.0f} MB"  # as PLANWATCH_MAX_FILE_MB and the forms say
        raise SupervisionError("file_size", f"{name}: larger than the limit of {limit}", name=name, limit=limit)
    if not upload.data.startswith(_MAGIC.get(extension, (b"",))):
        raise SupervisionError("file_content", f"{name}: the content is not a .{extension} file", name=name,
                               type=extension)
    return extension, CONTENT_TYPES[extension]


def file_path(sha256: str, settings: Settings | None = None) -> Path:
    """Where the bytes with this digest are kept."""
    settings = settings or get_settings()
    return Path(settings.evidence_dir) / sha256[:2] / sha256


_NO_SPACE = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
log = logging.getLogger("planwatch.evidence")


class StorageFull(SupervisionError):
    """The evidence folder's disk is full: nothing of the report was kept (the transaction rolls back). The web
    answers 507 on the form (review ux4 #13: a bare 500 and two tracebacks); one log line names the folder."""


def _storage_full(settings: Settings, exc: OSError) -> StorageFull:
    import shutil

    folder = settings.evidence_dir
    try:
        free = f"{shutil.disk_usage(folder).free // 1024} KB free"
    except OSError:
        free = "free space unknown"
    log.error("evidence folder %s is full (%s: %s): a report with files was refused, nothing saved",
              Path(folder).resolve(), free, exc.strerror or exc)
    return StorageFull("storage_full", f"no space left for evidence files in {folder} ({free}): the report was not "
                       "saved; free space there or ask the administrator", folder=str(folder))


def store_file(session: Session, task: Task, upload: Upload, who: str, update: TaskUpdate | None = None,
               settings: Settings | None = None) -> EvidenceFile:
    """Check and keep an evidence file (written once per content hash, atomically) and record it on the task."""
    settings = settings or get_settings()
    _extension, content_type = check_file(upload, settings)
    digest = hashlib.sha256(upload.data).hexdigest()
    path = file_path(digest, settings)
    if not path.is_file():
        temporary = ""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
            with os.fdopen(handle, "wb") as out:
                out.write(upload.data)
            os.replace(temporary, path)
        except BaseException as exc:
            if temporary:
                Path(temporary).unlink(missing_ok=True)
            if isinstance(exc, OSError) and exc.errno in _NO_SPACE:
                raise _storage_full(settings, exc) from None
            raise
    row = EvidenceFile(task_id=task.id, update_id=update.id if update is not None else None,
                       name=Path(upload.name).name[:255], content_type=content_type, size=len(upload.data),
                       sha256=digest, who=who)
    session.add(row)
    session.flush()
    audit.log(session, "task.file", "task", task.id, who, file=row.id, name=row.name, sha256=digest, size=row.size)
    return row


def _not_ahead(on: date | None) -> None:
    """Refuse a progress or milestone date after today (store.tasks.future_date)."""
    if future_date(on):
        today = latest_today()
        raise SupervisionError("future_date", f"the date {on} is after today ({today}); "
                               "record progress on the day it happened", on=str(on), today=str(today))


def report(session: Session, task_id: int, who: str, role: str, units: set[str], *, status: str | None = None,
           progress: int | None = None, evidence: str = "", link: str = "", on: date | None = None,
           uploads: list[Upload] | None = None, settings: Settings | None = None) -> TaskUpdate:
    """A unit's report on its task (or the office's own entry): progress, evidence, link, files, maybe a status.

    Rules for units (editors): only the lead unit changes the status or asks for sign-off (co-units
    add progress); 已完成 is a sign-off request and needs evidence (text, link or file); a started
    task cannot go back to 未启动; only the office cancels; a signed-off task is closed to units.
    The office and administrators set any status; their 已完成 is the sign-off itself.
    """
    task = get_task(session, task_id, writable=True)
    office = is_office(role)
    uploads = uploads or []
    lead = task.unit_name in units
    co = bool(units.intersection(co_units(session, [task.id]).get(task.id, [])))
    if not office and not (role == "editor" and (lead or co)):
        raise SupervisionDenied("not_your_unit", f"only the task's unit ({task.unit_name}) may report on it",
                                unit=task.unit_name or "—")
    if status is not None and status not in STATUSES:
        raise SupervisionError("bad_status", f"status {status!r}: must be one of {' / '.join(STATUSES)}",
                               status=status, statuses=" / ".join(STATUSES))
    if progress is not None and not 0 <= progress <= 100:
        raise SupervisionError("bad_progress", f"progress {progress}: must be a percentage from 0 to 100",
                               progress=progress)
    link = link.strip()
    if link and not link.startswith(("http://", "https://", "/")):
        raise SupervisionError("bad_link", f"link {link!r} must be an http(s) URL or a path", link=link)
    _not_ahead(on)
    evidence = evidence.strip()
    if status == task.status:
        status = None
    if not status and not evidence and not link and not uploads and progress is None:
        raise SupervisionError("empty_report", "a report needs progress, evidence, a link, a file or a status")
    for upload in uploads:
        check_file(upload, settings)  # all files are checked before anything is written
    source, new_status = "report", task.status
    if not office:
        if task.status == COMPLETED:
            raise SupervisionError("signed_off", "the task is signed off (销号); only the planning office can reopen it")
        if status and not lead:
            raise SupervisionError("co_status", "a co-unit adds progress; only the lead unit changes the status")
        if status == CANCELLED:
            raise SupervisionError("cancel_office", "only the planning office cancels a task")
        if status == "未启动":
            raise SupervisionError("back_to_start", "a task that has started cannot go back to 未启动")
        if status == COMPLETED:
            if not evidence and not link and not uploads:
                raise SupervisionError("completion_evidence", "asking for sign-off (已完成) needs evidence: "
                                       "a description, a link or a file")
            source = "request"
            new_status = "推进中" if task.status == "未启动" else task.status
            task.signoff = "requested"
            progress = 100 if progress is None else progress
        elif status:
            new_status = status
    elif status:
        new_status = status
        if status == COMPLETED:
            source, task.signoff = "approve", "approved"
            progress = 100 if progress is None else progress
        elif task.signoff in ("approved", "requested"):
            task.signoff = ""
    entry = TaskUpdate(task=task, on_date=on or date.today(), who=who, status_from=task.status, status_to=new_status,
                       evidence=evidence, link=link, source=source, progress=progress)
    session.add(entry)
    previous = task.status
    task.status = new_status
    if progress is not None:
        task.progress = progress
    task.updated_at = utcnow()
    session.flush()
    for upload in uploads:
        store_file(session, task, upload, who, entry, settings)
    audit.log(session, "task.request" if source == "request" else "task.update", "task", task.id, who,
              status=new_status, previous=previous, progress=progress, evidence=evidence[:200], link=link,
              files=len(uploads), signoff=task.signoff)
    return entry


def _signed_off_by(task: Task) -> TaskUpdate | None:
    """The history entry that signed the task off (its latest change to 已完成), if the history has one."""
    for entry in reversed(sorted(task.updates, key=lambda u: (u.on_date, u.id))):
        if entry.status_to == COMPLETED and entry.status_from != COMPLETED:
            return entry
    return None


def review(session: Session, task_id: int, decision: str, who: str, role: str, reason: str = "") -> TaskUpdate:
    """The office's decision on a sign-off request: approve (status 已完成) or return with a reason."""
    _require_office(role)
    task = get_task(session, task_id, writable=True)
    if decision not in DECISIONS:
        raise SupervisionError("bad_decision", f"decision {decision!r}: approve or return", decision=decision)
    if task.signoff != "requested" and task.status == COMPLETED:
        entry = _signed_off_by(task)
        when = f" on {entry.on_date} by {entry.who}" if entry is not None else ""
        raise SupervisionError("already_signed_off", f"task {task_id} is already signed off{when}; there is no "
                               "sign-off request to decide", task=task_id,
                               on=str(entry.on_date) if entry is not None else "—",
                               who=entry.who if entry is not None else "—")
    if task.signoff != "requested":
        raise SupervisionError("no_request", f"task {task_id} has no sign-off request to decide", task=task_id)
    reason = reason.strip()
    if decision == "return" and not reason:
        raise SupervisionError("return_reason", "sending a task back needs a reason the unit can act on")
    previous = task.status
    if decision == "approve":
        task.status, task.signoff, task.progress = COMPLETED, "approved", 100
    else:
        task.signoff = "returned"
    entry = TaskUpdate(task=task, on_date=date.today(), who=who, status_from=previous, status_to=task.status,
                       evidence=reason, source=decision)
    session.add(entry)
    task.updated_at = utcnow()
    session.flush()
    audit.log(session, f"task.{decision}", "task", task.id, who, previous=previous, status=task.status, reason=reason)
    return entry


# ---------------------------------------------------------------- rounds


def open_round(session: Session, title: str, due: date, who: str, role: str, plan_id: int | None = None,
               opened_on: date | None = None, note: str = "") -> ReportRound:
    """Open a reporting round for a plan's tasks (default: `round_plan`, the plan under supervision)."""
    _require_office(role)
    title = " ".join(title.split())
    if not title:
        raise SupervisionError("round_title", "a reporting round needs a title, e.g. 2019年6月进展填报")
    opened_on = opened_on or date.today()
    if due < opened_on:
        raise SupervisionError("round_due", f"the due date {due} is before the round opens ({opened_on})",
                               due=str(due), opened=str(opened_on))
    if plan_id is None:
        plan_id = round_plan(session, opened_on)
    elif session.get(Plan, plan_id) is None:
        raise NotFoundError(f"plan {plan_id} is not stored; `planwatch plans` lists them", kind="plan", key=plan_id)
    row = ReportRound(title=title[:200], plan_id=plan_id, opened_on=opened_on, due=due, who=who, note=note)
    session.add(row)
    session.flush()
    audit.log(session, "round.open", "report_round", row.id, who, title=title, due=str(due), plan=plan_id)
    return row


def round_plan(session: Session, as_of: date | None = None) -> int:
    """The plan a round opened without naming one is for: the one plan under supervision (`supervised_plans`: an open
    round's, or one with a supervision step recorded), else the one plan with tasks. When several could be meant,
    SupervisionError `round_plan_ambiguous` listing them (newest first): review ux4 #6, a round opened as README wrote
    it went to the newest plan with tasks, another government's that nobody supervised, and a liaison was told
    "本轮各项任务均已报送" while its unit had reported nothing."""
    from planwatch.store.schema import Government

    as_of = as_of or date.today()
    steps = {r.plan_id for r in open_rounds(session, as_of) if r.plan_id is not None}
    steps.update(session.scalars(select(Task.plan_id).join(TaskUpdate, TaskUpdate.task_id == Task.id).distinct()))
    candidates = sorted(steps, reverse=True)
    if not candidates:
        has_tasks = select(Task.id).where(Task.plan_id == Plan.id, Task.kind == "task").exists()
        candidates = list(session.scalars(select(Plan.id).where(has_tasks)
                                          .order_by(Plan.year.desc(), Plan.ingested_at.desc(), Plan.id.desc())))
        if not candidates:  # a round for no plan would owe nothing and say "plan None"
            if session.scalar(select(Plan.id).limit(1)) is None:
                raise SupervisionError("round_no_plan", "no plan stored: ingest one first")
            raise SupervisionError("round_no_tasks", "no stored plan has tasks: run `planwatch tasks refresh` first")
    if len(candidates) == 1:
        return candidates[0]
    names = {pid: " ".join(part for part in (government or "", title or "") if part) for pid, government, title in
             session.execute(select(Plan.id, Government.name, Plan.title).outerjoin(Government, Government.id ==
                                                                                     Plan.government_id)
                             .where(Plan.id.in_(candidates[:10])))}
    listed = "; ".join(f"{pid} {names.get(pid, '')}".rstrip() for pid in candidates[:10])
    more = f" (and {len(candidates) - 10} more)" if len(candidates) > 10 else ""
    raise SupervisionError("round_plan_ambiguous", f"say which plan the round is for (--plan ID): {len(candidates)} "
                           f"could be meant: {listed}{more}", plans=listed + more, count=len(candidates))


def close_round(session: Session, round_id: int, who: str, role: str) -> ReportRound:
    """Close a reporting round (units owe nothing more for it)."""
    _require_office(role)
    row = session.get(ReportRound, round_id)
    if row is None:
        raise NotFoundError(f"reporting round {round_id} does not exist", kind="round", key=round_id)
    row.closed = True
    audit.log(session, "round.close", "report_round", row.id, who, title=row.title)
    return row


def list_rounds(session: Session, only_open: bool = False) -> list[ReportRound]:
    """Reporting rounds, newest first."""
    query = select(ReportRound).order_by(ReportRound.opened_on.desc(), ReportRound.id.desc())
    if only_open:
        query = query.where(ReportRound.closed.is_(False))
    return list(session.scalars(query))


def round_lapsed(rnd: ReportRound, as_of: date, settings: Settings | None = None) -> bool:
    """True when the round, never closed by the office, ended by itself: `settings.round_close_days` (> 0) days
    after its due date have passed on `as_of`. Review ux5 #18: a round due 2019-06-30 still asked for reports in
    2026, as 本轮待报送."""
    days = (settings or get_settings()).round_close_days
    return not rnd.closed and days > 0 and as_of > rnd.due + timedelta(days=days)


def round_late(rnd: ReportRound, as_of: date) -> bool:
    """True when the round's due date is past on `as_of`: a report still owed in it is 逾期未报, not 本轮待报送."""
    return rnd.due < as_of


def open_rounds(session: Session, as_of: date | None = None, settings: Settings | None = None) -> list[ReportRound]:
    """The rounds open on `as_of` (newest first): opened by then, not closed, not ended by themselves
    (`round_lapsed`). The one definition of "open" for what units owe, reminders, 我的任务 and the plans under
    supervision."""
    as_of = as_of or date.today()
    settings = settings or get_settings()
    return [r for r in list_rounds(session, only_open=True)
            if r.opened_on <= as_of and not round_lapsed(r, as_of, settings)]


def _reported_since(task: Task, since: date) -> bool:
    """True when the task's unit reported (or asked for sign-off) on or after `since`."""
    return any(u.source in ("report", "request", "manual", "approve") and u.on_date >= since for u in task.updates)


@dataclass
class RoundLine:
    """One unit's progress in a reporting round: the tasks it owes a report on, and how many it reported."""

    unit: str
    open: int = 0
    reported: int = 0


def round_progress(session: Session, rnd: ReportRound) -> list[RoundLine]:
    """Per assigned lead unit, the round's tasks and those reported in it, the least reported first (a task only
    suggested to a unit is owed by none: `unassigned` lists those to the office).

    A round's tasks are the plan's open tasks and those reported in the round since then closed: a task the unit
    reported on and the office then signed off was reported in the round (it dropped out of both counts, and the
    round said 区教育局 reported 0 of 13 after its one report was approved)."""
    if rnd.plan_id is None:
        return []
    lines: dict[str, RoundLine] = {}
    for task in list_tasks(session, TaskFilter(plan_id=rnd.plan_id)):
        if task.unit is None:  # only suggested (待交办): no unit owes a report on it (`unassigned` counts them)
            continue
        reported = _reported_since(task, rnd.opened_on)
        if not _open(task) and not reported:
            continue
        line = lines.setdefault(task.unit_name, RoundLine(task.unit_name))
        line.open += 1
        line.reported += int(reported)
    return sorted(lines.values(), key=lambda u: (u.reported - u.open, u.unit))


# ---------------------------------------------------------------- what each unit owes: inbox and reminders


@dataclass
class Digest:
    """What one unit has to act on, as of a date: the inbox page and the reminder e-mail."""

    unit: str
    as_of: date
    owed: list[tuple[Task, ReportRound]] = field(default_factory=list)  # reports due in open rounds
    overdue: list[Task] = field(default_factory=list)
    due_soon: list[Task] = field(default_factory=list)
    returned: list[Task] = field(default_factory=list)  # sign-off sent back: act on the reason
    milestones: list[tuple[Task, Milestone]] = field(default_factory=list)  # milestones late or due soon

    @property
    def empty(self) -> bool:
        """True when the unit owes nothing."""
        return not (self.owed or self.overdue or self.due_soon or self.returned or self.milestones)

    def owed_tasks(self) -> list[tuple[Task, list[ReportRound]]]:
        """Each task owed a report once, with the rounds that wait for it (those still running first, then those
        past their due date, each by due date): one report satisfies them all, so no list names a task twice."""
        rounds: dict[int, list[ReportRound]] = {}
        tasks: dict[int, Task] = {}
        for task, rnd in self.owed:
            tasks.setdefault(task.id, task)
            rounds.setdefault(task.id, []).append(rnd)
        return [(tasks[i], sorted(rs, key=lambda r: (round_late(r, self.as_of), r.due, r.id))) for i, rs in rounds.items()]

    def report_late(self, rounds: Iterable[ReportRound]) -> bool:
        """True when one of `rounds` is past its due date: the report is 逾期未报."""
        return any(round_late(r, self.as_of) for r in rounds)

    @property
    def count(self) -> int:
        """How many distinct tasks the digest names."""
        ids = {t.id for t, _ in self.owed} | {t.id for t in self.overdue + self.due_soon + self.returned}
        return len(ids | {t.id for t, _ in self.milestones})


def _open(task: Task) -> bool:
    return task.status in OPEN_STATUSES


def digests(session: Session, as_of: date | None = None, units: set[str] | None = None,
            plan_id: int | None = None, settings: Settings | None = None) -> list[Digest]:
    """Per unit (those given, else every assigned lead unit): what it owes on one plan, else on the plans under
    supervision (`supervised_plans`: the open rounds', those with task history, else the latest plan).

    Only the unit a task was assigned to owes a report on it: a unit the machine only suggested was never told of the
    task (it is the office's to assign: `unassigned`)."""
    settings = settings or get_settings()
    as_of = as_of or date.today()
    soon = as_of + timedelta(days=settings.due_soon_days)
    rounds = open_rounds(session, as_of, settings)
    plan_ids = [plan_id] if stored_plan(session, plan_id) is not None else supervised_plans(session, as_of, settings)
    by_unit: dict[str, Digest] = {}
    for pid in plan_ids:
        tasks = list_tasks(session, TaskFilter(plan_id=pid))
        ids = [t.id for t in tasks]
        stones: dict[int, list[Milestone]] = {}
        if ids:
            for m in session.scalars(select(Milestone).where(Milestone.task_id.in_(ids), Milestone.done_on.is_(None))):
                stones.setdefault(m.task_id, []).append(m)
        for task in tasks:
            # a suggested unit owes nothing (待交办); only a request of its own the office sent back is its to act on
            assigned = task.unit is not None
            unit = task.unit_name if assigned or task.signoff == "returned" else ""
            if not unit or (units is not None and unit not in units) or not _open(task):
                continue
            digest = by_unit.setdefault(unit, Digest(unit, as_of))
            if not assigned:
                digest.returned.append(task)
                continue
            for rnd in rounds:
                if rnd.plan_id in (None, pid) and not _reported_since(task, rnd.opened_on):
                    digest.owed.append((task, rnd))
            if task.signoff == "returned":
                digest.returned.append(task)
            if task.signoff != "requested":
                if task.is_overdue(as_of):
                    digest.overdue.append(task)
                elif task.deadline is not None and task.deadline <= soon:
                    digest.due_soon.append(task)
            for m in stones.get(task.id, []):
                if m.due is not None and m.due <= soon:
                    digest.milestones.append((task, m))
    out = [d for d in by_unit.values() if not d.empty]
    if units is not None:  # each unit asked for, with nothing due when it owes nothing
        out += [Digest(u, as_of) for u in sorted(units - {d.unit for d in out})]
    return sorted(out, key=lambda d: d.unit)


@dataclass
class Unassigned:
    """A plan's open tasks that no unit was assigned (待交办): the office's to assign, owed by no unit."""

    plan_id: int
    count: int = 0
    by_unit: dict[str, int] = field(default_factory=dict)  # suggested (or document-named) unit → tasks


def unassigned(session: Session, plan_ids: list[int] | None = None, as_of: date | None = None) -> list[Unassigned]:
    """Per plan (those given, else the plans under supervision: `supervised_plans`), its open tasks with no assigned
    lead unit, counted by the unit suggested for them; plans with none left out."""
    out = []
    for pid in plan_ids if plan_ids is not None else supervised_plans(session, as_of):
        rows = session.execute(select(Task.named_unit, Task.suggested_unit)
                               .where(Task.plan_id == pid, Task.kind == "task", Task.unit_id.is_(None),
                                      Task.status.in_(OPEN_STATUSES))).all()
        if not rows:
            continue
        line = Unassigned(pid, len(rows))
        for named, suggested in rows:
            key = named or suggested or "—"
            line.by_unit[key] = line.by_unit.get(key, 0) + 1
        out.append(line)
    return out


def settable_statuses(role: str | None) -> tuple[str, ...]:
    """The statuses a user of `role` may give a task in a report, in the one order of STATUSES (every form lists
    them so): all of them for the office and administrators, UNIT_STATUSES for a unit's liaison."""
    return STATUSES if is_office(role or "") else UNIT_STATUSES


# An address a reminder can be sent to: one @ between a local part and a domain of dot-separated labels, with no
# space or control character (a@b@c, a@, @b.cn and a@b..cn were stored, and the reminder could not be sent).
_EMAIL = re.compile(r"[^@\s\x00-\x1f\x7f]+@[^@.\s\x00-\x1f\x7f]+(?:\.[^@.\s\x00-\x1f\x7f]+)*")
EMAIL_MAX = 320


def is_email(text: str) -> bool:
    """True when `text` (stripped) can be a unit's reminder address."""
    return len(text) <= EMAIL_MAX and _EMAIL.fullmatch(text) is not None


def set_contact(session: Session, unit: str, email: str, who: str, role: str) -> UnitContact:
    """Set the mailbox a unit's reminders go to (office and admins)."""
    _require_office(role)
    email = email.strip()
    if not is_email(email):
        raise SupervisionError("bad_email", f"{email[:100]!r} is not an e-mail address", email=email[:100])
    load_unit_table(session)
    row = _unit(session, unit)
    contact = session.scalar(select(UnitContact).where(UnitContact.unit_id == row.id))
    if contact is None:
        contact = UnitContact(unit_id=row.id, email=email)
        session.add(contact)
    contact.email = email
    session.flush()
    audit.log(session, "unit.contact", "responsible_unit", row.id, who, unit=row.name, email=email)
    return contact


def contacts(session: Session) -> dict[str, str]:
    """{unit name: e-mail} for every unit with a contact."""
    rows = session.execute(select(ResponsibleUnit.name, UnitContact.email).join(UnitContact,
                                                                                 UnitContact.unit_id == ResponsibleUnit.id))
    return dict(rows.all())


# ---------------------------------------------------------------- statistics


@dataclass
class UnitSummary:
    """One unit's line of the task list's summary, as of a date.

    total = on_time + late + late_completed + cancelled + unsupervised + unassigned: a task signed off after its
    deadline is 逾期完成, not 按期; completed counts every signed-off task (on time or not). A line of tasks only
    suggested to a unit (never assigned) is `suggested`, apart from the unit's own line: the unit answers for none of
    them. A task nobody supervises (`under_supervision`) is `unsupervised` (未督办), never late; an open task of a plan
    under supervision that no unit was assigned is `unassigned` (待交办), never late either."""

    unit: str
    total: int = 0
    on_time: int = 0
    late: int = 0
    late_completed: int = 0
    awaiting: int = 0
    completed: int = 0
    cancelled: int = 0
    suggested: bool = False
    unsupervised: int = 0
    unassigned: int = 0


def summary(tasks: list[Task], as_of: date, tracked: Collection[int]) -> tuple[list[UnitSummary], UnitSummary]:
    """Per lead unit (assigned; a suggested unit's tasks on a line of their own, `suggested`): total, on time, late,
    completed late, awaiting sign-off, completed (signed off), not supervised; and the total line. Each task is counted
    as it stood on `as_of` (`state_as_of`); `tracked`: the plans under supervision (`tracked_plans`)."""
    by_unit: dict[tuple[str, bool], UnitSummary] = {}
    total = UnitSummary("")
    for task in tasks:
        name, suggested = task.unit_name or "—", task.unit is None
        line = by_unit.setdefault((name, suggested), UnitSummary(name, suggested=suggested))
        state = state_as_of(task, as_of)
        supervised = under_supervision(task, tracked)
        for row in (line, total):
            row.total += 1
            if state.status == CANCELLED:
                row.cancelled += 1
            elif not supervised:
                row.unsupervised += 1
            elif task.unit_id is None and state.status != COMPLETED:
                row.unassigned += 1
            elif _late(state, task.deadline, as_of):
                row.late += 1
            elif (state.status == COMPLETED and state.completed_on is not None and task.deadline is not None
                  and state.completed_on > task.deadline):
                row.late_completed += 1
            else:
                row.on_time += 1
            if state.signoff == "requested":
                row.awaiting += 1
            if state.status == COMPLETED:
                row.completed += 1
    return sorted(by_unit.values(), key=lambda s: (s.suggested, -s.total, s.unit)), total


__all__ = [
    "COMPLETED", "DECISIONS", "OFFICE_ROLES", "SIGNOFF_STATES", "Digest", "EvidenceFile", "Milestone", "ReportRound",
    "RoundLine", "StorageFull", "SupervisionDenied", "SupervisionError", "TaskCoUnit", "Unassigned", "UnitContact",
    "UnitSummary",
    "Upload", "add_milestone", "approved_task_ids", "assign", "assign_many", "assignment_version",
    "awaiting_signoff", "check_file", "close_round", "co_units", "complete_milestone", "completed_condition",
    "completed_late", "contacts", "digests", "display_names", "file_path", "files", "get_file", "is_completed",
    "is_late", "is_office", "round_plan", "tracked_plans", "unassigned", "under_supervision",
    "list_rounds", "milestones", "open_rounds", "round_lapsed", "round_late",
    "open_round", "report", "round_progress", "review", "set_contact", "state_as_of", "store_file", "summary",
    "supervised_plans", "tasks_of_units", "TaskState",
]
