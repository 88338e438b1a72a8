"""Which governments an editor may record actuals for (issue 12).

An editor is bound to units; a unit works for the government whose plan gives it tasks.
So an editor may record an actual of an indicator only for the governments whose plans
have a task of one of its units that targets that indicator. Administrators: any.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.store.accounts import Principal
from planwatch.store.schema import Government, Plan
from planwatch.web.task_queries import indicator_tasks

__all__ = ["editable_governments"]


def editable_governments(session: Session, user: Principal, indicator_id: int) -> set[str]:
    """Names of the governments for which `user`'s units have a task targeting `indicator_id`."""
    plans = {task.plan_id for task in indicator_tasks(session, indicator_id) if user.may_edit_unit(task.unit_name)}
    if not plans:
        return set()
    rows = session.execute(select(Government.name).join(Plan, Plan.government_id == Government.id)
                           .where(Plan.id.in_(sorted(plans))))
    return {name for (name,) in rows}
