"""Plans stored twice, and deleting plans: `planwatch plans --duplicates`, `planwatch plans delete` (store.plans)."""

from __future__ import annotations

import shutil
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from cli_support import run
from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.orm import Session

import planwatch.extract
from planwatch.store.db import connect
from planwatch.store.ingest import text_key
from planwatch.store.schema import Actual, AuditLog, Plan, PlanTextKey, Record
from planwatch.store.search_index import search
from planwatch.store.tasks import FollowupProposal, Task

from .mini_plans import PLAN_2019, PLAN_2020, as_word, fake_extract


@pytest.fixture
def cli(db_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """A test database, wide output, and the hand-made records instead of the real extractor."""
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setattr(planwatch.extract, "extract_quantities", fake_extract)
    return db_url


def _copies_from_before_0022(url: str, folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A database as an ingest before migration 0022 left it, migrated: a plan's .txt and its .docx stored as
    plans 1 and 2 (nothing told them apart then), and the migration gave both the same text key."""
    shutil.copyfile(PLAN_2019, folder / PLAN_2019.name)
    code, _out, err = run(capsys, "ingest", str(folder / PLAN_2019.name))
    assert code == 0, err
    engine = connect(url)
    with Session(engine) as session, session.begin():
        session.execute(delete(PlanTextKey))  # before 0022 there was no key to find plan 1 by
    code, out, err = run(capsys, "ingest", str(as_word(PLAN_2019, folder / "pingshan-mini-2019.docx")))
    assert code == 0 and "added     plan 2" in out, err
    with Session(engine) as session, session.begin():  # what 0022 computes for the plans it finds
        plan_text = session.scalar(select(Plan.text).where(Plan.id == 1))
        session.execute(insert(PlanTextKey).values(plan_id=1, key=text_key(plan_text or "")))
    engine.dispose()


def _count(url: str, what: object) -> int:
    engine = connect(url)
    with Session(engine) as session:
        found = session.scalar(select(func.count()).select_from(what))  # type: ignore[arg-type]
    engine.dispose()
    return int(found or 0)


def test_delete_counts_tasks_as_the_task_list_does(cli: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The tasks a delete names are those `tasks list` lists; the achievements (成效) it also removes are counted apart
    (a new user's review: delete said 544 tasks of a plan whose list shows 341, achievements counted as tasks)."""
    from planwatch.documents import bundled_plan_path  # a real plan: tasks and achievements

    code, _out, err = run(capsys, "ingest", str(bundled_plan_path()))
    assert code == 0, err
    code, listed, err = run(capsys, "tasks", "list", "--plan", "1")
    assert code == 0, err
    tasks = int(listed.split(" 项任务", 1)[0])
    code, listed, err = run(capsys, "tasks", "list", "--plan", "1", "--achievements")
    assert code == 0, err
    achievements = int(listed.split(" 项成效", 1)[0])
    assert tasks and achievements and tasks + achievements == _count(cli, Task)
    code, out, err = run(capsys, "plans", "delete", "1", "--yes")
    assert code == 0, err
    assert f"actuals, {tasks} tasks, {achievements} achievements\n" in out
    assert out.strip().endswith(f"tasks, {achievements} achievements") and f" {tasks} tasks, " in out.splitlines()[-1]
    # the summary counts what the listing counted: the actuals the plan supplied too (they were left out)
    listing, summary = out.strip().splitlines()
    assert listing.split(" — ", 1)[1] == summary.split(": ", 1)[1] and " actuals, " in summary


def test_copies_are_listed_and_deleting_the_second_leaves_one(cli: str, capsys: pytest.CaptureFixture[str],
                                                              tmp_path: Path) -> None:
    """An older database's two copies of one plan (every record counted twice) are listed with the command that
    keeps the first; after it, one plan, its records once, and the search indexes agree with their tables."""
    _copies_from_before_0022(cli, tmp_path, capsys)
    records, rows = _count(cli, Record), _count(cli, Task)
    tasks = _count(cli, select(Task.id).where(Task.kind == "task").subquery())
    code, out, _err = run(capsys, "plans", "--duplicates")
    assert code == 0
    assert "深圳市坪山区 2019: 2 copies of one text" in out
    assert "pingshan-mini-2019.txt" in out and "pingshan-mini-2019.docx" in out
    assert out.strip().endswith("1 plans stored more than once; to keep each one's first copy: planwatch plans "
                                "delete 2")
    code, out, err = run(capsys, "plans", "delete", "2", "--yes")
    assert code == 0, err
    assert out.startswith("plan 2: 深圳市坪山区 2019 pingshan-mini-2019.docx — ")
    assert out.strip().endswith(f"deleted 1 plan(s): {records // 2} records, 4 actuals, {tasks // 2} tasks, "
                                f"{(rows - tasks) // 2} achievements")
    assert _count(cli, Record) == records // 2 and _count(cli, Task) == rows // 2
    code, out, _err = run(capsys, "plans", "--duplicates")
    assert code == 0 and out.strip() == "no plan is stored twice"
    code, out, _err = run(capsys, "plans")
    assert "1 plans" in out and "pingshan-mini-2019.txt" in out and "2019.docx" not in out
    engine = connect(cli)
    with Session(engine) as session:
        tasks_found = {hit.id for hit in search(session, "task", ["失业率"], 50)}
        records_found = {hit.id for hit in search(session, "record", ["地区生产总值"], 50)}
        assert tasks_found and tasks_found <= set(session.scalars(select(Task.id).where(Task.plan_id == 1)))
        assert records_found and records_found <= set(session.scalars(select(Record.id).where(Record.plan_id == 1)))
        if engine.dialect.name == "sqlite":  # the external-content indexes hold exactly their tables' rows
            for index in ("plan_gram", "record_gram", "task_gram"):
                session.execute(text(f"INSERT INTO {index}({index}) VALUES ('integrity-check')"))
        logged = session.execute(select(AuditLog.entity_id, AuditLog.detail).where(AuditLog.action == "plan.delete")).all()
    engine.dispose()
    assert [(entity, detail["source"]) for entity, detail in logged] == [(2, "pingshan-mini-2019.docx")]


def test_deleting_a_plan_takes_the_actuals_it_supplied(cli: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The 2020 plan reports 2019's results, the actuals of the 2019 plan's targets: without it those targets have
    no data (never a verdict on an actual whose document is gone)."""
    run(capsys, "ingest", str(PLAN_2019), str(PLAN_2020))
    code, out, _err = run(capsys, "assess", "--plan", "1")
    assert out.strip().splitlines()[-1].startswith("完成3项 / 未完成1项")
    code, out, err = run(capsys, "plans", "delete", "2", "--yes")
    assert code == 0, err
    assert "pingshan-mini-2020.txt" in out and "6 actuals" in out
    code, out, _err = run(capsys, "assess", "--plan", "1")
    assert code == 0 and out.strip().splitlines()[-1].startswith("完成0项 / 未完成0项")
    engine = connect(cli)
    with Session(engine) as session:
        assert session.scalar(select(func.count()).select_from(Actual).where(Actual.plan_id == 2)) == 0
        assert session.scalar(select(func.count()).select_from(Actual)) == 4  # plan 1's own results stay
    engine.dispose()


def test_a_plan_with_supervision_work_is_kept_unless_forced(cli: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A unit's assignment is work the document cannot give back: refused (nothing deleted) until --force."""
    run(capsys, "ingest", str(PLAN_2019))
    engine = connect(cli)
    with Session(engine) as session:
        task_id = session.scalar(select(Task.id).where(Task.plan_id == 1).order_by(Task.id).limit(1))
    engine.dispose()
    code, _out, err = run(capsys, "tasks", "assign", str(task_id), "区发展和改革局", "--new")
    assert code == 0, err
    code, out, err = run(capsys, "plans", "delete", "1", "--yes")
    assert code == 2
    assert "supervision work: " in out and "1 task assigned to a unit" in out
    assert err.strip().endswith("has supervision work on its tasks: 1 task update, 1 task assigned to a unit; "
                                "deleting it discards that work. Back up the database (`planwatch backup`) and "
                                "pass --force to delete it anyway")
    assert _count(cli, Plan) == 1 and _count(cli, Task) > 0
    code, out, err = run(capsys, "plans", "delete", "1", "--yes", "--force")
    assert code == 0, err
    assert _count(cli, Plan) == 0 and _count(cli, Task) == 0 and _count(cli, Record) == 0


def test_unknown_plans_and_unconfirmed_deletes_change_nothing(cli: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "ingest", str(PLAN_2019))
    code, out, err = run(capsys, "plans", "delete", "1", "9", "--yes")
    assert code == 2 and out == ""
    assert err.strip() == "planwatch: plan 9 is not stored; `planwatch plans` lists them"
    code, _out, err = run(capsys, "plans", "delete", "1")  # no terminal to ask on
    assert code == 2 and "deleting 1 plan(s) needs a confirmation; pass --yes" in err
    code, _out, err = run(capsys, "plans", "delete", "x", "--yes")
    assert code == 2 and "plans delete: ID: 'x' is not a whole number" in err and "Traceback" not in err
    assert _count(cli, Plan) == 1


def test_a_plan_whose_follow_ups_were_decided_is_kept_unless_forced(cli: str, capsys: pytest.CaptureFixture[str]) -> None:
    """A follow-up someone accepted closes the earlier plan's task with the later plan's words as evidence, and a
    rejection is a decision too: deleting the later plan would drop them silently (its proposals come back
    undecided when it is ingested again). Refused before the question is asked."""
    run(capsys, "ingest", str(PLAN_2019), str(PLAN_2020))
    engine = connect(cli)
    with Session(engine) as session, session.begin():
        task_id = session.scalar(select(Task.id).where(Task.plan_id == 1).order_by(Task.id).limit(1))
        session.execute(delete(FollowupProposal))
        session.add(FollowupProposal(task_id=task_id, plan_id=2, quote="城镇登记失业率 2.9%", start=0, end=8, score=0.9,
                                     state="rejected", decided_by="office"))
    engine.dispose()
    code, out, err = run(capsys, "plans", "delete", "2")  # no --yes: the refusal comes first
    assert code == 2 and "supervision work: 1 decided follow-up proposal" in out
    assert "has supervision work on its tasks: 1 decided follow-up proposal;" in err and "confirmation" not in err
    code, _out, err = run(capsys, "plans", "delete", "1", "--yes")  # the task it was decided for is plan 1's
    assert code == 2 and "1 decided follow-up proposal;" in err
    assert _count(cli, Plan) == 2
    code, _out, err = run(capsys, "plans", "delete", "2", "--yes", "--force")
    assert code == 0, err
    assert _count(cli, FollowupProposal) == 0 and _count(cli, Plan) == 1


def test_a_delete_waits_for_a_running_ingest_batch(cli: str, capsys: pytest.CaptureFixture[str]) -> None:
    """While another process writes (a bulk ingest's batch, the dashboard), the delete waits for it and goes through;
    it failed at once as "unexpected error … this is a bug" (a read transaction that SQLite refuses to upgrade)."""
    if not cli.startswith("sqlite"):
        pytest.skip("SQLite's one writer")
    run(capsys, "ingest", str(PLAN_2019), str(PLAN_2020))
    locked = threading.Event()

    def batch() -> None:  # what the ingest writer's batch does: BEGIN IMMEDIATE, write, commit a moment later
        connection = sqlite3.connect(cli.removeprefix("sqlite:///"), isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("UPDATE government SET name = name")
        locked.set()
        time.sleep(1.5)
        connection.execute("COMMIT")
        connection.close()

    writer = threading.Thread(target=batch)
    writer.start()
    locked.wait()
    code, _out, err = run(capsys, "plans", "delete", "2", "--yes")
    writer.join()
    assert code == 0, err
    assert _count(cli, Plan) == 1
