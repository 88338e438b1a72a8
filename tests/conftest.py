"""Shared fixtures: a fresh real database per test (SQLite file, or PostgreSQL when configured).

- Every test runs with ``PLANWATCH_DB`` pointing into its own tmp_path, so nothing ever
  touches ``./planwatch.db``; settings are re-read per test.
- ``db_url``: a fresh, migrated, empty database; also exported as ``PLANWATCH_DATABASE_URL``
  so CLI commands run in-process use it. With ``PLANWATCH_TEST_DATABASE_URL`` set (a
  ``postgresql+psycopg://`` URL of a server where we may CREATE DATABASE) it is a new
  PostgreSQL database, dropped after the test; else a SQLite file in tmp_path.
- ``blank_db_url``: the same, but not migrated (for migration tests).
- ``engine``: ``connect(db_url)``.
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from planwatch.settings import get_settings

# Property tests assert behaviour, not speed: no per-example deadline (a loaded CI machine or two xdist
# workers on two cores made a 200 ms deadline fail now and then). Speed belongs in benchmarks/.
hypothesis_settings.register_profile("planwatch", deadline=None)
hypothesis_settings.load_profile("planwatch")

PG_ENV = "PLANWATCH_TEST_DATABASE_URL"
CHROMIUM = Path("/usr/bin/chromium")  # Debian's, driven by Playwright (never its own browser download)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# Password hashes at argon2id's smallest setting (1 MiB): the same algorithm and checks at a few milliseconds a
# login instead of a quarter of a second (the suite logs in hundreds of times). Set here, before any process or
# fixture reads the settings, so CLI subprocesses inherit it; tests/web/test_accounts.py checks the default.
os.environ.setdefault("PLANWATCH_PASSWORD_MEMORY_KIB", "1024")


def _pg_server() -> str | None:
    """The PostgreSQL server URL tests may create databases on, if any."""
    return os.environ.get(PG_ENV) or None


def _pg_admin(server: str) -> Engine:
    """An autocommit engine on the server's maintenance database (CREATE/DROP DATABASE)."""
    url = make_url(server).set(database="postgres")
    return create_engine(url, isolation_level="AUTOCOMMIT")


def _pg_create(server: str, template: str | None = None) -> str:
    """Create a uniquely named database (optionally copied from `template`); return its URL."""
    name = f"pw_test_{uuid.uuid4().hex[:16]}"
    admin = _pg_admin(server)
    try:
        with admin.connect() as conn:
            suffix = f' TEMPLATE "{template}"' if template else ""
            conn.execute(text(f'CREATE DATABASE "{name}"{suffix}'))
    finally:
        admin.dispose()
    return make_url(server).set(database=name).render_as_string(hide_password=False)


def _pg_drop(server: str, url: str) -> None:
    """Drop the database of `url`, closing connections still open on it (retried: autovacuum may hold it)."""
    name = make_url(url).database
    admin = _pg_admin(server)
    try:
        for attempt in range(20):
            try:
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                return
            except DBAPIError as exc:
                last = exc
                time.sleep(0.1 * (attempt + 1))
        warnings.warn(f"test database {name} could not be dropped: {last.orig}", stacklevel=2)
    finally:
        admin.dispose()


# The fixtures that give a test its own database (web's demo_url copies the demo database): a test using one of
# them is marked `database`, and the PostgreSQL pass of `make test` runs those only (the others would repeat the
# SQLite pass exactly: their outcome cannot depend on the server).
DATABASE_FIXTURES = frozenset({"db_url", "blank_db_url", "demo_url", "_template_db", "demo_template"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark `database` every test that gets a test database."""
    for item in items:
        if DATABASE_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.database)


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Point the default database into tmp_path and forget cached settings around each test."""
    monkeypatch.setenv("PLANWATCH_DB", str(tmp_path / "planwatch.db"))
    monkeypatch.setenv("PLANWATCH_EVIDENCE_DIR", str(tmp_path / "evidence"))  # task evidence files (supervision)
    monkeypatch.setenv("PLANWATCH_DATABASE_URL", "")  # empty, not unset: a .env file cannot point tests elsewhere
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def _template_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A migrated empty database made once per session; `db_url` copies it."""
    from planwatch.store.db import connect

    server = _pg_server()
    if server:
        url = _pg_create(server)
        connect(url).dispose()
        yield make_url(url).database or ""
        _pg_drop(server, url)
    else:
        path = tmp_path_factory.mktemp("template") / "template.db"
        engine = connect(f"sqlite:///{path}")
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()
        yield str(path)


@pytest.fixture
def blank_db_url(tmp_path: Path) -> Iterator[str]:
    """A fresh database with no tables at all."""
    server = _pg_server()
    if server:
        url = _pg_create(server)
        yield url
        _pg_drop(server, url)
    else:
        yield f"sqlite:///{tmp_path / 'blank.db'}"


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _template_db: str) -> Iterator[str]:
    """A fresh migrated database for this test, also set as the process's default database."""
    yield from database_copy(_template_db, tmp_path / "test.db", monkeypatch)


def database_copy(template: str, path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Yield the URL of a fresh copy of `template` (a PostgreSQL database name, or a SQLite file
    copied to `path`), set as the process's default database; drop it afterwards."""
    server = _pg_server()
    if server:
        url = _pg_create(server, template=template)
    else:
        shutil.copyfile(template, path)
        url = f"sqlite:///{path}"
    monkeypatch.setenv("PLANWATCH_DATABASE_URL", url)
    get_settings.cache_clear()
    yield url
    if server:
        _pg_drop(server, url)


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """An engine on this test's database."""
    from planwatch.store.db import connect

    eng = connect(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def pingshan_store(engine: Engine) -> Engine:
    """A store holding the bundled Pingshan 2019 plan, read by the real extractor."""
    from planwatch.documents import bundled_plan_path, load
    from planwatch.pipeline import ingest_document

    ingest_document(engine, load(bundled_plan_path()))
    return engine


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    """One Chromium for the test process, shared by the browser tests (each test opens its own context).

    Launched on first use, so a run without browser tests starts none; one launch per module cost ~1 s each.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield launched
        launched.close()
