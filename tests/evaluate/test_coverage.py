"""What an evaluation rests on: items with data counted, no total without data, amounts never in 1.1e+07 notation."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from report.support import bundled_with_tasks, mini_plans
from sqlalchemy import Engine

from planwatch.evaluate.scoring import Detail
from planwatch.evaluate.service import evaluate, system_for

SMALL = Path(__file__).resolve().parents[1] / "data" / "evaluate" / "small-system.yaml"


def test_the_evaluation_counts_the_items_its_total_rests_on(engine: Engine) -> None:
    e = evaluate(engine, mini_plans(engine), system_for(engine, SMALL))
    items = [i for d in e.dimensions for i in d.items]
    assert e.item_count == len(items)
    assert e.scored == sum(1 for i in items if i.score is not None) and 0 < e.scored < e.item_count
    assert [d.scored for d in e.dimensions] == [sum(1 for i in d.items if i.score is not None) for d in e.dimensions]
    assert e.dimensions[2].scored == 0 and e.dimensions[2].score is None  # innovation: no data, no score


def test_a_plan_without_any_data_has_no_total_not_zero(engine: Engine) -> None:
    """The bundled plan as next year's, with no actuals and no task reported on (every task still 未启动, none
    due yet): 暂无数据, never 0.0."""
    from planwatch.documents import bundled_plan_path, load
    from planwatch.pipeline import ingest_document

    plan = ingest_document(engine, load(bundled_plan_path()), government="深圳市坪山区", year=date.today().year + 1,
                           extract=lambda text, doc="doc": []).plan_id
    e = evaluate(engine, plan)
    assert e.total is None and e.scored == 0 and e.item_count > 20
    tasks = [i for d in e.dimensions for i in d.items if i.detail.key == "eval_no_reports"]  # type: ignore[attr-defined]
    assert tasks and all(i.score is None for i in tasks)  # unreported tasks: no data, not 0 % completed
    assert all(u.score is None for u in e.units)


def _supervised_2019(engine: Engine, assign_first: int) -> int:
    """The bundled 2019 plan under supervision (a reporting round opened), every task past its deadline and none
    reported on; the first `assign_first` tasks handed to their suggested lead unit (交办), the others 待交办."""
    from sqlalchemy import select

    from planwatch.documents import bundled_plan_path, load
    from planwatch.pipeline import ingest_document
    from planwatch.store.db import transaction
    from planwatch.store.supervision import assign, open_round
    from planwatch.store.tasks import Task

    plan = ingest_document(engine, load(bundled_plan_path()), government="深圳市坪山区", year=2019,
                           extract=lambda text, doc="doc": []).plan_id
    with transaction(engine) as session:
        open_round(session, "2019年进展填报", date(2019, 6, 30), "admin", "admin", plan_id=plan,
                   opened_on=date(2019, 6, 1))
        tasks = session.scalars(select(Task).where(Task.plan_id == plan, Task.suggested_unit != "")
                                .order_by(Task.start)).all()
        for task in tasks[:assign_first]:
            assign(session, task.id, "admin", "admin", lead=task.suggested_unit)
    return plan


def test_overdue_tasks_of_a_supervised_plan_score_zero_not_no_data(engine: Engine) -> None:
    """Every task assigned (交办) and past its deadline (逾期 on every page), none reported on. Not done by the date
    set is known: the task items score 0 % and a unit's completion counts, so a unit with all its tasks overdue does
    not score 100 on its targets alone."""
    e = evaluate(engine, _supervised_2019(engine, assign_first=10_000))
    tasks = [i for d in e.dimensions for i in d.items if i.detail.key == "eval_tasks"]  # type: ignore[attr-defined]
    assert tasks and all(i.score == 0 for i in tasks)
    assert e.units and all(u.late == u.counted and u.score == 0 for u in e.units if u.counted)


def test_tasks_never_assigned_are_late_for_nobody_in_the_evaluation_and_report(engine: Engine) -> None:
    """A supervised plan whose office has handed out only 3 tasks: the others (待交办, suggested units only) are
    late for no unit, as on the supervision pages (review ux4 #5), so neither the evaluation nor the execution
    report counts them 逾期 (both still did: every past-deadline task of a supervised plan was late)."""
    from planwatch.evaluate.facts import tasks_of
    from planwatch.report.model import build_report

    plan = _supervised_2019(engine, assign_first=3)
    facts = tasks_of(engine, plan)
    assert sum(1 for t in facts if t.assigned) == 3
    assert [t.state for t in facts if t.assigned] == ["late"] * 3
    assert not any(t.state == "late" for t in facts if not t.assigned)
    e = evaluate(engine, plan)
    assert sum(u.late for u in e.units) == 3
    report = build_report(engine, plan, charts=False)
    assert sum(len(part.late) for part in report.domains) == 3


def test_overdue_tasks_of_a_plan_nobody_supervises_are_no_data(engine: Engine) -> None:
    """The same plan only ingested (no round, no step recorded on any task: an old report loaded for reading or
    research): nothing is known of its tasks, so the task items have no data rather than 0 % (国务院 2016 scored
    0 on every task item once they matched its headings)."""
    from planwatch.documents import bundled_plan_path, load
    from planwatch.pipeline import ingest_document

    plan = ingest_document(engine, load(bundled_plan_path()), government="深圳市坪山区", year=2019,
                           extract=lambda text, doc="doc": []).plan_id
    e = evaluate(engine, plan)
    task_items = [i for d in e.dimensions for i in d.items if i.label.startswith("任务完成率")]
    assert task_items and all(i.score is None for i in task_items)
    assert all(i.detail.key == "eval_no_reports" for i in task_items)  # type: ignore[attr-defined]
    assert e.units and all(u.score is None for u in e.units if u.counted and not u.targets)


def test_reported_tasks_still_score(engine: Engine) -> None:
    """A unit with a task reported on (the fixture sets three: done, late, in progress) keeps its completion score."""
    e = evaluate(engine, bundled_with_tasks(engine))
    unit = next(u for u in e.units if u.unit == "区发展和改革局")
    assert unit.score == pytest.approx(0.0) and unit.late >= 1  # reported late: 0 % completed, which is data


def test_details_word_amounts_as_a_report_prints_them() -> None:
    jobs = Detail("eval_judged", status="met", comparator=">=", value=1.1e7, actual=1.351e7, unit="人")
    assert jobs == "完成：目标≥1100万人，实际1351万人"  # the verdict in its word (it read met：目标>=)
    assert "e+" not in Detail("eval_linear", actual=2.5e9, floor=0.0, value=3e9, unit="元")
    from planwatch.evaluate.facts import AssessmentRow
    from planwatch.evaluate.scoring import _judged

    energy = AssessmentRow(1, "国务院", 2016, "万元GDP能耗", "growth", ">=", -3.4, None, "%", "met", actual=-5.0)
    assert _judged(energy) == "完成：目标降幅≥3.4%，实际降幅5%"  # was 实际-5% beside 目标降幅
    energy.actual, energy.status = 1.2, "missed"
    assert _judged(energy) == "未完成：目标降幅≥3.4%，实际上升1.2%"


@pytest.mark.parametrize("missing", ["reweight", "zero"])
def test_no_data_means_no_total_whatever_the_missing_rule(engine: Engine, missing: str) -> None:
    from planwatch.documents import bundled_plan_path, load
    from planwatch.pipeline import ingest_document

    plan = ingest_document(engine, load(bundled_plan_path()), government="深圳市坪山区", year=date.today().year + 1,
                           extract=lambda text, doc="doc": []).plan_id
    assert evaluate(engine, plan, system_for(engine, missing=missing)).total is None
