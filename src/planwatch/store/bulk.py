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
import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import chain, repeat
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, Boolean, Connection, Date, DateTime, Dialect, Table, func, insert, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from planwatch.errors import StoreError
from planwatch.store.search_index import SOURCES, gram_name

__all__ = ["deferred_search_index", "insert_rows", "insert_rows_ids", "restore_row_triggers", "with_defaults"]

log = logging.getLogger(__name__)

COPY_MIN_ROWS = 8  # below this, executemany is as fast and simpler


def with_defaults(table: Table, rows: Sequence[dict[str, Any]],
                  dialect: Dialect | None = None) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The column names and value tuples for `rows`: missing columns take the column's Python default.

    A default is worked out once for all the rows (a callable one, such as ``utcnow``, too: the rows
    of one bulk insert share its answer, as rows written in one statement share ``now()``). With a
    `dialect`, every value has been through its column type's bind processor, as ``insert()`` sends it.
    """
    present = set(chain.from_iterable(rows))  # the keys of every row (iterating a dict gives its keys)
    given: list[str] = []
    filled: list[str] = []
    fill: list[Any] = []
    for column in table.columns:
        if column.key in present:
            given.append(column.key)
        elif column.default is not None and not column.default.is_sequence:
            filled.append(column.key)
            default = column.default
            fill.append(default.arg(None) if default.is_callable else default.arg)  # type: ignore[attr-defined]
        # else: autoincrement key, server default or NULL: left to the database
    columns = given + filled
    processors = _processors(table, given, dialect) if dialect is not None else []
    if dialect is not None:
        for i, key in enumerate(filled):
            process = table.c[key].type.dialect_impl(dialect).bind_processor(dialect)
            if process is not None:
                fill[i] = process(fill[i])
    if all(len(row) == len(given) for row in rows):  # the usual case: every row has the same keys
        pick = itemgetter(*given) if len(given) > 1 else (lambda row: (row[given[0]],))
        picked: list[tuple[Any, ...]] = [pick(row) for row in rows]
    else:
        picked = [tuple(row.get(key) for key in given) for row in rows]  # a key some rows lack: NULL there
    return columns, (_converted(picked, processors, tuple(fill)) if processors or fill else picked)


def _converted(picked: list[tuple[Any, ...]], processors: list[tuple[int, Any]],
               extra: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    """The value tuples with the columns `processors` convert converted and the `extra` values after: the
    rows cut into columns and zipped back (a map per converting column, not a list and a tuple per row)."""
    if not picked or not picked[0]:  # no rows, or rows without given columns (then nothing converts)
        return [value + extra for value in picked]
    by_column: list[Iterable[Any]] = list(zip(*picked, strict=True))
    for i, process in processors:
        by_column[i] = map(process, by_column[i])
    return list(zip(*by_column, *map(repeat, extra), strict=False))  # (the extra values repeat: no end)


def _processors(table: Table, keys: Sequence[str], dialect: Dialect) -> list[tuple[int, Any]]:
    """(position, bind processor) of the `keys` columns whose type converts values, each remembering its
    answers for repeated values (dates, flags; the empty JSON list or object)."""
    out = []
    for i, key in enumerate(keys):
        column_type = table.c[key].type
        process = column_type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:
            if isinstance(column_type, JSON):
                process = _json_processor(process)
            elif isinstance(column_type, Date | DateTime | Boolean):  # few distinct values, costly to convert
                process = _memo_processor(process)
            out.append((i, process))  # (numbers: a C converter, cheaper than a lookup)
    return out


def _memo_processor(process: Any) -> Any:
    """`process`, remembering its answer per value and type (values of dates, times and flags are hashable)."""
    memo: dict[Any, Any] = {}

    def run(value: Any) -> Any:
        key = (value.__class__, value)  # 1, 1.0 and True are equal keys, not equal values
        answer = memo.get(key, memo)
        if answer is memo:
            memo[key] = answer = process(value)
        return answer

    return run


def _json_processor(process: Any) -> Any:
    """A JSON column's `process`, with the empty list and object (most rows' value) serialised once."""
    empty_list, empty_dict = process([]), process({})

    def run(value: Any) -> Any:
        if not value and value is not None:
            if value.__class__ is list:
                return empty_list
            if value.__class__ is dict:
                return empty_dict
        return process(value)

    return run


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
    PostgreSQL (psycopg): the ids are drawn from the key's sequence first (``nextval`` once per row, in
    order: the ids the inserts would have drawn) and the rows go in with them by COPY.
    Elsewhere: ``INSERT … RETURNING`` sorted by parameter order.
    """
    if not rows:
        return []
    (key,) = [c for c in table.primary_key.columns]
    if connection.dialect.name == "sqlite" and not table.dialect_options["sqlite"].get("autoincrement"):
        last = connection.execute(select(func.max(key))).scalar() or 0
        ids = list(range(last + 1, last + 1 + len(rows)))
        _executemany(connection, table, rows, (key.key, ids))
        return ids
    if connection.dialect.name == "postgresql" and connection.dialect.driver == "psycopg":
        sequence = _sequence(connection, table, key.name)
        if sequence is not None:
            ids = list(connection.exec_driver_sql(
                "SELECT nextval(%(sequence)s::regclass) AS id FROM generate_series(1, %(count)s) ORDER BY id",
                {"sequence": sequence, "count": len(rows)}).scalars())
            if len(rows) >= COPY_MIN_ROWS:
                _copy(connection, table, rows, (key.key, ids))
            else:
                connection.execute(insert(table), [{**row, key.key: i} for row, i in zip(rows, ids, strict=True)])
            return ids
    return list(connection.scalars(insert(table).returning(key, sort_by_parameter_order=True), list(rows)).all())


_SEQUENCES: dict[tuple[str, str], str | None] = {}  # (table, key column) → its sequence (PostgreSQL)


def _sequence(connection: Connection, table: Table, column: str) -> str | None:
    """The sequence that numbers `table`'s `column` (PostgreSQL ``serial``), or None."""
    name = connection.dialect.identifier_preparer.format_table(table)
    if (name, column) not in _SEQUENCES:
        _SEQUENCES[(name, column)] = connection.exec_driver_sql(
            "SELECT pg_get_serial_sequence(%(table)s, %(column)s)", {"table": name, "column": column}).scalar()
    return _SEQUENCES[(name, column)]


def _executemany(connection: Connection, table: Table, rows: Sequence[dict[str, Any]],
                 ids: tuple[str, Sequence[int]] | None = None) -> None:
    """One DBAPI executemany; each value through its column type's bind processor, as ``insert()`` would.

    `ids`: (key column, the id of each row), given apart so the rows need not be copied.
    """
    dialect = connection.dialect
    columns, values = _with_ids(*with_defaults(table, rows, dialect), ids)
    quote = dialect.identifier_preparer.quote
    sql = (f"INSERT INTO {dialect.identifier_preparer.format_table(table)} ({', '.join(quote(c) for c in columns)}) "
           f"VALUES ({', '.join('?' * len(columns))})")
    connection.exec_driver_sql(sql, values)


def _with_ids(columns: list[str], values: list[tuple[Any, ...]],
              ids: tuple[str, Sequence[int]] | None) -> tuple[list[str], list[tuple[Any, ...]]]:
    """`columns` and `values` with the key column and each row's id in front (`ids`: (key, the ids)), if given."""
    if ids is None:
        return columns, values
    return [ids[0], *columns], [(i, *value) for i, value in zip(ids[1], values, strict=True)]


def _copy(connection: Connection, table: Table, rows: Sequence[dict[str, Any]],
          ids: tuple[str, Sequence[int]] | None = None) -> None:
    """COPY FROM STDIN with psycopg 3 (JSON columns serialised as SQLAlchemy would); `ids` as for `_executemany`."""
    columns, values = _with_ids(*with_defaults(table, rows), ids)
    json_at = [i for i, key in enumerate(columns) if isinstance(table.c[key].type, JSON)]
    serialise = _json_processor(connection.dialect._json_serializer or json.dumps)
    quoted = ", ".join(connection.dialect.identifier_preparer.quote(c) for c in columns)
    name = connection.dialect.identifier_preparer.format_table(table)
    raw = connection.connection.driver_connection
    statement = f"COPY {name} ({quoted}) FROM STDIN"
    dbapi_error = connection.dialect.dbapi.Error  # type: ignore[union-attr]
    try:
        with raw.cursor() as cursor, cursor.copy(statement) as copy:  # type: ignore[union-attr]
            for value in values:
                if json_at:
                    row = list(value)
                    for i in json_at:
                        row[i] = serialise(row[i])
                    copy.write_row(row)
                else:
                    copy.write_row(value)
    except dbapi_error as exc:  # (the raw cursor's own errors) as SQLAlchemy raises a statement's: IntegrityError …
        raise DBAPIError.instance(statement, None, exc, dbapi_error, dialect=connection.dialect) from exc


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
    if source is not None and index in (source.fts, gram_name(table)):
        # trigrams: external content on the table (0004_search); character pairs: on a view of them (0014)
        content = f'"{table}"' if index == source.fts else f"{index}_src"
        cols = ", ".join(f'"{c}"' for c in source.columns)
        return f"INSERT INTO {index}(rowid, {cols}) SELECT id, {cols} FROM {content} WHERE id > ? ORDER BY id"
    raise StoreError(f"search index {index} defers its rows to the writer, which does not know how to fill it")


_DROPPED = "planwatch.bulk.row_triggers"  # session.info: the (name, SQL) of the insert triggers a block dropped


@contextmanager
def deferred_search_index(session: Session) -> Iterator[None]:
    """Index the searched rows written inside the block in bulk, when it ends, instead of row by row.

    SQLite with the FTS5 index (0010_writer): one ``search_fts_pending`` row per searched table
    marks every row above the table's current largest id as the writer's; the triggers leave
    those to it, and on leaving the block each index gets them (as they then stand: rows changed
    or deleted meanwhile included) in one ``INSERT … SELECT``, and the marks go. All of it is in
    the caller's transaction. Nested blocks leave the work to the outermost (a bulk ingest's
    writer opens one per batch); elsewhere (PostgreSQL, no index) a no-op.

    The insert triggers (``<index>_ai``), which would only find that each new row is the writer's,
    are dropped for the block (calling them cost as much as writing the rows) and created again
    from their own stored SQL before it ends; a rollback brings them back too. Without them a
    row that reused an id at or below a mark would not be indexed, and SQLite reuses the ids of
    deleted rows at the top of a table: code that deletes searched rows inside the block calls
    `restore_row_triggers` first (the writer's replace paths do). The block checks at its end
    that no row at or below a mark was left out, and rebuilds an index that missed one.
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
    dropped = _drop_insert_triggers(connection, owned)
    session.info[_DROPPED] = dropped
    try:
        yield
        session.flush()  # rows the ORM still holds belong to the block
    except BaseException:
        try:  # usually the caller rolls the block back (marks included); if it goes on, the index stays right
            _end(session, indexes, owned)
        except Exception:  # noqa: S110 - the first error is the one to report
            pass
        raise
    _end(session, indexes, owned)


def restore_row_triggers(session: Session) -> None:
    """Create again the insert triggers the open `deferred_search_index` block dropped (a no-op otherwise).

    Call it before deleting searched rows (records, tasks, plans) inside the block: SQLite may give
    the next rows the deleted ids, at or below the block's marks, and from then on the triggers index them.
    """
    dropped = session.info.get(_DROPPED)
    if dropped:
        _restore_triggers(session.connection(), dropped)


def _drop_insert_triggers(connection: Connection, owned: dict[str, int]) -> list[tuple[str, str]]:
    """Drop the insert triggers that leave the owned tables' new rows to the writer; their (name, SQL)."""
    tables = ", ".join("?" * len(owned))
    found = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\\_ai' ESCAPE '\\' "
        f"AND tbl_name IN ({tables}) AND sql LIKE '%{PENDING}%' ORDER BY name", tuple(owned)).all()
    for name, _sql in found:
        connection.exec_driver_sql(f'DROP TRIGGER "{name}"')
    return [(name, sql) for name, sql in found]


def _restore_triggers(connection: Connection, dropped: list[tuple[str, str]]) -> None:
    """Create those of the dropped triggers that are missing, exactly as they were (sqlite_master keeps their
    SQL as written). A savepoint rolled back after an earlier restore may have dropped them again."""
    names = [name for name, _sql in dropped]
    present = {row[0] for row in connection.exec_driver_sql(
        f"SELECT name FROM sqlite_master WHERE type = 'trigger' AND name IN ({', '.join('?' * len(names))})",
        tuple(names))}
    for name, sql in dropped:
        if name not in present:
            connection.exec_driver_sql(sql)


def _end(session: Session, indexes: dict[str, list[str]], owned: dict[str, int]) -> None:
    """Leave the block: triggers back, every row at or below the marks indexed, the new rows indexed, marks gone."""
    dropped = session.info.pop(_DROPPED, [])
    connection = session.connection()
    if dropped:
        _restore_triggers(connection, dropped)
        _check_marks(connection, indexes, owned)
    _fill(connection, indexes, owned)


def _check_marks(connection: Connection, indexes: dict[str, list[str]], owned: dict[str, int]) -> None:
    """Rebuild an index that misses a row at or below its table's mark (a row given a deleted id while the
    insert trigger was dropped, without `restore_row_triggers`): its largest such id must be indexed.
    (An index without the FTS5 ``docsize`` table, ``columnsize=0``, is not checked.)"""
    sizes = {row[0] for row in connection.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%\\_docsize' ESCAPE '\\'")}
    for table, after in owned.items():
        top = connection.exec_driver_sql(f'SELECT max(id) FROM "{table}" WHERE id <= ?', (after,)).scalar()
        for index in indexes[table]:
            if top is None or f"{index}_docsize" not in sizes or connection.exec_driver_sql(
                    f'SELECT 1 FROM "{index}_docsize" WHERE id = ?', (top,)).first() is not None:
                continue
            log.warning("search index %s missed rows written by the ingest writer: rebuilding it", index)
            connection.exec_driver_sql(f"INSERT INTO {index}({index}) VALUES ('rebuild')")


def _fill(connection: Connection, indexes: dict[str, list[str]], owned: dict[str, int]) -> None:
    """Index the rows above each owned mark, then drop the marks."""
    for table, after in owned.items():
        for index in indexes[table]:
            connection.exec_driver_sql(_fill_sql(table, index), (after,))
    connection.exec_driver_sql(f"DELETE FROM {PENDING} WHERE name IN ({', '.join('?' * len(owned))})", tuple(owned))
