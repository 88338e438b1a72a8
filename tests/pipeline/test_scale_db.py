"""The database at corpus scale: counts kept on the plan row, paged lists that stop counting at a cap."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from store.mini_plans import PLAN_2019, PLAN_2020, fake_extract

from planwatch.documents import load
from planwatch.pipeline import ingest_document
from planwatch.store.schema import Plan, Record
from planwatch.web import queries


def test_plan_rows_carry_their_record_counts(engine: Engine) -> None:
    for path in (PLAN_2019, PLAN_2020):
        ingest_document(engine, load(path), extract=fake_extract)
    with Session(engine) as s:
        for plan in s.scalars(select(Plan)):
            for kind, kept in (("target", plan.target_count), ("result", plan.result_count)):
                assert kept == s.scalar(select(func.count()).where(Record.plan_id == plan.id, Record.kind == kind)) > 0
        listed = {p["id"]: (p["targets"], p["results"]) for p in queries.plans(s)}
        assert listed == {p.id: (p.target_count, p.result_count) for p in s.scalars(select(Plan))}


def test_a_paged_list_stops_counting_at_the_cap(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    ingest_document(engine, load(PLAN_2019), extract=fake_extract)
    with Session(engine) as s:
        rows, total = queries.records(s, queries.RecordFilter(kind="target"), limit=2)
        assert (len(rows), total, str(total)) == (2, 4, "4")
        monkeypatch.setattr(queries, "COUNT_CAP", 3)
        rows, total = queries.records(s, queries.RecordFilter(kind="target"), limit=2)
        assert isinstance(total, queries.AtLeast) and (len(rows), total, str(total)) == (2, 3, "3+")
        everything, total = queries.records(s, queries.RecordFilter(kind="target"), limit=None)
        assert total == len(everything) == 4  # unpaged: exact
