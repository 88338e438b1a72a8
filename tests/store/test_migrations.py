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
