"""What goes to the leadership: no machine-suggested unit named as responsible, the report's own parts numbered apart
from the plan's headings it quotes, no code or English in the Chinese report and workbook, a TOC with page numbers and
a main table whose values do not break in the PDF, no 实际 legend over a chart without actuals."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO
from typing import Any

import pypdfium2 as pdfium
from cli_support import run
from docx import Document as WordDocument
from openpyxl import load_workbook
from sqlalchemy import Engine, select, update

from planwatch.evaluate.service import evaluate
from planwatch.report import charts
from planwatch.report.model import build_report
from planwatch.report.workbook import workbook
from planwatch.report.writers import _text_cm, column_widths, docx_to_pdf, to_docx, to_markdown
from planwatch.store.db import transaction
from planwatch.store.tasks import Task

from .support import bundled_with_tasks, mini_plans

_NUMBER = re.compile(r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、)")


def _late_unassigned(engine: Engine, plan: int) -> int:
    """A task of the first domain left with the machine's suggestion only, past its deadline; its id."""
    with transaction(engine) as session:
        task = session.scalars(select(Task).where(Task.plan_id == plan, Task.kind == "task", Task.unit_id.is_(None),
                                                  Task.suggested_unit != "").order_by(Task.start).offset(3)).first()
        assert task is not None
        session.execute(update(Task).where(Task.id == task.id).values(status="推进中", deadline=date(2019, 9, 30)))
        return task.id


def test_a_suggested_unit_is_not_named_responsible(engine: Engine) -> None:
    """A task only suggested to a unit, past its deadline and reported 推进中: no unit answers for it, so it is no
    滞后 task of the report (it was listed 滞后 as （未交办，建议…牵头）, while every supervision page said late for
    nobody: only an assigned task is late); the workbook shows its suggestion apart from the 责任单位."""
    plan = bundled_with_tasks(engine)
    task_id = _late_unassigned(engine, plan)
    with transaction(engine) as session:
        task = session.get(Task, task_id)
        assert task is not None
        suggested = task.suggested_unit
    report = build_report(engine, plan, charts=False)
    late = dict(report.domains[0].late)
    assert list(late.values()) == ["区发展和改革局"]
    text = to_markdown(report)
    assert "（区发展和改革局）" in text and suggested not in text
    sheet = load_workbook(BytesIO(workbook(engine, plan)))["任务"]
    header = [c.value for c in sheet[1]]
    assert header[3:5] == ["责任单位", "建议单位（未交办）"]
    rows = {r[0].value: [c.value for c in r] for r in sheet.iter_rows(min_row=2)}
    assert rows[task_id][3] in ("", None) and rows[task_id][4] == suggested
    assigned = [r for r in rows.values() if r[3] == "区发展和改革局"]
    assert len(assigned) == 1 and assigned[0][4] in ("", None)


def test_tasks_past_their_deadline_nobody_was_given_are_named_apart(engine: Engine) -> None:
    """A task never assigned and not reported on, past its deadline, in a supervised plan: 待交办, late for nobody, but
    the leadership sees that nobody was given it — named under its own line with the suggestion, in every format."""
    plan = bundled_with_tasks(engine)
    with transaction(engine) as session:
        task = session.scalars(select(Task).where(Task.plan_id == plan, Task.kind == "task", Task.unit_id.is_(None),
                                                  Task.suggested_unit != "").order_by(Task.start).offset(3)).first()
        assert task is not None
        session.execute(update(Task).where(Task.id == task.id).values(deadline=date(2019, 9, 30)))
        suggested, words = task.suggested_unit, "".join(task.quote.split())[:20]
    report = build_report(engine, plan, charts=False, as_of=date(2019, 12, 31))
    part = next(p for p in report.domains if p.waiting)
    assert [unit for _t, unit in part.waiting] == [f"建议{suggested}牵头"] and part.waiting[0][0].startswith(words)
    assert suggested not in "".join(unit for p in report.domains for _t, unit in p.late)
    assert part.counts["待交办"] >= 1
    text = to_markdown(report)
    assert "另有1项任务已过完成时限、尚未交办（待交办，不计入滞后）：" in text and f"（建议{suggested}牵头）" in text
    paragraphs = [p.text for p in WordDocument(BytesIO(to_docx(report))).paragraphs]
    assert any(p.endswith(f"（建议{suggested}牵头）") for p in paragraphs)


def test_the_report_parts_never_repeat_a_number_of_the_plan_headings(engine: Engine) -> None:
    plan = bundled_with_tasks(engine)
    doc = WordDocument(BytesIO(to_docx(build_report(engine, plan))))
    heads = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 2", "三、2019 年国民经济和社会发展的主要任务") in heads  # the plan's own number, kept
    top = [m.group(1) for style, text in heads if style in ("Heading 1", "Heading 2") for m in [_NUMBER.match(text)] if m]
    assert top == ["第一部分", "第二部分", "三、", "第三部分"]  # it read 一、 二、 三、 三、
    assert len(top) == len(set(top))


def test_no_code_or_english_in_the_report_and_the_workbook(engine: Engine, capsys: Any) -> None:
    plan = mini_plans(engine)
    code, _out, err = run(capsys, "actuals", "set", "地区生产总值", "2019", "9.5", "%", "-g", "深圳市坪山区")
    assert code == 0, err
    code, _out, err = run(capsys, "actuals", "set", "一般公共预算收入", "2020", "2", "%", "-g", "深圳市坪山区", "-p", "H1",
                          "--note", "区统计局上半年快报")
    assert code == 0, err
    report = build_report(engine, plan, charts=False)
    gdp = next(s for s in report.sources if s.startswith("地区生产总值"))
    assert "来源：手工录入" in gdp and "manual" not in " ".join(report.sources)  # it read 来源：manual
    book = load_workbook(BytesIO(workbook(engine, plan, evaluate(engine, plan))))
    english = re.compile(r"\b(level|growth|share|points|ratio|manual|import|document|economy|fiscal|environment|H1|Q3)\b")
    for name in ("目标", "结果", "实际值", "指标"):
        cells = [str(c.value) for row in book[name].iter_rows() for c in row if c.value is not None]
        assert not [c for c in cells if english.search(c) and "\u4e00" > c[:1]], (name, cells)
    targets = book["目标"]
    assert {targets.cell(row=i, column=3).value for i in range(2, targets.max_row + 1)} == {"增速", "比重"}
    assert {targets.cell(row=i, column=4).value for i in range(2, targets.max_row + 1)} <= {"≥", "=", "≤"}
    actuals = {(r[0].value, r[1].value, r[2].value): [c.value for c in r] for r in book["实际值"].iter_rows(min_row=2)}
    half = actuals[("一般公共预算收入", 2020, "上半年")]  # it read H1, next to 全年
    assert half[3] == "增速" and half[6] == "手工录入" and half[8] == "区统计局上半年快报"
    assert ("地区生产总值", 2019, "全年") in actuals
    domains = {r[3].value for r in book["指标"].iter_rows(min_row=2)}
    assert domains and domains <= {"经济总量", "财政", "生态环境", "能源", "就业", "工业", None}  # it read economy, fiscal …


def test_main_table_values_fit_their_columns() -> None:
    rows = [("指标", "年度目标", "实际完成", "完成情况", "差距"),
            ("一般公共预算收入", "增长8.5%以上", "增长9.5%[1]", "进度正常", "+0.5个百分点"),
            ("规模以上工业增加值", "增长7.5%左右", "增长7.2%[2]", "数据不一致", "-0.3个百分点")]
    widths = column_widths(rows)
    assert abs(sum(widths) - 15.8) < 0.05
    for i in range(5):  # every cell on one line, the indicator's too when it fits
        assert all(_text_cm(row[i]) + 0.4 <= widths[i] for row in rows), (i, widths)


def test_pdf_has_a_toc_with_page_numbers_and_unbroken_values(engine: Engine) -> None:
    plan = bundled_with_tasks(engine)
    pdf = pdfium.PdfDocument(docx_to_pdf(to_docx(build_report(engine, plan, charts=False))))
    try:
        first = pdf[0].get_textpage().get_text_range()
        toc = [line for line in first.splitlines() if "部分" in line or "主要任务" in line or "资料来源" in line]
        assert len(toc) >= 4 and all(re.search(r"\.{3,}\s*\d+\s*$", line) for line in toc), first  # no page numbers
        numbers = [int(re.search(r"(\d+)\s*$", line).group(1)) for line in toc]  # type: ignore[union-attr]
        assert numbers == sorted(numbers) and numbers[0] == 2
    finally:
        pdf.close()


def test_a_chart_without_actuals_says_so(monkeypatch: Any) -> None:
    figures: list[Any] = []
    monkeypatch.setattr(charts, "_png", lambda fig: figures.append(fig) or b"")
    charts.targets_vs_actuals([("社会消费品零售总额", "增速%", [2019], [7.5], [None]),
                               ("地区生产总值", "增速%", [2018, 2019], [8.0, 8.5], [8.2, None])])
    fig = figures[0]
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == ["实际", "目标"]
    first, second = fig.axes[:2]
    assert [t.get_text() for t in first.texts] == ["暂无实际值"] and not first.patches
    assert not second.texts
    figures.clear()
    charts.targets_vs_actuals([("社会消费品零售总额", "增速%", [2019], [7.5], [None])])
    assert [t.get_text() for t in figures[0].legends[0].get_texts()] == ["目标"]  # no 实际 without any actual
