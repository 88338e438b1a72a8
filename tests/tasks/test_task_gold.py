"""The reviewed task and follow-up gold sets (tests/data/tasks): figures that must not fall back.

The bundled plan's gold is scored everywhere; the gold of other documents needs the shared
corpus (PLANWATCH_SHARED, default ../shared) and is skipped without it. `make eval` prints them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from planwatch.documents import load
from planwatch.extract.task_scoring import TaskScore, load_gold, score_tasks
from planwatch.extract.task_units import suggest_unit
from planwatch.extract.tasks import deadline_of, extract_tasks
from planwatch.monitor.followup_scoring import FollowupScore, load_followup_gold, score_pair

from .helpers import DATA

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("PLANWATCH_SHARED", ROOT.parent / "shared"))
FULL = SHARED / "corpus" / "full"


def _score(path: Path) -> TaskScore:
    gold = load_gold(path)
    source = ROOT / gold["document"]
    document = load(source if source.exists() else FULL / gold["document"])
    tasks = extract_tasks(document.text, document.name, quantities=[])
    units = {id(t): suggest_unit(t, generic=True, level=gold["level"]) for t in tasks if t.kind == "task"}  # gold: generic names
    deadlines = {id(t): deadline_of(t, gold["year"]) for t in tasks}
    return score_tasks(document.text, gold, tasks, units, deadlines)


def test_bundled_plan_task_gold() -> None:
    result = _score(DATA / "gold" / "pingshan-2019-plan.json")
    assert result.precision >= 0.95 and result.recall >= 0.85, (result.false_alarms, result.misses)
    assert result.unit_accuracy >= 0.9, result.wrong_units
    assert result.review_as_task == 0 and result.deadline_accuracy == 1.0


@pytest.mark.skipif(not FULL.is_dir(), reason=f"no full corpus at {FULL} (set PLANWATCH_SHARED)")
def test_corpus_task_gold() -> None:
    total = TaskScore()
    for path in sorted((DATA / "gold").glob("*.json")):
        total.add(_score(path))
    assert total.precision >= 0.9 and total.recall >= 0.8
    assert total.unit_accuracy >= 0.9 and total.deadline_accuracy == 1.0 and total.review_as_task == 0


@pytest.mark.skipif(not FULL.is_dir(), reason=f"no full corpus at {FULL} (set PLANWATCH_SHARED)")
def test_followup_gold_precision_and_recall() -> None:
    total = FollowupScore()
    for pair in load_followup_gold(DATA / "followup-gold.json")["pairs"]:
        earlier, later = load(FULL / pair["earlier"]), load(FULL / pair["later"])
        tasks = [t for t in extract_tasks(earlier.text, earlier.name, quantities=[]) if t.kind == "task"]
        done = [t for t in extract_tasks(later.text, later.name, quantities=[]) if t.kind == "achievement"]
        total.add(score_pair(pair, tasks, done))
    assert total.precision >= 0.9 and total.recall >= 0.8, (total.wrong, total.missed)


@pytest.mark.skipif(not FULL.is_dir(), reason=f"no full corpus at {FULL} (set PLANWATCH_SHARED)")
def test_gold_quote_is_placed_inside_its_task_scope() -> None:
    # 保障农民工工资支付 first occurs in Fujian's review (…工资支付工作考核连续…): a gold task is the one inside the
    # task scope, else a predicted task there is both a miss and a false alarm.
    gold = load_gold(DATA / "gold" / "fujian-gwr-2026.json")
    gold = {**gold, "tasks": [t for t in gold["tasks"] if t["quote"] == "保障农民工工资支付"]}
    document = load(FULL / gold["document"])
    tasks = [t for t in extract_tasks(document.text, document.name, quantities=[])
             if t.kind == "task" and t.quote.endswith("保障农民工工资支付")]
    result = score_tasks(document.text, gold, tasks)
    assert result.matched == 1 and not result.misses
