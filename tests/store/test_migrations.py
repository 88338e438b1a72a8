"""The migrations build exactly the schema the models declare, on SQLite and PostgreSQL."""

from __future__ import annotations

import importlib
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from planwatch.store.db import alembic_config, connect, load_models
from planwatch.store.search_index import include_object


def test_migrated_schema_matches_models(blank_db_url: str) -> None:
    engine = connect(blank_db_url)
    metadata = load_models()
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True, "include_object": include_object})
        diffs = compare_metadata(context, metadata)
    engine.dispose()
    assert diffs == []


def test_connect_twice_is_a_no_op(blank_db_url: str) -> None:
    connect(blank_db_url).dispose()
    engine = connect(blank_db_url)
    assert {"plan", "record", "actual", "audit_log"} <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_revision_chain_is_linear_and_starts_at_core() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert len(script.get_heads()) == 1
    revisions = list(script.walk_revisions())
    assert revisions[-1].revision == "0001_core"
    assert revisions[-1].down_revision is None


def test_downgrade_to_base_and_back(blank_db_url: str) -> None:
    engine = connect(blank_db_url)
    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "base")
    with engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_heads() == ()
    engine.dispose()
    from planwatch.store import db

    db._migrated.clear()
    engine = connect(blank_db_url)
    assert "record" in inspect(engine).get_table_names()
    engine.dispose()


def test_postgresql_compresses_plan_texts_with_lz4(blank_db_url: str) -> None:
    """0017_plan_text_lz4: plan texts are stored with lz4 where the server has it (pglz took 8.9 s against 2.8 s to
    store 6,500 plans, and a search reading them 0.85 s against 0.36 s); down to 0016, pglz again."""
    import pytest
    from sqlalchemy import text

    engine = connect(blank_db_url)
    if engine.dialect.name != "postgresql":
        engine.dispose()
        pytest.skip("SQLite does not compress")

    def method() -> str:
        with engine.connect() as conn:
            if "lz4" not in (conn.scalar(text("SELECT enumvals FROM pg_settings "
                                              "WHERE name = 'default_toast_compression'")) or []):
                pytest.skip("this PostgreSQL server has no lz4")
            return str(conn.scalar(text("SELECT attcompression FROM pg_attribute "
                                        "WHERE attrelid = 'plan'::regclass AND attname = 'text'")))

    try:
        assert method() == "l"
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0016_plan_pairs")
        assert method() == "p"
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "head")
        assert method() == "l"
    finally:
        engine.dispose()


def test_records_by_indicator_use_the_indexes_that_lead_with_it(blank_db_url: str) -> None:
    """0021_writer_scale: ``ix_record_indicator_id`` is gone (one random insert less a record); a record lookup
    by indicator, as a page or a foreign-key check makes it, still reads an index that leads with the indicator;
    down to 0020, the index is back."""
    from sqlalchemy import text

    engine = connect(blank_db_url)
    try:
        assert "ix_record_indicator_id" not in {ix["name"] for ix in inspect(engine).get_indexes("record")}
        if engine.dialect.name == "sqlite":
            with engine.connect() as conn:
                plan = " ".join(row[-1] for row in conn.execute(text(
                    "EXPLAIN QUERY PLAN SELECT id FROM record WHERE indicator_id = 7")))
            assert "USING" in plan and "INDEX ix_record_indicator_" in plan, plan
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0020_session_epoch")
        assert "ix_record_indicator_id" in {ix["name"] for ix in inspect(engine).get_indexes("record")}
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "head")
        assert "ix_record_indicator_id" not in {ix["name"] for ix in inspect(engine).get_indexes("record")}
    finally:
        engine.dispose()


def test_stored_plans_get_their_text_key(blank_db_url: str, tmp_path: Path) -> None:
    """0022_plan_text_key: every stored plan gets the key of its text without layout (read a few plans at a time),
    so a file of a plan stored before the upgrade, in another layout, is that plan; down to 0021, the table goes."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from planwatch.documents import load
    from planwatch.pipeline import ingest_document
    from planwatch.store.ingest import text_key
    from planwatch.store.schema import PlanTextKey

    from .mini_plans import PLAN_2019, PLAN_2020, as_word, fake_extract

    engine = connect(blank_db_url)
    try:
        plans = [load(PLAN_2019), load(PLAN_2020)]
        for plan in plans:
            ingest_document(engine, plan, extract=fake_extract)
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0021_writer_scale")
        assert "plan_text_key" not in inspect(engine).get_table_names()
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "head")
        keys = [text_key(plan.text) for plan in plans]
        with Session(engine) as session:
            assert session.scalars(select(PlanTextKey.key).order_by(PlanTextKey.plan_id)).all() == keys
        migration = importlib.import_module("planwatch.store.migrations.versions.0022_plan_text_key")
        with engine.begin() as conn:  # one plan at a time: every plan, not only those of the first chunk
            conn.execute(PlanTextKey.__table__.delete())
            migration.fill(conn, chunk=1)
        with Session(engine) as session:
            assert session.scalars(select(PlanTextKey.key).order_by(PlanTextKey.plan_id)).all() == keys
        word = load(as_word(PLAN_2019, tmp_path / "pingshan-mini-2019-word.docx"))
        again = ingest_document(engine, word, extract=fake_extract)
        assert (again.status, again.plan_id, again.read_from) == ("unchanged", 1, word.path.name)
    finally:
        engine.dispose()


def test_document_actuals_of_guessed_years_and_undated_bases_go(blank_db_url: str, tmp_path: Path) -> None:
    """0023_document_actuals_dated: the actuals an older ingest made of an undated result (a guessed year) and of
    the undated base of a change ("从不到70万亿元增加到…": 70万亿 as of 2020) are deleted; the others stay."""
    from sqlalchemy import insert, select, update
    from sqlalchemy.orm import Session

    from planwatch.documents import load
    from planwatch.pipeline import ingest_document
    from planwatch.store.schema import Actual, Record

    from .test_store_ingest import REVIEW_2018, REVIEW_2021

    engine = connect(blank_db_url)
    try:
        for name, body in (("national-gwr-2018.txt", REVIEW_2018), ("national-gwr-2021.txt", REVIEW_2021)):
            (tmp_path / name).write_text(body, encoding="utf-8")
            ingest_document(engine, load(tmp_path / name))
        with Session(engine) as s:
            kept = sorted(s.scalars(select(Actual.id)).all())
            records = {q: (i, ind, gov, plan) for q, i, ind, gov, plan in s.execute(
                select(Record.quote, Record.id, Record.indicator_id, Actual.government_id, Record.plan_id)
                .join(Actual, Actual.plan_id == Record.plan_id)
                .where(Record.quote.in_(["国内生产总值从54万亿元", "国内生产总值从不到70万亿元"])))}
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0022_plan_text_key")
            # what the older ingest stored: the undated 54万亿 as 2017's, the base 70万亿 dated 2020 as 2020's
            conn.execute(update(Record).where(Record.quote == "国内生产总值从不到70万亿元").values(year=2020))
            for quote, year in (("国内生产总值从54万亿元", 2017), ("国内生产总值从不到70万亿元", 2020)):
                record_id, indicator_id, government_id, plan_id = records[quote]
                conn.execute(insert(Actual).values(
                    indicator_id=indicator_id, government_id=government_id, year=year, period="", measure="level",
                    value=1.0, unit="元", source="document", record_id=record_id, plan_id=plan_id, span="year",
                    who="test", note=quote))
            conn.execute(insert(Actual).values(  # entered by hand for that record: not a document actual, kept
                indicator_id=records["国内生产总值从54万亿元"][1], government_id=records["国内生产总值从54万亿元"][2],
                year=2012, period="", measure="level", value=54e12, unit="元", source="manual",
                record_id=records["国内生产总值从54万亿元"][0], span="year", who="test", note=""))
        with Session(engine) as s:
            manual = s.scalar(select(Actual.id).where(Actual.source == "manual"))
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "head")
        with Session(engine) as s:
            assert sorted(s.scalars(select(Actual.id)).all()) == sorted([*kept, manual])
    finally:
        engine.dispose()


def test_tasks_get_a_named_unit_column(blank_db_url: str, tmp_path: Path) -> None:
    """0024_task_named_unit: a database of 0023 gets the nullable ``task.named_unit`` (its tasks keep every row, NULL
    until extracted again: `planwatch tasks refresh --all` fills it); down to 0023, the column goes."""
    import json

    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from planwatch.documents import load
    from planwatch.pipeline import ingest_document
    from planwatch.store.tasks import Task, refresh_tasks

    breakdown = json.loads((Path(__file__).resolve().parents[1] / "data" / "tasks" / "fix-tasks8-examples.json")
                           .read_text(encoding="utf-8"))["breakdown"]["text"]
    path = tmp_path / "pingshan-2026.txt"
    path.write_text("深圳市坪山区2026年政府工作报告重点任务分工方案\n" + breakdown, encoding="utf-8")
    engine = connect(blank_db_url)
    try:
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0023_document_actuals_dated")
        assert "named_unit" not in {c["name"] for c in inspect(engine).get_columns("task")}
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "head")
        assert "named_unit" in {c["name"] for c in inspect(engine).get_columns("task")}
        ingest_document(engine, load(path))
        with engine.begin() as conn:  # the tasks as a database of 0023 held them
            command.downgrade(alembic_config(conn), "0023_document_actuals_dated")
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "head")
        with Session(engine) as session:
            assert session.scalar(select(Task.id).where(Task.kind == "task")) is not None
            assert set(session.scalars(select(Task.named_unit))) == {None}
            refresh_tasks(session, every=True)
            session.commit()
            named = set(session.scalars(select(Task.named_unit).where(Task.kind == "task")))
        assert named == {"区工信局、开发区管委会", "区发改委", "开发区管委会", "区财政局、区金融办"}
    finally:
        engine.dispose()


def test_stored_estimates_are_marked_by_the_upgrade(blank_db_url: str, tmp_path: Path) -> None:
    """0026_estimates: a database of 0025 (the Pingshan plan stored by an older ingest: no mark, its actuals quoted
    without 预计) gets ``record.estimate`` and ``actual.estimate``, and the upgrade marks what 预计 governs — the results
    of "预计 2018 年主要指标完成情况如下：" and their document actuals, quoted with the lead — and nothing else."""
    from importlib.resources import files

    from sqlalchemy import select, update
    from sqlalchemy.orm import Session

    from planwatch.documents import load
    from planwatch.pipeline import ingest_document
    from planwatch.store.schema import Actual, Record

    path = tmp_path / "pingshan-2019-plan.txt"
    path.write_text(files("planwatch.data").joinpath("pingshan-2019-plan.txt").read_text(encoding="utf-8"),
                    encoding="utf-8")
    engine = connect(blank_db_url)
    try:
        ingest_document(engine, load(path))
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0025_government_alias")
            # what an older ingest stored: the document actual quoted as its record is
            conn.execute(update(Actual.__table__).where(Actual.__table__.c.source == "document").values(
                quote=select(Record.__table__.c.quote).where(Record.__table__.c.id == Actual.__table__.c.record_id)
                .scalar_subquery()))
        assert "estimate" not in {c["name"] for c in inspect(engine).get_columns("actual")}
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "head")
        with Session(engine) as s:
            marked = s.execute(select(Record.quote).where(Record.estimate.is_(True))).scalars().all()
            growth = s.execute(select(Actual.estimate, Actual.quote).join(Record, Record.id == Actual.record_id)
                               .where(Record.quote.endswith("同比增长（以下简称增长）10%左右"))).one()
            patents = s.execute(select(Record.estimate).where(Record.quote == "拥有有效发明专利 3688 件")).scalar_one()
            entered = s.execute(select(Actual.estimate).where(Actual.source != "document")).scalars().all()
        assert "地区生产总值 700 亿元左右" in marked and "第三产业增加值 220 亿元" in marked
        assert growth == (True, "预计 2018 年主要指标完成情况如下：……地区生产总值 700 亿元左右，同比增长（以下简称增长）10%左右")
        assert patents is False
        assert entered == []
    finally:
        engine.dispose()
