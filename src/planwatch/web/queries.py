"""Read queries behind the pages: plain dicts out, one query per list (no query per row)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from planwatch.errors import NotFoundError
from planwatch.monitor.display import cite_document, display_name
from planwatch.monitor.display import plan_names as display_plan_names
from planwatch.store.schema import Actual, Government, Indicator, IndicatorAlias, Plan, Record
from planwatch.store.schema import Section as SectionRow

RECORD_SORTS = {
    "position": (Record.plan_id, Record.position), "indicator": (Record.indicator, Record.id),
    "value": (Record.value, Record.id), "year": (Record.year, Record.id), "kind": (Record.kind, Record.position),
    "measure": (Record.measure, Record.position), "section": (Record.section, Record.position),
}


def like(text: str) -> str:
    """A LIKE pattern for `text` anywhere, with % and _ escaped."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def governments(session: Session) -> list[dict[str, Any]]:
    """Every government with how many plans it has."""
    counts = select(Plan.government_id, func.count(Plan.id).label("n")).group_by(Plan.government_id).subquery()
    rows = session.execute(
        select(Government.id, Government.name, Government.level, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.government_id == Government.id).order_by(Government.name)
    )
    return [{"id": i, "name": n, "level": lv, "plans": c} for i, n, lv, c in rows]


def count_plans(session: Session, government_id: int | None = None) -> int:
    """How many plans are stored (of one government, when given)."""
    query = select(func.count(Plan.id))
    if government_id is not None:
        query = query.where(Plan.government_id == government_id)
    return int(session.scalar(query) or 0)


def plans(session: Session, government_id: int | None = None, limit: int | None = None,
          offset: int = 0) -> list[dict[str, Any]]:
    """Every plan (newest first; `limit` of them from `offset`) with its government and counts of targets and
    results."""
    query = (  # counts kept on the plan row at ingest (a count over every record is too slow at scale)
        select(Plan.id, Plan.title, Plan.year, Plan.kind, Plan.doc, Plan.ingested_at, Government.id, Government.name,
               Plan.target_count, Plan.result_count)
        .join(Government, Government.id == Plan.government_id)
        .order_by(Plan.year.desc().nulls_last(), Plan.ingested_at.desc())
    )
    if government_id is not None:
        query = query.where(Plan.government_id == government_id)
    if limit is not None:
        query = query.offset(offset).limit(limit)
    return [
        {"id": pid, "title": title, "year": year, "kind": kind, "doc": doc, "ingested_at": at,
         "government_id": gid, "government": gname, "targets": targets, "results": results}
        for pid, title, year, kind, doc, at, gid, gname, targets, results in session.execute(query)
    ]


def plan_choices(session: Session, limit: int | None = None, chosen: int | None = None) -> list[dict[str, Any]]:
    """Plans for a drop-down: id, title, government, year and kind (newest first, the first `limit`, and the
    `chosen` one wherever it stands; no counting)."""
    query = (select(Plan.id, Plan.title, Government.name, Plan.year, Plan.kind)
             .join(Government, Government.id == Plan.government_id)
             .order_by(Plan.year.desc().nulls_last(), Plan.ingested_at.desc()))
    rows = list(session.execute(query.limit(limit) if limit is not None else query))
    if chosen is not None and chosen not in {r[0] for r in rows}:
        rows += list(session.execute(query.where(Plan.id == chosen)))
    return [{"id": i, "title": t, "government": g, "year": y, "kind": k} for i, t, g, y, k in rows]


def plan(session: Session, plan_id: int, with_text: bool = False) -> dict[str, Any]:
    """One plan's metadata (and its text); NotFoundError when there is none."""
    columns = [Plan.id, Plan.title, Plan.year, Plan.kind, Plan.doc, Plan.source_name, Plan.ingested_at,
               Plan.government_id, Government.name] + ([Plan.text] if with_text else [])
    row = session.execute(select(*columns).join(Government, Government.id == Plan.government_id)
                          .where(Plan.id == plan_id)).first()  # one statement, and the text only when asked
    if row is None:
        raise NotFoundError(f"plan {plan_id}: no such plan", kind="plan", key=plan_id)
    keys = ("id", "title", "year", "kind", "doc", "source_name", "ingested_at", "government_id", "government", "text")
    return dict(zip(keys, row, strict=False))


def later_plan(session: Session, plan_id: int) -> dict[str, Any] | None:
    """The next stored plan of the same government after this one's year (the document that would report its
    actuals), with its name (`plan_names`) and how many later plans there are; None when none is stored (or the plan
    has no year)."""
    government_id, year = session.execute(select(Plan.government_id, Plan.year).where(Plan.id == plan_id)).one()
    if year is None:
        return None
    later = select(Plan.id).where(Plan.government_id == government_id, Plan.year > year)
    first = session.scalar(later.order_by(Plan.year, Plan.id).limit(1))
    if first is None:
        return None
    count = int(session.scalar(select(func.count()).select_from(later.subquery())) or 0)
    return {"id": first, "name": plan_names(session, [first])[first], "count": count}


def plan_names(session: Session, plan_ids: Iterable[int | None]) -> dict[int | None, str]:
    """The names of the given plans as pages show them (`labels.plan_label`), in one query: evidence cites a plan
    by this name, not by its file's stem (national-gwr-2022)."""
    return display_plan_names(session, plan_ids)


def name_actual_documents(session: Session, actuals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add `document` (the file's stem) and `document_name` (`plan_names`) to each actual read from a plan, and
    word its note with the plan's name: ingestion notes it as "national-gwr-2017: 引文", pages cite the plan by
    its name ("国务院 2017年政府工作报告: 引文"); a note typed by hand is left as written."""
    record_ids = sorted({a["record_id"] for a in actuals if a.get("record_id") is not None})
    if not record_ids:
        return actuals
    docs = {rid: (pid, doc) for rid, pid, doc in session.execute(
        select(Record.id, Plan.id, Plan.doc).join(Plan, Plan.id == Record.plan_id).where(Record.id.in_(record_ids)))}
    names = plan_names(session, (pid for pid, _doc in docs.values()))
    for a in actuals:
        if a.get("record_id") not in docs:
            continue
        plan_id, doc = docs[a["record_id"]]
        a["document"], a["document_name"] = doc, names.get(plan_id, doc)
        if a.get("source") == "document":
            a["note"] = cite_document(a.get("note") or "", doc, a["document_name"])
    return actuals


def sections(session: Session, plan_id: int) -> list[dict[str, Any]]:
    """A plan's outline as a tree of {id, label, title, level, start, end, children}."""
    rows = session.execute(
        select(SectionRow.id, SectionRow.parent_id, SectionRow.label, SectionRow.title, SectionRow.level,
               SectionRow.start, SectionRow.end).where(SectionRow.plan_id == plan_id).order_by(SectionRow.position)
    )
    nodes: dict[int, dict[str, Any]] = {}
    roots: list[dict[str, Any]] = []
    for sid, parent, label, title, level, start, end in rows:
        node = {"id": sid, "label": label, "title": title, "level": level, "start": start, "end": end, "children": []}
        nodes[sid] = node
        (nodes[parent]["children"] if parent in nodes else roots).append(node)
    return roots


@dataclass(slots=True)
class RecordFilter:
    """The filters of the targets table and the records API."""

    plan_id: int | None = None
    kind: str | None = None
    measure: str | None = None
    domain: str | None = None
    section: str | None = None
    q: str | None = None
    indicator_id: int | None = None
    year: int | None = None
    government_id: int | None = None
    ids: list[int] = field(default_factory=list)
    plan_ids: list[int] = field(default_factory=list)  # any of these plans (with `plan_id` too: that one, if among them)
    government_ids: list[int] | None = None  # any of these governments' plans (`filters.governments`); [] none

    def apply(self, query: Select) -> Select:
        """`query` (over Record joined to Indicator and Plan) narrowed by these filters."""
        if self.plan_id is not None:
            query = query.where(Record.plan_id == self.plan_id)
        if self.plan_ids:
            query = query.where(Record.plan_id.in_(self.plan_ids))
        if self.kind:
            query = query.where(Record.kind == self.kind)
        if self.measure:
            query = query.where(Record.measure == self.measure)
        if self.domain:
            query = query.where(Indicator.domain == self.domain)
        if self.section:
            query = query.where(Record.section.like(like(self.section), escape="\\"))
        if self.q:
            pattern = like(self.q)
            query = query.where(or_(Record.indicator.like(pattern, escape="\\"), Record.quote.like(pattern, escape="\\"),
                                    Indicator.name.like(pattern, escape="\\")))
        if self.indicator_id is not None:
            query = query.where(Record.indicator_id == self.indicator_id)
        if self.year is not None:
            query = query.where(Record.year == self.year)
        if self.government_id is not None:
            query = query.where(Plan.government_id == self.government_id)
        if self.government_ids is not None:
            query = query.where(Plan.government_id.in_(self.government_ids))
        if self.ids:
            query = query.where(Record.id.in_(self.ids))
        return query


RECORD_COLUMNS = (
    Record.id, Record.plan_id, Record.doc, Record.kind, Record.indicator, Record.indicator_id, Record.measure,
    Record.value, Record.value_max, Record.unit, Record.comparator, Record.year, Record.quote, Record.start,
    Record.end, Record.section, Record.section_id, Record.polarity, Record.strength, Indicator.name,
    Indicator.domain, Indicator.polarity, Plan.government_id, Plan.year,
    Record.span, Record.period_start, Record.aspect, Government.name, Record.period, Indicator.standard,
)


def _record_base() -> Select:
    return (select(*RECORD_COLUMNS).outerjoin(Indicator, Indicator.id == Record.indicator_id)
            .join(Plan, Plan.id == Record.plan_id).join(Government, Government.id == Plan.government_id))


def _record_dict(row: Any) -> dict[str, Any]:
    (rid, plan_id, doc, kind, text, ind_id, measure, value, vmax, unit, cmp, year, quote, start, end, section,
     section_id, polarity, strength, ind_name, domain, ind_polarity, gov_id, plan_year, span, period_start,
     aspect, gov_name, period, standard) = row
    return {
        "id": rid, "plan_id": plan_id, "doc": doc, "kind": kind, "indicator": text, "indicator_id": ind_id,
        "indicator_name": display_name(ind_name or text, gov_name), "domain": domain or "", "measure": measure, "value": value,
        "value_max": vmax, "unit": unit, "comparator": cmp, "year": year, "quote": quote, "start": start,
        "end": end, "section": section, "section_id": section_id,
        "polarity": ind_polarity if ind_polarity in ("higher", "lower") else (polarity or ind_polarity or "neutral"),
        "indicator_polarity": ind_polarity, "record_polarity": polarity, "indicator_standard": bool(standard),
        "indicator_canonical": ind_name,
        "strength": strength, "government_id": gov_id, "plan_year": plan_year,
        "span": span or "year", "period_start": period_start, "aspect": aspect, "government": gov_name,
        "period": period or "",  # a part of the year (H1 …) its value covers; "" for a year or several
    }


COUNT_CAP = 10_000  # a paged list counts its matches up to here ("10000+"): exact counts of a million rows cost ~0.3 s


class AtLeast(int):
    """A count that stopped at `COUNT_CAP`: at least this many (shown as "10000+")."""

    def __str__(self) -> str:
        return f"{int(self)}+"


def records(session: Session, flt: RecordFilter, sort: str = "position", desc: bool = False,
            offset: int = 0, limit: int | None = 100, count: int | None = None) -> tuple[list[dict[str, Any]], int]:
    """A page of records matching `flt` and the total count (for a page: up to `COUNT_CAP`, then `AtLeast`).
    `count`: how many match, when the caller knows it already (it is not counted again)."""
    base = flt.apply(_record_base())
    if limit is None:  # every match: the count is the length of the list
        rows = [_record_dict(row) for row in session.execute(base.order_by(*_order(sort, desc)))]
        return rows, len(rows)
    if count is not None:
        total = count
    else:
        counting = _matching_ids(flt).limit(COUNT_CAP + 1)
        total = session.scalar(select(func.count()).select_from(counting.subquery())) or 0
    if total > COUNT_CAP:
        total = AtLeast(COUNT_CAP)
    query = base.order_by(*_order(sort, desc)).offset(offset).limit(limit)
    return [_record_dict(row) for row in session.execute(query)], total


def iter_records(session: Session, flt: RecordFilter, sort: str = "position", desc: bool = False,
                 limit: int | None = None, chunk: int = 2_000) -> Iterator[list[dict[str, Any]]]:
    """The records `records` lists for `flt` (up to `limit`), `chunk` at a time as the database returns them:
    the query runs once with a streaming cursor (`yield_per`), so memory holds one chunk, not every row."""
    query = flt.apply(_record_base()).order_by(*_order(sort, desc))
    if limit is not None:
        query = query.limit(limit)
    result = session.execute(query.execution_options(yield_per=chunk))
    for rows in result.partitions():
        yield [_record_dict(row) for row in rows]


def _matching_ids(flt: RecordFilter) -> Select:
    """The ids of the records matching `flt`, joining only the tables its filters need."""
    counting = select(Record.id).select_from(Record)
    if flt.domain or flt.q:
        counting = counting.outerjoin(Indicator, Indicator.id == Record.indicator_id)
    if flt.government_id is not None or flt.government_ids is not None:
        counting = counting.join(Plan, Plan.id == Record.plan_id)
    return flt.apply(counting)


def count_records(session: Session, flt: RecordFilter) -> int:
    """How many records match `flt`, exactly (no cap: for a page past the last, to find the last)."""
    return int(session.scalar(select(func.count()).select_from(_matching_ids(flt).subquery())) or 0)


def _order(sort: str, desc: bool) -> list[Any]:
    return [(c.desc() if desc else c.asc()) for c in RECORD_SORTS.get(sort, RECORD_SORTS["position"])]


def record(session: Session, record_id: int) -> dict[str, Any]:
    """One record; NotFoundError when there is none."""
    row = session.execute(_record_base().where(Record.id == record_id)).first()
    if row is None:
        raise NotFoundError(f"record {record_id}: no such record", kind="record", key=record_id)
    return _record_dict(row)


def domains(session: Session) -> list[str]:
    """The indicator domains in use."""
    return [d for d in session.scalars(select(Indicator.domain).distinct().order_by(Indicator.domain)) if d]


def indicators(session: Session, q: str | None = None, offset: int = 0, limit: int = 200) -> tuple[list[dict[str, Any]], int]:
    """Indicators with their record counts (most used first)."""
    counts = select(Record.indicator_id, func.count(Record.id).label("n")).group_by(Record.indicator_id).subquery()
    query = (select(Indicator.id, Indicator.name, Indicator.unit, Indicator.polarity, Indicator.domain,
                    Indicator.standard, func.coalesce(counts.c.n, 0).label("n"))
             .outerjoin(counts, counts.c.indicator_id == Indicator.id)
             .where(Indicator.hidden.is_(False)))  # hidden by a reviewer (`planwatch indicators hide`)
    count = select(func.count(Indicator.id)).where(Indicator.hidden.is_(False))
    if q:
        matching = select(IndicatorAlias.indicator_id).where(IndicatorAlias.alias.like(like(q), escape="\\"))
        cond = or_(Indicator.name.like(like(q), escape="\\"), Indicator.id.in_(matching))
        query, count = query.where(cond), count.where(cond)
    rows = session.execute(query.order_by(Indicator.standard.desc(), func.coalesce(counts.c.n, 0).desc(),
                                          Indicator.name).offset(offset).limit(limit))
    items = [{"id": i, "name": n, "unit": u, "polarity": p, "domain": d, "standard": s, "records": c}
             for i, n, u, p, d, s, c in rows]
    return items, int(session.scalar(count) or 0)


def indicator(session: Session, indicator_id: int) -> dict[str, Any]:
    """One indicator with its aliases; NotFoundError when there is none."""
    rows = session.execute(  # one statement: the indicator once per alias (or once, without any)
        select(Indicator.id, Indicator.name, Indicator.unit, Indicator.polarity, Indicator.domain, Indicator.standard,
               IndicatorAlias.alias).outerjoin(IndicatorAlias, IndicatorAlias.indicator_id == Indicator.id)
        .where(Indicator.id == indicator_id)).all()
    if not rows:
        raise NotFoundError(f"indicator {indicator_id}: no such indicator", kind="indicator",
                            key=indicator_id)
    iid, name, unit, polarity, domain, standard, _alias = rows[0]
    return {"id": iid, "name": name, "unit": unit, "polarity": polarity, "domain": domain,
            "standard": standard, "aliases": sorted(r[-1] for r in rows if r[-1] is not None)}


def actuals(session: Session, indicator_id: int | None = None, government_id: int | None = None,
            year: int | None = None, offset: int = 0, limit: int | None = None) -> list[dict[str, Any]]:
    """Stored actuals, by indicator, government and year (oldest first)."""
    query = _actuals_query(indicator_id, government_id, year).order_by(*ACTUAL_ORDER).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return [_actual_dict(row) for row in session.execute(query)]


def newest_actuals(session: Session, limit: int, indicator_id: int | None = None,
                   government_id: int | None = None) -> tuple[list[dict[str, Any]], int]:
    """The newest `limit` actuals, listed oldest first (the last page of `actuals`), and how many match
    (`count_actuals`), in one statement.

    The count is a scalar subquery over the actuals alone (read from an index), not a window over the
    joined rows: a window makes the database read, join and sort every match before the first 200;
    without it, the newest are read in order from `ix_actual_indicator_newest` and only they are joined."""
    counted = _COUNTED
    matching = select(func.count()).select_from(counted)
    if indicator_id is not None:
        matching = matching.where(counted.c.indicator_id == indicator_id)
    if government_id is not None:
        matching = matching.where(counted.c.government_id == government_id)
    query = (_actuals_query(indicator_id, government_id, None).add_columns(matching.scalar_subquery())
             .order_by(*[c.desc() for c in ACTUAL_ORDER]).limit(limit))
    rows = session.execute(query).all()
    return [_actual_dict(row[:-1]) for row in reversed(rows)], int(rows[0][-1]) if rows else 0


ACTUAL_ORDER = (Actual.year, Actual.period, Actual.id)  # oldest first; the id makes it a total order
_COUNTED = Actual.__table__.alias("counted")  # the actuals `newest_actuals` counts (made once: it copies every column)


def _actuals_query(indicator_id: int | None, government_id: int | None, year: int | None) -> Select:
    # columns, not entities: a page of them costs a fraction
    query = (select(Actual.id, Actual.indicator_id, Actual.government_id, Actual.year, Actual.period, Actual.measure,
                    Actual.value, Actual.unit, Actual.source, Actual.record_id, Actual.who, Actual.at, Actual.note,
                    Government.name, Indicator.name, Actual.span, Actual.period_start, Actual.estimate)
             .join(Government, Government.id == Actual.government_id)
             .join(Indicator, Indicator.id == Actual.indicator_id))
    if indicator_id is not None:
        query = query.where(Actual.indicator_id == indicator_id)
    if government_id is not None:
        query = query.where(Actual.government_id == government_id)
    if year is not None:
        query = query.where(Actual.year == year)
    return query


def _actual_dict(row: Any) -> dict[str, Any]:
    """An actual with the period it covers: `span` year (of `period`: '' the full year, H1, Q3, M05 … to date),
    or average / total over `period_start`–`year`, so a list never shows 年均 7.1% as one year's growth; `estimate`:
    a year-end estimate (预计)."""
    aid, ind, gov, year, period, measure, value, unit, source, record_id, who, at, note, gname, iname, span, start, \
        estimate = row
    return {"id": aid, "indicator_id": ind, "indicator": iname, "government_id": gov, "government": gname, "year": year,
            "period": period, "measure": measure, "value": value, "unit": unit, "source": source, "record_id": record_id,
            "who": who, "at": at, "note": note, "span": span or "year", "period_start": start,
            "estimate": bool(estimate)}  # a year-end estimate (预计), not a final figure


def count_actuals(session: Session, indicator_id: int | None = None, government_id: int | None = None,
                  year: int | None = None) -> int:
    """How many actuals `actuals` would list for these filters (all pages)."""
    query = select(func.count(Actual.id))
    if year is not None:
        query = query.where(Actual.year == year)
    if indicator_id is not None:
        query = query.where(Actual.indicator_id == indicator_id)
    if government_id is not None:
        query = query.where(Actual.government_id == government_id)
    return int(session.scalar(query) or 0)


def government_of_plan(session: Session, plan_id: int) -> int:
    """The government id of a plan."""
    gid = session.scalar(select(Plan.government_id).where(Plan.id == plan_id))
    if gid is None:
        raise NotFoundError(f"plan {plan_id}: no such plan", kind="plan", key=plan_id)
    return gid


def latest_plan_id(session: Session) -> int | None:
    """The newest plan (by year, then ingestion time)."""
    return session.scalar(select(Plan.id).order_by(Plan.year.desc().nulls_last(), Plan.ingested_at.desc()).limit(1))


def standard_indicator_ids(session: Session, ids: set[int]) -> set[int]:
    """Which of `ids` are standard statistical indicators (from the bundled alias table)."""
    if not ids:
        return set()
    return set(session.scalars(select(Indicator.id).where(Indicator.id.in_(sorted(ids)), Indicator.standard.is_(True))))


def indicator_points(session: Session, indicator_id: int, government_id: int | None = None) -> list[dict[str, Any]]:
    """The values of every record of an indicator (for its chart), oldest year first."""
    query = (select(Record.id, Record.kind, Record.measure, Record.year, Record.value, Record.unit)
             .where(Record.indicator_id == indicator_id).order_by(Record.year, Record.id))
    if government_id is not None:
        query = query.join(Plan, Plan.id == Record.plan_id).where(Plan.government_id == government_id)
    return [{"id": i, "kind": k, "measure": m, "year": y, "value": v, "unit": u} for i, k, m, y, v, u in session.execute(query)]
