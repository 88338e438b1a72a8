"""Actuals read from a document keep their period and evidence; gaps are never stored as actuals."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from planwatch.documents import load
from planwatch.pipeline import ingest_document
from planwatch.store.schema import Actual, Indicator, Record

TEXT = """深圳市坪山区2019年国民经济和社会发展计划

一、2018年计划执行情况
2018年，全区地区生产总值增长10%，增速高出全市2个百分点。
前三季度，规模以上工业增加值增长8%。
五年来，城镇新增就业5万人。
二、2019年主要目标
地区生产总值增长8.5%以上。
"""


def test_document_actuals_keep_period_and_evidence(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "pingshan-periods-2019-plan.txt"
    path.write_text(TEXT, encoding="utf-8")
    ingest_document(engine, load(path))
    with Session(engine) as session:
        rows = session.execute(select(Indicator.name, Actual).join(Indicator, Indicator.id == Actual.indicator_id)).all()
        by = {(name, a.measure): a for name, a in rows}
        gdp = by[("地区生产总值", "growth")]
        assert (gdp.year, gdp.span, gdp.value) == (2018, "year", 10.0)
        assert gdp.plan_id is not None and TEXT[gdp.start:gdp.end] == gdp.quote and "10%" in gdp.quote
        assert ("地区生产总值", "points") not in by  # 高出全市2个百分点: a gap, not GDP
        industry = next(a for (name, m), a in by.items() if "工业增加值" in name)
        assert (industry.period, industry.span) == ("Q3", "year")
        jobs = next(a for (name, m), a in by.items() if "就业" in name)
        assert jobs.span == "total" and jobs.period_start == 2014
        spans = dict(session.execute(select(Record.quote, Record.span)).all())
        assert spans["地区生产总值增长8.5%以上"] == "year"


def test_imported_averages_keep_their_span_and_never_judge_a_year(engine: Engine, tmp_path: Path) -> None:
    from planwatch.monitor.service import assessment_rows
    from planwatch.store.actuals import import_actuals

    path = tmp_path / "pingshan-periods-2019-plan.txt"
    path.write_text(TEXT, encoding="utf-8")
    ingest_document(engine, load(path))
    sheet = tmp_path / "actuals.csv"
    sheet.write_text("indicator,government,year,period,measure,value,unit,note,span,period_start\n"
                     "地区生产总值,深圳市坪山区,2019,,growth,9.1,%,五年平均,年均,2015\n", encoding="utf-8")
    assert import_actuals(engine, sheet).stored == 1
    with Session(engine) as session:
        imported = session.scalars(select(Actual).where(Actual.source == "import")).one()
        assert (imported.span, imported.period_start) == ("average", 2015)
    row = next(r for r in assessment_rows(engine) if r.year == 2019 and r.measure == "growth" and "生产总值" in r.indicator)
    assert row.status == "no data"
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator,government,year,period,measure,value,unit,note,span\n"
                   "地区生产总值,深圳市坪山区,2019,,growth,9.1,%,,weekly\n", encoding="utf-8")
    import pytest

    from planwatch.errors import ValidationError

    with pytest.raises(ValidationError) as info:
        import_actuals(engine, bad)
    assert "span" in " ".join(info.value.problems)
