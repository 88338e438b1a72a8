"""Engines and transactions: connect to SQLite or PostgreSQL, migrate to the latest schema.

`connect()` brings the database to the newest Alembic revision shipped in
``store/migrations`` (no alembic.ini needed), saying so in one line on stderr and, for a
SQLite file, copying it beside itself first (``x.db.before-0024``); a database a newer
release upgraded is refused. A SQLite file that cannot be written (the file, or its
folder, for the write-ahead log) is opened read-only. `transaction()` is the only way
the rest of planwatch writes: everything inside commits together or not at all.
"""

from __future__ import annotations

import importlib
import os
import re
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, MetaData, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session

from planwatch.errors import NotFoundError, ReadOnlyError, StoreError
from planwatch.settings import get_settings

MIGRATIONS = Path(__file__).with_name("migrations")
# Modules that declare tables on `Base`; those owned by other stages may not exist yet.
MODEL_MODULES = ("planwatch.store.schema", "planwatch.store.tasks", "planwatch.store.accounts",
                 "planwatch.store.supervision", "planwatch.store.unit_registry", "planwatch.store.login_limits")

_migrated: set[str] = set()
SUPPORTED_URLS = ("check PLANWATCH_DATABASE_URL: planwatch uses SQLite (sqlite:///planwatch.db) or PostgreSQL "
                  "(postgresql+psycopg://user:password@host/database)")
# SQLite's page cache per connection (KiB; its default is 2,000): at a million records an indicator
# page reads ≈ 900 record rows spread over as many pages, which 2 MB cannot keep between requests, so
# every request read them again from the operating system (≈ 5 ms of the page's 45). Grows as used.
SQLITE_CACHE_KIB = 16_384
# The bulk writer's connection keeps more (`pipeline.writer.BatchWriter`): at a corpus's size each batch inserts
# records and actuals into indexes keyed by indicator, spread over pages 16 MB cannot keep from one batch to
# the next. 56,000-document file, 128 more documents, alternated ×4: storing plan, records and actuals 15.0–16.4
# → 10.8–12.9 CPU ms a document, the writer 66.6–73.3 → 59.3–64.7 (no change in an empty file). Bounded.
SQLITE_WRITER_CACHE_KIB = 262_144


def load_models() -> MetaData:
    """Import every module that declares tables and return the shared metadata."""
    for name in MODEL_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    from planwatch.store.schema import Base

    return Base.metadata


def _sqlite_pragmas(engine: Engine, *, read_only: bool = False) -> None:
    """Foreign keys on, WAL journal, and transactions that really begin at BEGIN (DDL included).

    `read_only`: the journal mode is left as the file has it (setting it is a write)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        """Set the pragmas on every new SQLite connection."""
        dbapi_connection.isolation_level = None  # let SQLAlchemy emit BEGIN itself
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if not read_only:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=60000")  # writers queue for up to a minute (a long ingest batch)
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        cursor.close()
        from planwatch.store.search_index import register_functions

        register_functions(dbapi_connection)  # planwatch_bigrams(), called by the pair index's triggers (0011)

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        """Emit BEGIN so the whole transaction (DDL included) is atomic.

        Write transactions (`transaction()`) BEGIN IMMEDIATE: they wait for the write lock
        (busy_timeout) up front, instead of failing with "database is locked" when a read
        snapshot cannot be upgraded because another process (an ingest) wrote meanwhile.
        """
        mode = connection.get_execution_options().get("sqlite_begin", "")
        connection.exec_driver_sql(f"BEGIN {mode}".strip())


def alembic_config(connection: Any = None) -> Any:
    """An Alembic Config pointing at the packaged migrations (and at `connection`, if given)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@lru_cache(maxsize=1)
def _scripts() -> Any:
    """The packaged migrations, read once a process (Alembic compiles every script to know the revisions: ≈ 40 ms a
    database opened, on each fresh database of a test and each engine a long-running process makes)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def schema_state(engine: Engine) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(the database's revisions, this release's heads, the database's revisions this release does not know)."""
    from alembic.runtime.migration import MigrationContext

    script = _scripts()
    known = {revision.revision for revision in script.walk_revisions()}
    with engine.connect() as connection:
        current = tuple(sorted(MigrationContext.configure(connection).get_current_heads()))
    return current, tuple(sorted(script.get_heads())), tuple(r for r in current if r not in known)


def _pending(current: tuple[str, ...], heads: tuple[str, ...]) -> int:
    """How many migrations lie between `current` and `heads`."""
    return sum(1 for _ in _scripts().iterate_revisions(heads, current or "base")) if current else 0


def newer_schema_message(found: tuple[str, ...], heads: tuple[str, ...]) -> str:
    """The refusal of a database a newer release upgraded."""
    return (f"this database was upgraded by a newer planwatch (schema {', '.join(found)}); this release reads up to "
            f"{', '.join(heads)}: install the newer release or restore the backup taken before the upgrade")


def migrate(engine: Engine, *, sqlite_file: Path | None = None, shown: str = "") -> None:
    """Bring the schema to the newest revision (a no-op when it is there already).

    A new database is built silently. An older one is upgraded with one line on stderr naming the revisions; a SQLite
    file (`sqlite_file`) is first copied beside itself (`backup_name`) with SQLite's backup API, and the upgrade does
    not start when the copy cannot be made. A database at a revision this release does not know (upgraded by a
    newer release) is refused (`StoreError`) and left as it is."""
    from alembic import command

    current, heads, unknown = schema_state(engine)
    if current == heads:
        return
    if unknown:
        raise StoreError(newer_schema_message(unknown, heads))
    if current:
        count = _pending(current, heads)
        where = f"the database {shown} " if shown else "the database "
        note = f"upgrading {where}from schema {', '.join(current)} to {', '.join(heads)} ({count} migrations)"
        if sqlite_file is not None:
            copy = _copy_before_upgrade(sqlite_file, heads)
            note += f"; a copy of it as it was is in {copy}"
        else:
            note += ("; no copy is taken of a PostgreSQL database: `planwatch backup` before installing a newer release "
                     "is the way back")
        print(f"planwatch: {note}", file=sys.stderr, flush=True)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "heads")


def backup_name(path: Path, heads: tuple[str, ...]) -> Path:
    """Where the copy of the SQLite file `path` taken before upgrading it to `heads` goes: `x.db.before-0024` (then
    `x.db.before-0024.2`, … when one is there already, an earlier upgrade that did not finish)."""
    number = heads[0].split("_")[0] if heads else "upgrade"
    candidate = path.with_name(f"{path.name}.before-{number}")
    serial = 1
    while candidate.exists():
        serial += 1
        candidate = path.with_name(f"{path.name}.before-{number}.{serial}")
    return candidate


def _copy_before_upgrade(path: Path, heads: tuple[str, ...]) -> Path:
    """Copy the SQLite file `path` (its write-ahead log included) to `backup_name`, written whole or not at all."""
    target = backup_name(path, heads)
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
    try:
        with closing(sqlite3.connect(f"file:{_uri_path(path)}?mode=ro", uri=True, timeout=60)) as source, \
                closing(sqlite3.connect(partial)) as copy:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise StoreError(f"the database {path} needs upgrading to schema {', '.join(heads)}, but it could not be copied "
                         f"to {target} first ({exc}); nothing was changed: free space beside it, or run "
                         f"`planwatch backup` yourself and upgrade a copy") from None
    return target


def _uri_path(path: Path) -> str:
    """`path` for a SQLite URI (file:…): characters a URI reads as syntax (? # %) escaped."""
    from urllib.parse import quote

    return quote(str(path.resolve()), safe="/")


def read_only_reason(path: Path) -> str | None:
    """Why the existing SQLite file `path` cannot be written by this process (None when it can): the file, or its
    folder (SQLite creates the write-ahead log and its index beside the file)."""
    if not path.is_file():
        return None
    if not os.access(path, os.W_OK):
        return f"the file {path} is read-only"
    if not os.access(path.parent, os.W_OK):
        return f"its folder {path.parent} is read-only"
    return None


def _read_only_url(path: Path) -> str:
    """A SQLAlchemy URL opening `path` read-only: ``mode=ro`` when SQLite can read its write-ahead log (the folder is
    writable, or the log's index `-shm` is there); ``immutable=1`` when the folder is read-only and no log is left
    (SQLite cannot create the index there, and there is nothing in a log to read)."""
    wal, shm = path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")
    mode = "mode=ro"
    if not os.access(path.parent, os.W_OK) and not shm.exists():
        if wal.exists() and wal.stat().st_size > 0:
            raise ReadOnlyError(f"the database {path} is read-only with changes still in its write-ahead log {wal}, "
                                f"which SQLite cannot read without {shm.name} in a read-only folder: copy the files "
                                "to a writable folder, or open it once where it can be written")
        mode = "immutable=1"
    return f"sqlite:///file:{_uri_path(path)}?{mode}&uri=true"


def is_read_only(engine: Engine) -> bool:
    """Whether `engine` was opened read-only (a SQLite URI with mode=ro or immutable=1)."""
    query = engine.url.query
    return engine.dialect.name == "sqlite" and (query.get("mode") == "ro" or query.get("immutable") == "1")


def connect(url: str | None = None, *, migrate_schema: bool = True, create: bool = True) -> Engine:
    """An engine for `url` (default: the settings' database), schema migrated to the latest revision.

    `create=False` (commands that only read or change what is stored): a SQLite file that does not
    exist is refused in one line instead of created empty, so a mistyped PLANWATCH_DB does not show
    "0 plans" and leave an empty database (and its folders) behind. A SQLite file this process cannot
    write (`read_only_reason`) is opened read-only, without migrating it: it reads as it is, and every
    write (`transaction`) is refused with `ReadOnlyError`.
    """
    url = url or get_settings().url
    try:
        parsed = make_url(url)
    except Exception:
        raise StoreError(f"database URL {_masked(url)!r} is not valid: {_url_problem(url)}; {SUPPORTED_URLS}") from None
    kwargs: dict[str, Any] = {}
    sqlite_file: Path | None = None
    read_only: str | None = None
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            path = Path(database).expanduser()
            if not create and not path.exists():
                raise NotFoundError(f"no database at {database}: run `planwatch ingest FILE` or `planwatch demo` first, "
                                    "or set PLANWATCH_DB to the database in use", kind="database", key=database)
            read_only = read_only_reason(path)
            if read_only:
                parsed = make_url(_read_only_url(path))
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                sqlite_file = path
    else:
        kwargs["pool_pre_ping"] = True
    try:
        engine = create_engine(parsed, **kwargs)
    except ImportError as exc:  # a dialect whose driver is not installed (mysql:// needs MySQLdb)
        raise StoreError(f"database URL {parsed.render_as_string()}: its driver {exc.name or exc} is not installed; "
                         f"{SUPPORTED_URLS}") from None
    except NoSuchModuleError:  # an unknown scheme (nonsense://) or driver (postgresql+nodriver://)
        raise StoreError(f"database URL {parsed.render_as_string()}: unknown kind of database {parsed.drivername!r}; "
                         f"{SUPPORTED_URLS}") from None
    except ArgumentError as exc:  # an option the dialect refuses
        raise StoreError(f"database URL {parsed.render_as_string()}: {_first_line(exc)}; {SUPPORTED_URLS}") from None
    if parsed.get_backend_name() == "sqlite":
        _sqlite_pragmas(engine, read_only=is_read_only(engine))
    key = parsed.render_as_string(hide_password=False)
    if migrate_schema and key not in _migrated:
        try:
            if is_read_only(engine):
                _check_read_only_schema(engine, read_only or "it was opened read-only")
            else:
                migrate(engine, sqlite_file=sqlite_file, shown=str(sqlite_file or ""))
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot open database {parsed.render_as_string()}: {_first_line(exc)}") from None
        if not (parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:")):
            _migrated.add(key)
    return engine


def _check_read_only_schema(engine: Engine, reason: str) -> None:
    """A read-only database is read as it is: refused when its schema is not this release's (it cannot be upgraded)."""
    current, heads, unknown = schema_state(engine)
    if unknown:
        raise StoreError(newer_schema_message(unknown, heads))
    if current != heads:
        raise ReadOnlyError(f"the database is read-only ({reason}) and its schema {', '.join(current) or '(none)'} is "
                            f"older than this release's {', '.join(heads)}, which it cannot be upgraded to: upgrade a "
                            "writable copy, or read it with the release that wrote it")


READ_ONLY_WRITE = ("database write failed, nothing was changed: the database is read-only (its file or its folder "
                   "cannot be written, or its URL opens it read-only); give planwatch write access to both to change it")


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """A session whose writes all commit at the end of the block, or all roll back on error; on a database opened
    read-only, a `ReadOnlyError` before anything is tried."""
    if is_read_only(engine):
        raise ReadOnlyError(READ_ONLY_WRITE)
    writer = engine.execution_options(sqlite_begin="IMMEDIATE") if engine.dialect.name == "sqlite" else engine
    with Session(writer, expire_on_commit=False) as session:
        try:
            with session.begin():
                yield session
        except SQLAlchemyError as exc:
            raise StoreError(f"database write failed, nothing was changed: {_first_line(exc)}") from exc


_PASSWORD = re.compile(r"(://[^/@:]*:)[^/@]*@")  # user:PASSWORD@ in a URL too malformed to parse


def _masked(url: str) -> str:
    """`url` with its password, if any, as *** (a URL SQLAlchemy cannot parse cannot hide it itself)."""
    return _PASSWORD.sub(r"\1***@", url)


def masked_url(url: str) -> str:
    """A database URL to print: its password as *** (postgresql+psycopg://postgres:***@127.0.0.1/db), however it
    is written; every message naming the database says it so, never the password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # a URL SQLAlchemy cannot parse: the pattern still hides user:PASSWORD@
        return _masked(url)


def _url_problem(url: str) -> str:
    """Why SQLAlchemy could not read a database URL, in words (not "Could not parse SQLAlchemy URL from given URL
    string" nor "invalid literal for int() with base 10")."""
    port = re.search(r"@[^/:]*:([^/?]*)", url)
    if port and not port.group(1).isdigit():
        return f"its port {port.group(1)!r} is not a number"
    if not url.partition("://")[0] or "://" not in url:
        return "it names no kind of database before ://"
    return "it is not written kind://user:password@host/database"


def _first_line(exc: BaseException) -> str:
    """The first line of an exception's message (driver errors run to many lines)."""
    text = str(getattr(exc, "orig", None) or exc)
    return text.strip().splitlines()[0] if text.strip() else type(exc).__name__
