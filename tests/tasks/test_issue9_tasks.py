"""Issue 9 (parts 4 and 5): achievements apart, five-year deadlines, titles, units, follow-up on real sentences."""

from __future__ import annotations

import json
from datetime import date

import pytest
from cli_support import run
from sqlalchemy import Engine, select

from planwatch.documents import bundled_plan_path, load
from planwatch.extract.task_units import suggest_unit
from planwatch.extract.tasks import deadline_of, extract_tasks
from planwatch.monitor.followup import THRESHOLD, match, similarity

from .helpers import DATA, PLAN_2020, ingest

EXAMPLES = json.loads((DATA / "issue9-examples.json").read_text(encoding="utf-8"))


def _passage(name: str) -> list:
    return extract_tasks((DATA / "passages" / name).read_text(encoding="utf-8"), name, quantities=[])


def _flat(text: str) -> str:
    return "".join(text.split())


def test_five_year_review_paragraphs_are_achievements_not_open_tasks() -> None:
    tasks = _passage("beijing-gwr-2026-five-year.txt")
    done = {_flat(t.quote) for t in tasks if t.kind == "achievement"}
    open_tasks = [t for t in tasks if t.kind == "task"]
    assert any("成功举办冬奥盛会" in q for q in done)
    assert any("减轻税费负担超4900亿元" in q for q in done)
    assert not any("冬奥盛会" in _flat(t.quote) or "4900亿元" in _flat(t.quote) for t in open_tasks)
    # the 纲要草案's goals and indicators are not tasks; its 13 task measures are
    assert not any("29项主要指标" in _flat(t.quote) or "发展目标" in _flat(t.quote) for t in open_tasks)
    assert any(t.title.startswith("全力服务保障政治中心功能") for t in open_tasks)


def test_five_year_tasks_are_due_at_the_end_of_the_period() -> None:
    beijing = [t for t in _passage("beijing-gwr-2026-five-year.txt") if t.kind == "task"]
    assert beijing and all(deadline_of(t, 2026) == date(2030, 12, 31) for t in beijing)
    national = _passage("national-gwr-2021-five-year.txt")
    assert [t for t in national if t.kind == "achievement"][0].title.startswith("我国经济社会发展取得新的历史性成就")
    five_year = [t for t in national if t.kind == "task"]
    assert five_year and all(deadline_of(t, 2021) == date(2025, 12, 31) for t in five_year)
    assert not any("5575万农村贫困人口实现脱贫" in _flat(t.quote) for t in five_year)


def test_title_is_the_clause_of_the_action_not_a_garble() -> None:
    plan = load(bundled_plan_path())
    tasks = extract_tasks(plan.text, plan.name, quantities=[])
    gdp = next(t for t in tasks if "GDP增速逐季提升" in _flat(t.quote))
    assert gdp.kind == "achievement"
    assert gdp.title == "GDP增速逐季提升" and gdp.object == "GDP增速"
    assert not any(t.title.startswith("提升预计") or (t.action + t.object).startswith("提升预计") for t in tasks)


def test_units_of_the_issue_examples() -> None:
    for example in EXAMPLES["units"]:
        tasks = [t for t in extract_tasks(example["text"], "x", quantities=[]) if t.kind == "task"]
        assert tasks, example["text"]
        assert suggest_unit(tasks[0], level=example["level"]) == example["unit"], example["source"]


def test_beijing_blue_is_evidence_without_a_unit() -> None:
    text = EXAMPLES["beijing_blue"]["text"]
    tasks = extract_tasks(text, "x", quantities=[])
    blue = next(t for t in tasks if "北京蓝" in t.quote)
    assert blue.kind == "achievement" and suggest_unit(blue, level="province") == ""


def test_achievements_are_stored_apart(engine: Engine) -> None:
    from planwatch.store.db import transaction
    from planwatch.store.tasks import Task, TaskFilter, list_tasks

    plan_id = ingest(engine)
    with transaction(engine) as session:
        done = list(session.scalars(select(Task).where(Task.plan_id == plan_id, Task.kind == "achievement")))
        assert done and all(t.status == "" and t.suggested_unit == "" and t.deadline is None for t in done)
        listed = list_tasks(session, TaskFilter(plan_id=plan_id))
        assert listed and all(t.kind == "task" and t.status == "未启动" for t in listed)
        gdp = next(t for t in done if "GDP增速逐季提升" in t.text)
        assert gdp.title == "GDP增速逐季提升"


def test_followup_finds_the_obvious_reports_and_ignores_generic_words() -> None:
    review = [t for t in _passage("national-gwr-2017-review.txt") if t.kind == "achievement"]
    cases = EXAMPLES["followup"]
    tasks = [next(t for t in extract_tasks(c["task"], "t", quantities=[]) if t.kind == "task")
             for c in cases["match"] + cases["generic"]]
    found = match([(t.quote, t.entities, t.object) for t in tasks], [(a.quote, a.entities, a.object) for a in review])
    by_task: dict[int, list[str]] = {}
    for m in found:
        by_task.setdefault(m.task, []).append(_flat(review[m.achievement].quote))
    for i, case in enumerate(cases["match"]):
        assert any(q in case["done"] or case["done"] in q for q in by_task.get(i, [])), case
    assert 2 not in by_task and 3 not in by_task  # "政策措施", "深化…改革" carry no match
    policy = next(a for a in review if "政策措施" in a.quote)
    score, shared = similarity(tasks[2].quote, tasks[2].entities, policy.quote, policy.entities)
    assert score < THRESHOLD and not shared


def test_accepted_match_is_dated_by_its_document(engine: Engine) -> None:
    from planwatch.monitor.followup import decide, list_proposals
    from planwatch.store.db import transaction
    from planwatch.store.tasks import TaskUpdate

    ingest(engine)
    ingest(engine, PLAN_2020, year=2020)
    with transaction(engine) as session:
        proposal = list_proposals(session)[0]
        decide(session, proposal.id, accept=True, who="tester")
        update = session.scalars(select(TaskUpdate).where(TaskUpdate.source == "followup")).one()
        assert update.on_date == date(2020, 1, 1) and update.on_date != date.today()
        assert update.evidence.startswith(proposal.plan.title) and "2020" in update.evidence


def test_cli_lists_achievements_apart(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    from planwatch.store.db import connect

    ingest(connect(db_url))
    code, out, _ = run(capsys, "tasks", "list", "--achievements")
    assert code == 0 and "项成效" in out and "GDP增速逐季提升" in out
    assert "未启动" not in out and "[" not in out and "时限" not in out
