"""Engines and transactions: default location, SQLite pragmas, all-or-nothing writes."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from planwatch.errors import StoreError
from planwatch.settings import get_settings
from planwatch.store.db import connect, transaction
from planwatch.store.schema import Government


def test_default_database_follows_planwatch_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "sub" / "mine.db"
    monkeypatch.setenv("PLANWATCH_DB", str(target))
    get_settings.cache_clear()
    engine = connect()
    assert engine.url.database == str(target) and target.exists()
    engine.dispose()


def test_sqlite_has_foreign_keys_and_wal(engine: Engine) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite pragmas")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_sqlite_page_cache_holds_a_large_page(engine: Engine) -> None:
    """Each connection keeps up to 16 MB of pages (SQLite's default, 2 MB, is re-read from the operating
    system on every indicator page at a million records)."""
    from planwatch.store.db import SQLITE_CACHE_KIB

    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite pragmas")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -SQLITE_CACHE_KIB == -16_384


def test_transaction_commits_or_rolls_back_everything(engine: Engine) -> None:
    with transaction(engine) as s:
        s.add(Government(name="甲市", level="city"))
    with pytest.raises(RuntimeError), transaction(engine) as s:
        s.add(Government(name="乙市", level="city"))
        s.flush()
        raise RuntimeError("boom")
    with pytest.raises(StoreError, match="nothing was changed"), transaction(engine) as s:
        s.add(Government(name="丙市", level="city"))
        s.flush()
        s.add(Government(name="甲市", level="city"))  # unique name violated
        s.flush()
    with Session(engine) as s:
        assert s.scalars(select(Government.name)).all() == ["甲市"]


def test_foreign_keys_are_enforced(engine: Engine) -> None:
    with pytest.raises(StoreError), transaction(engine) as s:
        s.execute(text("INSERT INTO plan (government_id, year, title, kind, doc, source_name, content_hash, text,"
                       " ingested_at) VALUES (999, 2019, 't', 'plan', 'd', 's', 'h', '', CURRENT_TIMESTAMP)"))
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(Government)) == 0


def test_bad_url_is_one_clear_error() -> None:
    with pytest.raises(StoreError, match="not valid"):
        connect("not a url")


def test_unreachable_server_is_one_clear_error() -> None:
    with pytest.raises(StoreError, match="cannot open database") as info:
        connect("postgresql+psycopg://nobody:secret@127.0.0.1:1/none?connect_timeout=2")
    assert "\n" not in str(info.value) and "secret" not in str(info.value)
