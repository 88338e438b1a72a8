"""Stored plans: the list `planwatch plans` prints, one plan by id, plans stored twice, deleting plans."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, case, delete, func, select
from sqlalchemy.orm import Session

from planwatch.errors import NotFoundError, ValidationError
from planwatch.store import audit
from planwatch.store.schema import Actual, Government, Plan, PlanTextKey, Record


@dataclass(frozen=True, slots=True)
class PlanRow:
    """A stored plan with its record counts."""

    id: int
    government: str
    level: str | None
    year: int | None
    kind: str
    title: str
    source: str
    records: int
    targets: int
    ingested_at: datetime


def _plan_rows(session: Session, ids: Sequence[int] | None = None) -> list[PlanRow]:
    """The stored plans (all, or those of `ids`), by government and year, with record and target counts."""
    targets = func.sum(case((Record.kind == "target", 1), else_=0))
    query = (
        select(Plan.id, Government.name, Government.level, Plan.year, Plan.kind, Plan.title, Plan.source_name,
               func.count(Record.id), func.coalesce(targets, 0), Plan.ingested_at)
        .join(Government, Plan.government_id == Government.id)
        .outerjoin(Record, Record.plan_id == Plan.id)
        .group_by(Plan.id, Government.name, Government.level)
        .order_by(Government.name, Plan.year, Plan.id)
    )
    if ids is not None:
        query = query.where(Plan.id.in_(ids))
    return [PlanRow(*row) for row in session.execute(query)]


def list_plans(engine: Engine) -> list[PlanRow]:
    """Every stored plan, by government and year, with record and target counts."""
    with Session(engine) as session:
        return _plan_rows(session)


def duplicate_plans(engine: Engine) -> list[list[PlanRow]]:
    """Plans stored more than once: groups of plans with the same text key (`store.ingest.text_key`: the same
    text laid out differently, e.g. a .txt and a .docx stored before migration 0022), the first stored first.

    Ingest no longer stores such a second copy; these are what an older database may hold, each record counted
    once per copy. `delete_plans` removes the extra copies.
    """
    with Session(engine) as session:
        shared = (select(PlanTextKey.key).group_by(PlanTextKey.key).having(func.count() > 1)).subquery()
        pairs = session.execute(select(PlanTextKey.key, PlanTextKey.plan_id)
                                .where(PlanTextKey.key.in_(select(shared.c.key)))
                                .order_by(PlanTextKey.key, PlanTextKey.plan_id)).all()
        rows = {row.id: row for row in _plan_rows(session, [plan_id for _key, plan_id in pairs])}
    groups: dict[str, list[PlanRow]] = {}
    for key, plan_id in pairs:
        groups.setdefault(key, []).append(rows[plan_id])
    return sorted(groups.values(), key=lambda group: (group[0].government, group[0].year or 0, group[0].id))


# The kinds of supervision work PlanContents counts (its fields), in the order messages name them, with their words.
_WORK_WORDS = {"updates": ("task update", "task updates"), "files": ("evidence file", "evidence files"),
               "milestones": ("milestone", "milestones"), "assigned": ("task assigned to a unit", "tasks assigned to a unit"),
               "co_units": ("co-operating unit assignment", "co-operating unit assignments"),
               "rounds": ("reporting round", "reporting rounds"),
               "decided": ("decided follow-up proposal", "decided follow-up proposals")}
WORK_KINDS = tuple(_WORK_WORDS)


@dataclass(frozen=True, slots=True)
class PlanContents:
    """What deleting a plan takes with it: its records and tasks, and the supervision work done on its tasks."""

    plan: PlanRow
    actuals: int  # actuals the plan supplied (its results: 预计 2018 年 …)
    tasks: int  # tasks to supervise, as `planwatch tasks list` and the task pages count them
    updates: int  # entries of its tasks' histories (reports, status changes, sign-offs, accepted follow-ups)
    files: int  # evidence files attached to its tasks
    milestones: int
    assigned: int  # tasks with a responsible unit
    co_units: int
    rounds: int  # reporting rounds opened on the plan
    decided: int  # follow-up proposals someone accepted or rejected, from its achievements or to its tasks
    achievements: int = 0  # results the plan reports (成效, `tasks list --achievements`): stored with the tasks

    @property
    def supervised(self) -> bool:
        """Whether people worked on the plan's tasks, or decided follow-ups citing it (kept unless forced): an
        accepted follow-up of a later plan closes an earlier plan's task with this plan's words as evidence."""
        return bool(self.work_counts())

    def work_counts(self) -> dict[str, int]:
        """The supervision work by kind, only the kinds there are ({"updates": 12, "files": 2})."""
        return {field: n for field in WORK_KINDS if (n := getattr(self, field))}

    def work(self) -> str:
        """The supervision work in a few words, for a message ("12 task updates, 1 evidence file")."""
        return ", ".join(f"{n} {_WORK_WORDS[field][n != 1]}" for field, n in self.work_counts().items())


class PlanSupervised(ValidationError):
    """A plan's tasks carry supervision work and the delete was not forced (nothing deleted); `contents` is what the
    plan holds, read in the deleting transaction, for an edge to word."""

    def __init__(self, contents: PlanContents) -> None:
        plan = contents.plan
        super().__init__(f"plan {plan.id} ({plan.source}) has supervision work on its tasks: {contents.work()}; "
                         "deleting it discards that work. Back up the database (`planwatch backup`) and pass --force "
                         "to delete it anyway", reason="plan_supervised", plan=plan.id, source=plan.source)
        self.contents = contents


def plan_contents(session: Session, plan_ids: Sequence[int]) -> list[PlanContents]:
    """What each of these plans holds (NotFoundError naming the first id that is not stored), in the given order."""
    from planwatch.store.supervision import EvidenceFile, Milestone, ReportRound, TaskCoUnit
    from planwatch.store.tasks import FollowupProposal, Task, TaskUpdate

    rows = {row.id: row for row in _plan_rows(session, plan_ids)}
    for plan_id in plan_ids:
        if plan_id not in rows:
            raise NotFoundError(f"plan {plan_id} is not stored; `planwatch plans` lists them", kind="plan", key=plan_id)

    def per_plan(query: object) -> dict[int, int]:
        return dict(session.execute(query).all())  # type: ignore[call-overload]

    def of_tasks(table: Any, *where: Any) -> dict[int, int]:
        return per_plan(select(Task.plan_id, func.count()).select_from(table).join(Task, Task.id == table.task_id)
                        .where(Task.plan_id.in_(plan_ids), *where).group_by(Task.plan_id))

    actuals = per_plan(select(Actual.plan_id, func.count()).where(Actual.plan_id.in_(plan_ids)).group_by(Actual.plan_id))
    by_kind: dict[str, dict[int, int]] = {"task": {}, "achievement": {}}
    for plan_id, kind, n in session.execute(select(Task.plan_id, Task.kind, func.count())
                                            .where(Task.plan_id.in_(plan_ids)).group_by(Task.plan_id, Task.kind)):
        by_kind.setdefault(kind, {})[plan_id] = n
    tasks, achievements = by_kind["task"], by_kind["achievement"]
    assigned = per_plan(select(Task.plan_id, func.count()).where(Task.plan_id.in_(plan_ids), Task.unit_id.is_not(None))
                        .group_by(Task.plan_id))
    rounds = per_plan(select(ReportRound.plan_id, func.count()).where(ReportRound.plan_id.in_(plan_ids))
                      .group_by(ReportRound.plan_id))
    decided_ = FollowupProposal.state != "proposed"
    decided = per_plan(select(FollowupProposal.plan_id, func.count())
                       .where(FollowupProposal.plan_id.in_(plan_ids), decided_).group_by(FollowupProposal.plan_id))
    for plan_id, n in of_tasks(FollowupProposal, decided_).items():  # a proposal from a plan to its own task counts once
        decided[plan_id] = decided.get(plan_id, 0) + n
    updates, files = of_tasks(TaskUpdate), of_tasks(EvidenceFile)
    milestones, co_units = of_tasks(Milestone), of_tasks(TaskCoUnit)
    return [PlanContents(rows[i], actuals.get(i, 0), tasks.get(i, 0), updates.get(i, 0), files.get(i, 0),
                         milestones.get(i, 0), assigned.get(i, 0), co_units.get(i, 0), rounds.get(i, 0),
                         decided.get(i, 0), achievements.get(i, 0)) for i in plan_ids]


def refuse_supervised(contents: Sequence[PlanContents]) -> None:
    """PlanSupervised for the first plan that carries supervision work (`PlanContents.supervised`), if any."""
    for c in contents:
        if c.supervised:
            raise PlanSupervised(c)


def delete_plans(session: Session, plan_ids: Sequence[int], who: str | None = None,
                 force: bool = False) -> list[PlanContents]:
    """Delete these plans with everything they hold (sections, records, the actuals they supplied, tasks and
    their histories, follow-up proposals, search entries), in the caller's transaction, one audit row each.

    Refused (PlanSupervised, nothing deleted) for a plan whose tasks carry supervision work unless `force`:
    units' reports and sign-offs are not recoverable from the document. Evidence files' bytes stay in the
    evidence folder (other tasks may share them). Returns what was deleted.
    """
    from planwatch.store.bulk import restore_row_triggers

    ids = list(dict.fromkeys(plan_ids))
    contents = plan_contents(session, ids)
    if not force:
        refuse_supervised(contents)
    restore_row_triggers(session)  # inside a bulk ingest's block: deleted ids may be given again
    session.execute(delete(Plan).where(Plan.id.in_(ids)))  # the rest goes by ON DELETE CASCADE (and the triggers)
    for c in contents:
        audit.log(session, "plan.delete", "plan", c.plan.id, who, source=c.plan.source,
                  government=c.plan.government, year=c.plan.year, records=c.plan.records, tasks=c.tasks,
                  achievements=c.achievements, actuals=c.actuals, work=c.work_counts())
    return contents


def get_plan(session: Session, plan_id: int) -> Plan:
    """The plan with this id; NotFoundError otherwise."""
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise NotFoundError(f"plan {plan_id} is not stored; `planwatch plans` lists them", kind="plan", key=plan_id)
    return plan
