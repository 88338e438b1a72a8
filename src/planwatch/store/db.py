"""Engines and transactions: connect to SQLite or PostgreSQL, migrate to the latest schema.

`connect()` brings the database to the newest Alembic revision shipped in
``store/migrations`` (no alembic.ini needed); `transaction()` is the only way the
rest of planwatch writes: everything inside commits together or not at all.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, MetaData, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.orm import Session

from planwatch.errors import NotFoundError, StoreError
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


def _sqlite_pragmas(engine: Engine) -> None:
    """Foreign keys on, WAL journal, and transactions that really begin at BEGIN (DDL included)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        """Set the pragmas on every new SQLite connection."""
        dbapi_connection.isolation_level = None  # let SQLAlchemy emit BEGIN itself
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
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


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (a no-op when it is there already)."""
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    heads = set(ScriptDirectory.from_config(alembic_config()).get_heads())
    with engine.begin() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
        if current == heads:
            return
        command.upgrade(alembic_config(connection), "heads")


def connect(url: str | None = None, *, migrate_schema: bool = True, create: bool = True) -> Engine:
    """An engine for `url` (default: the settings' database), schema migrated to the latest revision.

    `create=False` (commands that only read or change what is stored): a SQLite file that does not
    exist is refused in one line instead of created empty, so a mistyped PLANWATCH_DB does not show
    "0 plans" and leave an empty database (and its folders) behind.
    """
    url = url or get_settings().url
    try:
        parsed = make_url(url)
    except Exception:
        raise StoreError(f"database URL {_masked(url)!r} is not valid: {_url_problem(url)}; {SUPPORTED_URLS}") from None
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:" and not database.startswith("file:"):
            path = Path(database).expanduser()
            if not create and not path.exists():
                raise NotFoundError(f"no database at {database}: run `planwatch ingest FILE` or `planwatch demo` first, "
                                    "or set PLANWATCH_DB to the database in use", kind="database", key=database)
            path.parent.mkdir(parents=True, exist_ok=True)
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
        _sqlite_pragmas(engine)
    key = parsed.render_as_string(hide_password=False)
    if migrate_schema and key not in _migrated:
        try:
            migrate(engine)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot open database {parsed.render_as_string()}: {_first_line(exc)}") from None
        if not (parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:")):
            _migrated.add(key)
    return engine


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """A session whose writes all commit at the end of the block, or all roll back on error."""
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
