"""The whole picture of a plan as one Excel workbook: 目标, 结果, 实际值, 评估, 任务, 指标.

Every sheet has a bold frozen header row, an auto-filter, column widths and number
formats; statuses are coloured (green met, red missed, amber at risk, grey no data).
"""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from planwatch.evaluate.facts import (
    TASK_STATE_ZH,
    AssessmentRow,
    TaskFacts,
    assessment_rows,
    display_indicator,
    plan_info,
    tasks_of,
)
from planwatch.evaluate.scoring import Evaluation
from planwatch.monitor.attainment import Target, judged_span
from planwatch.monitor.display import aspect_word, period_name, plan_names, value_period
from planwatch.monitor.vocabulary import comparator_symbol
from planwatch.report import wording
from planwatch.report.wording import DOMAIN_ZH, MEASURE_ZH, SOURCE_ZH, code_zh
from planwatch.store.schema import Actual, Indicator, Record

SHEETS = ("目标", "结果", "实际值", "评估", "任务", "指标")
# a verdict's and a task state's colour, by code; the cells hold their words (`wording.STATUS_ZH`, `TASK_STATE_ZH`)
VERDICT_FILLS = {"met": "C6EFCE", "missed": "FFC7CE", "on track": "DDEBF7", "at risk": "FFEB9C", "conflict": "FFEB9C",
                 "no data": "EDEDED", "absent": "F8CBAD"}
TASK_FILLS = {"completed": "C6EFCE", "late": "FFC7CE", "in progress": "DDEBF7", "not started": "EDEDED", "unsupervised": "EDEDED",
              "unassigned": "EDEDED"}
FILLS = {**{wording.STATUS_ZH[k]: c for k, c in VERDICT_FILLS.items()}, **{TASK_STATE_ZH[k]: c for k, c in TASK_FILLS.items()}}
NUMBER = "#,##0.00"


def _sheet(book: Any, title: str, headers: list[tuple[str, int]], rows: list[list[Any]],
           formats: dict[int, str] | None = None, status_col: int | None = None) -> None:
    """Add one sheet: header, rows, widths, number formats, frozen header, filter, status colours."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
    sheet.append([h for h, _w in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(vertical="center")
    for row in rows:
        sheet.append(row)
    for i, (_h, width) in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(len(rows) + 1, 1)}"
    for col, fmt in (formats or {}).items():
        for (cell,) in sheet.iter_rows(min_row=2, min_col=col, max_col=col):
            cell.number_format = fmt
    if status_col is not None:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=status_col, max_col=status_col):
            colour = FILLS.get(str(cell.value))
            if colour:
                cell.fill = PatternFill("solid", fgColor=colour)


def workbook(engine: Engine, plan_id: int | None = None, evaluation: Evaluation | None = None) -> bytes:
    """The workbook of one plan (the latest when None) as .xlsx bytes."""
    from openpyxl import Workbook

    plan = plan_info(engine, plan_id)
    rows = [replace(r, indicator=display_indicator(r.indicator, plan.government)) for r in assessment_rows(engine, plan.id)]
    tasks = tasks_of(engine, plan.id)
    with Session(engine) as session:
        records = session.execute(
            select(Record.kind, Record.indicator, Indicator.name, Record.measure, Record.comparator, Record.value,
                   Record.value_max, Record.unit, Record.year, Record.strength, Record.section, Record.quote,
                   Record.span, Record.period_start, Record.period, Record.aspect)
            .outerjoin(Indicator, Record.indicator_id == Indicator.id)
            .where(Record.plan_id == plan.id).order_by(Record.position)).all()
        actuals = session.execute(
            select(Indicator.name, Actual.year, Actual.period, Actual.measure, Actual.value, Actual.unit, Actual.source,
                   Record.plan_id, Actual.quote, Actual.note, Actual.who, Actual.at, Actual.span, Actual.period_start,
                   Actual.estimate)
            .join(Indicator, Actual.indicator_id == Indicator.id)
            .outerjoin(Record, Actual.record_id == Record.id)
            .where(Actual.government_id == plan.government_id)
            .order_by(Indicator.name, Actual.year, Actual.period)).all()
        documents = plan_names(session, (a[7] for a in actuals))  # "国务院 2017年政府工作报告", not its bare title
        used = {r[2] for r in records if r[2]} | {a[0] for a in actuals}
        indicators = session.execute(select(Indicator.name, Indicator.unit, Indicator.polarity, Indicator.domain,
                                            Indicator.standard).where(Indicator.name.in_(used))
                                     .order_by(Indicator.name)).all() if used else []
    book = Workbook()
    book.remove(book.active)
    # 期间: the period a value covers (全年, 累计 2011–2015, 年均 2016–2020, 上半年; a target's as it is judged), beside
    # 年度, so a five-year total never reads as that year's; 数值类型: 新增 / 总量 / 差额 (a quote may start after 新增)
    record_headers = [("指标（原文）", 26), ("标准指标", 20), ("测度", 8), ("比较", 6), ("数值", 16), ("上限", 12),
                      ("单位", 8), ("年度", 7), ("期间", 14), ("数值类型", 8), ("约束性", 7), ("所在章节", 40), ("原文", 60)]
    for kind, title in (("target", "目标"), ("result", "结果")):
        _sheet(book, title, record_headers,
               [[r[1], r[2] or "", code_zh(MEASURE_ZH, r[3]), comparator_symbol(r[4]), r[5], r[6], r[7], r[8],
                 _record_period(r, plan.year), aspect_word(r[15]), {"soft": "预期性", "hard": "约束性"}.get(r[9] or "", ""),
                 r[10], "".join((r[11] or "").split())] for r in records if r[0] == kind],
               {5: NUMBER, 6: NUMBER, 8: "0"})
    _sheet(book, "实际值", [("指标", 20), ("年度", 7), ("期间", 14), ("测度", 8), ("数值", 16), ("单位", 8), ("来源", 9),
                          ("文件", 36), ("原文或说明", 60), ("录入人", 10), ("录入时间", 18), ("预计数", 8)],
           [[a[0], a[1], value_period(a[12], a[13], a[1], a[2]), code_zh(MEASURE_ZH, a[3]), a[4], a[5],
             code_zh(SOURCE_ZH, a[6]), documents.get(a[7], "") if a[7] is not None else "",
             "".join((a[8] or "").split()) or a[9], _recorder(a[6], a[10]), a[11].replace(tzinfo=None) if a[11] else None,
             "是" if a[14] else ""]
            for a in actuals], {2: "0", 5: NUMBER, 11: "yyyy-mm-dd hh:mm"})
    eval_rows: list[list[Any]] = [
        [r.indicator, r.year, _target_period(r), wording.target_text(r), wording.actual_text(r),
         wording.STATUS_ZH.get(r.status, r.status), wording.margin_text(r), wording.phrase(r), *_sources(r), _period(r),
         "是" if r.estimate and r.actual is not None else ""]
        for r in rows]
    scored_from = len(eval_rows) + 3  # the sheet's row of the evaluation's header (after a blank row)
    if evaluation is not None:
        eval_rows += [[], *evaluation_rows(evaluation)]
    # 实际值期间: 全年, or the part of the year the actual covers (上半年: progress, never the year's result)
    _sheet(book, "评估", [("指标", 20), ("年度", 7), ("期间", 14), ("目标", 16), ("实际", 16), ("状态", 10), ("差距", 10),
                        ("表述", 60), ("实际值来源", 36), ("来源原文", 50), ("实际值期间", 12), ("实际值为预计数", 10)],
           eval_rows, {2: "0"},
           status_col=6)
    if evaluation is not None:
        _score_formats(book["评估"], scored_from)
    # 责任单位: the unit the office assigned only; a unit the machine suggested is not one (never told): its own column,
    # where a unit the document itself names says so ("文件指定：区科技局")
    _sheet(book, "任务", [("编号", 8), ("分组", 28), ("任务", 60), ("责任单位", 22), ("建议单位（未交办）", 22),
                        ("完成时限", 12), ("状态", 9)],
           [[t.id, t.group, t.text, t.unit if t.assigned else "", "" if t.assigned else _unsent(t), t.deadline,
             TASK_STATE_ZH[t.state]] for t in tasks], {1: "0", 6: "yyyy-mm-dd"}, status_col=7)
    _sheet(book, "指标", [("指标", 24), ("单位", 14), ("方向", 8), ("领域", 12), ("标准指标", 9)],
           [[i[0], i[1], {"higher": "越大越好", "lower": "越小越好"}.get(i[2], "中性"), code_zh(DOMAIN_ZH, i[3]),
             "是" if i[4] else "否"]
            for i in indicators])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def evaluation_rows(evaluation: Evaluation) -> list[list[Any]]:
    """The evaluation under the 评估 sheet's assessments: a header, each dimension and its items with their weight (its
    share as the system sets it), 实际权重 (the share the score really used: re-weighted over the parts with data) and
    score, and the total, so the total can be recomputed from the sheet. Numbers are numbers (a weight 0.25, shown 25.0%),
    rounded as shown (35.7, not 35.71428571428572); no data is said (暂无数据), never a blank."""
    def score(value: float | None) -> float | str:
        return "暂无数据" if value is None else round(value, 1)

    def share(value: float | None) -> float | str:
        return "不计" if value is None else round(value / 100, 3)

    rows: list[list[Any]] = [["维度／指标", "权重", "实际权重", "得分", "", "", "", "规则与计算依据", "", ""]]
    for d in evaluation.dimensions:
        rows.append([d.name, share(d.share), share(d.effective), score(d.score), "", "", "",
                     f"{d.scored}/{len(d.items)}个指标有数据", "", ""])
        rows += [[f"　{i.label}", share(i.share), share(i.effective), score(i.score), "", "", "", f"{i.rule}；{i.detail}",
                  "", ""] for i in d.items]
    rows.append(["总分", 1.0, 1.0 if evaluation.total is not None else "不计", score(evaluation.total), "", "", "",
                 coverage_text(evaluation), "", ""])
    return rows


def coverage_text(evaluation: Evaluation) -> str:
    """What the total rests on, in the report's words: 按4/24个有数据的指标计算；协调、绿色暂无数据，其权重按比例分给其余维度."""
    if not evaluation.scored:
        return f"{evaluation.item_count}个指标均暂无数据，不计总分"
    text = f"按{evaluation.scored}/{evaluation.item_count}个有数据的指标计算"
    empty = [d.name for d in evaluation.dimensions if d.effective is None]
    if empty:
        text += f"；{'、'.join(empty)}暂无数据，其权重按比例分给其余维度"
    return text


def _score_formats(sheet: Any, first: int) -> None:
    """Number formats of the evaluation block from row `first`: weights as percentages, scores with one decimal."""
    for row in sheet.iter_rows(min_row=first + 1, min_col=2, max_col=4):
        for cell in row:
            if isinstance(cell.value, (int, float)):
                cell.number_format = "0.0%" if cell.column < 4 else "0.0"


def _recorder(source: str, who: str | None) -> str:
    """The 录入人 cell: 文件摘录 for a value read from a document (nobody entered it: the document is its source, not
    whoever loaded the plan), else who entered or imported it (未注明 when nobody was named: `audit.declared_user`)."""
    return "文件摘录" if source == "document" else (who or "").strip() or "未注明"


def _unsent(t: TaskFacts) -> str:
    """The 建议单位（未交办） cell of a task not yet assigned: the unit the document names ("文件指定：区科技局"), else the
    machine's suggestion."""
    return f"文件指定：{t.named}" if t.named else t.unit


def write_workbook(engine: Engine, path: Path | str, plan_id: int | None = None,
                   evaluation: Evaluation | None = None) -> Path:
    """Write the plan's workbook to `path`."""
    path = Path(path)
    path.write_bytes(workbook(engine, plan_id, evaluation))
    return path


__all__ = ["SHEETS", "workbook", "write_workbook"]


def _record_period(r: Any, plan_year: int | None) -> str:
    """The 期间 cell of a record (kind, …, year at 8, span, period_start, period at 12–14): a target's span as it is
    judged (`attainment.judged_span`: 降低16% of a five-year plan is 累计 2011–2015), a result's as stored."""
    span, start = r[12] or "year", r[13]
    if r[0] == "target":
        span, start = judged_span(Target(0, None, 0, r[3], r[4], r[5], r[7] or "", r[8], plan_year, span=span,
                                         period_start=start))
    return value_period(span, start, r[8] or plan_year, r[14])


def _target_period(r: AssessmentRow) -> str:
    """A target's 期间 (its span as judged: `AssessmentRow.span`, "total 2011–2015"): 全年, 累计 2011–2015, 年均 …"""
    code, _space, years = (r.span or "").partition(" ")
    if code not in ("average", "total"):
        return value_period("year", None, r.year)
    first, _dash, _last = years.partition("–")
    return value_period(code, int(first) if first.isdigit() else None, r.year)


def _period(r: AssessmentRow) -> str:
    """The period the actual covers: 全年, 上半年 (a part of the year, judged as progress only), 2016–2020年累计 …;
    "" without an actual."""
    if r.actual is None:
        return ""
    if r.actual_period:
        return period_name(r.actual_period)
    return wording.span_text(r.actual_span) if r.actual_span and not r.actual_span.isdigit() else "全年"


def _sources(r: AssessmentRow) -> tuple[str, str]:
    """The document and the words an actual was read from; for a sum of yearly actuals, each year's, by year
    ("2016年：国务院2017年政府工作报告；2017年：国务院2018年政府工作报告"), not the last year's only."""
    if not r.evidence_parts:
        return r.actual_document, r.actual_quote
    return ("；".join(f"{p.get('year')}年：{p.get('document_name') or p.get('document') or ''}" for p in r.evidence_parts),
            "；".join(f"{p.get('year')}年：{''.join((p.get('quote') or '').split())}" for p in r.evidence_parts))

