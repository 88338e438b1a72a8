"""Assessment from the database: cross-year actuals, imports changing statuses, absences, filters."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from planwatch.documents import load
from planwatch.errors import NotFoundError, ValidationError
from planwatch.monitor.service import assess_targets, counts
from planwatch.pipeline import ingest_document
from planwatch.store.actuals import set_actual

from .mini_plans import PLAN_2019, PLAN_2020, fake_extract


def _by_indicator(rows: list, plan_year: int) -> dict[str, str]:  # type: ignore[type-arg]
    return {r.indicator: r.status for r in rows if r.plan_year == plan_year}


def test_only_2019_plan_has_no_data(engine: Engine) -> None:
    ingest_document(engine, load(PLAN_2019), extract=fake_extract)
    rows = assess_targets(engine)
    assert len(rows) == 4 and {r.status for r in rows} == {"no data"}


def test_next_years_plan_supplies_the_actuals(engine: Engine) -> None:
    first = ingest_document(engine, load(PLAN_2019), extract=fake_extract)
    ingest_document(engine, load(PLAN_2020), extract=fake_extract)
    rows = assess_targets(engine, plan_id=first.plan_id)
    assert _by_indicator(rows, 2019) == {
        "地区生产总值": "met",         # 9 % vs ≥ 8.5 %
        "一般公共预算收入": "missed",   # 3.8 % vs 5 %
        "城镇登记失业率": "met",        # 2.5 % vs ≤ 3 %
        "万元GDP能耗": "met",           # fell 4.2 % vs a fall of ≥ 3 %
    }
    gdp = next(r for r in rows if r.indicator == "地区生产总值")
    assert gdp.margin == pytest.approx(0.5) and gdp.actual == 9.0


def test_manual_actual_overrides_document_and_changes_status(engine: Engine) -> None:
    first = ingest_document(engine, load(PLAN_2019), extract=fake_extract)
    ingest_document(engine, load(PLAN_2020), extract=fake_extract)
    set_actual(engine, "一般公共预算收入", 2019, 5.2, "%")
    assert _by_indicator(assess_targets(engine, plan_id=first.plan_id), 2019)["一般公共预算收入"] == "met"


def test_absent_standard_indicator_flagged(engine: Engine) -> None:
    ingest_document(engine, load(PLAN_2019), extract=fake_extract)
    second = ingest_document(engine, load(PLAN_2020), extract=fake_extract)
    absent = assess_targets(engine, status="absent")
    assert {(r.plan_id, r.indicator) for r in absent} == {(second.plan_id, "地区生产总值"),
                                                         (second.plan_id, "万元GDP能耗")}
    assert counts(assess_targets(engine))["absent"] == 2


def test_filters_and_errors(engine: Engine) -> None:
    ingest_document(engine, load(PLAN_2019), extract=fake_extract)
    ingest_document(engine, load(PLAN_2020), extract=fake_extract)
    assert {r.status for r in assess_targets(engine, status="met")} == {"met"}
    assert assess_targets(engine, status="no_data") == assess_targets(engine, status="no data") != []
    with pytest.raises(ValidationError, match="not one of"):
        assess_targets(engine, status="great")
    with pytest.raises(NotFoundError, match="plan 999"):
        assess_targets(engine, plan_id=999)


def test_whole_pipeline_with_the_real_extractor(engine: Engine) -> None:
    """documents → extract → store → monitor on the two mini plans, nothing hand-made."""
    first = ingest_document(engine, load(PLAN_2019))
    ingest_document(engine, load(PLAN_2020))
    statuses = _by_indicator(assess_targets(engine, plan_id=first.plan_id), 2019)
    assert statuses["地区生产总值"] == "met" and statuses["城镇登记失业率"] == "met"
    assert statuses["一般公共预算收入"] == "missed"
