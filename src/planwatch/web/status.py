"""Attainment for the pages: each target record gets its status, margin and actual.

The judging is `planwatch.monitor.attainment`'s pure rule table; this module only
loads, in one query, the actuals of the (indicator, government) pairs on screen.
Status codes use underscores in URLs and JSON: met, missed, on_track, at_risk,
no_data, absent.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy.orm import Session

STATUSES = ("met", "missed", "on_track", "at_risk", "conflict", "no_data")


def code(status: str | None) -> str:
    """The URL/JSON code of a monitor status ('on track' → 'on_track')."""
    return (status or "no data").replace(" ", "_")


def observations(session: Session, pairs: set[tuple[int, int]],
                 years: tuple[int, int] | None = None) -> list[Any]:
    """Every stored actual of the given (indicator, government) pairs, with period and evidence (`monitor.service`)."""
    from planwatch.monitor.service import observations_for

    return observations_for(session, pairs, years)


def deciding_years(targets: list[dict[str, Any]]) -> tuple[int, int] | None:
    """The years whose actuals can decide these targets: from the year before the earliest of each target's
    year, plan year and period start (growth from levels, multi-year bases) to the latest of them.

    A page of a million-record database loads the actuals of those years only, not of every year of
    its indicators and governments; a target with no year at all is never judged and needs none.
    """
    lows, highs = [], []
    for rec in targets:
        known = [y for y in (rec.get("year"), rec.get("plan_year"), rec.get("period_start")) if y is not None]
        if known:
            lows.append(min(known) - 1)
            highs.append(max(known))
    return (min(lows), max(highs)) if lows else None


def _target(rec: dict[str, Any]) -> Any:
    from planwatch.monitor.service import target_of

    return target_of(rec)


def _latest(obs: list[Any]) -> dict[tuple[int, int, int, str], dict[str, Any]]:
    """The best full-year (else latest mid-year) actual per (indicator, government, year, measure), one year's before
    an average or a total of several ending that year; each with the period it covers (`span`, `first_year`), so a
    five-year total is never shown as the year's."""
    best: dict[tuple[int, int, int, str], tuple[tuple[int, int, int, int], dict[str, Any]]] = {}
    for o in obs:
        key = (o.indicator_id, o.government_id, o.year, o.measure)
        span = o.span or "year"
        rank = (1 if o.period == "" else 0, 1 if span == "year" else 0, 0 if o.estimate else 1, o.rank)  # final first
        if key not in best or rank >= best[key][0]:
            best[key] = (rank, {"value": o.value, "unit": o.unit, "year": o.year, "period": o.period,
                                "span": "part" if o.period else span,
                                "first_year": o.period_start if span in ("average", "total") else None,
                                "estimate": o.estimate})
    return {k: v[1] for k, v in best.items()}


def _pairs(targets: list[dict[str, Any]]) -> set[tuple[int, int]]:
    return {(r["indicator_id"], r["government_id"]) for r in targets if r["indicator_id"] is not None}


def load(session: Session, records: list[dict[str, Any]]) -> list[Any]:
    """The actuals that can decide the targets among `records` (one query): pass them to `mark` and
    `attach` for these records or any subset of them, instead of each loading them again."""
    targets = [r for r in records if r["kind"] == "target"]
    pairs = _pairs(targets)
    return observations(session, pairs, deciding_years(targets)) if pairs else []


def _observations_for(session: Session, targets: list[dict[str, Any]], loaded: list[Any] | None) -> list[Any]:
    """What `observations` returns for these targets, taken from `loaded` (`load` of a superset) when given."""
    pairs = _pairs(targets)
    if not pairs:
        return []
    years = deciding_years(targets)
    if loaded is None or years is None:  # no year at all: every year of the pairs (not what `load` read)
        return observations(session, pairs, years)
    first, last = years
    return [o for o in loaded if (o.indicator_id, o.government_id) in pairs and first <= o.year <= last]


def mark(session: Session, records: list[dict[str, Any]], loaded: list[Any] | None = None) -> list[dict[str, Any]]:
    """Add only `status` to each record dict (results: None): what counts by status need, without the
    evidence, margin and latest actual `attach` adds (a fraction of its cost for a whole plan).
    `loaded`: the actuals `load` read for these records (or a superset of them)."""
    from planwatch.monitor.attainment import assess
    from planwatch.monitor.service import tolerance_from_settings

    targets = [r for r in records if r["kind"] == "target"]
    verdicts = {a.target_id: a for a in assess([_target(r) for r in targets],
                                                _observations_for(session, targets, loaded),
                                                tolerance_from_settings())}
    for rec in records:
        verdict = verdicts.get(rec["id"]) if rec["kind"] == "target" else None
        rec["status"] = code(verdict.status if verdict else None) if rec["kind"] == "target" else None
    return records


WORDED = ("rule", "basis", "gap")  # a verdict's explanations: the JSON keeps them as monitoring writes them (English)


def words(row: dict[str, Any]) -> dict[str, Any]:
    """Add `rule_text`, `basis_text` and `gap_text` to a verdict's dict: its explanations in the interface language, as
    the pages word them (`labels.explain`: 实际值按上半年增速…; the English words with ?lang=en), beside the fields
    the JSON has always carried (`rule`, `basis`, `gap`), which stay as they were for programs reading them."""
    from planwatch.web.labels import explain

    for key in WORDED:
        if key in row:
            row[f"{key}_text"] = explain(row[key]) if row[key] else ""
    return row


def attach(session: Session, records: list[dict[str, Any]], loaded: list[Any] | None = None) -> list[dict[str, Any]]:
    """Add `status`, `margin`, `gap`, `basis` and `actual` to each record dict (results: status None).
    `loaded`: the actuals `load` read for these records or a superset of them (else they are read here)."""
    from planwatch.monitor.attainment import assess, judged_span
    from planwatch.monitor.service import tolerance_from_settings

    targets = [r for r in records if r["kind"] == "target"]
    obs = _observations_for(session, targets, loaded)
    judged = {r["id"]: _target(r) for r in targets}
    verdicts = {a.target_id: a for a in assess(list(judged.values()), obs, tolerance_from_settings())}
    latest = _latest(obs)
    for rec in records:
        if rec["kind"] != "target":
            rec.update(status=None, margin=None, gap="", basis=None, actual=None)
            continue
        # the span it is judged on (降低16% of a five-year plan: a total of 2011–2015): the pages show it, not "2015"
        rec["judged_span"], rec["judged_period_start"] = judged_span(judged[rec["id"]])
        verdict = verdicts.get(rec["id"])
        rec["status"] = code(verdict.status if verdict else None)
        rec["margin"] = verdict.margin if verdict else None
        rec["gap"] = verdict.gap if verdict else ""  # the margin in words, as the rule reads it (多降 1.6 个百分点)
        rec["basis"] = verdict.basis if verdict else ""
        rec["progress"] = verdict.progress if verdict else None
        year = rec["year"] or rec.get("plan_year")
        rec["actual"] = latest.get((rec["indicator_id"], rec["government_id"], year, rec["measure"])) \
            if rec["indicator_id"] is not None and year is not None else None
        _evidence(rec, verdict)
        words(rec)
    _name_documents(session, records)
    return records


def _name_documents(session: Session, records: list[dict[str, Any]]) -> None:
    """Add `document_name` to each record, evidence and candidate: the plan it was read from as pages name it
    ("国务院 2018年政府工作报告"), beside `doc` / `document`, the file's stem the JSON keeps."""
    from planwatch.web.queries import plan_names

    cited = [e for rec in records for e in [rec.get("evidence"), *rec.get("candidates", []), *rec.get("evidence_parts", [])]
             if e]
    names = plan_names(session, [*(e.get("plan_id") for e in cited), *(rec.get("plan_id") for rec in records)])
    for e in cited:
        e["document_name"] = names.get(e.get("plan_id"), e.get("document") or "")
    for rec in records:
        plan_id = rec.get("plan_id")
        rec["document_name"] = names[plan_id] if plan_id in names else rec.get("doc") or ""


def _evidence(rec: dict[str, Any], verdict: Any) -> None:
    """The verdict's evidence on the record: the chosen actual (quote, document, offsets), rule, candidates, and the
    parts of a sum (`evidence_parts`: each year's actual with its evidence)."""
    rec["rule"] = verdict.rule if verdict else ""
    rec["evidence"] = None
    rec["candidates"] = []
    rec["evidence_parts"] = []  # a sum of yearly actuals: each year's, with its evidence (`evidence` is the last one)
    if verdict is None:
        return
    chosen = verdict.evidence
    rec["evidence_parts"] = verdict.evidence_parts()  # with `part`: terms of a sum (＋), or the levels of a growth (→)
    if chosen is not None:
        rec["evidence"] = chosen.evidence()
        if verdict.actual is not None:
            span = verdict.actual_span or chosen.span
            rec["actual"] = {"value": verdict.actual, "unit": verdict.actual_unit or chosen.unit, "year": chosen.year,
                             "period": chosen.period, "span": span,
                             # an average or a total from its first year (one computed from levels: the target's)
                             "first_year": (chosen.period_start or rec.get("judged_period_start"))
                             if span in ("average", "total") else None,
                             "estimate": verdict.estimate}  # a year-end estimate (预计): marked beside the value
            if verdict.parts and verdict.parts_kind == "sum":  # the total of the years it adds up (2016–2017), not of the last one
                rec["actual"]["first_year"] = verdict.parts[0].year
    rec["candidates"] = [dict(o.evidence(), chosen=o in verdict.used) for o in (verdict.candidates or verdict.used)]


def counts(records: list[dict[str, Any]]) -> dict[str, int]:
    """How many targets have each status (every status listed, zeros included)."""
    tally = Counter(r["status"] for r in records if r["kind"] == "target")
    ordered = {s: tally.pop(s, 0) for s in STATUSES}
    ordered.update(tally)
    return ordered
