"""The database edge of monitoring: load targets and actuals (one query each), assess in one pass.

`assessment_rows` is the one public function that yields assessment rows (CLI `assess`,
``GET /api/assessments``, reports, the research panel all read it). Each row carries the
target, its status and margin, the rule applied and the evidence: the actual's value, span,
quote, document and offsets, every candidate actual considered, and — when the actual is a sum of
yearly values — each year's actual with its own evidence (``evidence_parts``).

Actual precedence when several fit: manual over import over document; among documents a final
figure before an estimate (预计), then the following year's first, then the headline (first)
sentence; documents of the same year that disagree beyond rounding give ``conflict``. A verdict
resting on an estimate carries ``estimate`` and says so in its basis.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field, fields
from operator import attrgetter
from typing import Any

from sqlalchemy import Engine, String, case, cast, func, select
from sqlalchemy.orm import Session

from planwatch.errors import NotFoundError, ValidationError
from planwatch.monitor.absence import PlanTargets, explicitly_absent
from planwatch.monitor.attainment import (
    SOURCE_TIER,
    STATUSES,
    Assessment,
    Observation,
    Target,
    assess,
    judged_span,
    status_code,
)
from planwatch.monitor.display import display_name
from planwatch.monitor.phrases import Phrase
from planwatch.monitor.rules import MULTIPLE, TWO_SIDED, Tolerance, comparable_prices, multiple_kind, signed_comparator
from planwatch.processes import collector_paused, die_with_parent, leave_interrupts_to_parent
from planwatch.settings import get_settings
from planwatch.store.schema import Actual, Government, Indicator, Plan, Record

__all__ = [
    "CHUNK_RECORDS", "FIELDS", "SOURCE_RANK", "TargetStatus", "assess_targets", "assessment_chunks",
    "assessment_rows", "counts", "government_chunks", "iter_assessment_rows",
    "load_observations", "mark_restatements",
    "observations_for", "target_of", "tolerance_from_settings",
]

SOURCE_RANK = {"manual": 3, "import": 2, "document": 1}
# Records a streamed assessment reads at most per chunk of governments (≈ 2 KB of memory each while
# assessed): a chunk closes here too, whatever `chunk` says (`government_chunks`).
CHUNK_RECORDS = 50_000
Filters = tuple[str | None, str | None, int | None, frozenset[int]]  # government, indicator, year, the indicator's ids
# The fields of one assessment row in JSONL, CSV and GET /api/assessments, in this order.
FIELDS = (
    "plan_id", "government", "year", "indicator", "measure", "span", "comparator", "value", "value_max", "unit",
    "actual", "actual_unit", "actual_span", "actual_period", "actual_quote", "actual_document", "status", "margin",
    "basis", "estimate",
)
# Evidence fields that follow them: where the actual sits, the rule applied, the candidates.
EVIDENCE_FIELDS = (
    "record_id", "plan_year", "period_start", "quote", "rule", "gap", "progress", "actual_year", "actual_period_start",
    "actual_plan_id", "actual_record_id", "actual_start", "actual_end", "candidates", "evidence_parts", "tolerance",
    "indicator_id", "restates",
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
    gap: str = ""  # the margin in words, as the rule reads it (多降 1.6 个百分点; `rules.gap`)
    # The actuals a sum of yearly values adds up, year by year, each with its evidence (`Observation.evidence`):
    # the actual_* fields then cite the last of them only. Empty when the actual is one actual.
    evidence_parts: list[dict[str, Any]] = field(default_factory=list)
    # A part of the year (actual_span ``part``): its period, H1 / Q1 / Q3 (the first three quarters) / M10 (January to
    # October); "" otherwise. Such an actual shows how the year is going (on track / at risk), never its result.
    actual_period: str = ""
    # The tolerance that decided the verdict (in the target's unit: points for a rate), when the actual falls short of
    # the target's value but within it (增长10% judged met at 9.8%, ±0.5 points); None when it decided nothing.
    tolerance: float | None = None
    # The target this one restates in the same plan (its record id): the same indicator, measure, period and value,
    # said twice ("国内生产总值增长6.5%－7%" and "经济增长预期目标6.5%－7%"). It has the same verdict; a report
    # lists the first only. None for a first statement.
    restates: int | None = None
    # The verdict rests on a year-end estimate (预计): the status stands, the basis says so (`Assessment.estimate`).
    estimate: bool = False

    def to_dict(self, evidence: bool = True) -> dict[str, Any]:
        """The row as JSON: FIELDS first, then (with `evidence`) EVIDENCE_FIELDS; the status as its code (no_data)."""
        row = dict(zip(_ALL_FIELDS, _all_values(self), strict=True) if evidence else zip(FIELDS, _values(self), strict=True))
        row["status"] = status_code(row["status"])  # the code, as every machine-readable output spells it ("no_data")
        # applied to the signed value (下降3.4%以上: <= -3.4, as `rule` says), not to the size of the fall as stored
        row["comparator"] = signed_comparator(self.comparator, self.measure, self.value)
        return row


_ALL_FIELDS = FIELDS + EVIDENCE_FIELDS
_all_values, _values = attrgetter(*_ALL_FIELDS), attrgetter(*FIELDS)  # one C call for the values of a row


def tolerance_from_settings() -> Tolerance:
    """The ≈ tolerances configured in settings."""
    s = get_settings()
    return Tolerance(points=s.approx_tolerance_points, relative=s.approx_tolerance_relative)


_ENTERED = Actual.source != "document"  # an entry's author and date are read (a document actual's are not needed)


def _observation_query() -> Any:
    return (
        select(Actual.indicator_id, Actual.government_id, Actual.year, Actual.period, Actual.measure,
               Actual.value, Actual.unit, Actual.source, Actual.id, Actual.span, Actual.period_start,
               Actual.aspect, Actual.plan_id, Plan.year, Plan.doc, Actual.quote, Actual.start, Actual.end,
               Actual.record_id, Record.indicator, Actual.note, case((_ENTERED, Actual.who)),
               case((_ENTERED, func.substr(cast(Actual.at, String), 1, 10))), Record.comparator, Actual.estimate)
        .outerjoin(Plan, Actual.plan_id == Plan.id)
        .outerjoin(Record, Actual.record_id == Record.id)
    )


def _observation(row: Sequence[Any]) -> Observation:
    (ind, gov, year, period, measure, value, unit, source, aid, span, period_start, aspect, plan_id, plan_year, doc,
     quote, start, end, record_id, written, note, who, at, comparator, estimate) = row
    entered = source != "document"  # an entry's note, author and date are its evidence (a document's: its words)
    return Observation(ind, gov, year, period or "", measure, value, unit,
                       SOURCE_RANK.get(source, 0) * SOURCE_TIER + aid, span or "year", period_start, aspect, source,
                       doc or (note or source), plan_id, plan_year, quote or "", start, end, record_id,
                       written or "", aid, (note or "") if entered else "", who or "", at or "",
                       comparator or "=", multiple_kind(quote or "", unit) if unit == MULTIPLE else "", bool(estimate))


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
    out: list[Observation] = []
    for chunk in range(0, len(indicator_ids), 500):
        query = _observation_query().where(Actual.indicator_id.in_(indicator_ids[chunk:chunk + 500]),
                                           Actual.government_id.in_(government_ids))
        if years is not None:
            query = query.where(Actual.year.between(*years))
        out.extend(o for o in map(_observation, session.connection().execute(query))
                   if (o.indicator_id, o.government_id) in pairs)
    return out


def target_polarity(indicator_polarity: str | None, standard: bool, record_polarity: str | None) -> str | None:
    """The polarity a target is judged by: its indicator's (a standard indicator's neutral: `rules.TWO_SIDED`, as
    广义货币M2's), else its record's (from its verb: 增长 → higher), else None (the sign of a change decides)."""
    if indicator_polarity in ("higher", "lower"):
        return indicator_polarity
    if standard and indicator_polarity == "neutral":
        return TWO_SIDED
    return record_polarity if record_polarity in ("higher", "lower") else None


def change_of_level(written: str | None, canonical: str | None, measure: str) -> bool:
    """True for a level that is a change by an amount ("人均预期寿命提高", 1岁) linked to the indicator of the level
    (人均预期寿命): a plan stored before the registry kept a level's change verb (`store.indicators.indicator_key`)."""
    from planwatch.store.indicators import level_change

    verb = level_change(written or "") if measure == "level" and canonical else ""
    return bool(verb) and not level_change(canonical or "")


def target_of(rec: dict[str, Any]) -> Target:
    """A stored target record (a dict of its columns, plus plan_year and polarities) as the monitor's Target."""
    polarity = target_polarity(rec.get("indicator_polarity"), bool(rec.get("indicator_standard")),
                               rec.get("record_polarity", rec.get("polarity")))
    canonical = rec.get("indicator_canonical") or rec.get("indicator_name")
    written, unit = rec.get("indicator") or "", rec["unit"]
    return Target(id=rec["id"], indicator_id=rec["indicator_id"], government_id=rec["government_id"],
                  measure=rec["measure"], comparator=rec["comparator"], value=rec["value"], unit=unit,
                  year=rec["year"], plan_year=rec.get("plan_year"), value_max=rec.get("value_max"),
                  polarity=polarity, average=rec.get("span") is None and "年均" in (rec.get("quote") or ""),
                  span=rec.get("span") or "year", period_start=rec.get("period_start"), aspect=rec.get("aspect"),
                  comparable=comparable_prices(canonical, written),
                  multiple=multiple_kind(rec.get("quote") or "", unit) if unit == MULTIPLE else "",
                  change_of_level=rec["indicator_id"] is not None and change_of_level(written, canonical,
                                                                                      rec["measure"]))


def assess_targets(engine: Engine, plan_id: int | None = None, status: str | None = None,
                   tolerance: Tolerance | None = None) -> list[TargetStatus]:
    """Every stored target (of one plan) with its status, plus explicit absences; filtered by status."""
    return assessment_rows(engine, plan_id=plan_id, status=status, tolerance=tolerance)


def assessment_rows(engine: Engine, plan_id: int | None = None, status: str | None = None, *,
                    government: str | None = None, indicator: str | None = None, year: int | None = None,
                    tolerance: Tolerance | None = None,
                    government_ids: Collection[int] | None = None) -> list[TargetStatus]:
    """The assessment rows: every target with status, margin, rule and evidence (plus explicit absences).

    Filters: plan id, status (met, missed, on_track, at_risk, conflict, no_data, absent), government
    name, indicator (any of its names or aliases: GDP, 国内生产总值, 地区生产总值 are one), target year;
    `government_ids`: only these governments' targets (a level, the governments under one: `web.filters`).
    """
    status = status.replace("_", " ").strip().lower() if status else None  # on_track ≡ "on track"
    if status is not None and status not in STATUSES:
        raise ValidationError(f"status {status!r} is not one of: {', '.join(s.replace(' ', '_') for s in STATUSES)}")
    tolerance = tolerance or tolerance_from_settings()
    ids = None if government_ids is None else sorted(set(government_ids))
    if government:  # its plans only (a target is judged on its own government's actuals), not all, then filtered
        with Session(engine) as session:
            named = list(session.scalars(select(Government.id).where(Government.name == government)))
        ids = named if ids is None else [i for i in named if i in ids]
    with collector_paused():  # (~40 % faster: many small acyclic objects)
        rows = _assess_targets(engine, plan_id, status, tolerance, ids)
    if government:
        rows = [r for r in rows if r.government == government]
    if indicator:
        named_ids = indicator_ids(engine, indicator)
        rows = [r for r in rows if _kept(r, None, indicator, None, named_ids)]
    if year is not None:
        rows = [r for r in rows if r.year == year]
    return rows


def iter_assessment_rows(engine: Engine, status: str | None = None, *, government: str | None = None,
                         indicator: str | None = None, year: int | None = None, tolerance: Tolerance | None = None,
                         chunk: int = 100, workers: int = 1) -> Iterator[TargetStatus]:
    """Every assessment row of the database, streamed: `chunk` governments at a time (constant memory).

    A target is judged on its own government's actuals only, and an absence compares plans of one
    government, so each chunk of governments is assessed on its own; rows come government by government.
    With `workers` > 1, that many processes assess chunks side by side (`assessment_chunks`); the rows
    are the same and come in the same order.
    """
    for rows in assessment_chunks(engine, status, government=government, indicator=indicator, year=year,
                                  tolerance=tolerance, chunk=chunk, workers=workers):
        yield from rows


def assessment_chunks(engine: Engine, status: str | None = None, *, government: str | None = None,
                      indicator: str | None = None, year: int | None = None, tolerance: Tolerance | None = None,
                      chunk: int = 100, workers: int = 1, chunk_records: int = CHUNK_RECORDS,
                      transform: Callable[[list[TargetStatus]], Any] | None = None) -> Iterator[Any]:
    """The rows of `iter_assessment_rows`, one list per chunk of governments, in order — each passed
    through `transform` when given (e.g. encoded as JSON lines).

    With `workers` > 1, `workers` processes assess the chunks (and apply `transform`: a module-level
    function, sent to them by name; its result comes back pickled), at most two chunks each in flight
    or waiting, so memory stays bounded; the results come in chunk order, the same as with one. An
    in-memory SQLite database, or a single chunk, is assessed here. A chunk also closes at
    `chunk_records` records (`government_chunks`), so memory stays bounded however big the governments.
    """
    status = status.replace("_", " ").strip().lower() if status else None
    if status is not None and status not in STATUSES:
        raise ValidationError(f"status {status!r} is not one of: {', '.join(s.replace(' ', '_') for s in STATUSES)}")
    if workers < 1:
        raise ValidationError(f"workers must be at least 1, not {workers}")
    tolerance = tolerance or tolerance_from_settings()
    with Session(engine) as session:
        chunks = government_chunks(session, chunk, chunk_records)
    filters: Filters = (government, indicator, year, indicator_ids(engine, indicator) if indicator else frozenset())
    if workers > 1 and len(chunks) > 1 and engine.url.database not in (None, "", ":memory:"):
        yield from _parallel(engine, chunks, status, tolerance, filters, workers, transform)
        return
    for ids_of_chunk in chunks:
        with collector_paused():
            result = _chunk(engine, ids_of_chunk, status, tolerance, filters, transform)
        yield result


def government_chunks(session: Session, chunk: int, chunk_records: int = CHUNK_RECORDS) -> list[list[int]]:
    """Government ids in order, cut into chunks of at most `chunk` governments and `chunk_records` records.

    Memory follows the records a chunk reads, not its governments: 100 district governments hold a few
    thousand records, 100 synthetic ones of a benchmark a million. A government is never split (its
    targets are judged together), so one bigger than `chunk_records` is a chunk of its own.
    """
    held_by = session.execute(select(Plan.government_id, func.count(Record.id)).outerjoin(Record)
                              .group_by(Plan.government_id).order_by(Plan.government_id))
    chunks: list[list[int]] = []
    current: list[int] = []
    held = 0
    for government_id, records in held_by:
        if current and (len(current) >= chunk or held + records > chunk_records):
            chunks.append(current)
            current, held = [], 0
        current.append(government_id)
        held += records
    if current:
        chunks.append(current)
    return chunks


def _chunk(engine: Engine, government_ids: list[int], status: str | None, tolerance: Tolerance,
           filters: Filters,
           transform: Callable[[list[TargetStatus]], Any] | None) -> Any:
    """One chunk's rows, filtered (government name, indicator by id or name, target year), transformed."""
    rows = _assess_targets(engine, None, status, tolerance, government_ids)
    if any(f is not None for f in filters[:3]):
        rows = [r for r in rows if _kept(r, *filters)]
    return rows if transform is None else transform(rows)


def _kept(r: TargetStatus, government: str | None, indicator: str | None, year: int | None,
          ids: frozenset[int] = frozenset()) -> bool:
    """The filters of `assessment_rows`: government name, indicator (its id, `indicator_ids`, or the name as shown),
    target year."""
    if government and r.government != government:
        return False
    if indicator and r.indicator_id not in ids and indicator not in (r.indicator, display_name(r.indicator, r.government)):
        return False
    return year is None or r.year == year


def indicator_ids(engine: Engine, name: str) -> frozenset[int]:
    """The indicator a filter names, by any of its names: canonical, an alias (GDP, 国内生产总值 and 地区生产总值 are one
    indicator), or one worded apart (`store.indicators.match_form`); empty when the registry knows none."""
    from planwatch.store.indicators import Resolver

    with Session(engine) as session:
        found = Resolver(session).find(name.strip())
        session.rollback()  # (the registry may have been seeded for the look-up: nothing is written by a filter)
    return frozenset() if found is None else frozenset((found,))


# -- parallel assessment: worker processes, each assessing whole chunks of governments --------------

_FIELDS_OF_ROW = attrgetter(*(f.name for f in fields(TargetStatus)))  # a row as a plain tuple: cheap to pickle
_worker_engine: Engine | None = None


def _parallel(engine: Engine, chunks: list[list[int]], status: str | None, tolerance: Tolerance,
              filters: Filters, workers: int,
              transform: Callable[[list[TargetStatus]], Any] | None) -> Iterator[Any]:
    """The chunks' results, computed by `workers` processes, yielded chunk after chunk in order.

    Bounded: at most 2 × `workers` chunks are in flight or waiting; a consumer that stops early stops
    the workers. Each worker opens its own engine (a connection must not cross a fork): the parent's
    idle connections are closed first so that none is inherited.
    """
    url = engine.url.render_as_string(hide_password=False)
    engine.dispose()
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(url, os.getpid()))
    window: deque[Future[bytes]] = deque()
    try:
        for ids in chunks:
            window.append(pool.submit(_assess_chunk, ids, status, tolerance, filters, transform))
            if len(window) >= 2 * workers:
                yield _received(window.popleft(), transform)
        while window:
            yield _received(window.popleft(), transform)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _received(future: Future[bytes], transform: Callable[[list[TargetStatus]], Any] | None) -> Any:
    """A chunk's result back from its worker (whose error is raised here, in the caller)."""
    packed = future.result()
    with collector_paused():  # unpickled here, not in the pool's thread: the collector would scan every new tuple
        result = pickle.loads(packed)
        return result if transform is not None else [TargetStatus(*values) for values in result]


def _init_worker(url: str, parent: int | None = None) -> None:
    """A worker's own engine on the same database (already migrated by the parent); it dies with the parent
    (`planwatch.processes.die_with_parent`: a killed `assess --workers N` leaves no worker behind)."""
    global _worker_engine
    from planwatch.store.db import connect

    if parent is not None:
        die_with_parent(parent)
        leave_interrupts_to_parent()  # Ctrl-C: the parent stops the pool and says so, the workers print nothing

    _worker_engine = connect(url, migrate_schema=False)


def _assess_chunk(government_ids: list[int], status: str | None, tolerance: Tolerance,
                  filters: Filters,
                  transform: Callable[[list[TargetStatus]], Any] | None) -> bytes:
    """In a worker: one chunk's result pickled (without `transform`: the rows as tuples of their fields)."""
    assert _worker_engine is not None
    with collector_paused():
        result = _chunk(_worker_engine, government_ids, status, tolerance, filters, transform)
        return pickle.dumps(list(map(_FIELDS_OF_ROW, result)) if transform is None else result,
                            protocol=pickle.HIGHEST_PROTOCOL)


def _assess_targets(engine: Engine, plan_id: int | None, status: str | None,
                    tolerance: Tolerance, government_ids: list[int] | None = None) -> list[TargetStatus]:
    """`assessment_rows` without the argument checks and filters (of some governments only, when given)."""
    with Session(engine) as session:
        if plan_id is not None:
            government_id = session.scalar(select(Plan.government_id).where(Plan.id == plan_id))
            if government_id is None:
                raise NotFoundError(f"plan {plan_id} is not stored; `planwatch plans` lists them",
                                    kind="plan", key=plan_id)
            # A plan's absences compare its government's plans only: not every target of every plan read
            # (0.9 s -> 20 ms for one plan among 6,500).
            if government_ids is not None and government_id not in government_ids:
                return []  # the plan is not one of these governments'
            government_ids = [government_id]
        conn = session.connection()  # Core rows: no ORM overhead
        plans = conn.execute(_plan_query(government_ids)).all()  # (id, government, year, kind, government name)
        of_plan = {pid: (gov, year, name) for pid, gov, year, _kind, name in plans}
        indicators = {i: (name, polarity, standard) for i, name, polarity, standard in conn.execute(
            select(Indicator.id, Indicator.name, Indicator.polarity, Indicator.standard))}
        # The targets of these plans, by plan id (the planner then uses the (kind, plan_id, position) index
        # instead of scanning every record per chunk), in id order and batches: ordered by plan and position.
        wanted = [plan_id] if plan_id is not None else sorted(of_plan)
        rows: list[Any] = []
        for batch in range(0, len(wanted), _PLANS_A_QUERY):
            rows.extend(conn.execute(_TARGETS.where(Record.plan_id.in_(wanted[batch:batch + _PLANS_A_QUERY]))).all())
        governments = {of_plan[r[10]][0] for r in rows}
        observations = load_observations(session, governments if plan_id is not None or government_ids is not None
                                         else None)
        absences = None if plan_id is None else _absences(session, plan_id, government_ids)
    targets = []  # `target_of` of each row, without the dict
    names = []  # the indicator as stored: coalesce(indicator.name, record.indicator)
    targeted: dict[int, set[int]] = {}  # `_targeted` of these rows (every target of these plans, when plan_id is None)
    for rid, ind, measure, cmp, value, unit, year, value_max, rpol, quote, pid, written, span, period_start, aspect \
            in rows:
        gov, plan_year, _name = of_plan[pid]
        if ind is None:
            name = ipol = std = None
        else:
            name, ipol, std = indicators.get(ind, _NO_INDICATOR)
            if (span or "year") == "year" and (year is None or plan_year is None or year == plan_year):
                targeted.setdefault(pid, set()).add(ind)
        names.append(written if name is None else name)
        targets.append(Target(rid, ind, gov, measure, cmp, value, unit, year, plan_year, value_max,
                              target_polarity(ipol, bool(std), rpol), span is None and "年均" in (quote or ""),
                              span or "year", period_start, aspect, comparable_prices(name, written),
                              multiple_kind(quote or "", unit) if unit == MULTIPLE else "",
                              ind is not None and change_of_level(written, name, measure)))
    results = assess(targets, observations, tolerance)
    shown: dict[tuple[str, str], str] = {}  # display_name per (indicator, government): computed once
    out = [_row(t, a, of_plan[r[10]][2], r[10], r[9], name, shown)
           for r, t, a, name in zip(rows, targets, results, names, strict=True)]
    mark_restatements(out)
    if absences is None:  # every target of these plans was in `rows`: no second query for the absences
        absences = _absent_rows(plans, targeted, {i: name for i, (name, _p, std) in indicators.items() if std})
    out.extend(absences)
    if status is not None:
        out = [t for t in out if t.status == status]
    return out


def mark_restatements(rows: Iterable[TargetStatus]) -> None:
    """Set `restates` on each target a plan states again (the same indicator, measure, year, span, comparator and
    values as an earlier one of the plan: "经济增长预期目标6.5%－7%" after "国内生产总值增长6.5%－7%")."""
    first: dict[tuple[object, ...], int] = {}
    for r in rows:
        if r.record_id is None or r.indicator_id is None or r.value is None:
            continue
        key = (r.plan_id, r.indicator_id, r.measure, r.year, r.span, r.period_start, r.comparator, r.value,
               r.value_max, r.unit)
        if key in first:
            r.restates = first[key]
        else:
            first[key] = r.record_id


_PLANS_A_QUERY = 1000  # plan ids bound in one query (well under SQLite's bound-parameter limit)
_NO_INDICATOR: tuple[None, None, None] = (None, None, None)
_TARGETS = (
    select(Record.id, Record.indicator_id, Record.measure, Record.comparator, Record.value, Record.unit, Record.year,
           Record.value_max, Record.polarity, Record.quote, Record.plan_id, Record.indicator, Record.span,
           Record.period_start, Record.aspect)
    .where(Record.kind == "target")
    .order_by(Record.plan_id, Record.position)
)


def _plan_query(government_ids: list[int] | None) -> Any:
    """Every plan (of the given governments): id, government id, year, kind and government name."""
    query = (select(Plan.id, Plan.government_id, Plan.year, Plan.kind, Government.name)
             .join(Government, Plan.government_id == Government.id))
    if government_ids is not None:
        query = query.where(Plan.government_id.in_(government_ids))
    return query


def _row(t: Target, a: Assessment, government: str, plan_id: int, quote: str, name: str,
         shown: dict[tuple[str, str], str] | None = None) -> TargetStatus:
    """One assessment row from a Target, its Assessment, and the target's government, plan, quote and
    stored indicator name (`shown`: a cache of display names by (name, government) across one call's rows)."""
    if shown is None:
        indicator = display_name(name, government)
    elif (indicator := shown.get((name, government))) is None:  # type: ignore[assignment]
        indicator = shown[(name, government)] = display_name(name, government)
    e = a.evidence
    year = t.year or t.plan_year
    span, period_start = judged_span(t)  # the span it was judged on: 降低16% of a five-year plan is a total, not 2015's
    if e is None and a.actual is None and not a.candidates and not a.used:  # no actual at all (most no-data rows)
        return TargetStatus(t.id, plan_id, government, t.plan_year, year, indicator, t.measure, t.comparator, t.value,
                            t.value_max, t.unit, a.status, a.margin, None, a.basis, a.progress, span,
                            period_start, quote, a.rule, "", "", "", "", None, None, None, None, None, None, [],
                            t.indicator_id, t.government_id)
    return TargetStatus(
        record_id=t.id, plan_id=plan_id, government=government, plan_year=t.plan_year, year=year,
        indicator=indicator, measure=t.measure, comparator=t.comparator, value=t.value, value_max=t.value_max,
        unit=t.unit, status=a.status, margin=a.margin, actual=a.actual, basis=a.basis, progress=a.progress,
        span=span, period_start=period_start, quote=quote, rule=a.rule,
        actual_unit=(a.actual_unit or (e.unit if e else "")) if a.actual is not None else "",
        actual_span=(a.actual_span or (e.span if e else "")) if a.actual is not None else "",
        actual_quote=e.quote if e else "", actual_document=e.document if e else "",
        actual_year=e.year if e else None, actual_period_start=e.period_start if e else None,
        actual_plan_id=e.plan_id if e else None, actual_record_id=e.record_id if e else None,
        actual_start=e.start if e else None, actual_end=e.end if e else None,
        candidates=[dict(o.evidence(), chosen=o in a.used) for o in (a.candidates or a.used)],
        indicator_id=t.indicator_id, government_id=t.government_id, gap=a.gap,
        evidence_parts=a.evidence_parts(), actual_period=a.actual_period, tolerance=a.tolerance,
        estimate=a.estimate,
    )


def _absences(session: Session, plan_id: int | None, government_ids: list[int] | None = None) -> list[TargetStatus]:
    """Standard indicators the previous year's plan targeted for its own year and this plan omits.

    Only annual targets count: a multi-year target (a five-year plan's 2020 goal, an average
    or a total) is not repeated in the next annual plan and is not "absent" there.
    """
    target_query = (select(Record.plan_id, Record.indicator_id, Record.year, Record.span)
                    .where(Record.kind == "target", Record.indicator_id.is_not(None)).distinct())
    if government_ids is not None:
        target_query = target_query.where(Record.plan_id.in_(select(Plan.id).where(Plan.government_id.in_(government_ids))))
    plans = session.execute(_plan_query(government_ids)).all()
    standard = {i: n for i, n in session.execute(select(Indicator.id, Indicator.name)
                                                 .where(Indicator.standard.is_(True)))}
    return _absent_rows(plans, _targeted(plans, session.execute(target_query)), standard, plan_id)


def _targeted(plans: Sequence[Any], targets: Iterable[Sequence[Any]]) -> dict[int, set[int]]:
    """The indicators each plan targets for its own year (annual targets only), from its targets (plan id,
    indicator id, year, span). `_assess_targets` applies the same test inline, row by row."""
    plan_years = {pid: year for pid, _g, year, _k, _n in plans}
    targeted: dict[int, set[int]] = {}
    for pid, ind, year, span in targets:
        own = plan_years.get(pid)
        if (span or "year") != "year" or (year is not None and own is not None and year != own):
            continue
        targeted.setdefault(pid, set()).add(ind)
    return targeted


def _absent_rows(plans: Sequence[Any], targeted: dict[int, set[int]], standard: dict[int, str],
                 plan_id: int | None = None) -> list[TargetStatus]:
    """The absence rows of `plans` (id, government id, year, kind, government name) given the indicators
    each targets for its own year (`_targeted`) and the standard indicators (id → name)."""
    found = explicitly_absent(
        [PlanTargets(pid, gov, year, kind, frozenset(targeted.get(pid, ()))) for pid, gov, year, kind, _n in plans],
        set(standard),
    )
    names = {pid: (name, year) for pid, _g, year, _k, name in plans}
    return [
        TargetStatus(None, a.plan_id, names[a.plan_id][0], names[a.plan_id][1], names[a.plan_id][1],
                     display_name(standard[a.indicator_id], names[a.plan_id][0]), "", "", None, None, "", "absent",
                     basis=Phrase("absent", plan=a.previous_plan_id),
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
