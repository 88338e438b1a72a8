"""Bulk inserts: one call that writes many rows of a table, the fastest way each database allows.

- **PostgreSQL** (psycopg 3): ``COPY table (columns) FROM STDIN`` through the session's own
  connection, so the rows belong to the surrounding transaction (and savepoint).
- **SQLite**: the DBAPI's ``executemany`` of one plain ``INSERT`` per table and column list, the
  values converted by the columns' own SQLAlchemy bind processors (JSON, dates, booleans: stored
  exactly as ``insert()`` stores them, without its per-row parameter building).
- the rest: SQLAlchemy Core ``insert()`` executemany.

Both paths fill the columns a row leaves out from the table's own Python-side defaults
(``default=`` on the column), so a column another module adds with a default flows into
bulk-written rows without touching this module. Columns with only a server default are left
to the server.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, Connection, Table, func, insert, select
from sqlalchemy.orm import Session

from planwatch.errors import StoreError
from planwatch.store.search_index import SOURCES, gram_name

__all__ = ["deferred_search_index", "insert_rows", "insert_rows_ids", "with_defaults"]

COPY_MIN_ROWS = 8  # below this, executemany is as fast and simpler


def with_defaults(table: Table, rows: Sequence[dict[str, Any]]) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The column names and value tuples for `rows`: missing columns take the column's Python default."""
    present = set().union(*(r.keys() for r in rows)) if rows else set()
    columns = []
    fillers: dict[str, Any] = {}
    for column in table.columns:
        if column.key in present:
            columns.append(column.key)
        elif column.default is not None and not column.default.is_sequence:
            columns.append(column.key)
            fillers[column.key] = column.default
        # else: autoincrement key, server default or NULL: left to the database
    given = [key for key in columns if key not in fillers]
    if all(len(row) == len(given) for row in rows):  # the usual case: every row has the same keys
        pick = itemgetter(*given) if len(given) > 1 else (lambda row: (row[given[0]],))
        if not fillers:
            return columns, [pick(row) for row in rows]
        constant = {key: default.arg for key, default in fillers.items() if not default.is_callable}
        called = {key: default.arg for key, default in fillers.items() if default.is_callable}
        order = given + list(fillers)
        where = [order.index(key) for key in columns]
        values = []
        for row in rows:
            full = (*pick(row), *(constant[key] if key in constant else called[key](None) for key in fillers))
            values.append(tuple(full[i] for i in where))
        return columns, values
    values = []
    for row in rows:
        out = []
        for key in columns:
            if key in row:
                out.append(row[key])
            else:
                default = fillers.get(key)
                if default is None:
                    out.append(None)
                elif default.is_callable:
                    out.append(default.arg(None))  # type: ignore[union-attr]
                else:
                    out.append(default.arg)  # type: ignore[union-attr]
        values.append(tuple(out))
    return columns, values


def insert_rows(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> int:
    """Insert `rows` into `table` inside `connection`'s transaction; returns how many."""
    if not rows:
        return 0
    if connection.dialect.name == "postgresql" and connection.dialect.driver == "psycopg" and len(rows) >= COPY_MIN_ROWS:
        _copy(connection, table, rows)
    elif connection.dialect.name == "sqlite" and connection.dialect.paramstyle == "qmark":
        _executemany(connection, table, rows)
    else:
        connection.execute(insert(table), list(rows))
    return len(rows)


def insert_rows_ids(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> list[int]:
    """Insert `rows` like `insert_rows` and return their new ids, in the order of `rows`.

    SQLite: the ids are given in the rows, the ones SQLite would choose (its largest id + 1, + 2 …, as a
    table without AUTOINCREMENT does; the transaction holds the write lock once it has written), so the
    rows go in one executemany — ``RETURNING`` with ordered results costs one statement per row there.
    Elsewhere: ``INSERT … RETURNING`` sorted by parameter order.
    """
    if not rows:
        return []
    (key,) = [c for c in table.primary_key.columns]
    if connection.dialect.name == "sqlite" and not table.dialect_options["sqlite"].get("autoincrement"):
        last = connection.execute(select(func.max(key))).scalar() or 0
        ids = list(range(last + 1, last + 1 + len(rows)))
        _executemany(connection, table, [{**row, key.key: i} for row, i in zip(rows, ids, strict=True)])
        return ids
    return list(connection.scalars(insert(table).returning(key, sort_by_parameter_order=True), list(rows)).all())


def _executemany(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """One DBAPI executemany; each value through its column type's bind processor, as ``insert()`` would."""
    columns, values = with_defaults(table, rows)
    dialect = connection.dialect
    processors = [(i, p) for i, key in enumerate(columns)
                  if (p := table.c[key].type.dialect_impl(dialect).bind_processor(dialect)) is not None]
    if processors:
        converted = []
        for value in values:
            row = list(value)
            for i, process in processors:
                row[i] = process(row[i])
            converted.append(tuple(row))
        values = converted
    quote = dialect.identifier_preparer.quote
    sql = (f"INSERT INTO {dialect.identifier_preparer.format_table(table)} ({', '.join(quote(c) for c in columns)}) "
           f"VALUES ({', '.join('?' * len(columns))})")
    connection.exec_driver_sql(sql, values)  # type: ignore[arg-type]


def _copy(connection: Connection, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """COPY FROM STDIN with psycopg 3 (JSON columns serialised as SQLAlchemy would)."""
    columns, values = with_defaults(table, rows)
    json_at = [i for i, key in enumerate(columns) if isinstance(table.c[key].type, JSON)]
    serialise = connection.dialect._json_serializer or json.dumps  # type: ignore[attr-defined]
    quoted = ", ".join(connection.dialect.identifier_preparer.quote(c) for c in columns)
    name = connection.dialect.identifier_preparer.format_table(table)
    raw = connection.connection.driver_connection
    with raw.cursor() as cursor, cursor.copy(f"COPY {name} ({quoted}) FROM STDIN") as copy:  # type: ignore[union-attr]
        for value in values:
            if json_at:
                value = list(value)
                for i in json_at:
                    value[i] = serialise(value[i])
            copy.write_row(value)


# ---------------------------------------------------------------- the search index, filled in bulk

PENDING = "search_fts_pending"  # 0010_writer: (name, after_id) of each table whose new rows the writer indexes


def _deferred_indexes(connection: Connection) -> dict[str, list[str]]:
    """Base table → the FTS5 tables whose triggers leave rows above the pending watermark to the writer."""
    if connection.dialect.name != "sqlite":
        return {}
    rows = connection.exec_driver_sql(
        "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\\_ai' ESCAPE '\\' "
        f"AND sql LIKE '%{PENDING}%'").all()
    out: dict[str, list[str]] = {}
    for name, table in rows:
        out.setdefault(table, []).append(name[:-3])
    return out


def _fill_sql(table: str, index: str) -> str:
    """The statement that indexes `table`'s rows above ``?`` in FTS5 table `index`."""
    source = SOURCES.get(table)
    if source is not None and index == source.fts:  # trigram index, external content on the table (0004_search)
        cols = ", ".join(f'"{c}"' for c in source.columns)
        return f'INSERT INTO {index}(rowid, {cols}) SELECT id, {cols} FROM "{table}" WHERE id > ? ORDER BY id'
    if index == gram_name(table):  # character-pair index, external content on a view (0011_search)
        return f"INSERT INTO {index}(rowid, grams) SELECT id, grams FROM {index}_src WHERE id > ? ORDER BY id"
    raise StoreError(f"search index {index} defers its rows to the writer, which does not know how to fill it")


@contextmanager
def deferred_search_index(session: Session) -> Iterator[None]:
    """Index the searched rows written inside the block in bulk, when it ends, instead of row by row.

    SQLite with the FTS5 index (0010_writer): one ``search_fts_pending`` row per searched table
    marks every row above the table's current largest id as the writer's; the triggers leave
    those to it, and on leaving the block each index gets them (as they then stand: rows changed
    or deleted meanwhile included) in one ``INSERT … SELECT``, and the marks go. All of it is in
    the caller's transaction. Nested blocks leave the work to the outermost; elsewhere (PostgreSQL,
    no index) a no-op.
    """
    connection = session.connection()
    indexes = _deferred_indexes(connection)
    owned: dict[str, int] = {}
    for table in indexes:
        after = connection.exec_driver_sql(f'SELECT coalesce(max(id), 0) FROM "{table}"').scalar_one()
        if connection.exec_driver_sql(f"INSERT OR IGNORE INTO {PENDING} (name, after_id) VALUES (?, ?)",
                                      (table, after)).rowcount == 1:
            owned[table] = after
    if not owned:
        yield
        return
    try:
        yield
        session.flush()  # rows the ORM still holds belong to the block
    except BaseException:
        try:  # usually the caller rolls the block back (marks included); if it goes on, the index stays right
            _fill(session.connection(), indexes, owned)
        except Exception:  # noqa: S110 - the first error is the one to report
            pass
        raise
    _fill(session.connection(), indexes, owned)


def _fill(connection: Connection, indexes: dict[str, list[str]], owned: dict[str, int]) -> None:
    """Index the rows above each owned mark, then drop the marks."""
    for table, after in owned.items():
        for index in indexes[table]:
            connection.exec_driver_sql(_fill_sql(table, index), (after,))
    connection.exec_driver_sql(f"DELETE FROM {PENDING} WHERE name IN ({', '.join('?' * len(owned))})", tuple(owned))
