"""Attainment for the pages: each target record gets its status, margin and actual.

The judging is `planwatch.monitor.attainment`'s pure rule table; this module only
loads, in one query, the actuals of the (indicator, government) pairs on screen.
Status codes use underscores in URLs and JSON: met, missed, on_track, at_risk,
no_data, absent.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.store.schema import Actual

STATUSES = ("met", "missed", "on_track", "at_risk", "no_data")


def code(status: str | None) -> str:
    """The URL/JSON code of a monitor status ('on track' → 'on_track')."""
    return (status or "no data").replace(" ", "_")


def observations(session: Session, pairs: set[tuple[int, int]]) -> list[Any]:
    """Every stored actual of the given (indicator, government) pairs, ranked as `monitor.service` ranks them."""
    from planwatch.monitor.attainment import Observation
    from planwatch.monitor.service import SOURCE_RANK

    if not pairs:
        return []
    out = []
    indicator_ids = sorted({p[0] for p in pairs})
    government_ids = sorted({p[1] for p in pairs})
    for chunk in range(0, len(indicator_ids), 500):
        rows = session.execute(
            select(Actual.indicator_id, Actual.government_id, Actual.year, Actual.period, Actual.measure,
                   Actual.value, Actual.unit, Actual.source, Actual.id)
            .where(Actual.indicator_id.in_(indicator_ids[chunk:chunk + 500]), Actual.government_id.in_(government_ids))
            .order_by(Actual.year, Actual.period, Actual.id)
        )
        for ind, gov, year, period, measure, value, unit, source, aid in rows:
            if (ind, gov) in pairs:
                rank = SOURCE_RANK.get(source, 0) * 10**12 + aid
                out.append(Observation(ind, gov, year, period or "", measure, value, unit, rank))
    return out


def _target(rec: dict[str, Any]) -> Any:
    from planwatch.monitor.attainment import Target

    return Target(id=rec["id"], indicator_id=rec["indicator_id"], government_id=rec["government_id"],
                  measure=rec["measure"], comparator=rec["comparator"], value=rec["value"], unit=rec["unit"],
                  year=rec["year"], plan_year=rec.get("plan_year"), value_max=rec["value_max"],
                  polarity=_polarity(rec), average="年均" in (rec.get("quote") or ""))


def _polarity(rec: dict[str, Any]) -> str | None:
    """The polarity the monitor judges by: the indicator's when it has one, else the record's."""
    indicator = rec.get("indicator_polarity")
    return indicator if indicator in ("higher", "lower") else rec.get("record_polarity")


def _latest(obs: list[Any]) -> dict[tuple[int, int, int, str], dict[str, Any]]:
    """The best full-year (else latest mid-year) actual per (indicator, government, year, measure)."""
    best: dict[tuple[int, int, int, str], tuple[tuple[int, int], dict[str, Any]]] = {}
    for o in obs:
        key = (o.indicator_id, o.government_id, o.year, o.measure)
        rank = (1 if o.period == "" else 0, o.rank)
        if key not in best or rank >= best[key][0]:
            best[key] = (rank, {"value": o.value, "unit": o.unit, "year": o.year, "period": o.period})
    return {k: v[1] for k, v in best.items()}


def attach(session: Session, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add `status`, `margin`, `basis` and `actual` to each record dict (results: status None)."""
    from planwatch.monitor.attainment import assess
    from planwatch.monitor.service import tolerance_from_settings

    targets = [r for r in records if r["kind"] == "target"]
    pairs = {(r["indicator_id"], r["government_id"]) for r in targets if r["indicator_id"] is not None}
    obs = observations(session, pairs)
    verdicts = {a.target_id: a for a in assess([_target(r) for r in targets], obs, tolerance_from_settings())}
    latest = _latest(obs)
    for rec in records:
        if rec["kind"] != "target":
            rec.update(status=None, margin=None, basis=None, actual=None)
            continue
        verdict = verdicts.get(rec["id"])
        rec["status"] = code(verdict.status if verdict else None)
        rec["margin"] = verdict.margin if verdict else None
        rec["basis"] = verdict.basis if verdict else ""
        rec["progress"] = verdict.progress if verdict else None
        year = rec["year"] or rec.get("plan_year")
        rec["actual"] = latest.get((rec["indicator_id"], rec["government_id"], year, rec["measure"])) \
            if rec["indicator_id"] is not None and year is not None else None
    return records


def counts(records: list[dict[str, Any]]) -> dict[str, int]:
    """How many targets have each status (every status listed, zeros included)."""
    tally = Counter(r["status"] for r in records if r["kind"] == "target")
    ordered = {s: tally.pop(s, 0) for s in STATUSES}
    ordered.update(tally)
    return ordered
