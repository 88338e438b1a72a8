"""Which governments an editor may record actuals for (issue 12).

An editor is bound to units; a unit works for the government whose plan gives it tasks.
So an editor may record an actual of an indicator only for the governments whose plans
have a task of one of its units that targets that indicator. Administrators: any.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.store.accounts import Principal
from planwatch.store.schema import Government, Plan, Record

__all__ = ["editable_governments"]


def editable_governments(session: Session, user: Principal, indicator_id: int) -> set[str]:
    """Names of the governments for which `user`'s units have a task targeting `indicator_id`."""
    from planwatch.store.tasks import Task

    positions: dict[int, set[int]] = {}
    for plan_id, position in session.execute(select(Record.plan_id, Record.position)
                                             .where(Record.indicator_id == indicator_id)):
        positions.setdefault(plan_id, set()).add(position)
    if not positions:
        return set()
    plans: set[int] = set()
    for task in session.scalars(select(Task).where(Task.plan_id.in_(sorted(positions)))):
        if user.may_edit_unit(task.unit_name) and positions[task.plan_id].intersection(task.record_positions or []):
            plans.add(task.plan_id)
    if not plans:
        return set()
    rows = session.execute(select(Government.name).join(Plan, Plan.government_id == Government.id)
                           .where(Plan.id.in_(sorted(plans))))
    return {name for (name,) in rows}
