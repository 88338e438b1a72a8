"""The migrations build exactly the schema the models declare, on SQLite and PostgreSQL."""

from __future__ import annotations

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


def test_stored_plans_get_the_layout_free_hash(blank_db_url: str) -> None:
    """0022_layout_free_hash: a stored plan's content hash is recomputed from its text without whitespace, so a
    rerun over an existing database still skips it; down to 0021, the hash of the text as read is back."""
    import hashlib

    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from planwatch.documents import load
    from planwatch.pipeline import ingest_document
    from planwatch.store.ingest import content_hash
    from planwatch.store.schema import Plan

    from .mini_plans import PLAN_2019, fake_extract

    engine = connect(blank_db_url)
    try:
        document = load(PLAN_2019)
        ingest_document(engine, document, extract=fake_extract)
        as_read = hashlib.sha256(document.text.encode("utf-8")).hexdigest()
        assert content_hash(document) != as_read  # the mini plan's paragraphs are apart by blank lines
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0021_writer_scale")
        with Session(engine) as session:
            assert session.scalars(select(Plan.content_hash)).all() == [as_read]
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "head")
        with Session(engine) as session:
            assert session.scalars(select(Plan.content_hash)).all() == [content_hash(document)]
        assert ingest_document(engine, load(PLAN_2019), extract=fake_extract).status == "unchanged"
    finally:
        engine.dispose()
