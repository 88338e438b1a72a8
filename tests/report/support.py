"""Shared set-ups for report and evaluation tests: the mini plans (two years, real sentences) and the bundled plan's tasks."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Engine, select, update
from store.mini_plans import PLAN_2019, PLAN_2020, fake_extract

from planwatch.documents import bundled_plan_path, load
from planwatch.pipeline import ingest_document
from planwatch.store.db import transaction
from planwatch.store.tasks import ResponsibleUnit, Task


def mini_plans(engine: Engine) -> int:
    """Ingest the 2019 and 2020 mini plans (hand-made records); returns the 2019 plan's id (judged by 2020's results)."""
    first = ingest_document(engine, load(PLAN_2019), extract=fake_extract)
    ingest_document(engine, load(PLAN_2020), extract=fake_extract)
    return first.plan_id


def bundled_with_tasks(engine: Engine) -> int:
    """The bundled Pingshan 2019 plan with its tasks; three tasks of the first domain set done, late and in progress."""
    plan_id = ingest_document(engine, load(bundled_plan_path()), government="深圳市坪山区", year=2019,
                              extract=lambda text, doc="doc": []).plan_id
    with transaction(engine) as session:
        ids = list(session.scalars(select(Task.id).where(Task.plan_id == plan_id, Task.kind == "task")
                                   .order_by(Task.start).limit(3)))
        unit = session.scalar(select(ResponsibleUnit).where(ResponsibleUnit.name == "区发展和改革局"))
        if unit is None:
            unit = ResponsibleUnit(name="区发展和改革局")
            session.add(unit)
            session.flush()
        session.execute(update(Task).where(Task.plan_id == plan_id).values(deadline=date(2099, 12, 31)))
        session.execute(update(Task).where(Task.id == ids[0]).values(status="已完成"))
        session.execute(update(Task).where(Task.id == ids[1]).values(status="推进中", deadline=date(2019, 6, 30),
                                                                  unit_id=unit.id))
        session.execute(update(Task).where(Task.id == ids[2]).values(status="推进中"))
    return plan_id
