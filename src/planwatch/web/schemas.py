"""The JSON the API answers, as pydantic models: /openapi.json describes every field from them, so a generated
client gets typed objects, not dicts.

The models only describe: the views still return plain dicts, sent as they are (`render.json_response`), and the
routes declare these as `response_model` for the schema (FastAPI neither filters nor coerces a `Response` a route
returns). tests/web/test_api_schemas.py checks that real answers of a demo database fit them, every key declared.

Names follow the domain (`Plan`, `Record`, `Task`, `Assessment`, `Paging` …); a route's whole answer is named after
its page (`TargetsPage`, `TaskPage` …). Dates are ISO strings (``2026-12-06``), times ISO date-times as stored
(``2026-12-06T17:58:23.124896``, no zone: UTC). A field missing from `required` is absent from some answers (a
result has no verdict fields; an empty database no plan). A number the database holds as inf or NaN is sent as null.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from planwatch.extract.records import Aspect, Comparator, Kind, Measure, Polarity, Span, Strength


class ApiModel(BaseModel):
    """A JSON object the API sends (described, never used to build or filter the answer)."""

    model_config = ConfigDict(defer_build=True)


# ---------------------------------------------------------------- vocabularies
# A record's: the extractor's own (`extract.records`). The others are checked against the code's tuples by
# tests/web/test_api_schemas.py.

Status = Literal["met", "missed", "on_track", "at_risk", "conflict", "no_data", "absent"]  # attainment.STATUS_CODES
TaskStatus = Literal["未启动", "推进中", "已完成", "滞后", "取消"]  # store.tasks.STATUSES
Signoff = Literal["", "requested", "returned", "approved"]  # store.supervision.SIGNOFF_STATES
Role = Literal["admin", "office", "editor", "viewer"]  # store.accounts.ROLES
ActualSource = Literal["document", "import", "manual"]  # how an actual was stored (store.schema.Actual.source)


# ---------------------------------------------------------------- shared pieces


class Paging(ApiModel):
    """One page of a list: a page past the last is empty, with the true total and pages."""

    page: int = Field(description="This page, from 1.")
    size: int = Field(description="Rows a page.")
    total: int = Field(description="Rows matching (at most the cap when `total_capped`).")
    pages: int = Field(description="Pages `total` fills (1 for none).")
    total_capped: bool = Field(description="The count stopped at a cap: at least `total` (shown as 10000+).")


class Government(ApiModel):
    id: int
    name: str
    level: str | None = Field(description="national, province, city, district … (null: not known).")
    plans: int = Field(description="How many plans it has.")


class GovernmentChoice(ApiModel):
    id: int
    name: str


class PlanSummary(ApiModel):
    """A plan in a list, with its counts of targets and results."""

    id: int
    title: str
    year: int | None
    kind: str = Field(description="plan, work_report, five_year_plan …")
    doc: str = Field(description="The file's stem; records carry it as `doc`.")
    ingested_at: datetime
    government_id: int
    government: str
    targets: int
    results: int


class Plan(ApiModel):
    """A plan's metadata (the reader adds its `text`)."""

    id: int
    title: str
    year: int | None
    kind: str
    doc: str
    source_name: str = Field(description="The uploaded file's name.")
    ingested_at: datetime
    government_id: int
    government: str


class PlanWithText(Plan):
    text: str = Field(description="The plan's text; records' `start`/`end` are offsets into it.")


class PlanChoice(ApiModel):
    """A plan offered in a filter."""

    id: int
    title: str
    government: str
    year: int | None
    kind: str


class Section(ApiModel):
    """A heading of a plan's outline, with its sub-sections."""

    id: int
    label: str = Field(description="Its numbering as written: 一、, （三）, 二是 …")
    title: str
    level: int
    start: int
    end: int
    children: list[Section]


class LatestActual(ApiModel):
    """The actual a target is judged on (or the latest for its year), with the period it covers."""

    value: float | None
    unit: str
    year: int
    period: str = Field(description='"" a whole year (or several); Q1-Q3, H1, M01-M11 a part.')
    span: Span
    first_year: int | None = Field(description="The first year of an average or a total (2016–2020), else null.")
    estimate: bool = Field(False, description="A year-end estimate (预计), not a final figure (docs/monitoring.md).")


class Evidence(ApiModel):
    """One stored actual as evidence: value, period, source document, quote and offsets, or who entered it."""

    value: float | None
    unit: str
    year: int
    period: str
    span: Span
    period_start: int | None
    source: ActualSource
    document: str = Field(description="The document's stem (a value read from a plan), else how it was entered.")
    plan_id: int | None
    quote: str
    start: int | None
    end: int | None
    record_id: int | None
    actual_id: int
    note: str
    who: str = Field(description="Who entered it (empty for a value read from a document).")
    at: str = Field(description="The day it was entered (YYYY-MM-DD; empty for a value read from a document).")
    estimate: bool = Field(False, description="A year-end estimate (预计), not a final figure; its quote keeps the 预计.")
    document_name: str | None = Field(None, description="The plan it was read from as pages name it.")


class Candidate(Evidence):
    chosen: bool = Field(description="The verdict rests on it.")


class EvidencePart(Evidence):
    part: Literal["sum", "level", "rate"] = Field(description="sum: a term added up; level: one level of a growth "
                                                               "rate; rate: a yearly rate chained into one.")


class Record(ApiModel):
    """A result or target read from a plan, with its indicator, section and (a target) its verdict."""

    id: int
    plan_id: int
    doc: str
    kind: Kind
    indicator: str = Field(description="The indicator as written.")
    indicator_id: int | None
    indicator_name: str = Field(description="The indicator's name as pages show it.")
    indicator_canonical: str | None
    indicator_polarity: Polarity | None
    indicator_standard: bool
    domain: str
    measure: Measure
    value: float | None
    value_max: float | None = Field(description="The upper bound of a range (`between`).")
    unit: str
    comparator: Comparator
    year: int | None
    quote: str
    start: int = Field(description="Offset of the quote in the plan's text.")
    end: int
    section: str
    section_id: int | None
    polarity: Polarity
    record_polarity: Polarity | None
    strength: Strength | None
    government_id: int
    government: str
    plan_year: int | None
    span: Span
    period_start: int | None
    period: str
    aspect: Aspect | None
    document_name: str = Field(description="The plan as pages name it.")
    status: Status | None = Field(description="A target's verdict; null for a result.")
    margin: float | None
    gap: str = Field(description="The margin in words, as the rule reads it (English).")
    basis: str | None
    actual: LatestActual | None = Field(description="The actual the verdict rests on, else the latest stored for the "
                                                    "target's year; null for none (and for a result). An object here, "
                                                    "a number with `actual_*` fields in /api/assessments' flat rows.")
    standard: bool | None = Field(None, description="The indicator is in the bundled standard set (home page only).")
    # a target's verdict, in full
    judged_span: Span | None = Field(None, description="The span the target is judged on (targets only).")
    judged_period_start: int | None = None
    progress: str | None = None
    rule: str | None = Field(None, description="The rule applied (English).")
    evidence: Evidence | None = None
    candidates: list[Candidate] | None = None
    evidence_parts: list[EvidencePart] | None = None
    rule_text: str | None = Field(None, description="`rule` in the interface language.")
    basis_text: str | None = None
    gap_text: str | None = None


StatusCounts = dict[str, int]


class RecordFilters(ApiModel):
    plan: int | None
    kind: str
    measure: str | None
    domain: str | None
    status: str | None
    section: str | None
    q: str | None
    indicator: int | None = Field(description="The indicator's id (the filter takes its id or any of its names).")
    year: int | None
    sort: str
    desc: bool
    government: str | None = Field(None, description="A government's id, name or alias.")
    level: str | None = Field(None, description="Governments of this level only (national, province, city, county …).")
    parent: str | None = Field(None, description="Governments under this one, at any depth (id, name or alias).")


class RecordChoices(ApiModel):
    plans: list[PlanChoice]
    domains: list[str]
    kinds: list[str]
    measures: list[str]
    statuses: list[str]
    governments: list[Government] = Field(default_factory=list, description="Governments to filter by (the first "
                                                                           "ones by name).")
    levels: list[str] = Field(default_factory=list, description="The levels a government can have.")


# ---------------------------------------------------------------- home, plans, records


class LaterPlan(ApiModel):
    id: int
    name: str
    count: int = Field(description="How many later plans are stored.")


class JudgedElsewhere(ApiModel):
    plan: PlanSummary
    targets: list[Record]


class HomePage(ApiModel):
    """/api/home."""

    governments: list[Government]
    plans: list[PlanSummary]
    plans_total: int
    plan: Plan | None
    headline: list[Record] = Field(description="The plan's main targets, with their verdicts.")
    counts: StatusCounts = Field(description="Targets by status code (every code, zeros included; empty without a plan).")
    later: LaterPlan | None = Field(None, description="The next plan of the government, which would report the actuals.")
    judged: JudgedElsewhere | None = Field(None, description="When this plan waits for actuals: the newest judged one.")


class PlansPage(ApiModel):
    """/api/plans."""

    plans: list[PlanSummary]
    governments: list[Government]
    government: int | None
    paging: Paging
    deleted: dict[str, Any] | None = Field(description="Always null in JSON (the browser's notice of a deletion).")


class PlanPage(ApiModel):
    """/api/plans/{plan_id}."""

    plan: PlanWithText
    sections: list[Section]
    records: list[Record]
    uploaded: dict[str, Any] | None = Field(description="Null in JSON (the browser's notice after an upload).")


class SectionsPage(ApiModel):
    """/api/plans/{plan_id}/sections."""

    plan: Plan
    sections: list[Section]


class RecordPage(ApiModel):
    """/api/records/{record_id}."""

    record: Record
    plan: Plan


class TargetsPage(ApiModel):
    """/api/targets and /api/records."""

    records: list[Record]
    paging: Paging
    filters: RecordFilters
    choices: RecordChoices


# ---------------------------------------------------------------- assessments


class Assessment(ApiModel):
    """One target's verdict, flat (as `planwatch assess --format jsonl` writes it): the actual is a number here,
    its unit, span and evidence in the `actual_*` fields."""

    plan_id: int
    government: str
    year: int | None
    indicator: str
    measure: str
    span: str
    comparator: str
    value: float | None
    value_max: float | None
    unit: str
    actual: float | None = Field(description="The value the verdict rests on (null: none). A record's `actual` "
                                               "object (/api/targets) is, in this flat row, `actual`, `actual_unit`, "
                                               "`actual_span`, `actual_year`, `actual_period`, `actual_period_start`.")
    actual_unit: str
    actual_span: str
    actual_period: str
    actual_quote: str
    actual_document: str
    status: Status
    margin: float | None
    basis: str
    estimate: bool = Field(description="The verdict rests on a year-end estimate (预计): the status stands, the basis "
                                       "says so (estimated …), until a final figure of the year replaces it.")
    record_id: int | None
    plan_year: int | None
    period_start: int | None
    quote: str
    rule: str
    gap: str
    progress: str | None
    actual_year: int | None
    actual_period_start: int | None
    actual_plan_id: int | None
    actual_record_id: int | None
    actual_start: int | None
    actual_end: int | None
    candidates: list[Candidate]
    evidence_parts: list[EvidencePart]
    tolerance: float | None
    indicator_id: int | None
    restates: int | None = Field(description="The record this target restates in the same plan (same verdict).")
    actual_document_name: str
    rule_text: str
    basis_text: str
    gap_text: str


class AssessmentScope(ApiModel):
    plan: int | None
    government: str | None
    newest: bool = Field(description="The rows are the newest plan's (no plan, government or indicator chosen).")
    every_plan: bool = Field(False, description="The rows are every plan's: an indicator filter with no plan or "
                                                "government spans all plans, as `planwatch assess -i` does.")


class AssessmentFilters(ApiModel):
    plan: int | None
    status: str | None
    government: str | None
    indicator: str | None
    year: int | None
    level: str | None = Field(None, description="Governments of this level only.")
    parent: str | None = Field(None, description="Governments under this one, at any depth.")


class AssessmentChoices(ApiModel):
    plans: list[PlanChoice]
    statuses: list[str]
    levels: list[str] = Field(default_factory=list, description="The levels a government can have.")


class AssessmentsPage(ApiModel):
    """/api/assessments."""

    fields: list[str] = Field(description="The leading columns (as `planwatch assess --format csv`); rows have more.")
    assessments: list[Assessment]
    total: int = Field(description="Rows matching (as `paging.total`).")
    paging: Paging
    scope: AssessmentScope
    filters: AssessmentFilters
    choices: AssessmentChoices


# ---------------------------------------------------------------- indicators and actuals


class IndicatorSummary(ApiModel):
    id: int
    name: str
    unit: str
    polarity: Polarity
    domain: str
    standard: bool
    records: int


class IndicatorsPage(ApiModel):
    """/api/indicators."""

    indicators: list[IndicatorSummary]
    q: str
    paging: Paging


class Indicator(ApiModel):
    id: int
    name: str
    unit: str
    polarity: Polarity
    domain: str
    standard: bool
    aliases: list[str]


class Actual(ApiModel):
    """A stored actual (observed value) of an indicator."""

    id: int
    indicator_id: int
    indicator: str
    government_id: int
    government: str
    year: int
    period: str
    measure: str
    value: float | None
    unit: str
    source: ActualSource
    record_id: int | None
    who: str
    at: datetime
    note: str
    span: Span
    period_start: int | None
    estimate: bool = Field(False, description="A year-end estimate (预计), not a final figure.")
    document: str | None = Field(None, description="A value read from a plan: the document's stem.")
    document_name: str | None = Field(None, description="A value read from a plan: the plan as pages name it.")


class ChartPoint(ApiModel):
    """A target or result on the indicator's chart."""

    x: float
    year: int
    value: float | None
    value_max: float | None
    record_id: int
    plan_id: int
    quote: str
    records: int = Field(description="How many records share this point.")


class ChartActual(ApiModel):
    x: float
    year: int
    period: str
    when: str
    part: bool
    value: float | None
    unit: str
    source: ActualSource
    document: str
    quote: str
    plan_id: int | None
    record_id: int | None
    chosen: bool
    document_name: str | None = None


class ChartGovernment(ApiModel):
    government_id: int
    government: str
    indicator: str
    targets: list[ChartPoint]
    results: list[ChartPoint]
    actuals: list[ChartActual]


class ChartSeries(ApiModel):
    measure: str
    unit: str
    governments: list[ChartGovernment]
    x_min: float
    x_max: float


class ChartGovernmentChoice(ApiModel):
    id: int
    name: str
    records: int


class ChartGovernments(ApiModel):
    shown: list[int]
    total: int
    limit: int
    choices: list[ChartGovernmentChoice]


class PeriodChoice(ApiModel):
    code: str
    label: str


class IndicatorPage(ApiModel):
    """/api/indicators/{indicator_id}."""

    indicator: Indicator
    records: list[Record]
    actuals: list[Actual]
    actuals_total: int
    series: list[ChartSeries]
    government: int | None
    chart_governments: ChartGovernments
    paging: Paging
    can_enter: bool
    entry_governments: list[GovernmentChoice]
    entry_periods: list[PeriodChoice]
    form: dict[str, Any]
    form_error: str | None


class ActualsPage(ApiModel):
    """/api/actuals."""

    actuals: list[Actual]
    page: int
    size: int
    paging: Paging


class ActualStored(ApiModel):
    indicator_id: int
    indicator: str
    government: str
    year: int
    period: str
    measure: str
    value: float | None
    unit: str


class ActualAnswer(ApiModel):
    """POST /api/actuals."""

    actual: ActualStored


class ImportResult(ApiModel):
    file: str
    stored: int
    skipped: int


class ImportAnswer(ApiModel):
    """POST /api/actuals/import."""

    import_: ImportResult = Field(alias="import")


class EntryTarget(ApiModel):
    id: int
    measure: str
    comparator: str
    value: float | None
    value_max: float | None
    unit: str


class EntryActual(ApiModel):
    value: float | None
    unit: str
    source: ActualSource
    who: str
    at: datetime


class EntryRow(ApiModel):
    key: str = Field(description="indicator id-measure: the cell's key in `values` and `errors`.")
    indicator_id: int
    indicator: str
    measure: str
    indicator_unit: str
    unit: str
    target: EntryTarget
    units: list[str]
    actual: EntryActual | None


class EntryPage(ApiModel):
    """/api/entry."""

    governments: list[GovernmentChoice]
    government: int | None
    years: list[int]
    year: int | None
    period: str
    rows: list[EntryRow]
    periods: list[PeriodChoice]
    hidden: int
    values: dict[str, str]
    errors: dict[str, str]
    saved: int | None


class MissingRow(ApiModel):
    indicator_id: int
    indicator: str
    measure: str
    units: list[str]
    due: list[str]
    present: list[str]
    missing: list[str]


class MissingSummary(ApiModel):
    due: int
    missing: int
    present: int


class MissingPage(ApiModel):
    """/api/entry/missing."""

    governments: list[GovernmentChoice]
    government: int | None
    years: list[int]
    year: int | None
    period: str
    periods: list[PeriodChoice]
    hidden: int
    missing_rows: list[MissingRow]
    frequency: str
    unit: str
    all_units: list[str]
    summary: MissingSummary
    can_enter: bool


class EntryAnswer(ApiModel):
    """POST /api/entry."""

    stored: int


# ---------------------------------------------------------------- search


class Snippet(ApiModel):
    before: str
    hit: str
    after: str


class SearchHit(ApiModel):
    type: str
    id: int
    title: str
    url: str
    score: float


class PlanHit(SearchHit):
    snippet: Snippet


class RecordHit(SearchHit):
    kind: str
    snippet: Snippet
    year: int | None
    plan: str
    government: str
    measure: str
    comparator: str
    value: float | None
    value_max: float | None
    unit: str
    span: str
    period_start: int | None
    aspect: str | None
    quote: str


class TaskHit(SearchHit):
    kind: str = Field(description="The task's status.")
    snippet: Snippet


class IndicatorHit(ApiModel):
    type: str
    id: int
    title: str
    url: str
    alias: str


class PerKind(ApiModel):
    plans: bool
    records: bool
    tasks: bool


class PerKindCount(ApiModel):
    plans: int
    records: int
    tasks: int


class SearchPaging(ApiModel):
    page: int
    size: int
    more: PerKind
    totals: PerKindCount
    capped: PerKind
    pages: PerKindCount


class SearchPage(ApiModel):
    """/api/search."""

    q: str
    terms: list[str]
    plans: list[PlanHit]
    records: list[RecordHit]
    tasks: list[TaskHit]
    indicators: list[IndicatorHit]
    paging: SearchPaging
    index: str | None = None


# ---------------------------------------------------------------- tasks and supervision


class Capabilities(ApiModel):
    """What the requesting user may do with the task."""

    assign: bool
    review: bool
    report: bool
    status: bool
    office: bool


class TaskUpdate(ApiModel):
    """An entry of a task's history: a report, a sign-off request or decision, an assignment, a milestone …"""

    id: int
    on: date | None
    at: datetime
    who: str
    status_from: str | None
    status_to: str | None
    evidence: str
    link: str
    source: str = Field(description="report, request, approve, return, assign, milestone, manual, import, followup.")
    who_name: str | None = None
    source_label: str | None = None
    progress: int | None = None


class EvidenceFile(ApiModel):
    id: int
    name: str
    size: int
    content_type: str
    sha256: str
    who: str
    who_name: str
    at: datetime
    url: str


class HistoryEntry(TaskUpdate):
    files: list[EvidenceFile]


class Milestone(ApiModel):
    id: int
    title: str
    due: date | None
    done_on: date | None
    done_by: str | None
    late: bool


class Task(ApiModel):
    """A task of a plan with its supervision state (the task page adds history, files and milestones)."""

    id: int
    plan_id: int
    group_id: int | None
    kind: str
    title: str
    action: str
    object: str
    text: str
    quote: str
    start: int
    end: int
    section: str
    domain: str
    entities: list[str]
    record_positions: list[int]
    unit: str = Field(description="The lead unit (assigned, else suggested).")
    unit_assigned: bool
    named_unit: str | None
    status: TaskStatus
    deadline: date | None
    overdue: bool
    supervised: bool
    updated_at: datetime | None
    last_update: TaskUpdate | None
    can_edit: bool
    co_units: list[str]
    progress: int | None
    signoff: Signoff
    signoff_label: str
    can: Capabilities
    version: str = Field(description="The assignment's version: send it back to POST …/assign (409 when changed).")
    last_report: TaskUpdate | None
    late: bool
    awaiting_assignment: bool = Field(False, description="A task of a plan under supervision no unit was assigned "
                                                         "(待交办): late for nobody.")
    # the task page
    history: list[HistoryEntry] | None = None
    files: list[EvidenceFile] | None = None
    milestones: list[Milestone] | None = None
    # 我的任务
    relation: str | None = Field(None, description="/api/my/tasks: lead, co or suggested.")
    plan: str | None = Field(None, description="/api/my/tasks: the plan's label.")
    owed_in: list[str] | None = Field(None, description="/api/my/tasks: the open rounds that wait for its report.")
    apart: bool | None = Field(None, description="/api/my/tasks: only suggested to the unit (建议本单位承办，未交办): "
                                                 "listed apart, owed nothing.")


class UnitSummary(ApiModel):
    unit: str
    total: int
    on_time: int
    late: int
    late_completed: int
    awaiting: int
    completed: int
    cancelled: int
    suggested: bool
    unsupervised: int
    unassigned: int = Field(0, description="Tasks of a supervised plan no unit was assigned (待交办), never late.")


class TaskGroup(ApiModel):
    key: int | str | None
    label: str
    title: str
    tasks: list[Task]


class TaskFilters(ApiModel):
    plan: int | None
    unit: str
    status: str
    signoff: str
    late: bool
    as_of: date
    group: str
    assigned: bool | None


class UnitGroup(ApiModel):
    label: str
    units: list[str]
    unplaced: bool


class TaskChoices(ApiModel):
    plans: list[PlanChoice]
    more_plans: bool
    filter_units: list[str]
    units: list[str]
    unit_groups: list[UnitGroup]
    statuses: list[str]


class TasksPage(ApiModel):
    """/api/tasks."""

    as_of: date
    summary: list[UnitSummary]
    total: UnitSummary = Field(description="The summary's total line (not a count of rows: `paging.total`).")
    plan_supervised: bool
    unassigned: int
    groups: list[TaskGroup]
    count: int
    paging: Paging
    filters: TaskFilters
    choices: TaskChoices
    may_assign: bool
    saved: str
    page_numbers: list[int]


class TaskPageChoices(ApiModel):
    statuses: list[str]
    units: list[str]
    unit_groups: list[UnitGroup]


class TaskPage(ApiModel):
    """/api/tasks/{task_id}."""

    task: Task
    as_of: date
    choices: TaskPageChoices
    saved: str
    saved_by: str | None = None


class TaskBrief(ApiModel):
    id: int
    text: str
    deadline: date | None
    status: str
    signoff: str
    url: str
    round: str | None = None
    round_id: int | None = None
    due: date | None = None
    reason: str | None = None
    milestone: str | None = None
    milestone_due: date | None = None


class Digest(ApiModel):
    """What one unit owes: reports due in open rounds, overdue, due soon, sent back, milestones."""

    unit: str
    as_of: date
    count: int
    owed: list[TaskBrief]
    overdue: list[TaskBrief]
    due_soon: list[TaskBrief]
    returned: list[TaskBrief]
    milestones: list[TaskBrief]
    email: str | None = Field(None, description="/api/inbox: the unit's reminder address.")


class OpenRound(ApiModel):
    id: int
    title: str
    due: date
    opened_on: date
    note: str
    plan_id: int | None
    plan: str
    owed: int
    overdue: bool
    involved: bool = Field(True, description="The round covers tasks of the user's units (else 本轮不涉及本单位任务).")


class PlanCount(ApiModel):
    id: int
    label: str
    count: int


class StatusChoices(ApiModel):
    statuses: list[str]


class MyTasksPage(ApiModel):
    """/api/my/tasks."""

    units: list[str]
    as_of: date
    tasks: list[Task]
    inbox: list[Digest]
    plan: int | None
    rounds: list[OpenRound]
    plans: list[PlanCount]
    choices: StatusChoices
    saved: str


class AwaitingSignoff(ApiModel):
    id: int
    text: str
    unit: str
    url: str
    progress: int | None


class Unassigned(ApiModel):
    plan_id: int
    plan: str
    count: int
    units: list[tuple[str, int]] = Field(description="[unit, tasks] pairs, most first.")


class InboxPage(ApiModel):
    """/api/inbox."""

    as_of: date
    units: list[Digest]
    awaiting: list[AwaitingSignoff]
    unassigned: list[Unassigned]
    may_manage: bool
    all_units: list[str]
    saved: str


class RoundLine(ApiModel):
    unit: str
    open: int
    reported: int


class Round(ApiModel):
    id: int
    title: str
    plan_id: int | None
    opened_on: date
    due: date
    closed: bool
    who: str
    note: str
    units: list[RoundLine]
    open: int
    reported: int
    unassigned: int
    plan: PlanChoice | None


class RoundsPage(ApiModel):
    """/api/rounds."""

    rounds: list[Round]
    may_manage: bool
    plans: list[PlanChoice]
    default_plan: int | None
    today: date
    saved: str


class TaskReport(TaskUpdate):
    """A report stored in the task's history (with the task's progress and sign-off state after it)."""

    task_id: int
    signoff: Signoff


class UpdateAnswer(ApiModel):
    """POST /api/tasks/{task_id}/updates and …/files."""

    update: TaskReport


class SignoffDecision(TaskUpdate):
    """The office's decision stored in the task's history (with the task's status and sign-off state after it)."""

    task_id: int
    status: TaskStatus
    signoff: Signoff


class ReviewAnswer(ApiModel):
    """POST /api/tasks/{task_id}/review."""

    review: SignoffDecision


class Assignment(ApiModel):
    id: int
    unit: str
    co_units: list[str]
    deadline: date | None
    version: str


class AssignAnswer(ApiModel):
    """POST /api/tasks/{task_id}/assign and /api/tasks/assign."""

    tasks: list[Assignment]


class MilestoneStored(ApiModel):
    id: int
    task_id: int
    title: str
    due: date | None
    done_on: date | None


class MilestoneAnswer(ApiModel):
    """POST /api/tasks/{task_id}/milestones and /api/milestones/{milestone_id}/done."""

    milestone: MilestoneStored


class RoundStored(ApiModel):
    id: int
    title: str
    plan_id: int | None
    opened_on: date
    due: date


class RoundAnswer(ApiModel):
    """POST /api/rounds."""

    round: RoundStored


class RoundClosed(ApiModel):
    id: int
    closed: bool


class RoundCloseAnswer(ApiModel):
    """POST /api/rounds/{round_id}/close."""

    round: RoundClosed


class Contact(ApiModel):
    unit: str
    email: str


class ContactAnswer(ApiModel):
    """POST /api/contacts."""

    contact: Contact


# ---------------------------------------------------------------- evaluation


class ItemScore(ApiModel):
    label: str
    weight: float
    score: float | None
    rule: str
    detail: str
    share: float = Field(description="Its weight as a share of its dimension's items (%).")
    effective: float | None = Field(description="The share the score used (%), re-weighted over items with data.")


class DimensionScore(ApiModel):
    name: str
    weight: float
    score: float | None
    items: list[ItemScore]
    scored: int
    share: float
    effective: float | None


class DomainRate(ApiModel):
    domain: str
    counted: int
    completed: int
    late: int
    known: bool
    rate: float | None


class UnitScore(ApiModel):
    unit: str
    counted: int
    completed: int
    late: int
    target_score: float | None
    targets: int
    score: float | None
    known: bool
    suggested: bool


class EvaluatedPlan(ApiModel):
    id: int
    government: str
    year: int | None
    title: str


class Radar(ApiModel):
    names: list[str]
    scores: list[float | None]


class Coverage(ApiModel):
    scored: int
    items: int
    text: str


class EvaluationPage(ApiModel):
    """/api/plans/{plan_id}/evaluation."""

    plan_id: int
    government: str
    year: int | None
    system: str
    missing: str = Field(description="How items without data count: reweight or zero.")
    total: float | None
    dimensions: list[DimensionScore]
    domains: list[DomainRate]
    units: list[UnitScore]
    scored: int
    item_count: int
    plan: EvaluatedPlan
    radar: Radar
    coverage: Coverage
    reweighted: list[str]


# ---------------------------------------------------------------- accounts and administration


class Account(ApiModel):
    id: int
    username: str
    display_name: str
    role: Role
    units: list[str]


class AccountPage(ApiModel):
    """/api/account."""

    account: Account
    new_token: str | None
    done: str


class PasswordPage(ApiModel):
    """/api/account/password."""

    account: Account
    minimum: int


class PasswordChanged(ApiModel):
    """POST /api/account/password."""

    account: Account
    changed: bool


class User(ApiModel):
    id: int
    username: str
    display_name: str
    role: Role
    active: bool
    units: list[str]
    created_at: datetime


class UsersPage(ApiModel):
    """/api/admin/users."""

    users: list[User]
    roles: list[str]
    unit_names: list[str]
    done: str
    error: str | None
    form: dict[str, str]


class UserAnswer(ApiModel):
    """POST /api/admin/users and …/role, …/password, …/active."""

    user: User


class UnitNode(ApiModel):
    id: int
    name: str
    generic: str
    children: list[UnitNode]
    government: str
    parent: str


class UnitTree(ApiModel):
    government: str
    units: list[UnitNode]


class UnitsPage(ApiModel):
    """/api/admin/units."""

    tree: list[UnitTree]
    governments: list[str]
    unit_names: list[str]
    unplaced: list[str]
    done: str
    error: str | None
    form: dict[str, str]


class UnitStored(ApiModel):
    name: str
    government: str
    parent: str


class UnitAnswer(ApiModel):
    """POST /api/admin/units and /api/admin/units/place."""

    unit: UnitStored


class Placed(ApiModel):
    government: str
    units: list[str]


class PlacedAnswer(ApiModel):
    """POST /api/admin/units/government."""

    placed: Placed


class Token(ApiModel):
    id: int
    username: str
    name: str
    created_at: datetime
    revoked: bool


class TokensPage(ApiModel):
    """/api/admin/tokens."""

    tokens: list[Token]
    usernames: list[str]
    done: str
    new_token: str | None
    error: str | None
    form: dict[str, str]


class TokenMade(ApiModel):
    """POST /api/admin/tokens: the token, shown once."""

    token: str
    username: str
    name: str


class TokenRevoked(ApiModel):
    """POST /api/admin/tokens/{token_id}/revoke."""

    id: int
    revoked: bool


class AuditChange(ApiModel):
    field: str
    label: str
    value: str | None = None
    before: str | None = None
    after: str | None = None


class AuditEntry(ApiModel):
    id: int
    at: datetime
    who: str
    action: str
    action_label: str
    entity: str
    entity_label: str
    entity_id: int | None
    link: str
    changes: list[AuditChange]
    detail: dict[str, Any] = Field(description="What the action recorded; its keys depend on the action.")


class AuditFacets(ApiModel):
    users: list[str]
    actions: list[str]
    entities: list[str]


class AuditFilters(ApiModel):
    who: str
    action: str
    unit: str
    entity: str
    entity_id: str
    since: str
    until: str


class AuditPage(ApiModel):
    """/api/audit."""

    entries: list[AuditEntry]
    facets: AuditFacets
    filters: AuditFilters
    paging: Paging
    title: str


class DeletedPlan(ApiModel):
    id: int
    source: str
    government: str
    year: int | None
    title: str
    kind: str


class SupervisionWork(ApiModel):
    """The supervision work done on the plan's tasks, by kind."""

    updates: int
    files: int
    milestones: int
    assigned: int
    co_units: int
    rounds: int
    decided: int


class PlanContents(ApiModel):
    """What a plan held: counts of what went with it, and the supervision work on its tasks."""

    plan: DeletedPlan
    records: int
    targets: int
    actuals: int
    tasks: int
    achievements: int
    work: SupervisionWork
    supervised: bool
    work_text: str


class DeleteAnswer(ApiModel):
    """DELETE /api/plans/{plan_id}."""

    deleted: PlanContents


# ---------------------------------------------------------------- downloads

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(description: str, *media_types: str) -> dict[int | str, dict[str, Any]]:
    """The `responses` of a route answering a file: its 200 is `media_types` (bytes), not JSON."""
    binary = {"schema": {"type": "string", "format": "binary"}}
    return {200: {"description": description, "content": {media: binary for media in media_types}}}
