"""search at corpus scale (issue 13), SQLite: plans are searched through a character-pair index too

Plans had only a trigram index (``plan_fts``, 0004): a term of one or two characters (学位, 发展)
was looked for with ``LIKE`` in every plan's whole text, about a second at 6,500 real plans
(370 MB of text), and ranked by counting its occurrences in every plan holding it. Plans now
get the pair index records and tasks have (0014): ``plan_gram`` (title, text) over the view
``plan_gram_src`` (id, ``planwatch_bigrams(title)``, ``planwatch_bigrams(text)``), which
answers a term of any length (a longer one as the phrase of its pairs) as fast as the trigram
index answered the longer ones, and costs the ingest writer about as much to fill; so
``plan_fts`` and its triggers go. PostgreSQL: nothing changes.

The downgrade drops ``plan_gram`` and builds 0004/0010's ``plan_fts`` and triggers again.
The DDL is written out here so this revision stays what it is.

Revision ID: 0016_plan_pairs
Revises: 0015_pg_pair_index
Create Date: 2026-12-04 16:40:00

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = '0016_plan_pairs'
down_revision: Union[str, Sequence[str], None] = '0015_pg_pair_index'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

COLUMNS = ('"title"', '"text"')  # plan's searched columns (0004)
PENDING = "search_fts_pending"  # 0010_writer: rows above `after_id` are indexed in bulk by the writer
TOKENIZE = "unicode61 remove_diacritics 0 categories 'L* N* M* P* S* Co Cn'"  # as 0011 and 0014


def _exists(bind: sa.engine.Connection, type_: str, name: str) -> bool:
    return bind.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?", (type_, name)).first() is not None


def _drop(name: str) -> None:
    """Drop an index table and its three triggers."""
    for suffix in ("ai", "ad", "au"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}_{suffix}")
    op.execute(f"DROP TABLE IF EXISTS {name}")


def _index(index: str, content: str, tokenize: str, values: list[str], pending: bool) -> None:
    """FTS5 table `index` of plan's title and text (as `values`, expressions over ``{row}``, the plan row)
    with external content `content`, filled, and the triggers that keep it in sync with ``plan``, leaving
    an ingest writer's rows to it (as 0010/0014's do)."""
    cols = ", ".join(COLUMNS)
    op.execute(f"CREATE VIRTUAL TABLE {index} USING fts5({cols}, content='{content}', content_rowid='id', "
               f"tokenize=\"{tokenize}\")")
    op.execute(f"INSERT INTO {index}({index}) VALUES ('rebuild')")

    def kept(row: str) -> str:
        return f"NOT EXISTS (SELECT 1 FROM {PENDING} WHERE name = 'plan' AND {row}.id > after_id)" if pending else "1"

    new = ", ".join(v.format(row="new") for v in values)
    old = ", ".join(v.format(row="old") for v in values)
    op.execute(f"CREATE TRIGGER {index}_ai AFTER INSERT ON \"plan\" WHEN {kept('new')} BEGIN "
               f"INSERT INTO {index}(rowid, {cols}) VALUES (new.id, {new}); END")
    op.execute(f"CREATE TRIGGER {index}_ad AFTER DELETE ON \"plan\" WHEN {kept('old')} BEGIN "
               f"INSERT INTO {index}({index}, rowid, {cols}) VALUES ('delete', old.id, {old}); END")
    op.execute(f"CREATE TRIGGER {index}_au AFTER UPDATE OF {cols} ON \"plan\" BEGIN "
               f"INSERT INTO {index}({index}, rowid, {cols}) SELECT 'delete', old.id, {old} WHERE {kept('old')}; "
               f"INSERT INTO {index}(rowid, {cols}) SELECT new.id, {new} WHERE {kept('new')}; END")


def _register(bind: sa.engine.Connection) -> None:
    """``planwatch_bigrams`` on the migration's own connection (the view and triggers call it)."""
    import sqlite3

    from planwatch.store.search_index import register_functions

    try:
        register_functions(bind.connection.driver_connection)
    except sqlite3.OperationalError:  # already there (0014, or planwatch's engine) while a statement is open
        pass


def upgrade() -> None:
    """Upgrade schema."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite" or not _exists(bind, "table", "task_gram"):
        return
    _register(bind)
    pending = _exists(bind, "table", PENDING)
    _drop("plan_fts")
    _drop("plan_gram")
    op.execute("DROP VIEW IF EXISTS plan_gram_src")
    view = ", ".join(f'planwatch_bigrams("plan".{c}) AS {c}' for c in COLUMNS)
    op.execute(f'CREATE VIEW plan_gram_src AS SELECT id, {view} FROM "plan"')
    _index("plan_gram", "plan_gram_src", TOKENIZE, [f"planwatch_bigrams({{row}}.{c})" for c in COLUMNS], pending)


def downgrade() -> None:
    """Downgrade schema."""
    bind = op.get_bind()
    if bind.dialect.name != "sqlite" or not _exists(bind, "table", "plan_gram"):
        return
    from planwatch.store.search_index import trigram_supported

    pending = _exists(bind, "table", PENDING)
    _drop("plan_gram")
    op.execute("DROP VIEW IF EXISTS plan_gram_src")
    if trigram_supported():  # 0004 built plan_fts only where SQLite has the trigram tokenizer
        _index("plan_fts", "plan", "trigram", [f"{{row}}.{c}" for c in COLUMNS], pending)
