"""`planwatch copy --to URL`: every row of the database in use into another, empty one, counts checked (review ux4
item 10: no way to move from SQLite to PostgreSQL; `restore` across kinds is refused, and re-ingesting gives the tasks
new ids, so their history, assignments and reports could not be re-attached).

The source is the web tests' demo database (accounts, tokens, a plan, tasks) with an assignment, a report and an
entered actual added; the target is a new SQLite file, and a new PostgreSQL database too when
PLANWATCH_TEST_DATABASE_URL names a server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date
from pathlib import Path

import pytest
from cli_support import run
from conftest import _pg_create, _pg_drop, _pg_server
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from planwatch.store.db import connect, load_models

from .conftest import Demo


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'copy' / 'target.db'}"
        return
    server = _pg_server()
    if not server:
        pytest.skip("PLANWATCH_TEST_DATABASE_URL names no PostgreSQL server")
    url = _pg_create(server)
    yield url
    _pg_drop(server, url)


def _supervise(engine: Engine, demo: Demo) -> None:
    from planwatch.store.db import transaction
    from planwatch.store.supervision import assign, report

    with transaction(engine) as session:
        assign(session, demo.task_id, "office", "office", lead=demo.unit, deadline=date(2026, 12, 10))
    with transaction(engine) as session:
        report(session, demo.task_id, "editor", "editor", {demo.unit}, status="推进中", progress=40, evidence="已完成方案编制")


def _snapshot(url: str) -> dict[str, object]:
    engine = connect(url)
    try:
        with Session(engine) as session:
            tables = load_models().tables
            counts = {t.name: session.scalar(select(func.count()).select_from(t)) for t in tables.values()}
            updates, users = tables["task_update"], tables["app_user"]
            history = session.execute(select(updates.c.task_id, updates.c.status_to, updates.c.progress,
                                             updates.c.evidence, updates.c.who, updates.c.at).order_by(updates.c.id)).all()
            users = session.execute(select(users.c.id, users.c.username, users.c.role).order_by(users.c.id)).all()
        # a time as the instant it names: PostgreSQL gives it with its zone (UTC), SQLite without
        history = [(*r[:-1], r[-1].astimezone(UTC).replace(tzinfo=None) if r[-1].tzinfo else r[-1]) for r in history]
        return {"counts": counts, "history": history, "users": [tuple(r) for r in users]}
    finally:
        engine.dispose()


def test_copy_moves_every_row_and_checks_the_counts(demo: Demo, demo_engine: Engine, demo_url: str, target: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    _supervise(demo_engine, demo)
    code, out, err = run(capsys, "copy", "--to", target)
    assert code == 0, err
    assert "every count matches" in out
    before, after = _snapshot(demo_url), _snapshot(target)
    assert after == before
    assert after["history"] and after["history"][0][0] == demo.task_id  # the report is on the same task id
    engine = connect(target)
    try:  # the target goes on: new rows get new ids, search finds the copied plan
        from planwatch.store.accounts import add_user
        from planwatch.store.db import transaction

        with transaction(engine) as session:
            add_user(session, "newcomer", "a-long-password-1", "viewer")
        from planwatch.web.search import search_plans, search_records

        with Session(engine) as session:
            assert search_plans(session, ["坪山"], 5)
            assert search_records(session, ["地区生产总值"], 5)
    finally:
        engine.dispose()


def test_copy_refuses_a_target_that_holds_rows(demo: Demo, demo_url: str, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other.db"
    code, _out, err = run(capsys, "copy", "--to", f"sqlite:///{other}")
    assert code == 0, err
    code, _out, err = run(capsys, "copy", "--to", f"sqlite:///{other}")
    assert code == 2
    assert "the target database already holds rows" in err


def test_copy_refuses_the_database_in_use(demo_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = run(capsys, "copy", "--to", demo_url)
    assert code == 2 and "the target is the database in use" in err
