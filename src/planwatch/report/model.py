"""The execution report as data: headline, main-indicator table, sources, domains, charts.

Built once from the store (`build_report`), then written as Markdown, HTML, Word or PDF by
the writers; every writer prints the same words.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from sqlalchemy import Engine

from planwatch.evaluate.facts import (
    TASK_STATE_ZH,
    AssessmentRow,
    Domain,
    PlanInfo,
    TaskFacts,
    assessment_rows,
    display_government,
    display_indicator,
    domains_of,
    headline_rows,
    history,
    plan_info,
    tasks_of,
)
from planwatch.monitor.display import cite_parts
from planwatch.report import wording

Step = Callable[[str], None]


@dataclass(slots=True)
class IndicatorLine:
    """One row of the main-indicator table, with the number of its source note (0: none)."""

    row: AssessmentRow
    target: str
    actual: str
    status: str
    margin: str
    phrase: str
    note: int = 0


@dataclass(slots=True)
class DomainPart:
    """One domain's section: its targets (as phrases) and its tasks by state, late ones named.

    `title` is the plan's heading with its own number, `label` that number ("" when the plan numbers none), `parents`
    the plan's headings above it as (start, label, title), outermost first (`Domain`): the writers print them as the
    plan does, so the report reads beside the plan."""

    title: str
    targets: list[str]
    counts: dict[str, int]
    late: list[tuple[str, str]]  # (task, unit)
    not_started: int
    tracked: bool = True  # anything is known of its tasks (`Domain.known`); else no counts by state are reported
    label: str = ""
    start: int = 0
    parents: tuple[tuple[int, str, str], ...] = ()
    # past their deadline but assigned to no unit (待交办): late for nobody, named apart (task, "建议…牵头")
    waiting: list[tuple[str, str]] = field(default_factory=list)


@dataclass(slots=True)
class Report:
    """Everything a writer needs."""

    plan: PlanInfo
    government: str
    title: str
    headline: str
    lines: list[IndicatorLine]
    sources: list[str]
    domains: list[DomainPart]
    summary: dict[str, int]
    charts: dict[str, bytes] = field(default_factory=dict)
    generated: date = field(default_factory=date.today)
    as_of: date = field(default_factory=date.today)  # the data cut-off (数据截至): the day task states are judged on


def _nothing(_step: str) -> None:
    """No progress display."""


# What the execution report is of, by the kind of document the plan is (a work report is no 国民经济和社会发展计划).
# (The kinds `documents.meta` gives: plan, work_report, five_year, other; annual_plan and five_year_plan as the
# schema's comment names them.)
_REPORT_OF = {"plan": "国民经济和社会发展计划", "annual_plan": "国民经济和社会发展计划", "work_report": "政府工作报告目标任务",
              "five_year": "国民经济和社会发展规划纲要", "five_year_plan": "国民经济和社会发展规划纲要"}


# What the plan is called in a sentence (2016年，国务院政府工作报告确定的8项主要指标中…): a work report is no 计划.
_KIND_WORD = {"work_report": "政府工作报告", "five_year": "规划纲要", "five_year_plan": "规划纲要"}


def _kind_word(plan: PlanInfo) -> str:
    """The plan's kind as a sentence names it: 计划, 政府工作报告, 规划纲要."""
    return _KIND_WORD.get(plan.kind, "计划")


def report_title(plan: PlanInfo) -> str:
    """The report's title: 深圳市坪山区2019年国民经济和社会发展计划执行情况报告 (the workbook's file is named after it too)."""
    return (f"{display_government(plan.government)}{plan.year or ''}年{_REPORT_OF.get(plan.kind, '国民经济和社会发展计划')}"
            "执行情况报告")


def build_report(engine: Engine, plan_id: int | None = None, charts: bool = True, step: Step = _nothing,
                 today: date | None = None, as_of: date | None = None) -> Report:
    """The report of plan `plan_id` (the latest plan when None); `step` is told each stage for progress.

    `as_of` is the data cut-off (数据截至, printed on the cover): the tasks are as they stood that day, read back from
    their supervision history, and late against it (a 2019 plan as of 2019-12-31); default: `today`."""
    step("assessing targets")
    plan = plan_info(engine, plan_id)
    # a target the plan states twice ("国内生产总值增长6.5%－7%", "经济增长预期目标6.5%－7%") is one line, one verdict
    rows = [replace(r, indicator=display_indicator(r.indicator, plan.government)) for r in assessment_rows(engine, plan.id)
            if r.restates is None]
    tasks = tasks_of(engine, plan.id, today) if as_of is None else tasks_of(engine, plan.id, as_of=as_of)
    government = display_government(plan.government)
    year = plan.year or ""
    main = headline_rows(rows)
    lines: list[IndicatorLine] = []
    sources: list[str] = []
    for r in main:
        line = IndicatorLine(r, wording.target_text(r), wording.actual_text(r), wording.STATUS_ZH.get(r.status, r.status),
                             wording.margin_text(r), wording.phrase(r))
        if r.actual is not None:
            quote = f"：“{''.join(r.actual_quote.split())}”" if r.actual_quote else ""
            source = f"{r.actual_document or r.basis or '未注明'}{quote}"
            if r.evidence_parts:  # a sum of yearly actuals: every year it adds up, each from its own document
                source = cite_parts(r.evidence_parts, quotes=("“", "”"))
            what = "实际值（预计数）" if r.estimate else "实际值"  # a year-end estimate (预计), not a final figure
            sources.append(f"{_joined(r.indicator, wording.span_text(r.actual_span))}{what}来源：{source}")
            line.note = len(sources)
        lines.append(line)
    summary = {s: sum(1 for r in main if r.status == s) for s in wording.STATUS_ZH}
    judged = summary["met"] + summary["missed"]
    if main:
        words = wording.STATUS_ZH
        counted = [f"{words['met']}{summary['met']}项"] + [f"{words[key]}{summary[key]}项" for key in
                                                             ("missed", "on track", "at risk") if summary[key]]
        estimated = sum(1 for r in main if r.estimate and r.status in ("met", "missed", "on track", "at risk"))
        if judged or summary["on track"] or summary["at risk"]:
            opening = (f"{year}年，{government}{_kind_word(plan)}确定的{len(main)}项主要指标中，" + "、".join(counted)
                       + (f"，{summary['conflict']}项{words['conflict']}待核实" if summary["conflict"] else "")
                       + (f"，{summary['no data']}项{words['no data']}" if summary["no data"] else "")
                       + (f"（其中{estimated}项依据预计数，待最终统计数据核实）" if estimated else "") + "。")
        else:
            opening = f"{year}年，{government}{_kind_word(plan)}确定的{len(main)}项主要指标均暂无实际值。"
        headline = opening + "；".join(line.phrase for line in lines) + "。"
    else:
        headline = f"{year}年{_kind_word(plan)}未列出可供监测的主要指标。"
    step("grouping targets and tasks by domain")
    parts: list[DomainPart] = []
    domain_counts: list[tuple[str, tuple[int, int, int, int]]] = []
    for d in domains_of(engine, plan.id, rows, tasks):
        parts.append(_part(d, as_of or today or date.today()))
        domain_counts.append((d.title, _categories(d)))
    title = report_title(plan)
    report = Report(plan, government, title, headline, lines, sources,
                    parts, summary, generated=today or date.today(), as_of=as_of or today or date.today())
    if charts:
        from planwatch.report import charts as drawing

        step("drawing charts")
        if domain_counts:
            report.charts["domains"] = drawing.attainment_by_domain(domain_counts)
        series = _series(engine, plan, main)
        if series:
            report.charts["indicators"] = drawing.targets_vs_actuals(series)
    return report


def _joined(indicator: str, period: str) -> str:
    """An indicator and the period of its actual, apart where they would run together: "广义货币M2，2016年", not
    "M22016年" (a name ending in a Latin letter or digit before a year); "地区生产总值2019年" as it reads."""
    if period[:1].isdigit() and indicator[-1:].isascii() and indicator[-1:].isalnum():
        return f"{indicator}，{period}"
    return indicator + period


def _part(d: Domain, cut_off: date) -> DomainPart:
    """A domain's section of the report, its tasks as they stood on `cut_off`."""
    counts = d.task_counts()
    # only an assigned task is late (`task_state`), so its unit is the one the office assigned, never a suggestion
    late = [(_short(t.text), t.unit) for t in d.tasks if t.state == "late"]
    waiting = [(_short(t.text), suggestion(t)) for t in d.tasks
               if t.state == "unassigned" and t.deadline is not None and t.deadline < cut_off]
    targets = [wording.phrase(r) for r in d.targets if r.status != "absent"]
    return DomainPart(d.title, targets, {TASK_STATE_ZH[k]: v for k, v in counts.items()}, late if d.known else [],
                      counts["not started"], d.known, d.label, d.start, d.parents, waiting)


def _short(text: str) -> str:
    """A task's words as a report's list names it: 60 characters at most."""
    return text if len(text) <= 60 else text[:59] + "…"


def suggestion(t: TaskFacts) -> str:
    """Who would lead a task no unit was assigned: the unit the document itself names (a 分工方案's note) is the text's,
    "文件指定区科技局牵头"; else the machine's suggestion, "建议区工业和信息化局牵头". Never a 责任单位: a report to the
    leadership holds a bureau to account only for what it was given."""
    if t.named:
        return f"文件指定{t.named}牵头"
    return f"建议{t.unit}牵头" if t.unit else "未明确牵头单位"


def _categories(d: Domain) -> tuple[int, int, int, int]:
    """(done, in progress, late or missed, not started or no data) over a domain's targets and tasks."""
    c = d.task_counts()
    t = [r.status for r in d.targets]
    if not d.known:  # nothing known of its tasks: overdue is no data here
        c["not started"] += c["late"]
        c["late"] = 0
    return (c["completed"] + t.count("met"), c["in progress"] + t.count("on track"),
            c["late"] + t.count("missed") + t.count("at risk"),
            c["not started"] + c["unsupervised"] + c["unassigned"] + t.count("no data"))


def _series(engine: Engine, plan: PlanInfo,
            main: list[AssessmentRow]) -> list[tuple[str, str, list[int], list[float | None], list[float | None]]]:
    """Per headline indicator (at most six), the government's target and actual of every plan year."""
    chosen = [r for r in main if r.value is not None][:6]
    past = history(engine, plan.government, [(r.indicator, r.measure) for r in chosen])
    out = []
    for r in chosen:
        rows = past.get((r.indicator, r.measure)) or [r]
        years = [x.year for x in rows if x.year is not None]
        scale, unit = _scale(r)
        out.append((r.indicator, unit, years,
                    [x.value / scale if x.value is not None else None for x in rows],
                    # a year's actual only: a part of the year (上半年) is no bar of the year's result
                    [x.actual / scale if x.actual is not None and not x.actual_period else None for x in rows]))
    return out


def _scale(r: AssessmentRow) -> tuple[float, str]:
    """Divisor and unit label for a chart axis: growth rates in %, 元 in 亿元."""
    if r.measure == "growth" or r.unit in ("%", "％"):
        return 1.0, "%" if r.measure != "growth" else "增速%"
    if r.unit in ("元", "美元") and abs(r.value or 0) >= 1e8:
        return 1e8, f"亿{r.unit}"
    if abs(r.value or 0) >= 1e4 and r.unit and r.unit[-1] in wording.COUNTED:
        return 1e4, f"万{r.unit}"
    return 1.0, r.unit


__all__ = ["DomainPart", "IndicatorLine", "Report", "build_report", "report_title", "suggestion"]
