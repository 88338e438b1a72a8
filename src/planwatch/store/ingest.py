"""Storing an ingested plan: plan + outline + records + document actuals, inside the caller's transaction.

The pipeline (`planwatch.pipeline`) runs every stage of an ingest in order — read, extract,
`store_plan` here, tasks, follow-ups — in one transaction. The same content twice is a no-op
(`unchanged_plan`), and so is another file of a stored plan, laid out differently (`text_key`);
a changed file (same file name) replaces its plan (same plan id, records and sections rebuilt).
Results a plan reports (预计 2018 年地区生产总值 700 亿元) become document actuals of its
government, so the year-N+1 plan supplies the actuals for the year-N plan's targets.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import regex
from sqlalchemy import Select, delete, func, insert, select
from sqlalchemy.orm import Session, aliased

from planwatch.documents import Document
from planwatch.documents.normalize import INVISIBLE
from planwatch.errors import ValidationError
from planwatch.extract.records import Quantity
from planwatch.store import audit
from planwatch.store.bulk import insert_rows, insert_rows_ids, restore_row_triggers
from planwatch.store.governments import resolve, resolve_name
from planwatch.store.indicators import resolver_for
from planwatch.store.schema import Actual, Government, Plan, PlanTextKey, Record, Section, utcnow

Extractor = Callable[..., list[Quantity]]
ACTUAL_MEASURES = ("level", "growth", "share", "points")


@dataclass(frozen=True, slots=True)
class PlanInfo:
    """Who issued a plan, for which year, under what title and kind."""

    government: str
    level: str | None
    year: int | None
    title: str
    kind: str


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What one ingest did: status added / replaced / unchanged, and counts."""

    plan_id: int
    source: str
    status: str
    government: str = ""
    year: int | None = None
    records: int = 0
    targets: int = 0
    actuals: int = 0
    read_from: str | None = None  # unchanged: the file's own name when the stored plan came from another file
    # What the name the plan was ingested under turned out to be (`store.governments.resolve`): stored as another
    # name of the same place (宜良县 as 昆明市宜良县), or stored apart beside a likely duplicate; and what reading did
    # to the text (`Document.notes`: 已由繁体转换为简体); "" otherwise.
    note: str = ""


_TITLE_GOV = regex.compile(r"(\p{Han}{2,12}?(?:省|自治区|市|自治州|州|区|县|旗))\s*(?:人民政府|政府)?\s*\d{4}")
_YEAR = regex.compile(r"(?<!\d)(20\d\d|19\d\d)\s*年")


def _fallback_meta(text: str, name: str) -> PlanInfo:
    """Government, year and kind from the first lines, when documents.meta is not available."""
    head = "\n".join(line.strip() for line in text.strip().splitlines()[:5] if line.strip())
    title = head.splitlines()[0] if head else name
    compact = regex.sub(r"\s+", "", title)
    gov = _TITLE_GOV.search(compact)
    government = gov.group(1) if gov else ("国务院" if "政府工作报告" in compact and "国务院" in text[:500] else "")
    years = [int(y) for y in _YEAR.findall(compact)] or [int(y) for y in regex.findall(r"(?<!\d)(20\d\d)(?!\d)", name)]
    kind = "work_report" if "工作报告" in compact else "five_year" if "规划" in compact else "plan" if "计划" in compact else "other"
    return PlanInfo(government, level_of(government), max(years) if years else None, title, kind)


def level_of(government: str) -> str | None:
    """Administrative level from a government name's ending."""
    if not government:
        return None
    if government in ("国务院", "中华人民共和国"):
        return "national"
    if government in ("北京市", "上海市", "天津市", "重庆市") or government.endswith(("省", "自治区")):
        return "province"
    if government.endswith(("县", "旗")):
        return "county"
    if government.endswith("区"):
        return "district"
    return "city" if government.endswith(("市", "州")) else None


def describe_document(document: Document, government: str | None = None, year: int | None = None) -> PlanInfo:
    """The plan's government, year, title and kind: from the text, overridden by the arguments."""
    try:
        from planwatch.documents.meta import describe
    except ImportError:
        info = _fallback_meta(document.text, document.name)
    else:
        meta = describe(document.text, document.name)
        info = PlanInfo(meta.government, meta.level, meta.year, meta.title or document.name, meta.kind)
    gov = (government or info.government or "").strip()
    plan_year = year if year is not None else info.year
    source = document.path.name if document.path else document.name
    if not gov:
        raise ValidationError(f"{source}: cannot tell which government issued this plan; pass --government NAME, "
                              "or a --manifest table giving each file its government", reason="plan_government_unknown",
                              field="government")
    if plan_year is None:
        raise ValidationError(f"{source}: cannot tell the plan's year from its title; pass --year YYYY, "
                              "or a --manifest table giving each file its year", reason="plan_year_unknown", field="year")
    level = info.level if gov == info.government else None
    return PlanInfo(gov, level or level_of(gov), plan_year, info.title or document.name, info.kind or "other")


def content_hash(document: Document) -> str:
    """SHA-256 of the document's text as read: the same file again is `unchanged` (and a rerun skips it)."""
    return hashlib.sha256(document.text.encode("utf-8")).hexdigest()


_DROP_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE))


def text_key(text: str) -> str:
    """SHA-256 of a text without its layout: whitespace (str.split's: spaces, line breaks, tabs, U+3000,
    no-break spaces) and invisible characters (`documents.normalize.INVISIBLE`: zero-width spaces and
    joiners, BOM, soft hyphen) left out.

    The same plan read from another format (a .txt's blank lines between paragraphs, a .docx's paragraph
    marks, a page's line breaks) has the same key (`plan_text_key`, 0022_plan_text_key), so a second file
    of it is not a second plan. Whitespace can change what extraction finds, so the same file name with
    other whitespace is still a changed file (`unchanged_plan`).
    """
    visible = "".join(text.split())
    if any(ch in visible for ch in INVISIBLE):  # rare; translate() costs ≈ 1 ms a report, the test 0.02
        visible = visible.translate(_DROP_INVISIBLE)
    return hashlib.sha256(visible.encode("utf-8")).hexdigest()


def government_for(session: Session, name: str, level: str | None) -> Government:
    """The government `name` means: stored under it, an alias or the same place with or without the name of the
    city above it (`store.governments.resolve`); created (with its parent city/province) if new."""
    return resolve(session, name, level).government


# One heading of a plan's outline as stored: (depth, index of its parent in the list or -1, level, label,
# title, start, end), parents before children, depth by depth (`outline_rows`).
OutlineRow = tuple[int, int, int, str, str, int, int]


def outline_rows(text: str) -> list[OutlineRow]:
    """The outline of `text` as rows to store, depth by depth (pure: ingest workers compute it)."""
    from planwatch.documents.outline import Section as Heading
    from planwatch.documents.outline import build_outline

    rows: list[OutlineRow] = []
    layer = [(-1, s) for s in build_outline(text).sections]
    depth = 0
    while layer:
        next_layer: list[tuple[int, Heading]] = []
        for parent, s in layer:
            rows.append((depth, parent, s.level, s.label[:40], s.title[:300], s.start, s.end))
            next_layer.extend((len(rows) - 1, child) for child in s.children)
        layer = next_layer
        depth += 1
    return rows


def _store_sections(session: Session, plan_id: int, text: str,
                    outline: Sequence[OutlineRow] | None = None) -> list[tuple[int, int, int]]:
    """Insert the outline depth by depth (bulk); return (start, end, id) innermost-last per depth."""
    if outline is None:
        outline = outline_rows(text)
    ids: list[int] = []
    spans: list[tuple[int, int, int, int]] = []  # (depth, start, end, id)
    at = 0
    while at < len(outline):
        depth = outline[at][0]
        end = at
        while end < len(outline) and outline[end][0] == depth:
            end += 1
        rows = [{"plan_id": plan_id, "parent_id": ids[parent] if parent >= 0 else None, "position": position,
                 "level": level, "label": label, "title": title, "start": start, "end": stop}
                for position, (_depth, parent, level, label, title, start, stop) in enumerate(outline[at:end], at)]
        new_ids = insert_rows_ids(session.connection(), Section.__table__, rows)
        ids.extend(new_ids)
        spans.extend((depth, start, stop, new_id)
                     for (*_, start, stop), new_id in zip(outline[at:end], new_ids, strict=True))
        at = end
    spans.sort()
    return [(start, end, sid) for _d, start, end, sid in spans]


def _section_of(spans: list[tuple[int, int, int]], offset: int) -> int | None:
    """The innermost stored section containing `offset` (spans are sorted by depth): the last that contains it,
    looked for from the end (the deepest first), so the scan stops there instead of going through every span."""
    for start, end, sid in reversed(spans):
        if start <= offset < end:
            return sid
    return None


def _record_row(q: Quantity, plan_id: int, position: int, section_id: int | None, indicator_id: int | None) -> dict[str, Any]:
    """A Record insert row for one extracted quantity: the one place a Quantity becomes a row."""
    return {
        "plan_id": plan_id, "section_id": section_id, "indicator_id": indicator_id, "position": position,
        "doc": q.doc[:200], "kind": q.kind, "indicator": q.indicator[:300], "measure": q.measure,
        "value": q.value, "value_max": q.value_max, "unit": q.unit[:32], "comparator": q.comparator,
        "year": q.year, "quote": q.quote, "start": q.start, "end": q.end, "section": q.section or "",
        "strength": q.strength, "polarity": q.polarity, "optional": q.optional, "extra": dict(q.extra),
        "span": q.span or "year", "period_start": q.period_start, "period": q.period, "aspect": q.aspect,
        "estimate": q.estimate,
    }


def store_plan(session: Session, document: Document, info: PlanInfo, quantities: Sequence[Quantity],
               digest: str, who: str | None = None, names: Mapping[str, str] | None = None,
               outline: Sequence[OutlineRow] | None = None, key: str | None = None) -> IngestResult:
    """Write one plan with its sections, records and document actuals into `session` (no commit).

    Only the store stage: tasks and follow-ups are the pipeline's next stages (`planwatch.pipeline`).
    `names` are the registry names of its indicator texts, `outline` its `outline_rows`, `key` its text's
    `text_key`, when a worker computed them.
    """
    source = document.path.name if document.path else document.name
    resolved = resolve(session, info.government, info.level, who)
    government = resolved.government
    plan = session.scalar(select(Plan).where(Plan.source_name == source))
    status = "replaced" if plan is not None else "added"
    if plan is None:
        plan = Plan(source_name=source)
        session.add(plan)
    else:
        restore_row_triggers(session)  # the deleted ids may be given again: the triggers index them (store.bulk)
        session.execute(delete(Record).where(Record.plan_id == plan.id))
        session.execute(delete(Section).where(Section.plan_id == plan.id))
    plan.government_id, plan.year, plan.title, plan.kind = government.id, info.year, info.title[:300], info.kind
    plan.doc, plan.content_hash, plan.text, plan.ingested_at = document.name[:200], digest, document.text, utcnow()
    session.flush()
    if status == "replaced":
        session.execute(delete(PlanTextKey).where(PlanTextKey.plan_id == plan.id))
    session.execute(insert(PlanTextKey).values(plan_id=plan.id, key=key or text_key(document.text)))
    spans = _store_sections(session, plan.id, document.text, outline)
    resolver = resolver_for(session, who)  # one per transaction: a batch loads the alias keys once
    indicator_ids = resolver.resolve_all([(q.indicator or "", q.unit, q.measure, q.polarity) for q in quantities], names)
    rows = [
        _record_row(q, plan.id, i, _section_of(spans, q.start), indicator_id)
        for i, (q, indicator_id) in enumerate(zip(quantities, indicator_ids, strict=True))
    ]
    ids = insert_rows_ids(session.connection(), Record.__table__, rows)  # bulk (executemany / COPY), ids in order
    actuals = _document_actuals(plan, government.id, rows, ids, audit.current_user(who))
    insert_rows(session.connection(), Actual.__table__, actuals)
    targets = sum(1 for r in rows if r["kind"] == "target")
    plan.target_count, plan.result_count = targets, sum(1 for r in rows if r["kind"] == "result")
    audit.log(session, f"plan.{'replace' if status == 'replaced' else 'add'}", "plan", plan.id, who,
              source=source, government=info.government, year=info.year, hash=digest,
              records=len(rows), targets=targets, actuals=len(actuals), **({"script": document.script} if document.script else {}))
    return IngestResult(plan.id, source, status, government.name, info.year, len(rows), targets, len(actuals),
                        note="; ".join(filter(None, [resolved.note, *document.notes])))


def _document_actuals(plan: Plan, government_id: int, rows: list[dict[str, Any]], ids: Sequence[int],
                      who: str) -> list[dict[str, Any]]:
    """Actual rows from the plan's results, each with its period and evidence (document, quote, offsets).

    Only a result with a year becomes an actual: a year left unknown by extraction (the base of
    "从54万亿元增加到82.7万亿元" or "从不到70万亿元增加到…", which extraction leaves undated) is not
    guessed. A gap against another figure (高出全市2个百分点) is never an actual of the indicator;
    year-to-date values keep their period. An estimated result (预计) gives an actual marked `estimate`, quoted
    with its 预计 (`extract.estimates`).
    """
    out = []
    now = utcnow()
    for row, record_id in zip(rows, ids, strict=True):
        if row["kind"] != "result" or row["indicator_id"] is None or row["value"] is None:
            continue
        if row["measure"] not in ACTUAL_MEASURES or row["comparator"] == "between" or row.get("aspect") == "gap":
            continue
        year = row["year"]
        if year is None:
            continue
        span = row.get("span") or "year"
        period = ""
        if span == "part":
            period = ACTUAL_PERIOD.get(row.get("period") or "", "")
            if not period:
                continue  # a single quarter or a second half: not a year-to-date value
            span = "year"
        estimate = bool(row.get("estimate"))
        extra = row.get("extra") or {}
        # an estimate's evidence keeps the 预计 that governs it when the quote has not (`extract.estimates`)
        quote = str(extra.get("estimate_quote") or row["quote"]) if estimate else row["quote"]
        start = extra.get("estimate_start", row["start"]) if estimate else row["start"]
        out.append({"indicator_id": row["indicator_id"], "government_id": government_id, "year": year,
                    "period": period, "measure": row["measure"], "value": row["value"], "unit": row["unit"],
                    "source": "document", "record_id": record_id, "who": who, "at": now,
                    "note": f"{plan.doc}: {quote[:200]}", "span": span,
                    "period_start": row.get("period_start") if span in ("average", "total") else None,
                    "aspect": row.get("aspect"), "plan_id": plan.id, "quote": quote,
                    "start": start, "end": row["end"], "estimate": estimate})
    return out


# A record's part-of-year period (spec form) → the year-to-date period an actual keeps.
ACTUAL_PERIOD = {"Q1": "Q1", "H1": "H1", "Q1-Q2": "H1", "Q1-Q3": "Q3",
                 **{f"M01-M{m:02d}": f"M{m:02d}" for m in range(1, 12)}}


def unchanged_plan(session: Session, source: str, digest: str, government: str | None,
                   year: int | None, key: str | None = None) -> IngestResult | None:
    """The stored plan with this exact content (`digest`), or, given the text's `key` (`text_key`), the plan of
    another file with the same text laid out differently (its .txt, this its .docx); None when there is none.

    A file name that holds other content is that plan's file changed, to replace (never another plan's
    copy); the same file name with other whitespace too, since whitespace can change what extraction finds.
    """
    found = _unchanged(session, select(Plan).where(Plan.content_hash == digest), source, government, year)
    if found is None and key:  # one query: the plans with the key, unless this file name holds a plan
        named = aliased(Plan)
        same_text = (select(Plan).join(PlanTextKey, PlanTextKey.plan_id == Plan.id)
                     .where(PlanTextKey.key == key, ~select(named.id).where(named.source_name == source).exists()))
        found = _unchanged(session, same_text, source, government, year)
    if found is None:
        return None
    plan, kinds = found
    actuals = session.scalar(select(func.count()).select_from(Actual).where(Actual.plan_id == plan.id,
                                                                           Actual.source == "document")) or 0
    return IngestResult(plan.id, plan.source_name, "unchanged", plan.government.name, plan.year,
                        sum(kinds.values()), kinds.get("target", 0), actuals,  # what the plan keeps, as when added
                        read_from=source if source != plan.source_name else None)


def _named_so(session: Session, plan: Plan, government: str) -> bool:
    """Whether `government` is another name of the plan's government (an alias, or the same place: 宜良县 of
    昆明市宜良县), so the same file under it is unchanged, not a plan to replace."""
    return resolve_name(session, government) == plan.government_id


def _unchanged(session: Session, plans: Select[Plan], source: str, government: str | None,
               year: int | None) -> tuple[Plan, dict[str, int]] | None:
    """The first of `plans` (by id) that matches the overrides, unless the file name holds another plan,
    with its count of records by kind."""
    for plan in session.scalars(plans.order_by(Plan.id)):
        if government and plan.government.name != government and not _named_so(session, plan, government):
            continue
        if year is not None and plan.year != year:
            continue
        if plan.source_name != source and session.scalar(select(Plan.id).where(Plan.source_name == source)):
            continue  # this file name holds other content: replace it
        kinds = dict(session.execute(select(Record.kind, func.count()).where(Record.plan_id == plan.id)
                                     .group_by(Record.kind)).all())
        return plan, kinds
    return None
