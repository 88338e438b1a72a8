"""The database edge of monitoring: load targets and actuals (one query each), assess in one pass.

Actual precedence when several share a key: manual over import over document; within a
source the latest written wins.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from planwatch.errors import NotFoundError, ValidationError
from planwatch.monitor.absence import PlanTargets, explicitly_absent
from planwatch.monitor.attainment import STATUSES, Observation, Target, assess
from planwatch.monitor.rules import Tolerance
from planwatch.settings import get_settings
from planwatch.store.schema import Actual, Government, Indicator, Plan, Record

SOURCE_RANK = {"manual": 3, "import": 2, "document": 1}


@dataclass(slots=True)
class TargetStatus:
    """One row of `planwatch assess`: a target (or an explicit absence) and its status."""

    record_id: int | None
    plan_id: int
    government: str
    plan_year: int | None
    year: int | None
    indicator: str
    measure: str
    comparator: str
    value: float | None
    value_max: float | None
    unit: str
    status: str
    margin: float | None = None
    actual: float | None = None
    basis: str = ""
    progress: str | None = None


def tolerance_from_settings() -> Tolerance:
    """The ≈ tolerances configured in settings."""
    s = get_settings()
    return Tolerance(points=s.approx_tolerance_points, relative=s.approx_tolerance_relative)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small acyclic objects (~40 % faster)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_observations(session: Session, government_ids: set[int] | None = None) -> list[Observation]:
    """Every actual (of the given governments) as an Observation, ranked by source then recency."""
    query = select(Actual.indicator_id, Actual.government_id, Actual.year, Actual.period, Actual.measure,
                   Actual.value, Actual.unit, Actual.source, Actual.id)
    if government_ids is not None:
        query = query.where(Actual.government_id.in_(government_ids))
    return [
        Observation(ind, gov, year, period, measure, value, unit, SOURCE_RANK.get(source, 0) * 10**12 + rid)
        for ind, gov, year, period, measure, value, unit, source, rid in session.connection().execute(query)
    ]


def assess_targets(engine: Engine, plan_id: int | None = None, status: str | None = None,
                   tolerance: Tolerance | None = None) -> list[TargetStatus]:
    """Every stored target (of one plan) with its status, plus explicit absences; filtered by status."""
    status = status.replace("_", " ").strip().lower() if status else None  # on_track ≡ "on track"
    if status is not None and status not in STATUSES:
        raise ValidationError(f"status {status!r} is not one of: {', '.join(STATUSES)}")
    tolerance = tolerance or tolerance_from_settings()
    with _gc_paused():
        return _assess_targets(engine, plan_id, status, tolerance)


def _assess_targets(engine: Engine, plan_id: int | None, status: str | None,
                    tolerance: Tolerance) -> list[TargetStatus]:
    """`assess_targets` without the argument checks."""
    with Session(engine) as session:
        if plan_id is not None and session.get(Plan, plan_id) is None:
            raise NotFoundError(f"plan {plan_id} is not stored; `planwatch plans` lists them")
        query = (
            select(Record.id, Record.indicator_id, Plan.government_id, Record.measure, Record.comparator,
                   Record.value, Record.unit, Record.year, Plan.year, Record.value_max, Indicator.polarity,
                   Record.polarity, Record.quote.contains("年均"), Record.plan_id,
                   func.coalesce(Indicator.name, Record.indicator))
            .join(Plan, Record.plan_id == Plan.id)
            .outerjoin(Indicator, Record.indicator_id == Indicator.id)
            .where(Record.kind == "target")
            .order_by(Record.plan_id, Record.position)
        )
        if plan_id is not None:
            query = query.where(Record.plan_id == plan_id)
        rows = session.connection().execute(query).all()  # Core rows: no ORM overhead
        names = dict(session.execute(select(Government.id, Government.name)).all())
        governments = {r[2] for r in rows}
        observations = load_observations(session, governments if plan_id is not None else None)
        absences = _absences(session, plan_id)
    targets = [
        Target(rid, ind, gov, measure, comparator, value, unit, year, plan_year, value_max,
               pol if pol == "higher" or pol == "lower" else rpol, bool(average))
        for (rid, ind, gov, measure, comparator, value, unit, year, plan_year, value_max, pol, rpol, average,
             *_rest) in rows
    ]
    results = assess(targets, observations, tolerance)
    out = [
        TargetStatus(r[0], r[13], names[r[2]], r[8], r[7] or r[8], r[14], r[3], r[4], r[5], r[9], r[6],
                     a.status, a.margin, a.actual, a.basis, a.progress)
        for r, a in zip(rows, results, strict=True)
    ]
    out.extend(absences)
    if status is not None:
        out = [t for t in out if t.status == status]
    return out


def _absences(session: Session, plan_id: int | None) -> list[TargetStatus]:
    """Standard indicators the previous year's plan targeted and this plan omits."""
    plans = session.execute(select(Plan.id, Plan.government_id, Plan.year, Plan.kind, Government.name)
                            .join(Government, Plan.government_id == Government.id)).all()
    targeted: dict[int, set[int]] = {}
    for pid, ind in session.execute(select(Record.plan_id, Record.indicator_id)
                                    .where(Record.kind == "target", Record.indicator_id.is_not(None))
                                    .distinct()):
        targeted.setdefault(pid, set()).add(ind)
    standard = {i: n for i, n in session.execute(select(Indicator.id, Indicator.name)
                                                 .where(Indicator.standard.is_(True)))}
    found = explicitly_absent(
        [PlanTargets(pid, gov, year, kind, frozenset(targeted.get(pid, ()))) for pid, gov, year, kind, _n in plans],
        set(standard),
    )
    names = {pid: (name, year) for pid, _g, year, _k, name in plans}
    return [
        TargetStatus(None, a.plan_id, names[a.plan_id][0], names[a.plan_id][1], names[a.plan_id][1],
                     standard[a.indicator_id], "", "", None, None, "", "absent",
                     basis=f"targeted by plan {a.previous_plan_id}, omitted here")
        for a in found
        if plan_id is None or a.plan_id == plan_id
    ]


def counts(rows: Sequence[TargetStatus]) -> dict[str, int]:
    """How many rows have each status."""
    result = dict.fromkeys(STATUSES, 0)
    for r in rows:
        result[r.status] = result.get(r.status, 0) + 1
    return result
