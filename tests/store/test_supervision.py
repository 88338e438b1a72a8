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
    from planwatch.store.supervision import add_milestone, digests, open_round, summary
    from planwatch.store.tasks import TaskFilter, list_tasks

    task_id, unit = task
    settings = Settings(due_soon_days=7)
    with transaction(engine) as session:
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
        lines, total = summary(list_tasks(session, TaskFilter()), date(2020, 1, 1))
        assert total.total == sum(line.total for line in lines) and total.late == total.total - total.cancelled
