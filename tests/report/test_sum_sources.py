"""The report's source note of a total judged on the sum of yearly actuals cites every year it adds up.

A five-year goal whose main indicators are all for its last year (城镇新增就业5000万人以上, 2016–2020, judged on
1314万 from the 2017 report + 1351万 from the 2018 report) had the note "城镇新增就业2017年实际值来源：
国务院2018年政府工作报告：“城镇新增就业1351万人”": one year of two, and a 2665万 labelled as 2017's.
"""

from __future__ import annotations

from sqlalchemy import Engine, delete

from planwatch.evaluate.facts import assessment_rows
from planwatch.report.model import build_report
from planwatch.report.writers import to_markdown


def _five_year_goals(engine: Engine) -> int:
    """The bundled 2016–2018 State Council reports, the 2016 report keeping its 2016–2020 goals only (a plan whose
    main indicators are for a later year, as a five-year plan's are): its id."""
    from planwatch.cli.demo import example_paths
    from planwatch.documents import load
    from planwatch.pipeline import ingest_document
    from planwatch.store.db import transaction
    from planwatch.store.schema import Record

    plan = ingest_document(engine, load(example_paths()[0])).plan_id
    for path in example_paths()[1:3]:
        ingest_document(engine, load(path))
    with transaction(engine) as session:
        session.execute(delete(Record).where(Record.plan_id == plan, Record.kind == "target", Record.year == 2016))
    return plan


def test_the_source_note_of_a_sum_cites_each_year(engine: Engine) -> None:
    plan = _five_year_goals(engine)
    report = build_report(engine, plan, charts=False)
    line = next(x for x in report.lines if x.row.indicator == "城镇新增就业")
    assert line.actual == "2665万人" and line.note
    assert report.sources[line.note - 1] == (
        "城镇新增就业2016–2017年期间累计实际值来源："
        "2016年 1314万人（国务院 2017年政府工作报告：“城镇新增就业1314万人”）"
        "＋2017年 1351万人（国务院 2018年政府工作报告：“城镇新增就业1351万人”）")
    assert f"[^{line.note}]: {report.sources[line.note - 1]}" in to_markdown(report)
    row = line.row
    assert [(p["year"], p["document_name"]) for p in row.evidence_parts] == [
        (2016, "国务院 2017年政府工作报告"), (2017, "国务院 2018年政府工作报告")]


def test_a_note_on_one_actual_is_as_before(engine: Engine) -> None:
    from planwatch.cli.demo import example_paths
    from planwatch.documents import load
    from planwatch.pipeline import ingest_document

    plan = ingest_document(engine, load(example_paths()[0])).plan_id
    ingest_document(engine, load(example_paths()[1]))
    report = build_report(engine, plan, charts=False)
    line = next(x for x in report.lines if x.row.indicator == "城镇新增就业")
    assert report.sources[line.note - 1] == "城镇新增就业2016年实际值来源：国务院 2017年政府工作报告：“城镇新增就业1314万人”"
    assert all(r.evidence_parts == [] for r in assessment_rows(engine, plan) if r.year == 2016)


def test_the_workbook_names_each_year_s_document_and_words(engine: Engine) -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    from planwatch.report.workbook import workbook

    plan = _five_year_goals(engine)
    sheet = load_workbook(BytesIO(workbook(engine, plan)))["评估"]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "城镇新增就业" and r[1] == 2020)
    assert row[8:10] == ("2016年：国务院 2017年政府工作报告；2017年：国务院 2018年政府工作报告",
                        "2016年：城镇新增就业1314万人；2017年：城镇新增就业1351万人")
