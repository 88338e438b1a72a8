"""The task ledger in a real database: ingest, units, updates and history, overdue, Excel round trip."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, func, select

from planwatch.documents import Document, bundled_plan_path, load
from planwatch.errors import NotFoundError, ValidationError
from planwatch.report.tasks_excel import HEADERS, export_ledger, import_ledger
from planwatch.store.db import transaction
from planwatch.store.schema import AuditLog
from planwatch.store.tasks import (
    ResponsibleUnit,
    Task,
    TaskFilter,
    assign,
    latest_plan,
    list_tasks,
    overdue_tasks,
    update_task,
)

from .helpers import GOVERNMENT, ingest, no_quantities


def _task(session, object_: str) -> Task:  # type: ignore[no-untyped-def]
    return session.scalar(select(Task).where(Task.object == object_, Task.kind == "task"))


ROAD = "南坪快速三期、马峦北路南段、金碧路完工通车"
SCHOOLS = "均田学校等6所学校"


def test_ingest_stores_tasks_grouped_with_units_and_deadlines(engine: Engine) -> None:
    plan_id = ingest(engine)
    with transaction(engine) as session:
        assert latest_plan(session).id == plan_id
        tasks = list_tasks(session, TaskFilter(plan_id=plan_id))
        assert len(tasks) > 200
        labels = list(dict.fromkeys(t.group.label for t in tasks))
        assert labels[:2] == ["（一）1.", "（一）2."] and len(labels) == 24
        assert all(t.suggested_unit and t.status == "未启动" and t.deadline == date(2019, 12, 31) for t in tasks)
        road = _task(session, ROAD)
        assert road.unit_name == "区交通运输局" and road.group.title == "着力打造通达便捷交通网络"
        assert {"南坪快速三期", "金碧路"} <= set(road.entities)
        achievements = list_tasks(session, TaskFilter(plan_id=plan_id, kind="achievement"))
        assert achievements and all(a.deadline is None for a in achievements)
        assert session.scalar(select(func.count()).select_from(ResponsibleUnit)) >= 19
        assert session.scalar(select(AuditLog).where(AuditLog.action == "tasks.extract")) is not None


def test_update_changes_status_and_history(engine: Engine) -> None:
    ingest(engine)
    with transaction(engine) as session:
        task_id = _task(session, ROAD).id
        update_task(session, task_id, "推进中", who="交通局张三", evidence="南坪快速三期主线贯通",
                    link="https://www.szpsq.gov.cn/a", on=date(2019, 6, 30))
    with transaction(engine) as session:
        update_task(session, task_id, "已完成", who="交通局张三", evidence="三条道路均已通车")
    with transaction(engine) as session:
        task = session.get(Task, task_id)
        assert task.status == "已完成"
        history = [(u.status_from, u.status_to, u.who, u.evidence) for u in task.updates]
        assert history == [("未启动", "推进中", "交通局张三", "南坪快速三期主线贯通"),
                           ("推进中", "已完成", "交通局张三", "三条道路均已通车")]
        assert task.updates[0].on_date == date(2019, 6, 30) and task.updates[0].link.startswith("https://")
        logged = session.scalars(select(AuditLog).where(AuditLog.action == "task.update")).all()
        assert [row.entity_id for row in logged] == [task_id, task_id]


def test_bad_updates_change_nothing(engine: Engine) -> None:
    ingest(engine)
    with transaction(engine) as session:
        task_id = _task(session, ROAD).id
        achievement_id = session.scalar(select(Task.id).where(Task.kind == "achievement"))
    for kwargs in ({"status": "做完了"}, {"status": None}, {"status": "推进中", "link": "ftp://x"}):
        with pytest.raises(ValidationError), transaction(engine) as session:
            update_task(session, task_id, **kwargs)
    with pytest.raises(NotFoundError), transaction(engine) as session:
        update_task(session, 999999, "推进中")
    with pytest.raises(ValidationError), transaction(engine) as session:
        update_task(session, achievement_id, "推进中")
    with transaction(engine) as session:
        task = session.get(Task, task_id)
        assert task.status == "未启动" and task.updates == []


def test_assign_and_overdue(engine: Engine) -> None:
    ingest(engine)
    with transaction(engine) as session:
        road, schools = _task(session, ROAD), _task(session, SCHOOLS)
        assign(session, road.id, "区住房和建设局", who="发改局", deadline=date(2019, 9, 30))
        update_task(session, schools.id, "滞后", who="教育局", evidence="两所学校延期")
        road_id, schools_id = road.id, schools.id
    with transaction(engine) as session:
        road = session.get(Task, road_id)
        assert road.unit_name == "区住房和建设局" and road.deadline == date(2019, 9, 30)
        assert road.updates[-1].source == "assign"
        # only an assigned task is overdue (review ux4 #5): the schools task, marked 滞后 but never assigned, is
        # 待交办, late for no unit; nor is any other task never assigned after the plan year
        late = {t.id for t in overdue_tasks(session, today=date(2019, 10, 1))}
        assert late == {road_id} and schools_id not in late
        assert [t.id for t in overdue_tasks(session, today=date(2020, 1, 1))] == [road_id]
        update_task(session, road_id, "已完成", who="住建局")
        assert road_id not in {t.id for t in overdue_tasks(session, today=date(2020, 1, 1))}


def test_reingest_keeps_history_of_unchanged_tasks(engine: Engine, tmp_path: Path) -> None:
    ingest(engine)
    with transaction(engine) as session:
        task_id = _task(session, ROAD).id
        update_task(session, task_id, "推进中", who="交通局", evidence="开工")
    text = bundled_plan_path().read_text(encoding="utf-8").replace("高标准建成均田学校等6所学校", "高标准建成均田学校等7所学校")
    changed = tmp_path / bundled_plan_path().name
    changed.write_text(text, encoding="utf-8")
    from planwatch.pipeline import ingest_document

    ingest_document(engine, load(changed), government=GOVERNMENT, year=2019, extract=no_quantities)
    with transaction(engine) as session:
        task = session.get(Task, task_id)
        assert task is not None and task.status == "推进中" and len(task.updates) == 1
        assert _task(session, "均田学校等7所学校") is not None and _task(session, SCHOOLS) is None


def _edit(path: Path, out: Path, edits: dict[int, dict[str, object]]) -> None:
    book = load_workbook(path)
    sheet = book.active
    for row in sheet.iter_rows(min_row=2):
        for column, value in edits.get(row[0].value, {}).items():
            row[HEADERS.index(column)].value = value
    book.save(out)


def test_excel_round_trip(engine: Engine, tmp_path: Path) -> None:
    plan_id = ingest(engine)
    ledger, edited = tmp_path / "ledger.xlsx", tmp_path / "edited.xlsx"
    with transaction(engine) as session:
        road, schools = _task(session, ROAD), _task(session, SCHOOLS)
        count = export_ledger(session, ledger, plan_id)
        road_id, schools_id, total = road.id, schools.id, count
    rows = list(load_workbook(ledger).active.iter_rows(values_only=True))
    assert rows[0][: len(HEADERS)] == HEADERS and len(rows) == total + 1
    road_row = next(r for r in rows if r[0] == road_id)
    assert road_row[1] == "（三）4. 着力打造通达便捷交通网络" and road_row[3] == "区交通运输局" and road_row[5] == "未启动"
    _edit(ledger, edited, {road_id: {"状态": "已完成", "进展及佐证": "三条道路已通车", "链接": "https://example.org/r"},
                           schools_id: {"牵头单位": "区住房和建设局", "完成时限": date(2019, 8, 31)}})
    with transaction(engine) as session:
        result = import_ledger(session, edited, who="督办科")
    assert (result.status_changes, result.unit_changes, result.deadline_changes, result.evidence_added) == (1, 1, 1, 1)
    with transaction(engine) as session:
        road, schools = session.get(Task, road_id), session.get(Task, schools_id)
        assert road.status == "已完成" and road.updates[-1].evidence == "三条道路已通车"
        assert road.updates[-1].source == "import" and road.updates[-1].who == "督办科"
        assert schools.unit_name == "区住房和建设局" and schools.deadline == date(2019, 8, 31)
        export_ledger(session, ledger, plan_id)
    again = list(load_workbook(ledger).active.iter_rows(values_only=True))
    assert next(r for r in again if r[0] == road_id)[5:9] == (
        "已完成", next(r for r in again if r[0] == road_id)[6], "三条道路已通车", "https://example.org/r")
    with transaction(engine) as session:  # importing the fresh export again changes nothing
        assert import_ledger(session, ledger).status_changes == 0


def test_excel_import_is_all_or_nothing(engine: Engine, tmp_path: Path) -> None:
    plan_id = ingest(engine)
    ledger, edited = tmp_path / "ledger.xlsx", tmp_path / "edited.xlsx"
    with transaction(engine) as session:
        road, schools = _task(session, ROAD), _task(session, SCHOOLS)
        export_ledger(session, ledger, plan_id)
        road_id, schools_id = road.id, schools.id
    _edit(ledger, edited, {road_id: {"状态": "已完成"}, schools_id: {"状态": "差不多", "完成时限": "年底前"}})
    with pytest.raises(ValidationError) as info, transaction(engine) as session:
        import_ledger(session, edited)
    problems = info.value.problems
    assert len(problems) == 2 and all("状态" in p or "完成时限" in p for p in problems)
    assert all(p.startswith("第") for p in problems)
    with transaction(engine) as session:
        assert session.get(Task, road_id).status == "未启动"
    with transaction(engine) as session:  # a change made after the export makes that row stale
        update_task(session, road_id, "推进中", evidence="开工")
    _edit(ledger, edited, {road_id: {"状态": "已完成"}})
    with pytest.raises(ValidationError) as info, transaction(engine) as session:
        import_ledger(session, edited)
    assert "重新导出" in info.value.problems[0]
    with pytest.raises(ValidationError), transaction(engine) as session:
        import_ledger(session, tmp_path / "missing.xlsx")


def test_ledger_problems_are_one_language_a_line(engine: Engine, tmp_path: Path) -> None:
    """`第3行 完成时限：'明年' is not a date (use YYYY-MM-DD)`, `编号：None 不是任务编号` and an English
    closing line (audit defect 14): every line is Chinese now and never shows a Python repr."""
    plan_id = ingest(engine)
    ledger, edited = tmp_path / "ledger.xlsx", tmp_path / "edited.xlsx"
    with transaction(engine) as session:
        export_ledger(session, ledger, plan_id)
        road_id, schools_id = _task(session, ROAD).id, _task(session, SCHOOLS).id
    _edit(ledger, edited, {road_id: {"完成时限": "明年"}, schools_id: {"编号": None}})
    book = load_workbook(edited)
    book.active.cell(row=4, column=1, value="三十")
    book.active.cell(row=5, column=1, value=2.5)
    book.save(edited)
    road_row, schools_row = _row_of(ledger, road_id), _row_of(ledger, schools_id)
    with pytest.raises(ValidationError) as info, transaction(engine) as session:
        import_ledger(session, edited)
    assert str(info.value) == f"{edited}：4 处问题，未作任何修改"
    expected = {f"第{road_row}行 完成时限：“明年”不是日期（请写 YYYY-MM-DD）", f"第{schools_row}行 编号为空",
                "第4行 编号：“三十”不是任务编号", "第5行 编号：“2.5”不是任务编号"}
    assert set(info.value.problems) == expected
    assert not any("None" in p or "'" in p or "is not" in p for p in info.value.problems)


def test_deadline_is_the_end_of_the_plan_year(engine: Engine) -> None:
    import planwatch.store.tasks  # noqa: F401
    from planwatch.pipeline import ingest_document

    text = "三、主要任务\n\n1. 推动项目建设。推动城投智园等项目开工。\n"
    result = ingest_document(engine, Document(name="plain", text=text), government="某县", year=2021,
                             extract=no_quantities)
    with transaction(engine) as session:
        tasks = list_tasks(session, TaskFilter(plan_id=result.plan_id))
        assert [(t.object, t.deadline) for t in tasks] == [("城投智园等项目开工", date(2021, 12, 31))]
        assert tasks[0].suggested_unit == "发展改革部门" or tasks[0].suggested_unit.endswith(("局", "部门", "中心"))


def test_units_must_exist_unless_created(engine: Engine, tmp_path: Path) -> None:
    plan_id = ingest(engine)
    with transaction(engine) as session:
        road_id = _task(session, ROAD).id
    with pytest.raises(NotFoundError), transaction(engine) as session:
        assign(session, road_id, "区交通局")  # a typo of 区交通运输局
    with transaction(engine) as session:
        assign(session, road_id, "深汕特别合作区建设管理局", create=True)
        assert session.get(Task, road_id).unit_name == "深汕特别合作区建设管理局"
    ledger, edited = tmp_path / "ledger.xlsx", tmp_path / "edited.xlsx"
    with transaction(engine) as session:
        export_ledger(session, ledger, plan_id)
        schools_id = _task(session, SCHOOLS).id
    _edit(ledger, edited, {schools_id: {"牵头单位": "区教委"}})
    with pytest.raises(ValidationError) as info, transaction(engine) as session:
        import_ledger(session, edited)
    assert info.value.problems == [f"第{_row_of(ledger, schools_id)}行 牵头单位：区教委 不在单位表中（planwatch tasks units）"]


def _row_of(path: Path, task_id: int) -> int:
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    return next(i for i, r in enumerate(rows, start=1) if r[0] == task_id)


def test_tasks_link_the_targets_quoted_inside_them(engine: Engine) -> None:
    import planwatch.store.tasks  # noqa: F401
    from planwatch.pipeline import ingest_document
    from planwatch.store.tasks import task_records

    ingest_document(engine, load(bundled_plan_path()), government=GOVERNMENT, year=2019)  # the real extractor
    with transaction(engine) as session:
        linked = [(t, task_records(session, t)) for t in list_tasks(session) if t.record_positions]
        assert len(linked) >= 5
        for task, records in linked:
            assert records and all(task.start <= r.start and r.end <= task.end for r in records)


def test_today_in_china_is_never_a_future_date_whatever_the_servers_clock() -> None:
    """A server on UTC must accept a Chinese office's today between 00:00 and 08:00 China time."""
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    from planwatch.store.tasks import future_date, latest_today

    assert not future_date(datetime.now(ZoneInfo("Asia/Shanghai")).date())
    assert not future_date(datetime.now(ZoneInfo("Pacific/Kiritimati")).date())  # UTC+14, the latest
    assert future_date(latest_today() + timedelta(days=1))
