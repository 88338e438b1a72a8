"""Backup and restore of the whole database, while it is in use.

SQLite: the online backup API (a consistent copy even while the dashboard and an ingest
write; the copy is checked with ``PRAGMA integrity_check``). PostgreSQL: ``pg_dump
--format=custom`` and ``pg_restore --clean --single-transaction`` (postgresql-client).
A restore checks that the file is a backup of the same kind first, and replaces the
database in one step: all of it or, on error, nothing.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from planwatch.errors import StoreError
from planwatch.output import atomic_output, check_output

__all__ = ["BackupInfo", "backup", "restore"]

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """What a backup or restore did."""

    path: Path
    kind: str  # "sqlite" or "postgresql"
    bytes: int
    plans: int | None = None


def _sqlite_path(url: URL) -> Path:
    database = url.database or ""
    if not database or database == ":memory:" or database.startswith("file:"):
        raise StoreError(f"cannot back up the database {url.render_as_string()}: it is not a file")
    return Path(database).expanduser()


def _count_plans(connection: sqlite3.Connection) -> int | None:
    try:
        return int(connection.execute("SELECT count(*) FROM plan").fetchone()[0])
    except sqlite3.Error:
        return None


def backup(url: str, target: Path, *, overwrite: bool = False) -> BackupInfo:
    """Copy the database at `url` into the file `target` (refuses to overwrite unless asked)."""
    parsed = make_url(url)
    target = check_output(target)  # a folder, a missing folder: one line before any copying
    if target.exists() and not overwrite:
        raise StoreError(f"{target}: already exists; choose another file name or pass --force")
    if parsed.get_backend_name() == "sqlite":
        source = _sqlite_path(parsed)
        if not source.is_file():
            raise StoreError(f"{source}: no such database file; check PLANWATCH_DB")
        if target.exists() and target.resolve() == source.resolve():
            raise StoreError(f"{target}: is the database itself; write the backup to another file")
        with atomic_output(target) as partial:  # the copy replaces `target` only once it is whole and checked
            plans = _sqlite_copy(source, partial, target)
        return BackupInfo(target, "sqlite", target.stat().st_size, plans)
    if parsed.get_backend_name() == "postgresql":
        with atomic_output(target) as partial:
            _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(partial), _pg_dsn(parsed)], parsed, "pg_dump")
        return BackupInfo(target, "postgresql", target.stat().st_size)
    raise StoreError(f"backups of {parsed.get_backend_name()} databases are not supported (SQLite and PostgreSQL are)")


def _sqlite_copy(source: Path, partial: Path, target: Path) -> int | None:
    """Copy the SQLite database `source` into the new file `partial` and check it; its plan count."""
    try:
        with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=30)) as src, \
                closing(sqlite3.connect(partial)) as dst:
            src.backup(dst, pages=1024)  # in steps, so writers are not held up for the whole copy
            status = dst.execute("PRAGMA integrity_check").fetchone()[0]
            if status != "ok":
                raise StoreError(f"{target}: the copy failed its integrity check ({status})")
            plans = _count_plans(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    except sqlite3.Error as exc:
        raise StoreError(f"cannot back up {source}: {exc}") from None
    return plans


def _backup_head(source: Path) -> bytes:
    """The first 16 bytes of the backup file `source`; a StoreError saying what it is when it is no such file
    (missing, a folder, a device or FIFO, unreadable) rather than "no such backup file" for all of them."""
    hint = "give the file written by `planwatch backup`"
    try:
        mode = source.stat().st_mode
    except FileNotFoundError:
        raise StoreError(f"{source}: no such backup file; check the path") from None
    except OSError as exc:
        raise StoreError(f"{source}: cannot be read ({exc.strerror or exc}); {hint}") from None
    if stat.S_ISDIR(mode):
        raise StoreError(f"{source}: is a folder, not a backup file; {hint}")
    if not stat.S_ISREG(mode):
        raise StoreError(f"{source}: is not a regular file (a device, pipe or socket); {hint}")
    try:
        with source.open("rb") as handle:
            return handle.read(16)
    except OSError as exc:
        raise StoreError(f"{source}: cannot be read ({exc.strerror or exc}); {hint}") from None


def restore(url: str, source: Path) -> BackupInfo:
    """Replace the database at `url` by the backup `source` (all or nothing)."""
    parsed = make_url(url)
    source = Path(source)
    head = _backup_head(source)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if not head.startswith(SQLITE_MAGIC):
            kind = "a PostgreSQL dump" if head.startswith(PG_MAGIC) else "not a SQLite database"
            raise StoreError(f"{source}: is {kind}; restore it into the kind of database it came from")
        target = _sqlite_path(parsed)
        try:
            with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src:
                status = src.execute("PRAGMA integrity_check").fetchone()[0]
                if status != "ok":
                    raise StoreError(f"{source}: the backup is damaged ({status}); nothing was changed")
                if src.execute("SELECT count(*) FROM sqlite_master WHERE name='alembic_version'").fetchone()[0] != 1:
                    raise StoreError(f"{source}: not a planwatch database (no schema version); nothing was changed")
                plans = _count_plans(src)
                target.parent.mkdir(parents=True, exist_ok=True)
                with sqlite3.connect(target, timeout=30) as dst:
                    src.backup(dst)  # replaces every page of the live database in one transaction
        except sqlite3.Error as exc:
            raise StoreError(f"cannot restore {source} into {target}: {exc}; nothing was changed") from None
        _forget_migrated(url)
        return BackupInfo(source, "sqlite", source.stat().st_size, plans)
    if backend == "postgresql":
        if not head.startswith(PG_MAGIC):
            kind = "a SQLite database" if head.startswith(SQLITE_MAGIC) else "not a pg_dump custom-format file"
            raise StoreError(f"{source}: is {kind}; restore it into the kind of database it came from")
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", "--exit-on-error",
              "--dbname", _pg_dsn(parsed), str(source)], parsed, "pg_restore")
        _forget_migrated(url)
        return BackupInfo(source, "postgresql", source.stat().st_size)
    raise StoreError(f"restoring {backend} databases is not supported (SQLite and PostgreSQL are)")


def _forget_migrated(url: str) -> None:
    """The restored schema may be older: let the next connect() check and migrate it."""
    from planwatch.store import db

    db._migrated.discard(make_url(url).render_as_string(hide_password=False))


def _pg_dsn(url: URL) -> str:
    """A libpq connection string for `url` (the password goes through the environment)."""
    parts = [f"dbname={url.database or 'postgres'}"]
    if url.host:
        parts.append(f"host={url.host}")
    if url.port:
        parts.append(f"port={url.port}")
    if url.username:
        parts.append(f"user={url.username}")
    return " ".join(parts)


def _run(command: list[str], url: URL, tool: str) -> None:
    if shutil.which(command[0]) is None:
        raise StoreError(f"{tool} is not installed; install postgresql-client (apt-get install postgresql-client)")
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        lines = [line for line in (done.stderr or "").splitlines() if line.strip()]
        raise StoreError(f"{tool} failed: {lines[0] if lines else f'exit status {done.returncode}'}; nothing was changed")
