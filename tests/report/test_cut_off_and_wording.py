"""The execution report states its data cut-off, and `planwatch report --as-of` judges the tasks as they stood that day
from their supervision history (review ux3 #8); its wording no longer trips a deputy up (#9)."""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from cli_support import run
from docx import Document as WordDocument
from sqlalchemy import Engine, select, update

from planwatch.cli.demo import load_examples
from planwatch.report.model import build_report
from planwatch.report.writers import to_docx, to_markdown
from planwatch.store.db import transaction
from planwatch.store.tasks import Task, TaskUpdate

from .support import bundled_with_tasks


def _signed_off_later(engine: Engine, plan: int) -> int:
    """A task of `plan` signed off on 2020-03-01 (its history says so), and under supervision (a unit assigned)."""
    with transaction(engine) as session:
        task = session.scalars(select(Task).where(Task.plan_id == plan, Task.kind == "task", Task.unit_id.is_not(None))
                               .order_by(Task.start)).first()
        assert task is not None
        session.execute(update(Task).where(Task.id == task.id).values(status="已完成", deadline=date(2019, 12, 31)))
        session.add(TaskUpdate(task_id=task.id, on_date=date(2020, 3, 1), who="区发展和改革局", status_from="推进中",
                               status_to="已完成", source="manual"))
        return task.id


def test_report_as_of_reads_the_task_history_and_states_the_cut_off(engine: Engine, tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    plan = bundled_with_tasks(engine)
    _signed_off_later(engine, plan)
    now = to_markdown(build_report(engine, plan, charts=False))
    then = to_markdown(build_report(engine, plan, charts=False, as_of=date(2019, 12, 31)))
    assert f"数据截至{date.today().isoformat()}" in now and "数据截至2019-12-31（生成于" in then
    # signed off on 2020-03-01: completed now, not on 2019-12-31 (the history says so)
    first_now = next(line for line in now.splitlines() if "共" in line and "项任务" in line)
    first_then = next(line for line in then.splitlines() if "共" in line and "项任务" in line)
    assert "已完成2项" in first_now and "已完成1项" in first_then, (first_now, first_then)
    assert first_then.startswith("截至2019-12-31，共")
    target = tmp_path / "r.md"
    code, _out, err = run(capsys, "report", "--plan", str(plan), "--as-of", "2019-12-31", "-o", str(target),
                          "--no-charts")
    assert code == 0, err
    assert target.read_text(encoding="utf-8") == then
    code, _out, err = run(capsys, "report", "--as-of", "2019-13-01", "-o", str(tmp_path / "x.md"))
    assert code == 2 and "--as-of" in err


def test_the_cover_shows_the_cut_off(engine: Engine) -> None:
    plan = bundled_with_tasks(engine)
    doc = WordDocument(BytesIO(to_docx(build_report(engine, plan, charts=False, as_of=date(2019, 12, 31)))))
    cover = [p.text for p in doc.paragraphs[:3]]
    assert any("深圳市坪山区" in text and "数据截至2019-12-31" in text for text in cover), cover


@pytest.fixture
def national_2016(engine: Engine) -> str:
    """The State Council's 2016 work report (judged by the 2017 and 2018 reports), as Markdown."""
    results = load_examples(engine)
    plan = next(r for r in results if r.year == 2016 and r.government == "国务院").plan_id
    return to_markdown(build_report(engine, plan, charts=False))


def test_a_work_reports_wording(national_2016: str) -> None:
    text = national_2016
    assert "广义货币M2，2016年实际值来源" in text and "M22016年" not in text  # the name does not run into the year
    assert "国务院政府工作报告确定的" in text and "国务院计划确定的" not in text  # a 政府工作报告 is no 计划
    # "三、2016年重点工作" lists no task of its own, its sub-sections do
    lines = text.splitlines()
    head = next(i for i, line in enumerate(lines) if line.endswith("三、2016年重点工作"))
    own = next(line for line in lines[head + 1:] if line and not line.startswith("- "))
    assert own == "本节总述未列任务，分项如下。"
    # five-year targets: the period of the actual and of the target are stated, never "低于规划目标2335万人"
    assert "城镇新增就业2016–2017年期间累计为2665万人，完成2016–2020年期间累计规划目标（5000万人以上）的53%" in text
    assert "低于规划目标2335万人" not in text
