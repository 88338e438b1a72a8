"""Reading stored plans: the list `planwatch plans` prints, one plan by id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, case, func, select
from sqlalchemy.orm import Session

from planwatch.errors import NotFoundError
from planwatch.store.schema import Government, Plan, Record


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


def list_plans(engine: Engine) -> list[PlanRow]:
    """Every stored plan, by government and year, with record and target counts."""
    targets = func.sum(case((Record.kind == "target", 1), else_=0))
    query = (
        select(Plan.id, Government.name, Government.level, Plan.year, Plan.kind, Plan.title, Plan.source_name,
               func.count(Record.id), func.coalesce(targets, 0), Plan.ingested_at)
        .join(Government, Plan.government_id == Government.id)
        .outerjoin(Record, Record.plan_id == Plan.id)
        .group_by(Plan.id, Government.name, Government.level)
        .order_by(Government.name, Plan.year, Plan.id)
    )
    with Session(engine) as session:
        return [PlanRow(*row) for row in session.execute(query)]


def get_plan(session: Session, plan_id: int) -> Plan:
    """The plan with this id; NotFoundError otherwise."""
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise NotFoundError(f"plan {plan_id} is not stored; `planwatch plans` lists them", kind="plan", key=plan_id)
    return plan
