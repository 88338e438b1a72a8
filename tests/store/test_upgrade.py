"""Upgrading a database is said, and a SQLite file is copied first; a database a newer release upgraded is refused
(review ux4 item 11: `planwatch plans` migrated a 0017 database to 0024 without a word or a copy, and the older
release then failed with "CommandError: Can't locate revision …; this is a bug")."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from cli_support import run
from sqlalchemy import create_engine

from planwatch.settings import get_settings
from planwatch.store.db import alembic_config

OLD = "0017_plan_text_lz4"


def _head() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def _steps() -> int:
    """How many migrations lead from OLD to the head (one more with each migration added)."""
    script = ScriptDirectory.from_config(alembic_config())
    return len(list(script.iterate_revisions(_head(), OLD)))  # OLD itself not counted


def _revision(path: Path) -> str:
    with sqlite3.connect(path) as connection:
        return str(connection.execute("SELECT version_num FROM alembic_version").fetchone()[0])


@pytest.fixture
def old_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A SQLite file at the schema of an older release (Alembic stopped at 0017), with an account in it."""
    path = tmp_path / "x.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), OLD)
        connection.exec_driver_sql("INSERT INTO app_user (username, display_name, role, password_hash, active, created_at) "
                                   "VALUES ('duban', '督办', 'office', 'x', 1, '2026-01-01 00:00:00')")
    engine.dispose()
    monkeypatch.setenv("PLANWATCH_DATABASE_URL", f"sqlite:///{path}")
    get_settings.cache_clear()
    return path


def test_an_older_database_is_copied_then_upgraded_with_one_line(old_database: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "users", "list")
    assert code == 0, err
    copy = old_database.with_name(f"x.db.before-{_head().split('_')[0]}")
    assert err.splitlines() == [f"planwatch: upgrading the database {old_database} from schema {OLD} to {_head()} "
                                f"({_steps()} migrations); a copy of it as it was is in {copy}"]
    assert "duban" in out
    assert _revision(old_database) == _head()
    assert _revision(copy) == OLD  # the copy is the database as the older release left it, account and all
    with sqlite3.connect(copy) as connection:
        assert connection.execute("SELECT username FROM app_user").fetchall() == [("duban",)]
    from planwatch.store import db

    db._migrated.clear()
    code, _out, err = run(capsys, "users", "list")  # up to date now: nothing more to say, no second copy
    assert (code, err) == (0, "")
    assert sorted(p.name for p in old_database.parent.glob("x.db.before-*")) == [copy.name]


def test_a_second_copy_does_not_overwrite_the_first(old_database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = old_database.with_name(f"x.db.before-{_head().split('_')[0]}")
    first.write_bytes(b"an earlier copy")
    code, _out, err = run(capsys, "plans")
    assert code == 0, err
    assert first.read_bytes() == b"an earlier copy"
    assert f"a copy of it as it was is in {first}.2" in err
    assert _revision(Path(f"{first}.2")) == OLD


def test_a_database_a_newer_release_upgraded_is_refused(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    if not db_url.startswith("sqlite:///"):
        pytest.skip("the schema revision is changed in the SQLite file")
    path = Path(db_url.removeprefix("sqlite:///"))
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0031_from_a_newer_release'")
    from planwatch.store import db

    db._migrated.clear()
    code, out, err = run(capsys, "plans")
    assert code == 2
    assert out == ""
    assert err.splitlines() == [f"planwatch: this database was upgraded by a newer planwatch (schema "
                                f"0031_from_a_newer_release); this release reads up to {_head()}: install the newer "
                                "release or restore the backup taken before the upgrade"]
    assert _revision(path) == "0031_from_a_newer_release"  # left as it is
    assert not list(path.parent.glob("*.before-*"))


def test_the_copy_restores_the_database_as_it_was(old_database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The way back docs/operating.md gives: `planwatch restore x.db.before-NNNN --yes`."""
    assert run(capsys, "plans")[0] == 0
    copy = old_database.with_name(f"x.db.before-{_head().split('_')[0]}")
    code, out, err = run(capsys, "restore", str(copy), "--yes")
    assert code == 0, err
    assert out.startswith(f"restored the sqlite database from {copy}")
    assert _revision(old_database) == OLD


def test_an_older_database_of_either_kind_is_upgraded_with_one_line(blank_db_url: str,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """PostgreSQL too (PLANWATCH_TEST_DATABASE_URL): the line says no copy is taken."""
    from planwatch.store.db import connect

    engine = create_engine(blank_db_url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), OLD)
    engine.dispose()
    connect(blank_db_url).dispose()
    err = capsys.readouterr().err
    assert f"from schema {OLD} to {_head()} ({_steps()} migrations)" in err
    if blank_db_url.startswith("postgresql"):
        assert "no copy is taken of a PostgreSQL database" in err
    else:
        assert "a copy of it as it was is in" in err
