"""The indicator chart's data: one series per government on a real time axis, ranges as bands,
every candidate actual with the chosen one marked.

Per measure, per government: targets (a range keeps both bounds, drawn as a band), reported
results, and every full-year or year-to-date actual with its source and sentence; the one
monitoring would choose for its year (`planwatch.monitor.attainment.choose`) is marked
``chosen``. `x` is a point in time: the year, or — a year-to-date value, flagged ``part`` and drawn apart, never
joined by the line to full-year values — the middle of the months it covers, within that year's tick (H1 of 2024 →
2023.75; `when` says 2024年上半年), so uneven years stay uneven on the axis.
Only one-year values are charted (averages and totals over several years are listed, not
joined to yearly points), and never a difference from another figure (aspect gap: 高于全国0.4个百分点).
A year's reported result is its first record, unless that record supplied no actual (the base of
"从X增加到Y") and the same plan supplied the chosen one.

At corpus scale (issue 13) the chart stays small: without a chosen government it draws the
`MAX_GOVERNMENTS` governments with most records (the page offers the others in a chooser), and
one point per government, measure, kind and year (its first record), selected in SQL.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import BindParameter, Select, bindparam, func, select, text
from sqlalchemy.orm import Session

from planwatch.monitor.attainment import Observation, choose
from planwatch.monitor.display import display_name
from planwatch.monitor.rules import MULTIPLE
from planwatch.monitor.service import observations_for
from planwatch.store.schema import Government, Plan, Record
from planwatch.store.units import PERIOD_FRACTION

__all__ = ["CHOOSER_LIMIT", "MAX_GOVERNMENTS", "build", "government_counts", "indicator_series"]


def _x(year: int, period: str = "") -> float:
    """A point in time on the chart's axis, whose tick `year` is that year: a year's value on its tick, a part of the
    year (which always starts in January) in the middle of the months it covers, inside that year's half-width around
    its tick and before it (H1 of 2019 → 2018.75, the first three quarters → 2018.875), never in the year before."""
    return float(year) if not period else year - 0.5 + PERIOD_FRACTION.get(period, 1.0) / 2


def _when(year: int, period: str) -> str:
    """The period a point covers, as its tooltip says it: 2019, or 2019年上半年 (2019 first half in English)."""
    from planwatch.web.i18n import gettext
    from planwatch.web.labels import period_label

    return str(year) if not period else gettext("%(year)s %(period)s", year=year, period=period_label(period))


MAX_GOVERNMENTS = 6  # series per chart without a chosen government (most records first; one colour each)
CHOOSER_LIMIT = 300  # governments offered in the chooser (most records first)


def _charted(query: Any) -> Any:
    """Only what `build` draws: one-year values with a year and a value, measures other than ratio."""
    return query.where(Record.year.is_not(None), Record.value.is_not(None), Record.measure != "ratio",
                       func.coalesce(Record.span, "year") == "year")


# The page's two statements on records are built once, with the indicator and the governments as
# parameters: building and keying them again on every request cost ≈ 1 ms of Python per page.
_INDICATOR: BindParameter[int] = bindparam("indicator_id")
_GOVERNMENTS: BindParameter[list[int]] = bindparam("governments", expanding=True)


@cache
def _counts_statement() -> Select:
    per_plan = select(Record.plan_id, func.count().label("n")).where(Record.indicator_id == _INDICATOR) \
        .group_by(Record.plan_id).subquery()
    n = func.sum(per_plan.c.n)
    return (select(Plan.government_id, Government.name, n).join(Plan, Plan.id == per_plan.c.plan_id)
            .join(Government, Government.id == Plan.government_id)
            .group_by(Plan.government_id, Government.name).order_by(n.desc(), Government.name))


# The same on SQLite, each plan's government read from the index (id, government_id) (0018_plan_government):
# SQLite always looks a plan up by its id in the table, whose row's first page holds the start of its 57 KB
# text (15 ms for the busiest indicator's 6,500 plans; 5.8 ms from the index). SQLAlchemy writes no INDEXED BY.
_SQLITE_COUNTS = text(
    'SELECT "plan".government_id, government.name, sum(per_plan.n) AS n '
    "FROM (SELECT plan_id, count(*) AS n FROM record WHERE indicator_id = :indicator_id GROUP BY plan_id) AS per_plan "
    'JOIN "plan" INDEXED BY ix_plan_id_government ON "plan".id = per_plan.plan_id '
    'JOIN government ON government.id = "plan".government_id '
    'GROUP BY "plan".government_id, government.name ORDER BY n DESC, government.name')


def government_counts(session: Session, indicator_id: int) -> list[dict[str, Any]]:
    """The governments with records of the indicator, most records first (then by name)."""
    statement = _SQLITE_COUNTS if session.get_bind().dialect.name == "sqlite" else _counts_statement()
    rows = session.connection().execute(statement, {"indicator_id": indicator_id})
    return [{"id": gid, "name": name, "records": int(count)} for gid, name, count in rows]


@cache
def _points_statement(sqlite: bool) -> Select:
    """The chart's points of an indicator's governments (`indicator_series`)."""
    if sqlite:  # SQLite then looks up (indicator, plan) in the index
        theirs = Record.plan_id.in_(select(Plan.id).where(Plan.government_id.in_(_GOVERNMENTS)))
    else:  # PostgreSQL scans the indicator's index entries once and hash-joins the plans
        theirs = Plan.government_id.in_(_GOVERNMENTS)
    # the first record of each government, measure, kind and year, and how many that slot has (grouped by
    # the numbers first: PostgreSQL sorts the rows to group them, and the year settles most ties cheaply)
    slots = (
        _charted(select(func.min(Record.id).label("id"), func.count().label("n"), Plan.government_id)
                 .join(Plan, Plan.id == Record.plan_id).where(Record.indicator_id == _INDICATOR, theirs))
        .group_by(Plan.government_id, Record.year, Record.kind, Record.measure)).subquery()
    # a difference from another figure (aspect gap: 高于全国0.4个百分点) is no value of the indicator: never drawn (it
    # was, as 0.4). Left out here, on the rows read anyway, not in `slots`: the chart's index has no aspect; a year's
    # first record is its value, the difference follows it ("增长5.4%、高于全国0.4个百分点")
    return (select(Record.id, Record.kind, Record.measure, Record.year, Record.value, Record.value_max, Record.unit,
                   Record.span, Record.quote, slots.c.government_id, Record.plan_id, slots.c.n)
            .join(slots, slots.c.id == Record.id).where(func.coalesce(Record.aspect, "") != "gap")
            .order_by(Record.year, Record.id))  # one statement: no list of ids sent back and forth


def indicator_series(session: Session, indicator_id: int, indicator: str, government_id: int | None = None,
                     counts: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """The chart lanes of one indicator: one government, or the `MAX_GOVERNMENTS` with most records.

    Points are read in SQL already reduced to what is drawn: one per government, measure, kind and year
    (its first record, which monitoring also prefers, with how many records that year has; all of them
    are in the records list), so the page costs the same whatever the corpus.
    """
    if government_id is not None:
        governments = [government_id]
    else:
        governments = [g["id"] for g in (counts if counts is not None
                                         else government_counts(session, indicator_id))[:MAX_GOVERNMENTS]]
    if not governments:
        return []
    keys = ("id", "kind", "measure", "year", "value", "value_max", "unit", "span", "quote", "government_id", "plan_id",
            "records")
    rows = session.connection().execute(_points_statement(session.get_bind().dialect.name == "sqlite"),
                                        {"indicator_id": indicator_id, "governments": governments}).all()
    records = [dict(zip(keys, row, strict=True)) for row in rows]
    known = {g["id"]: g["name"] for g in counts or [] if g["id"] in governments}  # names the chooser has read
    names = known if len(known) == len(governments) else dict(session.execute(
        select(Government.id, Government.name).where(Government.id.in_(governments))).all())
    observations = observations_for(session, {(indicator_id, g) for g in governments})
    lanes = build(records, observations, names, indicator)
    _name_documents(session, lanes)
    return lanes


def _name_documents(session: Session, lanes: list[dict[str, Any]]) -> None:
    """Add `document_name` to each actual drawn: the tooltip cites the plan by its name, not its file's stem."""
    from planwatch.web.queries import plan_names

    points = [p for lane in lanes for g in lane["governments"] for p in g["actuals"] if p.get("plan_id") is not None]
    names = plan_names(session, (p["plan_id"] for p in points))
    for p in points:
        p["document_name"] = names.get(p["plan_id"], p.get("document") or "")


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

    series: dict[tuple[str, int], dict[str, Any]] = {}  # slot() by (measure, government), looked up once each
    for r in records:
        year, measure = r["year"], r["measure"]
        if year is None or r["value"] is None or (r.get("span") or "year") != "year" or measure == "ratio" \
                or r.get("aspect") == "gap" \
                or r["unit"] == MULTIPLE:  # a gap is no value of the indicator; a multiple of a base (2倍) no level
            continue
        units.setdefault(measure, r["unit"])
        point = {"x": float(year), "year": year, "value": r["value"], "value_max": r["value_max"],
                 "record_id": r["id"], "plan_id": r["plan_id"], "quote": r["quote"],
                 "records": r.get("records", 1)}  # records of its government, measure, kind and year (one drawn)
        key = (measure, r["government_id"])
        lane = series.get(key)
        if lane is None:
            lane = series[key] = slot(*key)
        lane["targets" if r["kind"] == "target" else "results"].append(point)
    groups: dict[tuple[int, str, int, str], list[Observation]] = {}
    for o in observations:
        if (o.span or "year") != "year" or o.aspect == "gap" or o.unit == MULTIPLE:
            continue
        groups.setdefault((o.government_id, o.measure, o.year, o.period), []).append(o)
    chosen: dict[tuple[int, str, int], Observation | None] = {}  # the full year's chosen actual, by government, measure, year
    for (gov, measure, year, period), found in sorted(groups.items()):
        best, _rivals = choose(found, year)
        if not period:
            chosen[(gov, measure, year)] = best
        units.setdefault(measure, found[0].unit)
        for o in found:
            slot(measure, gov)["actuals"].append({
                "x": _x(year, period), "year": year, "period": period, "when": _when(year, period),
                "part": bool(period), "value": o.value, "unit": o.unit,
                "source": o.source, "document": o.document, "quote": o.quote, "plan_id": o.plan_id,
                "record_id": o.record_id, "chosen": o is best})
    _results_as_chosen(series, chosen, {o.record_id for o in observations if o.record_id is not None})
    out = []
    for measure in sorted(lanes):
        shown = sorted(lanes[measure].values(), key=lambda s: s["government"])
        xs = [p["x"] for s in shown for kind in ("targets", "results", "actuals") for p in s[kind]]
        out.append({"measure": measure, "unit": units.get(measure, ""), "governments": shown,
                    "x_min": min(xs) if xs else None, "x_max": max(xs) if xs else None})
    return out


def _results_as_chosen(series: dict[tuple[str, int], dict[str, Any]],
                       chosen: dict[tuple[int, str, int], Observation | None],
                       observed: set[int]) -> None:
    """Draw a year's reported result as the actual its plan supplied when the first record is none.

    The first record of a year may be no actual at all: the base of "从不到70万亿元增加到超过100万亿元",
    which extraction can date to the year of the change. The line then shows the chosen actual read from
    the same plan (its record and quote), not a dip to the base."""
    for (measure, gov), lane in series.items():
        for point in lane["results"]:
            best = chosen.get((gov, measure, point["year"]))
            if (point["record_id"] in observed or best is None or best.source != "document"
                    or best.plan_id != point["plan_id"] or best.record_id is None):
                continue
            point.update(value=best.value, value_max=None, record_id=best.record_id, quote=best.quote)
