"""Bulk inserts: one call that writes many rows of a table, the fastest way each database allows.

- **PostgreSQL** (psycopg 3): ``COPY table (columns) FROM STDIN`` through the session's own
  connection, so the rows belong to the surrounding transaction (and savepoint).
- **SQLite** and the rest: SQLAlchemy Core ``insert()`` executemany.

Both paths fill the columns a row leaves out from the table's own Python-side defaults
(``default=`` on the column), so a column another module adds with a default flows into
bulk-written rows without touching this module. Columns with only a server default are left
to the server.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import JSON, Connection, Table, insert

__all__ = ["insert_rows", "with_defaults"]

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
    else:
        connection.execute(insert(table), list(rows))
    return len(rows)


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
