"""The indicator chart's data: one series per government on a real time axis, ranges as bands,
every candidate actual with the chosen one marked.

Per measure, per government: targets (a range keeps both bounds, drawn as a band), reported
results, and every full-year or year-to-date actual with its source and sentence; the one
monitoring would choose for its year (`planwatch.monitor.attainment.choose`) is marked
``chosen``. `x` is a point in time: the year, or the year plus the share of it a
year-to-date value covers (H1 of 2024 → 2023.5), so uneven years stay uneven on the axis.
Only one-year values are charted (averages and totals over several years are listed, not
joined to yearly points).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.monitor.attainment import Observation, choose
from planwatch.monitor.display import display_name
from planwatch.monitor.service import observations_for
from planwatch.store.schema import Government, Plan, Record
from planwatch.store.units import PERIOD_FRACTION

__all__ = ["build", "indicator_series"]


def _x(year: int, period: str = "") -> float:
    return float(year) if not period else year - 1 + PERIOD_FRACTION.get(period, 1.0)


def indicator_series(session: Session, indicator_id: int, indicator: str,
                     government_id: int | None = None) -> list[dict[str, Any]]:
    """The chart lanes of one indicator (all governments, or one)."""
    query = (select(Record.id, Record.kind, Record.measure, Record.year, Record.value, Record.value_max, Record.unit,
                    Record.span, Record.quote, Plan.government_id, Government.name, Record.plan_id)
             .join(Plan, Plan.id == Record.plan_id).join(Government, Government.id == Plan.government_id)
             .where(Record.indicator_id == indicator_id).order_by(Record.year, Record.id))
    if government_id is not None:
        query = query.where(Plan.government_id == government_id)
    records = [dict(zip(("id", "kind", "measure", "year", "value", "value_max", "unit", "span", "quote",
                         "government_id", "government", "plan_id"), row, strict=True)) for row in session.execute(query)]
    names = dict(session.execute(select(Government.id, Government.name)).all())
    governments = {r["government_id"] for r in records} if government_id is None else {government_id}
    observations = observations_for(session, {(indicator_id, g) for g in governments})
    return build(records, observations, names, indicator)


def build(records: list[dict[str, Any]], observations: list[Observation], names: dict[int, str],
          indicator: str = "") -> list[dict[str, Any]]:
    """Lanes per measure, each with one series per government (pure: plain rows in, chart data out)."""
    lanes: dict[str, dict[int, dict[str, Any]]] = {}
    units: dict[str, str] = {}

    def slot(measure: str, gov: int) -> dict[str, Any]:
        govs = lanes.setdefault(measure, {})
        if gov not in govs:
            name = names.get(gov, str(gov))
            govs[gov] = {"government_id": gov, "government": name, "indicator": display_name(indicator, name),
                         "targets": [], "results": [], "actuals": []}
        return govs[gov]

    for r in records:
        if r["year"] is None or r["value"] is None or (r.get("span") or "year") != "year" or r["measure"] == "ratio":
            continue
        units.setdefault(r["measure"], r["unit"])
        point = {"x": float(r["year"]), "year": r["year"], "value": r["value"], "value_max": r["value_max"],
                 "record_id": r["id"], "plan_id": r["plan_id"], "quote": r["quote"]}
        slot(r["measure"], r["government_id"])["targets" if r["kind"] == "target" else "results"].append(point)
    groups: dict[tuple[int, str, int, str], list[Observation]] = {}
    for o in observations:
        if (o.span or "year") != "year":
            continue
        groups.setdefault((o.government_id, o.measure, o.year, o.period), []).append(o)
    for (gov, measure, year, period), found in sorted(groups.items()):
        best, _rivals = choose(found, year)
        units.setdefault(measure, found[0].unit)
        for o in found:
            slot(measure, gov)["actuals"].append({
                "x": _x(year, period), "year": year, "period": period, "value": o.value, "unit": o.unit,
                "source": o.source, "document": o.document, "quote": o.quote, "plan_id": o.plan_id,
                "record_id": o.record_id, "chosen": o is best})
    out = []
    for measure in sorted(lanes):
        series = sorted(lanes[measure].values(), key=lambda s: s["government"])
        xs = [p["x"] for s in series for kind in ("targets", "results", "actuals") for p in s[kind]]
        out.append({"measure": measure, "unit": units.get(measure, ""), "governments": series,
                    "x_min": min(xs) if xs else None, "x_max": max(xs) if xs else None})
    return out
