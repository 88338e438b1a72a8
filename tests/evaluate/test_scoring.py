"""Scores of a small hand-computed system on the mini plans (2019 targets judged by the 2020 plan's results)."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_support import run
from report.support import bundled_with_tasks, mini_plans
from sqlalchemy import Engine

from planwatch.evaluate.facts import AssessmentRow
from planwatch.evaluate.scoring import score_row, weighted
from planwatch.evaluate.service import evaluate, system_for
from planwatch.evaluate.system import Item, load_system

SMALL = Path(__file__).resolve().parents[1] / "data" / "evaluate" / "small-system.yaml"


def test_hand_computed_scores_reweighted(engine: Engine) -> None:
    plan = mini_plans(engine)
    e = evaluate(engine, plan, system_for(engine, SMALL))
    economy, welfare, innovation = e.dimensions
    # GDP 9 % ≥ 8.5 %: met → 100; revenue 3.8 % on a linear 0 → 5 %: 76; R&D: no target → dropped
    assert [i.score for i in economy.items] == [100.0, pytest.approx(76.0), None]
    assert economy.score == pytest.approx((1 * 100 + 3 * 76) / 4)          # 82.0
    # unemployment ranked alone → 100; energy met with met: 80 → 80
    assert welfare.score == pytest.approx(90.0)
    assert innovation.score is None                                     # no data: the dimension drops out
    assert e.total == pytest.approx((60 * 82 + 40 * 90) / 100)           # 85.2


def test_hand_computed_scores_with_missing_as_zero(engine: Engine) -> None:
    plan = mini_plans(engine)
    e = evaluate(engine, plan, system_for(engine, SMALL, missing="zero"))
    assert e.dimensions[0].score == pytest.approx((100 + 3 * 76 + 0) / 5)  # 65.6
    assert e.dimensions[2].score == 0
    assert e.total == pytest.approx((60 * 65.6 + 40 * 90 + 10 * 0) / 110)


def test_rank_among_governments() -> None:
    item = Item(1.0, "城镇登记失业率", rule="rank")
    row = AssessmentRow(1, "甲区", 2019, "城镇登记失业率", "share", "<=", 3.0, None, "%", "met", actual=2.5,
                        polarity="lower")
    pool = {("城镇登记失业率", "share", 2019): [("甲区", 2.5), ("乙区", 2.0), ("丙区", 3.5)]}
    assert score_row(item, row, pool)[0] == pytest.approx(50.0)  # 2nd of 3, lower is better
    row.actual = 2.0
    assert score_row(item, row, pool)[0] == pytest.approx(100.0)


def test_weighted_mean_policies() -> None:
    assert weighted([(1, 100.0), (1, None)], "reweight") == 100.0
    assert weighted([(1, 100.0), (1, None)], "zero") == 50.0
    assert weighted([(1, None)], "reweight") is None


def test_bundled_system_loads_with_six_dimensions() -> None:
    system = load_system()
    assert [d.name for d in system.dimensions] == ["经济运行", "创新", "协调", "绿色", "开放", "共享"]
    assert system.missing == "reweight"


def test_task_completion_by_domain_and_by_unit(engine: Engine) -> None:
    e = evaluate(engine, bundled_with_tasks(engine))
    first = e.domains[0]
    assert first.domain.startswith("（一）") and first.completed == 1 and first.late == 1
    assert first.rate == pytest.approx(1 / first.counted)
    unit = next(u for u in e.units if u.unit == "区发展和改革局")
    assert unit.late >= 1


def test_cli_evaluate_prints_dimensions_total_and_units(engine: Engine, capsys: pytest.CaptureFixture[str]) -> None:
    plan = mini_plans(engine)
    code, out, err = run(capsys, "evaluate", "--plan", str(plan), "--system", str(SMALL), "--by", "unit", "--explain")
    assert code == 0, err
    assert "经济" in out and "82.0" in out and "90.0" in out and "85.2" in out
    assert "target score" in out and "┃ rule" in out
    assert "完成：" in out and "met：" not in out  # the detail's verdict in the report's word, not the status's code
    e = evaluate(engine, plan, system_for(engine, SMALL))
    total_row = next(line for line in out.splitlines() if "total" in line and "85.2" in line)
    assert f"{e.scored}/{e.item_count}" in total_row and e.scored < e.item_count  # what the total rests on
    code, out, _err = run(capsys, "evaluate", "--all", "--system", str(SMALL))
    assert code == 0 and "85.2" in out


def test_a_completion_request_without_sign_off_does_not_count(engine: Engine) -> None:
    from sqlalchemy import select, update

    from planwatch.evaluate.facts import tasks_of
    from planwatch.store.db import transaction
    from planwatch.store.tasks import Task

    plan = bundled_with_tasks(engine)
    with transaction(engine) as session:
        task_id = session.scalars(select(Task.id).where(Task.plan_id == plan, Task.status == "推进中")).first()
        session.execute(update(Task).where(Task.id == task_id).values(signoff="requested"))
    states = {t.id: t.state for t in tasks_of(engine, plan)}
    assert states[task_id] in ("in progress", "late")
    assert sum(1 for s in states.values() if s == "completed") == 1  # only the task with status 已完成
