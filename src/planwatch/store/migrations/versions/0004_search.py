"""search: full-text index over plans, records and tasks (FTS5 trigram / pg_trgm)

SQLite: FTS5 tables ``plan_fts``, ``record_fts``, ``task_fts`` (trigram tokenizer, external
content on the base tables) filled from the existing rows and kept in sync by triggers.
Skipped, with a log line, when this SQLite has no trigram tokenizer (before 3.34): search
then uses LIKE.

PostgreSQL: ``CREATE EXTENSION IF NOT EXISTS pg_trgm`` and GIN trigram indexes on the
searched columns. Skipped, with a log line, when the server does not ship pg_trgm.
The downgrade drops the tables, triggers and indexes (the extension stays: other
objects may use it).

These objects are not in the models: ``store.search_index.include_object`` keeps them
out of autogenerate. The DDL is written out here (not imported) so this revision stays
what it was when the index changes later.

Revision ID: 0004_search
Revises: 0003_accounts
Create Date: 2026-11-25 14:40:00

"""
import logging
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0004_search'
down_revision: Union[str, Sequence[str], None] = '0003_accounts'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

log = logging.getLogger("planwatch.store.migrations")

# table -> searched columns (the FTS5 columns have the base columns' names: external content)
SOURCES = {
    "plan": ("title", "text"),
    "record": ("indicator", "quote"),
    "task": ("object", "suggested_unit", "quote"),
}


def _q(name: str) -> str:
    """A quoted identifier (``text`` is a column name)."""
    return f'"{name}"'


def _sqlite_trigram(bind: sa.engine.Connection) -> bool:
    """Whether this SQLite has FTS5 with the trigram tokenizer (3.34+, with FTS5)."""
    version = bind.exec_driver_sql("SELECT sqlite_version()").scalar() or "0"
    if tuple(int(p) for p in version.split(".")[:3]) < (3, 34, 0):
        return False
    if not bind.exec_driver_sql("SELECT sqlite_compileoption_used('ENABLE_FTS5')").scalar():
        try:  # FTS5 may still be there (loaded as an extension): ask the module list
            modules = {r[0] for r in bind.exec_driver_sql("PRAGMA module_list")}
        except sa.exc.DBAPIError:
            return False
        return "fts5" in modules
    return True


def _sqlite_upgrade(bind: sa.engine.Connection) -> None:
    """FTS5 tables, their content, and the triggers that keep them in sync."""
    if not _sqlite_trigram(bind):
        version = bind.exec_driver_sql("SELECT sqlite_version()").scalar()
        log.warning("0004_search: SQLite %s has no FTS5 trigram tokenizer (needs 3.34+): no search index, "
                    "search falls back to LIKE", version)
        return
    for table, columns in SOURCES.items():
        fts = f"{table}_fts"
        cols = ", ".join(_q(c) for c in columns)
        new = ", ".join(f"new.{_q(c)}" for c in columns)
        old = ", ".join(f"old.{_q(c)}" for c in columns)
        op.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', content_rowid='id', "
                   "tokenize='trigram')")
        op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
        op.execute(f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {_q(table)} BEGIN "
                   f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END")
        op.execute(f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {_q(table)} BEGIN "
                   f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); END")
        op.execute(f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {cols} ON {_q(table)} BEGIN "
                   f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
                   f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END")


def _sqlite_downgrade() -> None:
    for table in SOURCES:
        fts = f"{table}_fts"
        for suffix in ("ai", "ad", "au"):
            op.execute(f"DROP TRIGGER IF EXISTS {fts}_{suffix}")
        op.execute(f"DROP TABLE IF EXISTS {fts}")


def _pg_upgrade(bind: sa.engine.Connection) -> None:
    """pg_trgm and a GIN trigram index per searched column."""
    available = bind.execute(sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")).first()
    if available is None:
        log.warning("0004_search: this PostgreSQL server does not ship pg_trgm: no search index, "
                    "search falls back to LIKE")
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, columns in SOURCES.items():
        for col in columns:
            op.execute(f"CREATE INDEX IF NOT EXISTS ix_{table}_{col}_trgm ON {_q(table)} "
                       f"USING gin ({_q(col)} gin_trgm_ops)")


def _pg_downgrade() -> None:
    for table, columns in SOURCES.items():
        for col in columns:
            op.execute(f"DROP INDEX IF EXISTS ix_{table}_{col}_trgm")


def upgrade() -> None:
    """Upgrade schema."""
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _sqlite_upgrade(bind)
    elif bind.dialect.name == "postgresql":
        _pg_upgrade(bind)


def downgrade() -> None:
    """Downgrade schema."""
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _sqlite_downgrade()
    elif bind.dialect.name == "postgresql":
        _pg_downgrade()
