"""Web fixtures: a database with the bundled plan and one user per role, copied fresh per test.

The demo database (plan ingested, users and API tokens made) is built once per
session and copied for each test: a SQLite file copy, or ``CREATE DATABASE …
TEMPLATE`` on PostgreSQL (``PLANWATCH_TEST_DATABASE_URL``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import ARGS, CHROMIUM, _pg_create, _pg_drop, _pg_server, database_copy  # noqa: F401  (ARGS, CHROMIUM: the browser tests')
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

PASSWORD = "correct-horse-9"
OTHER_UNIT = "区某某局（测试）"


@dataclass
class Demo:
    """What the demo database holds for the tests."""

    template: str
    tokens: dict[str, str] = field(default_factory=dict)
    unit: str = ""  # the unit of `task_id` (the editor's)
    task_id: int = 0  # a task of `unit` that targets `indicator_id`
    other_task_id: int = 0  # a task of another unit
    indicator_id: int = 0
    other_indicator_id: int = 0  # an indicator no task of `unit` targets
    plan_id: int = 0


def _build(engine: Engine, demo: Demo) -> None:
    """Ingest the bundled plan and add users admin, editor, editor2 (another unit) and viewer."""
    from planwatch.cli.store import load_demo
    from planwatch.store.accounts import add_user, create_token
    from planwatch.store.db import transaction
    from planwatch.store.schema import Plan, Record
    from planwatch.store.tasks import Task

    load_demo(engine)
    with Session(engine) as session:
        demo.plan_id = session.scalar(select(Plan.id))
        for task in session.scalars(select(Task).where(Task.kind == "task").order_by(Task.id)):
            if task.record_positions and task.unit_name and not demo.task_id:
                ind = session.scalar(select(Record.indicator_id).where(
                    Record.plan_id == task.plan_id, Record.position.in_(task.record_positions),
                    Record.indicator_id.is_not(None)))
                if ind:
                    demo.task_id, demo.unit, demo.indicator_id = task.id, task.unit_name, ind
        assert demo.task_id, "the demo plan should have a task with a target"
        demo.other_task_id = next(t.id for t in session.scalars(select(Task).where(Task.kind == "task"))
                                  if t.unit_name and t.unit_name != demo.unit)
        from planwatch.web.task_queries import indicator_units

        demo.other_indicator_id = next(
            i for i in session.scalars(select(Record.indicator_id).where(Record.indicator_id.is_not(None)).distinct())
            if demo.unit not in indicator_units(session, i))
    with transaction(engine) as session:
        from planwatch.store.unit_registry import add_unit

        add_unit(session, OTHER_UNIT, who="tests")  # accounts name registered units only
        add_user(session, "admin", PASSWORD, "admin", display_name="管理员")
        add_user(session, "editor", PASSWORD, "editor", [demo.unit], display_name="联络员")
        add_user(session, "editor2", PASSWORD, "editor", [OTHER_UNIT])
        add_user(session, "viewer", PASSWORD, "viewer")
        add_user(session, "office", PASSWORD, "office", display_name="督办科")  # the planning office (supervision)
        for name in ("admin", "editor", "editor2", "viewer", "office"):
            demo.tokens[name] = create_token(session, name, "tests")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    """The demo database, built once per test session."""
    from planwatch.store.db import connect

    server = _pg_server()
    if server:
        url = _pg_create(server)
        demo = Demo(template=make_url(url).database or "")
        engine = connect(url)
        _build(engine, demo)
        engine.dispose()
        yield demo
        _pg_drop(server, url)
    else:
        path = tmp_path_factory.mktemp("webdemo") / "demo.db"
        demo = Demo(template=str(path))
        engine = connect(f"sqlite:///{path}")
        _build(engine, demo)
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()
        yield demo


@pytest.fixture
def demo_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, demo_template: Demo) -> Iterator[str]:
    """A fresh copy of the demo database for this test."""
    yield from database_copy(demo_template.template, tmp_path / "demo.db", monkeypatch)


@pytest.fixture
def demo(demo_template: Demo, demo_url: str) -> Demo:
    """Facts about the demo database (its copy is `demo_url`)."""
    return demo_template


@pytest.fixture
def demo_engine(demo_url: str) -> Iterator[Engine]:
    """An engine on this test's copy of the demo database."""
    from planwatch.store.db import connect

    engine = connect(demo_url)
    yield engine
    engine.dispose()


def make_client(engine: Engine, **settings: object) -> TestClient:
    """A TestClient on a fresh app over `engine` (settings overridden by keyword)."""
    from planwatch.settings import Settings
    from planwatch.web.app import create_app

    app = create_app(Settings(secret_key="test-secret", **settings), engine=engine)
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture
def client(demo_engine: Engine) -> Iterator[TestClient]:
    """An anonymous browser on the demo database."""
    with make_client(demo_engine) as test_client:
        yield test_client


def csrf_of(client: TestClient) -> str:
    """The CSRF token of `client`'s session (visiting a page first if it has none)."""
    import re

    html = client.get("/login").text
    match = re.search(r'name="csrf-token" content="([^"]+)"', html)
    assert match
    return match.group(1)


def login(client: TestClient, username: str, password: str = PASSWORD) -> TestClient:
    """Log `client` in through the form (with its CSRF token)."""
    response = client.post("/login", data={"username": username, "password": password, "csrf_token": csrf_of(client),
                                           "next": "/"}, follow_redirects=False)
    assert response.status_code == 303, response.text[:300]
    return client


@pytest.fixture
def newer_plan(demo_engine: Engine) -> int:
    """Another government's plan, for a later year, ingested after the demo plan: the newest plan with tasks."""
    from planwatch.documents import bundled_plan_path, load
    from planwatch.pipeline import ingest_document
    from planwatch.store.tasks import latest_plan

    example = bundled_plan_path().parent / "examples" / "national-gwr-2018.txt"
    plan_id = ingest_document(demo_engine, load(example), government="北京市", year=2090).plan_id
    with Session(demo_engine) as session:
        assert getattr(latest_plan(session), "id", None) == plan_id
    return plan_id


def unmark(html: str) -> str:
    """An English page without the `<span lang="zh-CN">` marks around its Chinese (`web.lang_marks`): its text as
    written, for tests that look for a phrase mixing English and Chinese ("0.4 percentage points above 全国")."""
    import re

    return re.sub(r'<span lang="zh-CN">(.*?)</span>', r"\1", html)

