"""The supervision rules in the store: files, sign-off, digests, per-unit summary, one definition of completed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from planwatch.settings import Settings
from planwatch.store.supervision import SupervisionDenied, SupervisionError, Upload, check_file


@pytest.fixture
def task(engine: Engine) -> tuple[int, str]:
    """The bundled plan stored; (the first task with a unit, its unit)."""
    from planwatch.cli.store import load_demo
    from planwatch.store.tasks import Task

    load_demo(engine)
    with Session(engine) as session:
        row = next(t for t in session.scalars(select(Task).where(Task.kind == "task").order_by(Task.id)) if t.unit_name)
        return row.id, row.unit_name


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("a.pdf", b"%PDF-1.7\n", None),
    ("photo.JPG", b"\xff\xd8\xff\xe0rest", None),
    ("sheet.xlsx", b"PK\x03\x04rest", None),
    ("old.doc", b"\xd0\xcf\x11\xe0rest", None),
    ("a.pdf", b"<html>", "file_content"),
    ("a.html", b"<html>", "file_type"),
    ("noext", b"%PDF-", "file_type"),
    ("empty.png", b"", "file_empty"),
    ("big.png", b"\x89PNG\r\n\x1a\n" + b"0" * 2000, "file_size"),
])
def test_evidence_files_are_checked_by_type_content_and_size(name: str, data: bytes, reason: str | None) -> None:
    settings = Settings(evidence_max_bytes=1000)
    if reason is None:
        assert check_file(Upload(name, data), settings)[1]
    else:
        with pytest.raises(SupervisionError) as caught:
            check_file(Upload(name, data), settings)
        assert caught.value.reason == reason


def test_sign_off_cycle_and_history(engine: Engine, task: tuple[int, str], tmp_path: Path) -> None:
    from planwatch.store.db import transaction
    from planwatch.store.supervision import approved_task_ids, report, review
    from planwatch.store.tasks import Task

    task_id, unit = task
    settings = Settings(evidence_dir=tmp_path / "evidence")
    with transaction(engine) as session:
        with pytest.raises(SupervisionDenied):
            report(session, task_id, "other", "editor", {"区某某局"}, evidence="x")
        with pytest.raises(SupervisionError):
            report(session, task_id, "liaison", "editor", {unit}, status="已完成")
    with transaction(engine) as session:
        report(session, task_id, "liaison", "editor", {unit}, status="已完成", evidence="竣工",
               uploads=[Upload("验收.pdf", b"%PDF-1.4 x")], settings=settings)
    with transaction(engine) as session:
        assert approved_task_ids(session, [task_id]) == set()
        review(session, task_id, "return", "office", "office", "缺附件")
    with transaction(engine) as session:
        report(session, task_id, "liaison", "editor", {unit}, status="已完成", evidence="补充附件")
        review(session, task_id, "approve", "office", "office")
    with Session(engine) as session:
        row = session.get(Task, task_id)
        assert row.status == "已完成" and row.signoff == "approved"
        assert [u.source for u in row.updates] == ["request", "return", "request", "approve"]
        assert approved_task_ids(session, [task_id]) == {task_id}
    assert len([p for p in (tmp_path / "evidence").rglob("*") if p.is_file()]) == 1


def test_digest_and_summary(engine: Engine, task: tuple[int, str]) -> None:
    from planwatch.store.db import transaction
    from planwatch.store.supervision import add_milestone, assign, digests, open_round, summary, tracked_plans
    from planwatch.store.tasks import TaskFilter, list_tasks

    task_id, unit = task
    settings = Settings(due_soon_days=7)
    with transaction(engine) as session:
        assign(session, task_id, "office", "office", lead=unit)
        open_round(session, "6月报送", date(2019, 6, 30), "office", "office", opened_on=date(2019, 6, 1))
        add_milestone(session, task_id, "完成立项", date(2019, 6, 12), "office", "office")
        with pytest.raises(SupervisionDenied):
            open_round(session, "x", date(2019, 6, 30), "editor", "editor")
    with Session(engine) as session:
        (mine,) = digests(session, date(2019, 6, 10), {unit}, settings=settings)
        assert task_id in {t.id for t, _r in mine.owed}
        assert [m.title for _t, m in mine.milestones] == ["完成立项"]
        assert not mine.overdue and not mine.due_soon  # deadlines are 2019-12-31
        (late,) = digests(session, date(2020, 1, 1), {unit}, settings=settings)
        assert task_id in {t.id for t in late.overdue}
        tasks = list_tasks(session, TaskFilter())
        lines, total = summary(tasks, date(2020, 1, 1), tracked_plans(session, {t.plan_id for t in tasks}))
        assert total.total == sum(line.total for line in lines) and total.late == 1  # only the assigned task
        assert total.unassigned == total.total - total.cancelled - 1
        # the assigned task on its unit's line; the others, only suggested to a unit, on lines of their own
        (own,) = [line for line in lines if not line.suggested]
        assert (own.unit, own.total, own.late) == (unit, 1, 1)
        assert all(line.suggested for line in lines if line is not own)


def _plan_of(engine: Engine, task_id: int) -> int:
    from planwatch.store.tasks import Task

    with Session(engine) as session:
        return session.get(Task, task_id).plan_id


def test_tasks_nobody_supervises_are_never_late(engine: Engine, task: tuple[int, str]) -> None:
    """Review ux2 #4: a plan nobody supervises (no unit assigned, no round, no step on any task) showed every task
    逾期 after the plan year, under units only suggested; the task list, the API and the workbook must say 未督办."""
    from planwatch.store.db import transaction
    from planwatch.store.supervision import assign, is_late, summary, tracked_plans, under_supervision
    from planwatch.store.tasks import TaskFilter, list_tasks, overdue_tasks

    task_id, unit = task
    plan_id = _plan_of(engine, task_id)
    after = date(2020, 6, 1)  # every deadline (2019-12-31) has passed
    with Session(engine) as session:
        tasks = list_tasks(session, TaskFilter(plan_id=plan_id))
        assert all(t.is_overdue(after) for t in tasks)  # by the date alone …
        tracked = tracked_plans(session, [plan_id])
        assert tracked == set() and not any(is_late(t, after, tracked) for t in tasks)  # … yet none is late
        lines, total = summary(tasks, after, tracked)
        assert (total.late, total.on_time, total.unsupervised) == (0, 0, len(tasks))
        assert all(line.suggested and line.late == 0 for line in lines)
        assert overdue_tasks(session, after, plan_id) == []
    with transaction(engine) as session:  # the office assigns one task: the plan is under supervision
        assign(session, task_id, "office", "office", lead=unit)
    with Session(engine) as session:
        tasks = list_tasks(session, TaskFilter(plan_id=plan_id))
        tracked = tracked_plans(session, [plan_id])
        assert tracked == {plan_id} and all(under_supervision(t, tracked) for t in tasks)
        lines, total = summary(tasks, after, tracked)
        # review ux4 #5: only the assigned task is late; the others, never assigned, are 待交办 (late for nobody)
        assert (total.late, total.unassigned, total.unsupervised) == (1, len(tasks) - 1, 0)
        assert [(line.unit, line.late) for line in lines if not line.suggested] == [(unit, 1)]
        assert all(line.late == 0 for line in lines if line.suggested)
        assert [t.id for t in overdue_tasks(session, after, plan_id)] == [task_id]
        assert [t.id for t in tasks if is_late(t, after, tracked)] == [task_id]


def test_a_round_past_due_is_late_then_ends_by_itself(engine: Engine, task: tuple[int, str]) -> None:
    """Review ux5 #18: a round due 2019-06-30 still asked for reports years later, as 本轮待报送, and each task it and a
    newer round waited for counted twice. Past its due date a round's reports are 逾期未报 (late); round_close_days
    after it, the round ends by itself (0: only when the office closes it); a task is owed once, naming its rounds."""
    from planwatch.store.db import transaction
    from planwatch.store.supervision import (
        ReportRound,
        assign,
        digests,
        open_round,
        open_rounds,
        round_lapsed,
        supervised_plans,
    )
    from planwatch.store.tasks import Task

    task_id, unit = task
    with Session(engine) as session:
        plan_id = session.get(Task, task_id).plan_id
        other = next(t.id for t in session.scalars(select(Task).where(Task.plan_id == plan_id, Task.kind == "task",
                                                                      Task.id != task_id).order_by(Task.id)))
    with transaction(engine) as session:
        assign(session, task_id, "office", "office", lead=unit)
        assign(session, other, "office", "office", lead=unit)
        june = open_round(session, "2019年6月进展填报", date(2019, 6, 30), "office", "office", plan_id, date(2019, 6, 1)).id
        december = open_round(session, "2019年12月进展填报", date(2019, 12, 15), "office", "office", plan_id,
                              date(2019, 12, 1)).id
    as_of = date(2019, 12, 6)
    never = Settings(round_close_days=0)
    with Session(engine) as session:
        (mine,) = digests(session, as_of, {unit}, plan_id, settings=never)
        assert len(mine.owed) == 4 and mine.count == 2  # two tasks, each owed in two rounds
        owed = mine.owed_tasks()
        assert sorted(t.id for t, _rounds in owed) == sorted([task_id, other])  # each task once
        for _task, rounds in owed:
            assert [r.id for r in rounds] == [december, june]  # the running round first, then the late one
            assert mine.report_late(rounds) and not mine.report_late(rounds[:1])
        # 30 days after its due date the June round ended by itself: the tasks are owed in December's only
        month = Settings(round_close_days=30)
        assert [r.id for r in open_rounds(session, as_of, month)] == [december]
        assert round_lapsed(session.get(ReportRound, june), as_of, month)
        assert not round_lapsed(session.get(ReportRound, june), date(2019, 7, 30), month)
        (mine,) = digests(session, as_of, {unit}, plan_id, settings=month)
        assert [(t.id, [r.id for r in rounds]) for t, rounds in mine.owed_tasks()] == [
            (t.id, [december]) for t, _rounds in owed]
        assert plan_id in supervised_plans(session, as_of, month)
