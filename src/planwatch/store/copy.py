"""`planwatch copy --to URL`: every row of the configured database into another, empty one, of the same kind or not
(SQLite → PostgreSQL when an office outgrows SQLite), with the counts checked table by table.

The target is brought to the same schema first (`connect`), must hold no rows, and is filled in one transaction:
tables in the order of their foreign keys, rows in the order of their ids, a table's references to its own rows
(a government's parent, a section's) set once all its rows are in. Ids are kept, so task history, assignments,
reports, sign-offs, rounds, entered actuals, accounts, tokens and the audit log stay attached to the same plans and
tasks; the search indexes fill themselves as rows arrive (triggers on SQLite, indexes on PostgreSQL), and PostgreSQL's
id sequences are moved past the copied ids. Evidence files are not in the database: the target's configuration uses
the same evidence folder (PLANWATCH_EVIDENCE_DIR).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Engine, Table, bindparam, func, select, text, update
from sqlalchemy.engine import make_url

from planwatch.errors import StoreError
from planwatch.store.db import connect, load_models

BATCH = 2_000


@dataclass(frozen=True, slots=True)
class CopyResult:
    """What was copied: (table, rows in the source, rows in the target) in copy order."""

    tables: list[tuple[str, int, int]]

    @property
    def rows(self) -> int:
        return sum(target for _name, _source, target in self.tables)

    @property
    def mismatched(self) -> list[tuple[str, int, int]]:
        return [t for t in self.tables if t[1] != t[2]]


def _counts(engine: Engine, tables: list[Table]) -> dict[str, int]:
    with engine.connect() as connection:
        return {t.name: int(connection.scalar(select(func.count()).select_from(t)) or 0) for t in tables}


def _self_references(table: Table) -> list[str]:
    """The columns of `table` that reference `table` itself (a parent)."""
    return [c.name for c in table.columns if any(fk.column.table is table for fk in c.foreign_keys)]


def copy_database(source_url: str, target_url: str, *, progress: Callable[[str, int], None] | None = None) -> CopyResult:
    """Copy every row of the database at `source_url` into the empty database at `target_url` (see the module)."""
    if make_url(source_url).render_as_string(hide_password=False) == make_url(target_url).render_as_string(
            hide_password=False):
        raise StoreError("copy: the target is the database in use; give another database with --to")
    source = connect(source_url, create=False)
    target = connect(target_url, create=True)
    try:
        tables = list(load_models().sorted_tables)
        held = {name: n for name, n in _counts(target, tables).items() if n}
        if held:
            shown = ", ".join(f"{name} {n}" for name, n in list(held.items())[:4])
            raise StoreError(f"copy: the target database already holds rows ({shown}…); copy into an empty database "
                             "(a new SQLite file, or a PostgreSQL database just made with createdb)")
        with target.begin() as out, source.connect() as into:
            if target.dialect.name == "sqlite":
                out.exec_driver_sql("PRAGMA defer_foreign_keys=ON")
            for table in tables:
                parents = _self_references(table)
                key = list(table.primary_key.columns)
                rows = into.execute(select(table).order_by(*key)).mappings()
                links: list[dict[str, object]] = []
                batch: list[dict[str, object]] = []
                copied = 0
                for row in rows:
                    values = dict(row)
                    if parents:
                        links.append({**{f"k_{c.name}": values[c.name] for c in key},
                                      **{f"p_{name}": values[name] for name in parents}})
                        values.update({name: None for name in parents})
                    batch.append(values)
                    if len(batch) >= BATCH:
                        out.execute(table.insert(), batch)
                        copied += len(batch)
                        batch = []
                if batch:
                    out.execute(table.insert(), batch)
                    copied += len(batch)
                pending = [link for link in links if any(link[f"p_{name}"] is not None for name in parents)]
                if pending:
                    out.execute(update(table).where(*[c == bindparam(f"k_{c.name}") for c in key])
                                .values({name: bindparam(f"p_{name}") for name in parents}), pending)
                if progress is not None:
                    progress(table.name, copied)
            if target.dialect.name == "postgresql":
                for table in tables:
                    for column in table.primary_key.columns:
                        if len(table.primary_key.columns) == 1 and column.autoincrement in (True, "auto") \
                                and column.type.python_type is int:
                            sequence = out.scalar(text("SELECT pg_get_serial_sequence(:t, :c)"),
                                                  {"t": f'"{table.name}"', "c": column.name})
                            if sequence:
                                out.execute(text(f"SELECT setval(:s, COALESCE((SELECT max({column.name}) FROM "
                                                 f'"{table.name}"), 0) + 1, false)'), {"s": sequence})
        before, after = _counts(source, tables), _counts(target, tables)
        return CopyResult([(t.name, before[t.name], after[t.name]) for t in tables])
    finally:
        source.dispose()
        target.dispose()
