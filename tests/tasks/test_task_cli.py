"""`planwatch tasks …` and `planwatch followup`, run in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import run
from openpyxl import load_workbook

from .helpers import DATA, PLAN_2020, ingest


def test_tasks_without_a_store_lists_the_bundled_plan(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "tasks")
    assert code == 0
    assert out.startswith("pingshan-2019-plan: ")
    assert "\n（一）1. 促进产业提质升级\n" in out and "\n（六）4. 加快构建推动高质量发展制度体系\n" in out
    assert "推动南坪快速三期、马峦北路南段、金碧路完工通车  [区交通运输局] (交通)" in out
    assert not Path("planwatch.db").exists()


def test_tasks_file_jsonl_and_achievements(capsys: pytest.CaptureFixture[str]) -> None:
    passage = DATA / "passages" / "beijing-gwr-2026-tasks.txt"
    code, out, _ = run(capsys, "tasks", str(passage), "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(rows) == 35 and all(r["unit"] and r["action"] and r["object"] for r in rows)
    code, out, _ = run(capsys, "tasks", "list", str(passage), "--achievements")
    assert code == 0 and "0 项成效" in out


def test_store_workflow_on_the_command_line(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from planwatch.store.db import connect

    ingest(connect(db_url))
    code, out, _ = run(capsys, "tasks")
    assert code == 0 and "项任务" in out
    line = next(row for row in out.splitlines() if "南坪快速三期、马峦北路南段、金碧路完工通车" in row)
    task_id = line.split()[0].lstrip("#")
    assert "[建议：区交通运输局] 未启动" in line and "时限 2019-12-31" in line  # a suggestion is not an assignment

    code, out, _ = run(capsys, "tasks", "update", task_id, "-s", "推进中", "-e", "南坪快速三期主线贯通",
                       "--link", "https://example.org/r", "--on", "2019-06-30", "--who", "张三")
    assert code == 0 and "未启动 → 推进中（2019-06-30，张三）" in out
    code, out, _ = run(capsys, "tasks", "assign", task_id, "区住房和建设局", "--deadline", "2019-09-30")
    assert code == 0 and "区住房和建设局" in out
    code, out, _ = run(capsys, "tasks", "history", task_id)
    assert "2019-06-30 张三: 未启动 → 推进中 南坪快速三期主线贯通  https://example.org/r" in out
    code, out, _ = run(capsys, "tasks", "overdue", "--today", "2019-10-01")
    assert code == 0 and out.startswith("1 项逾期任务") and f"#{task_id} [区住房和建设局] 推进中" in out
    code, out, _ = run(capsys, "tasks", "--status", "推进中")
    assert "1 项任务" in out

    code, _, err = run(capsys, "tasks", "update", task_id, "-s", "好了")
    assert code == 2 and "状态 好了 无效" in err  # the pages' words: the CLI's language is zh by default

    ledger = tmp_path / "ledger.xlsx"
    code, out, _ = run(capsys, "tasks", "export", str(ledger))
    assert code == 0 and ledger.exists()
    book = load_workbook(ledger)
    for row in book.active.iter_rows(min_row=2):
        if str(row[0].value) == task_id:
            row[5].value = "已完成"
            row[7].value = "三条道路已通车"
    book.save(ledger)
    code, out, _ = run(capsys, "tasks", "import", str(ledger), "--who", "督办科")
    assert code == 0 and "状态变更 1" in out
    code, out, _ = run(capsys, "tasks", "history", task_id)
    assert out.rstrip().endswith("督办科: 推进中 → 已完成 三条道路已通车")

    book = load_workbook(ledger)
    book.active.cell(row=2, column=6, value="快好了")
    book.save(ledger)
    code, _, err = run(capsys, "tasks", "import", str(ledger))
    assert code == 2 and "第2行 状态" in err and "未作任何修改" in err


def test_followup_on_the_command_line(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    from planwatch.store.db import connect

    engine = connect(db_url)
    ingest(engine, year=2019)
    ingest(engine, PLAN_2020, year=2020)
    code, out, _ = run(capsys, "followup")
    assert code == 0 and "条跟进建议" in out
    # states in Chinese in the Chinese list (review ux2 #19: "[1296] 1.00 proposed 任务#…")
    assert "proposed" not in out and " 待审核 任务#" in out
    block = out.split("南坪快速三期、马峦北路南段、金碧路完工通车")[0].rsplit("\n  [", 1)[1]
    proposal = block.split("]")[0]
    code, out, _ = run(capsys, "followup", "--accept", proposal, "--who", "审核员")
    assert code == 0 and out.startswith(f"跟进建议 [{proposal}] 已采纳；任务#") and "已完成" in out
    code, _, err = run(capsys, "followup", "--accept", proposal)
    assert code == 2 and f"跟进建议 {proposal} 已经处理过" in err  # (the pages' words, the CLI's language zh)
    code, out, _ = run(capsys, "followup", "--all")
    assert "已采纳" in out and "accepted" not in out


def test_refresh_extracts_tasks_of_plans_stored_without_them(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    from sqlalchemy import delete, func, select

    from planwatch.store.db import connect, transaction
    from planwatch.store.tasks import Task, TaskGroup

    engine = connect(db_url)
    plan_id = ingest(engine)
    with transaction(engine) as session:
        count = session.scalar(select(func.count()).select_from(Task))
        session.execute(delete(Task))
        session.execute(delete(TaskGroup))
    code, out, _ = run(capsys, "tasks", "refresh")
    assert code == 0 and out.strip() == f"计划 {plan_id}：{count} 项任务和成效"
    code, out, _ = run(capsys, "tasks", "refresh")
    assert "every stored plan has its tasks" in out
    code, out, _ = run(capsys, "tasks", "refresh", "--plan", "999")
    assert code == 2


def test_a_progress_date_after_today_is_refused(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`tasks update 222 -s 推进中 --on 2999-01-01` was stored (CLI audit); today itself is fine. Today is the latest
    today on Earth (`latest_today`, UTC+14), not this machine's: from 10:00 UTC on they differ."""
    from datetime import date

    from planwatch.store.db import connect
    from planwatch.store.tasks import latest_today

    ingest(connect(db_url))
    code, out, _ = run(capsys, "tasks")
    task_id = next(row for row in out.splitlines() if row.lstrip().startswith("#")).split()[0].lstrip("#")
    code, _, err = run(capsys, "tasks", "update", task_id, "-s", "推进中", "--on", "2999-01-01")
    assert code == 2 and err.strip() == (f"planwatch: task {task_id}: the date 2999-01-01 is after today ({latest_today()}); "
                                         "record progress on the day it happened")
    code, out, _ = run(capsys, "tasks", "history", task_id)
    assert "推进中" not in out
    code, out, err = run(capsys, "tasks", "update", task_id, "-s", "推进中", "--on", date.today().isoformat())
    assert code == 0, err


def test_followup_names_the_later_plan(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Each proposal cited its plan by its bare title, and every work report is titled 政府工作报告: the State
    Council's 2016 tasks matched to "← 政府工作报告：…" said neither whose report nor which year's."""
    from planwatch.cli.demo import example_paths
    from planwatch.documents import load
    from planwatch.pipeline import ingest_document
    from planwatch.store.db import connect

    engine = connect(db_url)
    for path in example_paths()[:2]:
        ingest_document(engine, load(path))
    code, out, _ = run(capsys, "followup")
    assert code == 0 and "条跟进建议" in out
    cited = [line.strip() for line in out.splitlines() if line.strip().startswith("←")]
    assert cited and all(line.startswith("← 国务院 2017年政府工作报告：") for line in cited)
