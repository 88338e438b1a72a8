"""search at scale (issue 13): a character-pair index for terms shorter than a trigram (学位); dashboard indexes

A trigram index cannot answer a two-character term: at a million records such a search was a
LIKE scan (0.6 s on SQLite, 3 s on PostgreSQL). This adds, for records and tasks, an index of
each text's overlapping character pairs (see ``store.search_index``), used as a pre-filter:

SQLite: a view ``<t>_gram_src`` (id, ``planwatch_bigrams(columns…)``), an FTS5 table
``<t>_gram`` (unicode61, every character but spaces and controls a token character, external
content on that view), filled by 'rebuild', and triggers that keep it in sync — except for
the rows an ingest writer indexes in bulk itself (``search_fts_pending``, 0010_writer;
``store.bulk.deferred_search_index``). The function is
Python (``search_index.bigrams``), registered on every connection by ``store.db.connect``; here
on the migration's own connection too. Skipped, with a log line, without FTS5.

PostgreSQL: an IMMUTABLE SQL function ``planwatch_bigrams(text)`` and GIN indexes on
``to_tsvector('simple', planwatch_bigrams(col) || ' ' || …)``, no triggers.

These objects are not in the models (``search_index.include_object`` keeps them out of
autogenerate). The DDL is written out here so this revision stays what it is.

Revision ID: 0011_search
Revises: 0010_writer
Create Date: 2026-12-03 14:30:00

"""
import logging
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0011_search'
down_revision: Union[str, Sequence[str], None] = '0010_writer'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

log = logging.getLogger("planwatch.store.migrations")

SOURCES = {"record": ("indicator", "quote"), "task": ("object", "suggested_unit", "quote")}
PENDING = "search_fts_pending"  # 0010_writer: rows above `after_id` are indexed in bulk by the writer
TOKENIZE = "unicode61 remove_diacritics 0 categories 'L* N* M* P* S* Co Cn'"
PG_FUNCTION = r"""
CREATE OR REPLACE FUNCTION planwatch_bigrams(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT regexp_replace(coalesce(t, ''), '(..)', '\1 ', 'g') || ' '
       || regexp_replace(substr(coalesce(t, ''), 2), '(..)', '\1 ', 'g') $$
"""


def _q(name: str) -> str:
    return f'"{name}"'


def _sqlite_fts5(bind: sa.engine.Connection) -> bool:
    try:
        bind.exec_driver_sql("CREATE VIRTUAL TABLE temp.planwatch_probe USING fts5(x)")
        bind.exec_driver_sql("DROP TABLE temp.planwatch_probe")
    except sa.exc.DBAPIError:
        return False
    return True


def _sqlite_upgrade(bind: sa.engine.Connection) -> None:
    from planwatch.store.search_index import register_functions

    register_functions(bind.connection.driver_connection)
    if not _sqlite_fts5(bind):
        log.warning("0011_search: this SQLite has no FTS5: no pair index, short terms are matched with LIKE")
        return
    pending = bind.exec_driver_sql(f"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '{PENDING}'").first()
    for table, columns in SOURCES.items():
        gram = f"{table}_gram"
        cols = ", ".join(_q(c) for c in columns)
        new = ", ".join(f"new.{_q(c)}" for c in columns)
        old = ", ".join(f"old.{_q(c)}" for c in columns)
        op.execute(f"CREATE VIEW {gram}_src AS SELECT id, planwatch_bigrams({cols}) AS grams FROM {_q(table)}")
        op.execute(f"CREATE VIRTUAL TABLE {gram} USING fts5(grams, content='{gram}_src', content_rowid='id', "
                   f"tokenize=\"{TOKENIZE}\")")
        op.execute(f"INSERT INTO {gram}({gram}) VALUES ('rebuild')")
        if pending:  # rows the writer indexes in bulk itself (0010_writer): the trigger leaves them
            def kept(row: str, table: str = table) -> str:
                return f"NOT EXISTS (SELECT 1 FROM {PENDING} WHERE name = '{table}' AND {row}.id > after_id)"
        else:
            def kept(row: str, table: str = table) -> str:
                return "1"
        op.execute(f"CREATE TRIGGER {gram}_ai AFTER INSERT ON {_q(table)} WHEN {kept('new')} BEGIN "
                   f"INSERT INTO {gram}(rowid, grams) VALUES (new.id, planwatch_bigrams({new})); END")
        op.execute(f"CREATE TRIGGER {gram}_ad AFTER DELETE ON {_q(table)} WHEN {kept('old')} BEGIN "
                   f"INSERT INTO {gram}({gram}, rowid, grams) VALUES ('delete', old.id, planwatch_bigrams({old})); END")
        op.execute(f"CREATE TRIGGER {gram}_au AFTER UPDATE OF {cols} ON {_q(table)} BEGIN "
                   f"INSERT INTO {gram}({gram}, rowid, grams) SELECT 'delete', old.id, planwatch_bigrams({old}) "
                   f"WHERE {kept('old')}; "
                   f"INSERT INTO {gram}(rowid, grams) SELECT new.id, planwatch_bigrams({new}) WHERE {kept('new')}; END")


def _sqlite_downgrade() -> None:
    for table in SOURCES:
        gram = f"{table}_gram"
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS {gram}_{suffix}")
        op.execute(f"DROP TABLE IF EXISTS {gram}")
        op.execute(f"DROP VIEW IF EXISTS {gram}_src")


def _pg_upgrade() -> None:
    op.execute(PG_FUNCTION)
    for table, columns in SOURCES.items():
        document = " || ' ' || ".join(f"planwatch_bigrams({c})" for c in columns)
        op.execute(f"CREATE INDEX IF NOT EXISTS ix_{table}_gram ON {_q(table)} "
                   f"USING gin (to_tsvector('simple'::regconfig, {document}))")


def _pg_downgrade() -> None:
    for table in SOURCES:
        op.execute(f"DROP INDEX IF EXISTS ix_{table}_gram")
    op.execute("DROP FUNCTION IF EXISTS planwatch_bigrams(text)")


RECORD_INDEXES = {
    "ix_record_indicator_id_plan_id": ["indicator_id", "plan_id"],  # the indicator chart's governments
    "ix_record_year_kind_plan_id_position": ["year", "kind", "plan_id", "position"],  # a year's targets, in order
}
REPLACED = {"ix_record_year_kind": ["year", "kind"]}  # 0007's, a prefix of the new one


def upgrade() -> None:
    """Upgrade schema."""
    for name, columns in RECORD_INDEXES.items():
        op.create_index(name, "record", columns, unique=False)
    for name in REPLACED:
        op.drop_index(name, table_name="record")
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _sqlite_upgrade(bind)
    elif bind.dialect.name == "postgresql":
        _pg_upgrade()


def downgrade() -> None:
    """Downgrade schema."""
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _sqlite_downgrade()
    elif bind.dialect.name == "postgresql":
        _pg_downgrade()
    for name, columns in REPLACED.items():
        op.create_index(name, "record", columns, unique=False)
    for name in RECORD_INDEXES:
        op.drop_index(name, table_name="record")
