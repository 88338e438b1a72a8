"""writer speed (issue 13): the FTS5 index of rows written by an ingest is filled in bulk

SQLite only, and only where 0004 built the FTS5 trigram index. Per-row triggers cost about
three times what one ``INSERT INTO x_fts(rowid, …) SELECT … WHERE id > :after`` costs for the
same rows (≈ 95 ms against ≈ 33 ms per 19,000-character report), so the writer defers them:

- ``search_fts_pending(name, after_id)``: while the writer stores a document it holds one row
  per searched table (``plan``, ``record``, ``task``), ``after_id`` being the table's largest id
  when it began. It is empty at rest (the writer deletes its rows in the same transaction).
- The 0004 triggers are recreated with a condition: a row whose id is above its table's
  pending ``after_id`` is left to the writer (``store.bulk.deferred_search_index``), which
  indexes every such row, as it stands, before it lets go. Every other row — and every row
  when nothing is pending (web edits, task refresh, the CLI) — is indexed by the trigger
  exactly as in 0004.

The downgrade restores the 0004 triggers and drops the table. The DDL is written out here
so this revision stays what it is when the index changes later.

Revision ID: 0010_writer
Revises: 0009_hardening
Create Date: 2026-12-03 14:30:00

"""
from typing import Sequence, Union

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

# revision identifiers, used by Alembic.
revision: str = '0010_writer'
down_revision: Union[str, Sequence[str], None] = '0009_hardening'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

PENDING = "search_fts_pending"
# table -> searched columns (as in 0004)
SOURCES = {
    "plan": ("title", "text"),
    "record": ("indicator", "quote"),
    "task": ("object", "suggested_unit", "quote"),
}


def _q(name: str) -> str:
    """A quoted identifier (``text`` is a column name)."""
    return f'"{name}"'


def _has_fts(bind: sa.engine.Connection) -> bool:
    """Whether 0004 built the FTS5 index here (it skips SQLite without the trigram tokenizer)."""
    return bind.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'plan_fts'").first() is not None


def _drop_triggers(fts: str) -> None:
    for suffix in ("ai", "ad", "au"):
        op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")


def upgrade() -> None:
    """Upgrade schema."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite" or not _has_fts(bind):
        return
    op.execute(f"CREATE TABLE {PENDING} (name VARCHAR(40) NOT NULL PRIMARY KEY, after_id INTEGER NOT NULL)")
    for table, columns in SOURCES.items():
        fts = f"{table}_fts"
        cols = ", ".join(_q(c) for c in columns)
        new = ", ".join(f"new.{_q(c)}" for c in columns)
        old = ", ".join(f"old.{_q(c)}" for c in columns)

        def deferred(row: str, table: str = table) -> str:
            return f"EXISTS (SELECT 1 FROM {PENDING} WHERE name = '{table}' AND {row}.id > after_id)"

        _drop_triggers(fts)
        op.execute(f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {_q(table)} WHEN NOT {deferred('new')} BEGIN "
                   f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END")
        op.execute(f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {_q(table)} WHEN NOT {deferred('old')} BEGIN "
                   f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); END")
        op.execute(f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {cols} ON {_q(table)} BEGIN "
                   f"INSERT INTO {fts}({fts}, rowid, {cols}) SELECT 'delete', old.id, {old} WHERE NOT {deferred('old')}; "
                   f"INSERT INTO {fts}(rowid, {cols}) SELECT new.id, {new} WHERE NOT {deferred('new')}; END")


def downgrade() -> None:
    """Downgrade schema."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite" or not _has_fts(bind):
        return
    for table, columns in SOURCES.items():
        fts = f"{table}_fts"
        cols = ", ".join(_q(c) for c in columns)
        new = ", ".join(f"new.{_q(c)}" for c in columns)
        old = ", ".join(f"old.{_q(c)}" for c in columns)
        _drop_triggers(fts)
        op.execute(f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {_q(table)} BEGIN "
                   f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END")
        op.execute(f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {_q(table)} BEGIN "
                   f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); END")
        op.execute(f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {cols} ON {_q(table)} BEGIN "
                   f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
                   f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END")
    op.execute(f"DROP TABLE IF EXISTS {PENDING}")
