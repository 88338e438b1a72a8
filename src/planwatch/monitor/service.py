"""The database edge of monitoring: load targets and actuals (one query each), assess in one pass.

`assessment_rows` is the one public function that yields assessment rows (CLI `assess`,
``GET /api/assessments``, reports, the research panel all read it). Each row carries the
target, its status and margin, the rule applied and the evidence: the actual's value, span,
quote, document and offsets, and every candidate actual considered.

Actual precedence when several fit: manual over import over document; among documents the
following year's first, then the headline (first) sentence; documents of the same year that
disagree beyond rounding give ``conflict``.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from planwatch.errors import NotFoundError, ValidationError
from planwatch.monitor.absence import PlanTargets, explicitly_absent
from planwatch.monitor.attainment import SOURCE_TIER, STATUSES, Assessment, Observation, Target, assess
from planwatch.monitor.display import display_name
from planwatch.monitor.rules import Tolerance
from planwatch.settings import get_settings
from planwatch.store.schema import Actual, Government, Indicator, Plan, Record

__all__ = [
    "FIELDS", "SOURCE_RANK", "TargetStatus", "assess_targets", "assessment_rows", "counts", "iter_assessment_rows",
    "load_observations",
    "observations_for", "target_of", "tolerance_from_settings",
]

SOURCE_RANK = {"manual": 3, "import": 2, "document": 1}
# The fields of one assessment row in JSONL, CSV and GET /api/assessments, in this order.
FIELDS = (
    "plan_id", "government", "year", "indicator", "measure", "span", "comparator", "value", "value_max", "unit",
    "actual", "actual_unit", "actual_span", "actual_quote", "actual_document", "status", "margin", "basis",
)
# Evidence fields that follow them: where the actual sits, the rule applied, the candidates.
EVIDENCE_FIELDS = (
    "record_id", "plan_year", "period_start", "quote", "rule", "progress", "actual_year", "actual_period_start",
    "actual_plan_id", "actual_record_id", "actual_start", "actual_end", "candidates",
)


@dataclass(slots=True)
class TargetStatus:
    """One assessment row: a target (or an explicit absence), its status, and the evidence."""

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
    span: str = "year"
    period_start: int | None = None
    quote: str = ""
    rule: str = ""
    actual_unit: str = ""
    actual_span: str = ""
    actual_quote: str = ""
    actual_document: str = ""
    actual_year: int | None = None
    actual_period_start: int | None = None
    actual_plan_id: int | None = None
    actual_record_id: int | None = None
    actual_start: int | None = None
    actual_end: int | None = None
    candidates: list[dict[str, Any]] = field(default_factory=list)
    indicator_id: int | None = None
    government_id: int | None = None

    def to_dict(self, evidence: bool = True) -> dict[str, Any]:
        """The row as JSON: FIELDS first, then (with `evidence`) EVIDENCE_FIELDS."""
        names = FIELDS + (EVIDENCE_FIELDS if evidence else ())
        return {name: getattr(self, name) for name in names}


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


def _observation_query() -> Any:
    return (
        select(Actual.indicator_id, Actual.government_id, Actual.year, Actual.period, Actual.measure,
               Actual.value, Actual.unit, Actual.source, Actual.id, Actual.span, Actual.period_start,
               Actual.aspect, Actual.plan_id, Plan.year, Plan.doc, Actual.quote, Actual.start, Actual.end,
               Actual.record_id, Record.indicator, Actual.note)
        .outerjoin(Plan, Actual.plan_id == Plan.id)
        .outerjoin(Record, Actual.record_id == Record.id)
    )


def _observation(row: Sequence[Any]) -> Observation:
    (ind, gov, year, period, measure, value, unit, source, aid, span, period_start, aspect, plan_id, plan_year, doc,
     quote, start, end, record_id, written, note) = row
    return Observation(ind, gov, year, period or "", measure, value, unit,
                       SOURCE_RANK.get(source, 0) * SOURCE_TIER + aid, span or "year", period_start, aspect, source,
                       doc or (note or source), plan_id, plan_year, quote or "", start, end, record_id,
                       written or "", aid)


def load_observations(session: Session, government_ids: set[int] | None = None) -> list[Observation]:
    """Every actual (of the given governments) as an Observation with its period and evidence."""
    query = _observation_query()
    if government_ids is not None:
        query = query.where(Actual.government_id.in_(government_ids))
    return [_observation(r) for r in session.connection().execute(query)]


def observations_for(session: Session, pairs: set[tuple[int, int]],
                     years: tuple[int, int] | None = None) -> list[Observation]:
    """The actuals of the given (indicator, government) pairs (the pages' view of `load_observations`),
    of the years `years` (first, last) only when given."""
    if not pairs:
        return []
    indicator_ids = sorted({p[0] for p in pairs})
    government_ids = sorted({p[1] for p in pairs})
    out = []
    for chunk in range(0, len(indicator_ids), 500):
        query = _observation_query().where(Actual.indicator_id.in_(indicator_ids[chunk:chunk + 500]),
                                           Actual.government_id.in_(government_ids))
        if years is not None:
            query = query.where(Actual.year.between(*years))
        out.extend(o for o in map(_observation, session.connection().execute(query))
                   if (o.indicator_id, o.government_id) in pairs)
    return out


def target_of(rec: dict[str, Any]) -> Target:
    """A stored target record (a dict of its columns, plus plan_year and polarities) as the monitor's Target."""
    polarity = rec.get("indicator_polarity")
    polarity = polarity if polarity in ("higher", "lower") else rec.get("record_polarity", rec.get("polarity"))
    return Target(id=rec["id"], indicator_id=rec["indicator_id"], government_id=rec["government_id"],
                  measure=rec["measure"], comparator=rec["comparator"], value=rec["value"], unit=rec["unit"],
                  year=rec["year"], plan_year=rec.get("plan_year"), value_max=rec.get("value_max"),
                  polarity=polarity, average=rec.get("span") is None and "年均" in (rec.get("quote") or ""),
                  span=rec.get("span") or "year", period_start=rec.get("period_start"), aspect=rec.get("aspect"))


def assess_targets(engine: Engine, plan_id: int | None = None, status: str | None = None,
                   tolerance: Tolerance | None = None) -> list[TargetStatus]:
    """Every stored target (of one plan) with its status, plus explicit absences; filtered by status."""
    return assessment_rows(engine, plan_id=plan_id, status=status, tolerance=tolerance)


def assessment_rows(engine: Engine, plan_id: int | None = None, status: str | None = None, *,
                    government: str | None = None, indicator: str | None = None, year: int | None = None,
                    tolerance: Tolerance | None = None) -> list[TargetStatus]:
    """The assessment rows: every target with status, margin, rule and evidence (plus explicit absences).

    Filters: plan id, status (met, missed, on_track, at_risk, conflict, no_data, absent), government
    name, indicator (name as shown or canonical), target year.
    """
    status = status.replace("_", " ").strip().lower() if status else None  # on_track ≡ "on track"
    if status is not None and status not in STATUSES:
        raise ValidationError(f"status {status!r} is not one of: {', '.join(s.replace(' ', '_') for s in STATUSES)}")
    tolerance = tolerance or tolerance_from_settings()
    with _gc_paused():
        rows = _assess_targets(engine, plan_id, status, tolerance)
    if government:
        rows = [r for r in rows if r.government == government]
    if indicator:
        rows = [r for r in rows if indicator in (r.indicator, display_name(r.indicator, r.government))]
    if year is not None:
        rows = [r for r in rows if r.year == year]
    return rows


def iter_assessment_rows(engine: Engine, status: str | None = None, *, government: str | None = None,
                         indicator: str | None = None, year: int | None = None, tolerance: Tolerance | None = None,
                         chunk: int = 100) -> Iterator[TargetStatus]:
    """Every assessment row of the database, streamed: `chunk` governments at a time (constant memory).

    A target is judged on its own government's actuals only, and an absence compares plans of one
    government, so each chunk of governments is assessed on its own; rows come government by government.
    """
    status = status.replace("_", " ").strip().lower() if status else None
    if status is not None and status not in STATUSES:
        raise ValidationError(f"status {status!r} is not one of: {', '.join(s.replace(' ', '_') for s in STATUSES)}")
    tolerance = tolerance or tolerance_from_settings()
    with Session(engine) as session:
        ids = list(session.scalars(select(Plan.government_id).distinct().order_by(Plan.government_id)))
    for start in range(0, len(ids), chunk):
        with _gc_paused():
            rows = _assess_targets(engine, None, status, tolerance, ids[start:start + chunk])
        for r in rows:  # the same filters as assessment_rows
            if government and r.government != government:
                continue
            if indicator and indicator not in (r.indicator, display_name(r.indicator, r.government)):
                continue
            if year is not None and r.year != year:
                continue
            yield r


def _assess_targets(engine: Engine, plan_id: int | None, status: str | None,
                    tolerance: Tolerance, government_ids: list[int] | None = None) -> list[TargetStatus]:
    """`assessment_rows` without the argument checks and filters (of some governments only, when given)."""
    with Session(engine) as session:
        if plan_id is not None and session.get(Plan, plan_id) is None:
            raise NotFoundError(f"plan {plan_id} is not stored; `planwatch plans` lists them")
        query = (
            select(Record.id, Record.indicator_id, Plan.government_id, Record.measure, Record.comparator,
                   Record.value, Record.unit, Record.year, Plan.year, Record.value_max, Indicator.polarity,
                   Record.polarity, Record.quote, Record.plan_id,
                   func.coalesce(Indicator.name, Record.indicator), Record.span, Record.period_start, Record.aspect)
            .join(Plan, Record.plan_id == Plan.id)
            .outerjoin(Indicator, Record.indicator_id == Indicator.id)
            .where(Record.kind == "target")
            .order_by(Record.plan_id, Record.position)
        )
        if plan_id is not None:
            query = query.where(Record.plan_id == plan_id)
        if government_ids is not None:
            query = query.where(Plan.government_id.in_(government_ids))
        rows = session.connection().execute(query).all()  # Core rows: no ORM overhead
        names = dict(session.execute(select(Government.id, Government.name)).all())
        governments = {r[2] for r in rows}
        observations = load_observations(session, governments if plan_id is not None or government_ids is not None
                                         else None)
        absences = _absences(session, plan_id, government_ids)
    targets = [
        target_of({"id": rid, "indicator_id": ind, "government_id": gov, "measure": measure, "comparator": cmp,
                   "value": value, "unit": unit, "year": year, "plan_year": plan_year, "value_max": value_max,
                   "indicator_polarity": ipol, "record_polarity": rpol, "quote": quote, "span": span,
                   "period_start": period_start, "aspect": aspect})
        for (rid, ind, gov, measure, cmp, value, unit, year, plan_year, value_max, ipol, rpol, quote, _plan, _name,
             span, period_start, aspect) in rows
    ]
    results = assess(targets, observations, tolerance)
    out = [_row(r, t, a, names[r[2]]) for r, t, a in zip(rows, targets, results, strict=True)]
    out.extend(absences)
    if status is not None:
        out = [t for t in out if t.status == status]
    return out


def _row(r: Sequence[Any], t: Target, a: Assessment, government: str) -> TargetStatus:
    """One assessment row from a target's query row, its Target and its Assessment."""
    e = a.evidence
    return TargetStatus(
        record_id=r[0], plan_id=r[13], government=government, plan_year=r[8], year=r[7] or r[8],
        indicator=display_name(r[14], government), measure=r[3], comparator=r[4], value=r[5], value_max=r[9],
        unit=r[6], status=a.status, margin=a.margin, actual=a.actual, basis=a.basis, progress=a.progress,
        span=t.span, period_start=t.period_start, quote=r[12], rule=a.rule,
        actual_unit=(a.actual_unit or (e.unit if e else "")) if a.actual is not None else "",
        actual_span=(a.actual_span or (e.span if e else "")) if a.actual is not None else "",
        actual_quote=e.quote if e else "", actual_document=e.document if e else "",
        actual_year=e.year if e else None, actual_period_start=e.period_start if e else None,
        actual_plan_id=e.plan_id if e else None, actual_record_id=e.record_id if e else None,
        actual_start=e.start if e else None, actual_end=e.end if e else None,
        candidates=[dict(o.evidence(), chosen=o in a.used) for o in (a.candidates or a.used)],
        indicator_id=t.indicator_id, government_id=t.government_id,
    )


def _absences(session: Session, plan_id: int | None, government_ids: list[int] | None = None) -> list[TargetStatus]:
    """Standard indicators the previous year's plan targeted for its own year and this plan omits.

    Only annual targets count: a multi-year target (a five-year plan's 2020 goal, an average
    or a total) is not repeated in the next annual plan and is not "absent" there.
    """
    plan_query = (select(Plan.id, Plan.government_id, Plan.year, Plan.kind, Government.name)
                  .join(Government, Plan.government_id == Government.id))
    target_query = (select(Record.plan_id, Record.indicator_id, Record.year, Record.span)
                    .where(Record.kind == "target", Record.indicator_id.is_not(None)).distinct())
    if government_ids is not None:
        plan_query = plan_query.where(Plan.government_id.in_(government_ids))
        target_query = target_query.where(Record.plan_id.in_(select(Plan.id).where(Plan.government_id.in_(government_ids))))
    plans = session.execute(plan_query).all()
    plan_years = {pid: year for pid, _g, year, _k, _n in plans}
    targeted: dict[int, set[int]] = {}
    for pid, ind, year, span in session.execute(target_query):
        own = plan_years.get(pid)
        if (span or "year") != "year" or (year is not None and own is not None and year != own):
            continue
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
                     display_name(standard[a.indicator_id], names[a.plan_id][0]), "", "", None, None, "", "absent",
                     basis=f"targeted by plan {a.previous_plan_id} for its year, omitted here",
                     indicator_id=a.indicator_id)
        for a in found
        if plan_id is None or a.plan_id == plan_id
    ]


def counts(rows: Sequence[TargetStatus]) -> dict[str, int]:
    """How many rows have each status."""
    result = dict.fromkeys(STATUSES, 0)
    for r in rows:
        result[r.status] = result.get(r.status, 0) + 1
    return result
