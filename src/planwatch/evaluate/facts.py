"""What the report, the workbook, the panel and the evaluation read from the store, behind two adapters.

`assessment_rows` is the one place that calls monitoring (`monitor.service.assessment_rows`, with
the evidence of each actual); `tasks_of` / `task_state` the one place that decides whether a task
counts as completed (supervision's `completed_condition`: signed off). Everything else in `report/`
and `evaluate/` reads `AssessmentRow` and `TaskFacts`, so a change of either touches only these.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Engine, case, func, select
from sqlalchemy.orm import Session

from planwatch.errors import NotFoundError
from planwatch.monitor.display import cite_entry, display_name, entry_source, plan_names
from planwatch.store.schema import Actual, Government, Indicator, Plan, Record, Section

T = TypeVar("T")
# "unsupervised": a task nobody supervises (no unit assigned, its plan under no 督办: `store.supervision.under_supervision`),
# never late whatever its deadline (the machine's default); "unassigned": in a plan under supervision, a task no unit was
# assigned yet (待交办, only a suggested unit), late for nobody, as on the supervision pages (`store.supervision.is_late`)
TASK_STATES = ("completed", "in progress", "late", "not started", "cancelled", "unsupervised", "unassigned")
TASK_STATE_ZH = {"completed": "已完成", "in progress": "推进中", "late": "滞后", "not started": "未启动", "cancelled": "取消",
                 "unsupervised": "未督办", "unassigned": "待交办"}
SOURCE_RANK = {"manual": 3, "import": 2, "document": 1}
# The rule-table rows (`monitor.rules`) that judge a target two-sided: met only within the tolerance of the value.
TWO_SIDED_RULES = frozenset(("rule_≈_neutral", "rule_=_neutral", "rule_between_neutral", "rule_fall_between_neutral"))
_BEFORE = 16  # characters of the plan read before a target's quote (`AssessmentRow.plan_words`)


@dataclass(slots=True)
class AssessmentRow:
    """One target (or explicit absence) with its verdict and the evidence of the actual it was judged on."""

    plan_id: int
    government: str
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
    actual_unit: str = ""
    actual_span: str = ""
    actual_quote: str = ""
    actual_document: str = ""
    basis: str = ""
    span: str = ""
    record_id: int | None = None
    plan_year: int | None = None
    strength: str | None = None
    polarity: str = "neutral"
    standard: bool = False
    start: int | None = None
    section: str = ""
    position: int | None = None
    progress: str | None = None  # judged on progress towards a later target (margin: ratio to the pace needed − 1)
    # A sum of yearly actuals: each year's actual with its evidence (monitoring's `evidence_parts`), each with
    # `document_name` (its plan as a report names it); actual_quote / actual_document cite the last year only.
    evidence_parts: list[dict[str, Any]] = field(default_factory=list)
    # A part of the year (H1, Q1, Q3 = the first three quarters, M10 = January to October; `monitor.display.period_name`
    # words it): the actual says how the year is going, never its result; "" for a year's actual (or none).
    actual_period: str = ""
    # The tolerance that decided the verdict (points for a rate, an amount for a level; monitoring's `tolerance`): the
    # actual falls short of the target's value but within it, so the target counts as met. None: it decided nothing.
    tolerance: float | None = None
    # The target of the same plan this one restates (monitoring's `restates`: its record id), None for a first
    # statement: a report lists the first only, so one target never has two lines.
    restates: int | None = None
    # The actual is a year-end estimate (预计; monitoring's `estimate`): reports say 预计 beside it and mark the row.
    estimate: bool = False
    # Judged two-sided (an ≈, bare-number or range target whose direction is unknown or neutral: met only near the
    # value, `monitor.rules`' neutral rows): a miss is a deviation, never "高于目标…未完成".
    two_sided: bool = False
    # The target's record as the plan wrote it: stock / addition / gap (`aspect`), its quote, and the plan's words
    # just before the quote in its clause ("新增" before "国家高新技术企业100家以上"): the report builds its sentence
    # from the plan's own verb (`report.wording.plan_verb`).
    aspect: str | None = None
    target_quote: str = ""
    plan_words: str = ""
    # The first year of an average or a total (2016 of average 2016–2020); None for a year's target.
    period_start: int | None = None


@dataclass(slots=True)
class TaskFacts:
    """A task as reports and scores see it: where it sits, who leads it, its state."""

    id: int
    plan_id: int
    start: int
    group: str
    text: str
    unit: str
    deadline: date | None
    state: str  # one of TASK_STATES
    records: tuple[int, ...] = ()  # positions of the plan's records this task states
    reported: bool = True  # its status was ever set (or it counts as completed): 未启动 and untouched is no report
    tracked: bool = True  # under supervision (assigned, or its plan has a round or anyone's step): only then is overdue "not done"
    section: str = ""  # every heading above it ("三、2016年重点工作 / （二）… / 一是强化企业创新主体地位"): task items match these
    assigned: bool = True  # `unit` was assigned by the office; False: only the machine's suggestion (not yet 交办)
    named: str = ""  # the lead unit(s) the document itself names (`Task.named_unit`: a 分工方案's note), "" if none

    @property
    def known(self) -> bool:
        """Whether its completion is known: someone reported on it, or its deadline passed without its completion in a
        supervised plan (逾期: not done by the date set is a fact). In a plan nobody supervises nothing is known."""
        return self.reported or (self.state == "late" and self.tracked)


def any_known(tasks: Iterable[TaskFacts]) -> bool:
    """Whether anything is known of these tasks' completion (`TaskFacts.known`), cancelled ones aside: else a rate,
    a 逾期 count or 滞后 would be a verdict on nothing (a plan nobody supervises)."""
    return any(t.known for t in tasks if t.state != "cancelled")


def display_government(name: str) -> str:
    """The government's name as a report prints it."""
    return name


def display_indicator(indicator: str, government: str) -> str:
    """The indicator as the government itself names it (国内生产总值 for the State Council)."""
    return display_name(indicator, government)


def assessment_rows(engine: Engine, plan_id: int | None = None) -> list[AssessmentRow]:
    """Every target of a plan (all plans when None) with status, margin and the actual's evidence.

    The single adapter over monitoring (`monitor.service.assessment_rows`, which carries the evidence:
    quote, document, span of the actual). Indicator names are the registry's canonical ones (the
    report words them for the government with `display_indicator`); strength, polarity, offsets and
    section come from the target's record.
    """
    from planwatch.monitor import service

    return _enrich(engine, service.assessment_rows(engine, plan_id=plan_id))


def assessment_batches(engine: Engine, batch: int = 5000) -> Iterator[list[AssessmentRow]]:
    """Every plan's assessment rows in batches of whole governments (about `batch` rows each): bounded memory."""
    from planwatch.monitor import service

    pending: list[Any] = []
    for row in service.iter_assessment_rows(engine):
        if len(pending) >= batch and row.government != pending[-1].government:
            yield _enrich(engine, pending)
            pending = []
        pending.append(row)
    if pending:
        yield _enrich(engine, pending)


def _enrich(engine: Engine, rows: list[Any]) -> list[AssessmentRow]:
    """Monitoring's rows as `AssessmentRow`s: canonical names, record fields, readable source documents."""
    with Session(engine) as session:
        record_ids = [r.record_id for r in rows if r.record_id is not None]
        extra: dict[int, tuple[Any, ...]] = {}
        wording: dict[int, tuple[str | None, str, str]] = {}
        # the plan's words before a record's quote (up to `_BEFORE` characters; substr counts from 1)
        first = case((Record.start > _BEFORE, Record.start - _BEFORE + 1), else_=1)
        length = case((Record.start > _BEFORE, _BEFORE), else_=func.coalesce(Record.start, 0))
        for chunk in _chunks(record_ids, 500):
            for rid, ind_id, gov_id, strength, rpol, ipol, std, start, section, position, name, aspect, quote, before \
                    in session.execute(
                select(Record.id, Record.indicator_id, Plan.government_id, Record.strength, Record.polarity,
                       Indicator.polarity, Indicator.standard, Record.start, Record.section, Record.position,
                       Indicator.name, Record.aspect, Record.quote, func.substr(Plan.text, first, length))
                .join(Plan, Record.plan_id == Plan.id)
                .outerjoin(Indicator, Record.indicator_id == Indicator.id)
                .where(Record.id.in_(chunk))
            ):
                extra[rid] = (ind_id, gov_id, strength, ipol if ipol in ("higher", "lower") else (rpol or "neutral"),
                              bool(std), start, section, position, name)
                wording[rid] = (aspect, quote or "", before or "")
        needs_evidence = {(e[0], e[1]) for r in rows if r.record_id in extra and r.actual is not None
                          and not getattr(r, "actual_document", "") for e in (extra[r.record_id],) if e[0] is not None}
        evidence = _evidence(session, needs_evidence)
        canonical = dict(session.execute(select(Indicator.name, Indicator.name)).all())
        absent_ids = {i for r in rows if r.record_id is None and (i := getattr(r, "indicator_id", None))}
        named: dict[int | None, str] = dict(session.execute(
            select(Indicator.id, Indicator.name).where(Indicator.id.in_(absent_ids))).all()) if absent_ids else {}
        source_plans = ({getattr(r, "actual_plan_id", None) for r in rows}
                        | {p.get("plan_id") for r in rows for p in getattr(r, "evidence_parts", None) or ()}) - {None}
        titles = plan_names(session, source_plans)  # as every page names a plan: "国务院 2018年政府工作报告"
        standard_names = {n for (n,) in session.execute(select(Indicator.name).where(Indicator.standard.is_(True)))}
    out: list[AssessmentRow] = []
    for r in rows:
        e = extra.get(r.record_id) if r.record_id is not None else None
        span = getattr(r, "span", "") or ""
        period_start = getattr(r, "period_start", None)
        row = AssessmentRow(
            plan_id=r.plan_id, government=r.government, year=r.year, indicator=r.indicator, measure=r.measure,
            comparator=r.comparator, value=r.value, value_max=r.value_max, unit=r.unit, status=r.status,
            margin=r.margin, actual=r.actual, basis=r.basis, record_id=r.record_id, plan_year=r.plan_year,
            progress=getattr(r, "progress", None),
            span=_span_text(span, period_start, r.year),
            actual_unit=getattr(r, "actual_unit", "") or "",
            actual_span=_span_text(getattr(r, "actual_span", "") or "", getattr(r, "actual_period_start", None),
                                   getattr(r, "actual_year", None) or r.year) if r.actual is not None else "",
            actual_quote=getattr(r, "actual_quote", "") or "",
            actual_document=titles.get(getattr(r, "actual_plan_id", None)) or getattr(r, "actual_document", "") or "",
            evidence_parts=[dict(p, document_name=titles.get(p.get("plan_id")) or p.get("document") or "")
                            for p in getattr(r, "evidence_parts", None) or ()],
            actual_period=getattr(r, "actual_period", "") or "", tolerance=getattr(r, "tolerance", None),
            restates=getattr(r, "restates", None), estimate=bool(getattr(r, "estimate", False)),
            two_sided=getattr(getattr(r, "rule", None), "key", "") in TWO_SIDED_RULES,
            period_start=period_start if span and span != "year" else None,
        )
        if r.record_id in wording:
            row.aspect, row.target_quote, row.plan_words = wording[r.record_id]
        if row.actual_period and r.actual is not None:  # a part of the year: which part, never the year alone
            row.actual_span = f"part {getattr(r, 'actual_year', None) or r.year} {row.actual_period}"
        entry = _entry(getattr(r, "candidates", None) or ())
        if entry and r.actual is not None and not row.evidence_parts:  # entered or imported: its note, date, author
            row.actual_document = entry
        if row.evidence_parts and row.evidence_parts[0].get("part", "sum") == "sum":  # a sum of yearly actuals: a total
            # over their years, not the last year's value (the two levels of a growth rate leave its span as it is)
            row.actual_span = _span_text("total", row.evidence_parts[0].get("year"), row.evidence_parts[-1].get("year"))
        if e is not None:
            ind_id, gov_id, row.strength, row.polarity, row.standard, row.start, row.section, row.position, name = e
            row.indicator = name or row.indicator
            if r.actual is not None and r.year is not None and not row.actual_document:
                found = evidence.get((ind_id, gov_id, r.year, r.measure)) or evidence.get((ind_id, gov_id, r.year, "level"))
                if found is not None:
                    unit, row.actual_quote, row.actual_document = found
                    row.actual_unit = row.actual_unit or unit
                    row.actual_span = row.actual_span or str(r.year)
        else:  # an explicit absence: the name monitoring gives (国内生产总值 for 国务院), back to the registry's
            row.indicator = named.get(getattr(r, "indicator_id", None)) or canonical.get(r.indicator, r.indicator)
            row.standard = row.indicator in standard_names
        if r.actual is not None and not row.actual_unit:
            row.actual_unit = r.unit
        out.append(row)
    return out


def _entry(candidates: Iterable[dict[str, Any]]) -> str:
    """The evidence of the chosen actual when it was entered by hand or imported (`monitor.display.cite_entry`:
    手工录入（区统计局上半年快报），2026-12-06，录入人 fgj); "" for a document's actual or none chosen."""
    chosen = next((c for c in candidates if c.get("chosen")), None)
    if chosen is None:
        return ""
    return cite_entry(chosen.get("source"), chosen.get("note"), chosen.get("who"), chosen.get("at"))


def _span_text(span: str, period_start: int | None, year: int | None) -> str:
    """The period a target covers as the panel prints it: 2019, or average 2016–2020 / total 2016–2020 (a part of
    a year: part 2019 H1, made by `_enrich`)."""
    if not span or span == "year":
        return str(year) if year else ""
    if period_start and year:
        return f"{span} {period_start}–{year}"
    return span


def _chunks(items: list[int], size: int) -> list[list[int]]:
    """`items` in lists of at most `size` (bounded IN clauses)."""
    return [items[i:i + size] for i in range(0, len(items), size)] or []


def _evidence(session: Session, keys: set[tuple[int, int]]) -> dict[tuple[int, int, int, str], tuple[str, str, str]]:
    """(indicator, government, year, measure) → (unit, quote, document) of the winning full-year actual."""
    if not keys:
        return {}
    governments = {g for _i, g in keys}
    best: dict[tuple[int, int, int, str], tuple[int, tuple[str, str, str]]] = {}
    query = (
        select(Actual.indicator_id, Actual.government_id, Actual.year, Actual.measure, Actual.unit, Actual.source,
               Actual.id, Actual.note, Actual.who, Record.quote, Plan.title, Plan.source_name)
        .outerjoin(Record, Actual.record_id == Record.id)
        .outerjoin(Plan, Record.plan_id == Plan.id)
        .where(Actual.government_id.in_(governments), Actual.period == "")
    )
    for ind, gov, year, measure, unit, source, aid, note, who, quote, title, source_name in session.execute(query):
        if (ind, gov) not in keys:
            continue
        rank = SOURCE_RANK.get(source, 0) * 10**12 + aid
        key = (ind, gov, year, measure)
        if key in best and best[key][0] > rank:
            continue
        if source == "document":
            doc = title or source_name or ""
            text = "".join((quote or "").split())
        else:
            doc = entry_source(source) + (f"（{who}）" if who else "")
            text = note or ""
        best[key] = (rank, (unit, text, doc))
    return {k: v[1] for k, v in best.items()}


def task_state(status: str, deadline: date | None, completed: bool | None = None, today: date | None = None,
               tracked: bool = True, assigned: bool = True) -> str:
    """One task's state for counting: completed only when it counts as completed (signed off), else late / open;
    "unsupervised" (未督办) for a task not under supervision (`tracked` False) that is neither started nor done;
    "unassigned" (待交办) for one of a supervised plan no unit was assigned (`assigned` False): late for nobody, as on
    the supervision pages (`store.supervision.is_late`; the report and the evaluation counted it 滞后)."""
    today = today or date.today()
    done = (status == "已完成") if completed is None else completed
    if status == "取消":
        return "cancelled"
    if done:
        return "completed"
    if not tracked:  # never late: nobody set its deadline or told a unit of it
        return "in progress" if status in ("推进中", "已完成") else "unsupervised"
    if not assigned:
        return "in progress" if status in ("推进中", "已完成") else "unassigned"
    if status == "滞后" or (deadline is not None and deadline < today):
        return "late"
    if status in ("推进中", "已完成"):
        return "in progress"
    return "not started"


def _completed_column() -> Any:
    """SQL for "counts as completed": supervision's one definition (sign-off), else status 已完成."""
    try:
        from planwatch.store.supervision import completed_condition
    except ImportError:  # pragma: no cover - a store without the supervision workflow
        from planwatch.store.tasks import Task

        return (Task.status == "已完成").label("completed")
    return completed_condition().label("completed")


def tasks_of(engine: Engine, plan_id: int | None = None, today: date | None = None,
             as_of: date | None = None) -> list[TaskFacts]:
    """Every task (commitment, not achievement) of a plan with its countable state; with `as_of`, the state the task
    had on that day, read back from its supervision history (`store.supervision.state_as_of`, as /api/tasks?as_of= does:
    a task signed off in 2026 was not completed on 2019-12-31), its deadlines judged on that day."""
    from planwatch.store.supervision import tracked_plans
    from planwatch.store.tasks import ResponsibleUnit, Task, TaskGroup

    with Session(engine) as session:
        query = (
            select(Task.id, Task.plan_id, Task.start, TaskGroup.label, TaskGroup.title, Task.quote,
                   ResponsibleUnit.name, Task.suggested_unit, Task.deadline, Task.status, Task.record_positions,
                   _completed_column(), Task.section, Task.named_unit)
            .join(TaskGroup, Task.group_id == TaskGroup.id)
            .outerjoin(ResponsibleUnit, Task.unit_id == ResponsibleUnit.id)
            .where(Task.kind == "task")
            .order_by(Task.plan_id, Task.start)
        )
        if plan_id is not None:
            query = query.where(Task.plan_id == plan_id)
        rows = session.execute(query).all()
        if as_of is not None:
            today = as_of
            rows = _rows_as_of(session, rows, as_of)
        # the plans under supervision (the one definition): a plan nobody supervises has no task reported late
        tracked = tracked_plans(session, {row[1] for row in rows})
        outline = [] if plan_id is None else session.execute(
            select(Section.level, Section.label, Section.title, Section.start, Section.end)
            .where(Section.plan_id == plan_id).order_by(Section.level, Section.position)).all()
    return [
        TaskFacts(tid, pid, start, f"{label}{title}", "".join(quote.split()), unit or suggested or "",
                  deadline, task_state(status, deadline, bool(done), today, supervised, unit is not None), tuple(positions or ()),
                  bool(done) or status != "未启动", supervised, _headings(outline, start) or section or f"{label}{title}",
                  unit is not None, named or "")
        for tid, pid, start, label, title, quote, unit, suggested, deadline, status, positions, done, section, named
        in rows
        for supervised in (unit is not None or pid in tracked,)  # `store.supervision.under_supervision`
    ]


def _rows_as_of(session: Session, rows: Sequence[Any], as_of: date) -> list[Any]:
    """`tasks_of`'s rows with the status (9) and completion (11) each task had on `as_of`, from its history."""
    from sqlalchemy.orm import selectinload

    from planwatch.store.supervision import COMPLETED, state_as_of
    from planwatch.store.tasks import Task

    ids = [row[0] for row in rows]
    tasks = {t.id: t for t in session.scalars(select(Task).where(Task.id.in_(ids)).options(selectinload(Task.updates)))}
    out = []
    for row in rows:
        status = state_as_of(tasks[row[0]], as_of).status
        out.append((*row[:9], status, row[10], status == COMPLETED, *row[12:]))
    return out


def _headings(outline: Sequence[Any], at: int) -> str:
    """Every heading of the outline holding offset `at`, outermost first, down to inline ones (一是…, 二是…)."""
    return " / ".join(f"{label}{title}" for _level, label, title, start, end in outline if start <= at < end)


@dataclass(slots=True)
class PlanInfo:
    """The plan a report is about."""

    id: int
    government: str
    year: int | None
    title: str
    kind: str
    government_id: int


@dataclass(slots=True)
class Domain:
    """One domain of a plan (a second-level heading of its tasks part), in the plan's order.

    `title` is the heading as the plan prints it, its own number first ("（三）深挖国内需求潜力…"); `label` is that
    number alone ("" for the one domain of a plan without numbered headings); `parents` are the headings enclosing it
    in the plan's outline, outermost first, as (start, label, title) ("三、2016年重点工作" above its "（一）…")."""

    title: str
    start: int
    end: int
    targets: list[AssessmentRow] = field(default_factory=list)
    tasks: list[TaskFacts] = field(default_factory=list)
    label: str = ""
    parents: tuple[tuple[int, str, str], ...] = ()

    @property
    def known(self) -> bool:
        """Whether anything is known of its tasks (`any_known`)."""
        return any_known(self.tasks)

    def task_counts(self) -> dict[str, int]:
        """How many of its tasks are in each state."""
        counts = dict.fromkeys(TASK_STATES, 0)
        for t in self.tasks:
            counts[t.state] += 1
        return counts


def plan_info(engine: Engine, plan_id: int | None) -> PlanInfo:
    """The plan `plan_id`, or the latest stored plan when None."""
    with Session(engine) as session:
        query = select(Plan.id, Government.name, Plan.year, Plan.title, Plan.kind, Plan.government_id).join(
            Government, Plan.government_id == Government.id)
        if plan_id is None:
            row = session.execute(query.order_by(Plan.year.desc().nulls_last(), Plan.id.desc()).limit(1)).first()
            if row is None:
                raise NotFoundError("no plan is stored; `planwatch ingest FILE` or `planwatch demo` loads one",
                                    kind="any_plan")
        else:
            row = session.execute(query.where(Plan.id == plan_id)).first()
            if row is None:
                raise NotFoundError(f"plan {plan_id} is not stored; `planwatch plans` lists them",
                                    kind="plan", key=plan_id)
    return PlanInfo(*row)


def domains_of(engine: Engine, plan_id: int, targets: list[AssessmentRow], tasks: list[TaskFacts]) -> list[Domain]:
    """The plan's domains, in plan order: the headings of the shallowest level that holds its tasks, the largest
    split into the headings under it while there are fewer than three.

    A work report's top level often splits only a review from the year's work ("二、“十三五”时期主要目标任务和重大
    举措", "三、2016年重点工作"), and the year's areas of work ("（三）深挖国内需求潜力…") are one level down. A task
    belongs to the narrowest domain holding it (tasks right under a split heading stay in a domain of that heading);
    targets likewise. A plan without such headings gets one domain. Each domain keeps its heading's own number and the
    headings above it (`Domain.label`, `Domain.parents`), so a report can be laid beside the plan.
    """
    with Session(engine) as session:
        sections = [_Heading(*row) for row in session.execute(
            select(Section.level, Section.label, Section.title, Section.start, Section.end, Section.id, Section.parent_id)
            .where(Section.plan_id == plan_id).order_by(Section.position))]
    starts = sorted(t.start for t in tasks)

    def held(within: list[_Heading]) -> list[_Heading]:
        return [h for h in within if h.count(starts)]

    levels = sorted({h.level for h in held(sections)})
    chosen = held([h for h in sections if h.level == levels[0]]) if levels else []
    while 0 < len(chosen) < 3:
        split = next((h for h in sorted(chosen, key=lambda h: -h.count(starts)) if len(held(h.children(sections))) >= 2), None)
        if split is None:
            break
        at = chosen.index(split)
        chosen[at + 1:at + 1] = held(split.children(sections))  # the heading stays for what is right under it
    if len(chosen) < 2:
        chosen = []
    by_id = {h.id: h for h in sections}
    chosen.sort(key=lambda h: h.start)  # the plan's order (positions run level by level: 第一篇 before 第一章's 第一节)
    domains = [Domain(f"{h.label}{h.title}".strip(), h.start, h.end, label=h.label.strip(),
                      parents=tuple((p.start, p.label.strip(), p.title) for p in h.ancestors(by_id))) for h in chosen]
    if not domains and (tasks or targets):
        domains = [Domain("主要任务", min(starts, default=0), 10**12)]
    for t in tasks:
        if (home := _narrowest(domains, t.start)) is not None:
            home.tasks.append(t)
    for r in targets:
        if r.start is not None and (home := _narrowest(domains, r.start)) is not None:
            home.targets.append(r)
    return [d for d in domains if d.tasks or d.targets or len(domains) == 1]


@dataclass(frozen=True, slots=True)
class _Heading:
    """A heading of the plan's outline and the characters it spans."""

    level: int
    label: str
    title: str
    start: int
    end: int
    id: int = 0
    parent: int | None = None

    def ancestors(self, by_id: dict[int, _Heading]) -> list[_Heading]:
        """The headings it sits under in the outline, outermost first."""
        out: list[_Heading] = []
        at = by_id.get(self.parent) if self.parent is not None else None
        while at is not None and len(out) < 20:
            out.append(at)
            at = by_id.get(at.parent) if at.parent is not None else None
        return out[::-1]

    def count(self, starts: list[int]) -> int:
        """How many of these (sorted) offsets it holds."""
        return bisect_left(starts, self.end) - bisect_left(starts, self.start)

    def children(self, sections: list[_Heading]) -> list[_Heading]:
        """The headings one level under it (the shallowest level found inside it)."""
        inside = [h for h in sections if h.level > self.level and self.start <= h.start < self.end]
        lowest = min((h.level for h in inside), default=0)
        return [h for h in inside if h.level == lowest]


def _narrowest(domains: list[Domain], at: int) -> Domain | None:
    """The domain holding offset `at` that spans the fewest characters."""
    return min((d for d in domains if d.start <= at < d.end), key=lambda d: d.end - d.start, default=None)


def headline_rows(rows: list[AssessmentRow]) -> list[AssessmentRow]:
    """The main indicators of a report (`main_targets` of its assessment rows; absences aside)."""
    return main_targets([r for r in rows if r.status != "absent"], section=lambda r: r.section,
                        standard=lambda r: r.standard, year=lambda r: r.year, plan_year=lambda r: r.plan_year,
                        key=lambda r: (r.indicator, r.measure))


def main_targets(targets: Sequence[T], *, section: Callable[[T], str | None], standard: Callable[[T], bool],
                 year: Callable[[T], int | None], plan_year: Callable[[T], int | None],
                 key: Callable[[T], Hashable]) -> list[T]:
    """A plan's main indicators (主要指标), one definition for every surface that lists them (the report's
    "计划确定的N项主要指标" and its table, the home page's 主要指标): the plan year's targets under a heading naming
    the targets (发展目标, 主要预期目标, 主要指标 …), else its standard ones; a plan without targets for its year keeps
    its later ones; one per `key` (indicator and measure), in plan order. None when the plan names none and targets
    no standard indicator.

    A work report's section of five-year goals (二、“十三五”时期主要目标任务和重大举措) names 目标 too, but its
    targets are for 2020: the report of 2016 lists the year's (国内生产总值增长6.5%—7% …) as its main indicators.
    Accessors read a target of either kind (an `AssessmentRow`, a page's record dict)."""
    named = [t for t in targets if any(w in (section(t) or "").rsplit(">", 1)[-1] for w in ("目标", "主要指标"))]
    marked = [t for t in targets if standard(t)]

    def of_plan_year(chosen: list[T]) -> list[T]:
        return [t for t in chosen if year(t) is not None and year(t) == plan_year(t)]

    picked = (of_plan_year(named) or of_plan_year(marked)) or named or marked
    seen: set[Hashable] = set()
    out = []
    for t in picked:
        if key(t) not in seen:
            seen.add(key(t))
            out.append(t)
    return out


def history(engine: Engine, government: str, indicators: list[tuple[str, str]]) -> dict[tuple[str, str], list[AssessmentRow]]:
    """Every year's target of the given (indicator as displayed, measure) pairs for one government, oldest first."""
    wanted = set(indicators)
    with Session(engine) as session:
        ids = [p for (p,) in session.execute(select(Plan.id).join(Government).where(Government.name == government))]
    out: dict[tuple[str, str], list[AssessmentRow]] = defaultdict(list)
    for pid in ids:
        for r in assessment_rows(engine, pid):
            name = display_indicator(r.indicator, government)
            if (name, r.measure) in wanted and r.year is not None and r.year == r.plan_year:
                out[(name, r.measure)].append(r)
    for key, series in out.items():  # one target a year: the plan's first (as in the headline table)
        first: dict[int, AssessmentRow] = {}
        for r in sorted(series, key=lambda r: (r.year or 0, r.position if r.position is not None else 0)):
            first.setdefault(r.year or 0, r)
        out[key] = list(first.values())
    return dict(out)


__all__ = [
    "TASK_STATES", "TASK_STATE_ZH", "AssessmentRow", "Domain", "PlanInfo", "TaskFacts", "any_known", "assessment_batches",
    "assessment_rows",
    "display_government", "display_indicator", "domains_of", "headline_rows", "history", "main_targets",
    "plan_info", "task_state", "tasks_of",
]
