"""The lead unit a 分工方案's note names (`Task.named_unit`): stored by every ingest path, shown as the document's.

Branch fix-tasks8 reads "（区工信局、开发区管委会主办，各街道协办）" and "牵头单位：区发改委" into the extracted task's
`lead_unit`; the store kept only the suggestion made from it, so the pages, the API and the report called the text's
own lead unit a machine's suggestion ("区发改委 (建议)", "未交办，建议区发改委牵头"). The passage is the constructed
分工方案 of tests/data/tasks/fix-tasks8-examples.json, ingested with `planwatch ingest` into SQLite files.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from cli_support import run
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from planwatch.report.model import build_report
from planwatch.report.workbook import workbook
from planwatch.settings import get_settings
from planwatch.store.db import connect, transaction
from planwatch.store.tasks import Task

DATA = Path(__file__).resolve().parents[1] / "data" / "tasks" / "fix-tasks8-examples.json"
TITLE = "深圳市坪山区{year}年政府工作报告重点任务分工方案\n"
# what the notes name, by a task of each item: the text's names as written
NAMED = {"积极推进智能制造示范工厂建设": "区工信局、开发区管委会", "培育数字经济核心产业企业15家": "区发改委",
         "持续优化企业服务机制": "开发区管委会", "组建区级产业引导基金": "区财政局、区金融办"}


def _write(folder: Path, year: int = 2026) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"pingshan-{year}.txt"
    text = json.loads(DATA.read_text(encoding="utf-8"))["breakdown"]["text"]
    path.write_text(TITLE.format(year=year) + text.replace("2026", str(year)), encoding="utf-8")
    return path


def _named(engine: Engine, year: int = 2026) -> dict[str, str | None]:
    """{task quote: named unit} of the plan of `year`."""
    from planwatch.store.schema import Plan

    with Session(engine) as session:
        rows = session.execute(select(Task.quote, Task.named_unit).join(Plan, Plan.id == Task.plan_id)
                               .where(Plan.year == year, Task.kind == "task")).all()
    return {"".join(quote.split()): named for quote, named in rows}


def _check(named: dict[str, str | None]) -> None:
    for start, unit in NAMED.items():
        assert [n for q, n in named.items() if q.startswith(start)] == [unit], start
    assert all(named.values()), named  # every item of this 分工方案 has its note


@pytest.fixture
def ingested(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Iterator[Engine]:
    """The passage ingested alone with `planwatch ingest FILE` into this test's database."""
    code, out, err = run(capsys, "ingest", str(_write(tmp_path / "one")))
    assert code == 0 and "added" in out, err
    engine = connect(db_url)
    yield engine
    engine.dispose()


def test_single_and_worker_ingests_store_the_named_unit(ingested: Engine, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    single = _named(ingested)
    _check(single)
    folder = tmp_path / "many"
    _write(folder, 2026), _write(folder, 2027)
    bulk_db = tmp_path / "bulk.db"
    monkeypatch.setenv("PLANWATCH_DATABASE_URL", f"sqlite:///{bulk_db}")
    get_settings.cache_clear()
    code, out, err = run(capsys, "ingest", str(folder), "--workers", "2")
    assert code == 0 and out.count("added") == 2, err
    bulk = connect(f"sqlite:///{bulk_db}")
    try:
        assert _named(bulk) == single  # the same value by the worker path
        _check(_named(bulk, 2027))
    finally:
        bulk.dispose()


def test_extracting_again_keeps_the_named_unit(ingested: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    """`planwatch tasks refresh` rewrites kept rows through the ORM (not the bulk insert of a new plan)."""
    with transaction(ingested) as session:
        session.execute(update(Task).values(named_unit=None))
    code, _out, err = run(capsys, "tasks", "refresh", "--all")
    assert code == 0, err
    _check(_named(ingested))


def test_an_achievement_or_a_task_without_a_note_names_none(engine: Engine) -> None:
    from planwatch.documents import bundled_plan_path, load
    from planwatch.pipeline import ingest_document

    plan = ingest_document(engine, load(bundled_plan_path()), government="深圳市坪山区", year=2019).plan_id
    with Session(engine) as session:
        assert session.scalars(select(Task.named_unit).where(Task.plan_id == plan)).all()
        assert set(session.scalars(select(Task.named_unit).where(Task.plan_id == plan))) == {None}


def _client(engine: Engine) -> TestClient:
    from planwatch.settings import Settings
    from planwatch.web.app import create_app

    return TestClient(create_app(Settings(secret_key="test-secret"), engine=engine), raise_server_exceptions=False)


def _task_id(engine: Engine, start: str) -> int:
    with Session(engine) as session:
        task_id = session.scalar(select(Task.id).where(Task.quote.startswith(start)))
    assert task_id is not None
    return task_id


def test_pages_and_api_say_the_document_names_the_unit(ingested: Engine) -> None:
    task_id = _task_id(ingested, "培育数字经济核心产业企业15家")
    with _client(ingested) as client:
        data = client.get(f"/api/tasks/{task_id}").json()
        task = data.get("task", data)
        assert task["named_unit"] == "区发改委" and not task["unit_assigned"]
        listed = {t["id"]: t for g in client.get("/api/tasks", params={"size": 500}).json()["groups"] for t in g["tasks"]}
        assert listed[task_id]["named_unit"] == "区发改委"
        for page in (client.get(f"/tasks/{task_id}"), client.get("/tasks")):
            assert page.status_code == 200
            text = re.sub(r"<[^>]+>", "", page.text)
            assert "文件指定：区发改委" in text and "区发改委 (建议)" not in text


def test_the_report_and_workbook_say_the_document_names_the_unit(ingested: Engine) -> None:
    task_id = _task_id(ingested, "培育数字经济核心产业企业15家")
    with transaction(ingested) as session:  # reported on, past its deadline, not yet assigned
        session.execute(update(Task).where(Task.id == task_id).values(status="推进中", deadline=date(2026, 3, 31)))
    plan = session_plan(ingested, task_id)
    report = build_report(ingested, plan, charts=False)
    late = [unit for d in report.domains for _task, unit in d.late]
    assert "区发改委" not in "".join(late)  # no unit answers for it yet: late for nobody (it read 未交办，文件指定…)
    sheet = load_workbook(BytesIO(workbook(ingested, plan)))["任务"]
    rows = {r[0].value: [c.value for c in r] for r in sheet.iter_rows(min_row=2)}
    assert rows[task_id][3] in ("", None) and rows[task_id][4] == "文件指定：区发改委"


def session_plan(engine: Engine, task_id: int) -> int:
    with Session(engine) as session:
        task = session.get(Task, task_id)
        assert task is not None
        return task.plan_id


def test_assigning_the_task_records_the_unit_the_document_named(ingested: Engine) -> None:
    from planwatch.store.supervision import assign
    from planwatch.store.tasks import TaskUpdate

    task_id = _task_id(ingested, "培育数字经济核心产业企业15家")
    with transaction(ingested) as session:
        assign(session, task_id, "office", "office", lead="区发展和改革局")
        notes = session.scalars(select(TaskUpdate.evidence).where(TaskUpdate.task_id == task_id)).all()
    assert notes == ["交办给区发展和改革局（原文件指定单位：区发改委）"]  # handed over, not "changed" (review ux4 #20)


def test_the_cli_task_list_says_the_document_names_the_unit(ingested: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    """`planwatch tasks` words a task's unit as the pages do: 文件指定 / 建议, never as if it were assigned."""
    task_id = _task_id(ingested, "培育数字经济核心产业企业15家")
    code, out, err = run(capsys, "tasks")
    assert code == 0, err
    line = next(row for row in out.splitlines() if row.strip().startswith(f"#{task_id} "))
    assert "[文件指定：区发改委]" in line, line
    code, out, err = run(capsys, "tasks", "--format", "jsonl")
    assert code == 0, err
    row = next(json.loads(r) for r in out.splitlines() if json.loads(r)["id"] == task_id)
    assert row["unit_source"] == "named" and row["unit"]
