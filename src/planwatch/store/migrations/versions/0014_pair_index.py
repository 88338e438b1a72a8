"""writer speed (issue 13): records and tasks are searched through one index, of character pairs

Until now SQLite indexed the text of every record and task twice: by trigrams (``<t>_fts``,
0004) for terms of three characters or more, and by character pairs (``<t>_gram``, 0011) for
shorter ones. A term of any length is a phrase of pairs ("新增学位" → "新增 增学 学位"), which the
pair index answers as exactly and about as fast as the trigram index answers it, so the
trigram index of records and tasks goes: it was a tenth of the ingest writer's CPU. Plans (a
few long texts; their short terms use LIKE) keep theirs.

SQLite, where 0011 built the pair index: ``record_fts``, ``task_fts`` and their triggers are
dropped; ``<t>_gram`` is rebuilt with one column per searched column (so search ranks with
the same column weights as before: an indicator or task object counts twice), over the view
``<t>_gram_src`` (id, ``planwatch_bigrams(col)`` per column), with triggers that leave the
rows of an ingest writer to it as 0010/0011's do. PostgreSQL: nothing changes.

The downgrade restores 0004/0010's trigram tables and triggers and 0011's one-column pair
index. The DDL is written out here so this revision stays what it is.

Revision ID: 0014_pair_index
Revises: 0013_indicator_page
Create Date: 2026-12-04 14:10:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0014_pair_index'
down_revision: Union[str, Sequence[str], None] = '0013_indicator_page'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

SOURCES = {"record": ("indicator", "quote"), "task": ("object", "suggested_unit", "quote")}
PENDING = "search_fts_pending"  # 0010_writer: rows above `after_id` are indexed in bulk by the writer
TOKENIZE = "unicode61 remove_diacritics 0 categories 'L* N* M* P* S* Co Cn'"  # as 0011


def _q(name: str) -> str:
    """A quoted identifier."""
    return f'"{name}"'


def _exists(bind: sa.engine.Connection, type_: str, name: str) -> bool:
    return bind.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?", (type_, name)).first() is not None


def _drop(name: str) -> None:
    """Drop an index table and its three triggers."""
    for suffix in ("ai", "ad", "au"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}_{suffix}")
    op.execute(f"DROP TABLE IF EXISTS {name}")


def _triggers(table: str, index: str, columns: list[str], values: list[str], pending: bool) -> None:
    """Insert, delete and update triggers keeping `index` (columns `columns`, of `values` written over
    ``{row}.`` for the new or old row) in sync with `table`, leaving an ingest writer's rows to it."""
    def kept(row: str) -> str:
        if not pending:
            return "1"
        return f"NOT EXISTS (SELECT 1 FROM {PENDING} WHERE name = '{table}' AND {row}.id > after_id)"

    cols = ", ".join(columns)
    new = ", ".join(v.format(row="new") for v in values)
    old = ", ".join(v.format(row="old") for v in values)
    watched = ", ".join(_q(c) for c in SOURCES[table])
    op.execute(f"CREATE TRIGGER {index}_ai AFTER INSERT ON {_q(table)} WHEN {kept('new')} BEGIN "
               f"INSERT INTO {index}(rowid, {cols}) VALUES (new.id, {new}); END")
    op.execute(f"CREATE TRIGGER {index}_ad AFTER DELETE ON {_q(table)} WHEN {kept('old')} BEGIN "
               f"INSERT INTO {index}({index}, rowid, {cols}) VALUES ('delete', old.id, {old}); END")
    op.execute(f"CREATE TRIGGER {index}_au AFTER UPDATE OF {watched} ON {_q(table)} BEGIN "
               f"INSERT INTO {index}({index}, rowid, {cols}) SELECT 'delete', old.id, {old} WHERE {kept('old')}; "
               f"INSERT INTO {index}(rowid, {cols}) SELECT new.id, {new} WHERE {kept('new')}; END")


def _pair_table(table: str, columns: list[str], pairs: list[str], pending: bool) -> None:
    """``<table>_gram`` (again): the view ``<table>_gram_src`` (id, each of `pairs` as `columns`), the FTS5 table
    over it, filled, and its triggers (`pairs`: expressions over the columns of ``{row}``, the table's row)."""
    gram = f"{table}_gram"
    _drop(gram)
    op.execute(f"DROP VIEW IF EXISTS {gram}_src")
    view = ", ".join(f"{pair.format(row=_q(table))} AS {col}" for pair, col in zip(pairs, columns, strict=True))
    op.execute(f"CREATE VIEW {gram}_src AS SELECT id, {view} FROM {_q(table)}")
    op.execute(f"CREATE VIRTUAL TABLE {gram} USING fts5({', '.join(columns)}, content='{gram}_src', "
               f"content_rowid='id', tokenize=\"{TOKENIZE}\")")
    op.execute(f"INSERT INTO {gram}({gram}) VALUES ('rebuild')")
    _triggers(table, gram, columns, pairs, pending)


def _register(bind: sa.engine.Connection) -> None:
    """``planwatch_bigrams`` on the migration's own connection (the views and triggers call it)."""
    import sqlite3

    from planwatch.store.search_index import register_functions

    try:
        register_functions(bind.connection.driver_connection)
    except sqlite3.OperationalError:  # already there (planwatch's engine) while a statement is open (a later
        pass                          # revision's FTS5 rebuild, on a downgrade through it)


def upgrade() -> None:
    """Upgrade schema."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite" or not _exists(bind, "table", "task_gram"):
        return
    _register(bind)
    pending = _exists(bind, "table", PENDING)
    for table, columns in SOURCES.items():
        _drop(f"{table}_fts")
        cols = [_q(c) for c in columns]
        _pair_table(table, cols, [f"planwatch_bigrams({{row}}.{c})" for c in cols], pending)


def downgrade() -> None:
    """Downgrade schema."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite" or not _exists(bind, "table", "task_gram"):
        return
    _register(bind)
    pending = _exists(bind, "table", PENDING)
    trigram = _exists(bind, "table", "plan_fts")  # 0004 built trigram tables here
    for table, columns in SOURCES.items():
        cols = [_q(c) for c in columns]
        _pair_table(table, ["grams"], [f"planwatch_bigrams({', '.join('{row}.' + c for c in cols)})"],
                    pending)  # 0011's: one column
        if trigram:
            fts = f"{table}_fts"
            op.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({', '.join(cols)}, content='{table}', "
                       "content_rowid='id', tokenize='trigram')")
            op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
            _triggers(table, fts, cols, [f"{{row}}.{c}" for c in cols], pending)
