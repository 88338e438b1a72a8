"""Kind and year from document structure and goal wording: every case of tests/data/extract/kinds/goal-cues.json.

Goals said inside a sentence (今年…主要预期目标是…, …指标体系安排, 提出了2026年…目标), un-numbered heading lines
(2026年目标任务, 2025年工作回顾), paragraphs opening on the plan's year or on a reporter's "《计划》提出，今年", and
goal leads "主要目标任务是：" make targets of the plan year (or of the year they name); past goals and review
sentences that name a goal keep their results. review8's classes: goals that follow results in running prose (a
sentence inside a paragraph opening on the plan's year, "对2026年…目标", the goal paragraph carrying over to the tasks
after it) and review items that state values under a completion heading. review9's: the year's works and goals where
nothing decided the frame (later headings of a list of works, 明确了/阐述了…Y年…目标, 民生实事 announced, heading lines of
the year's works, a future or goal word in a value's own clause).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from planwatch.extract import extract_quantities
from planwatch.extract.context import DocumentContext

KINDS = Path(__file__).parents[1] / "data" / "extract" / "kinds"
# goal-cues.json: goal wording and document structure; review8-kinds.json: goals after results in running prose and
# review items under a completion heading (the two kind-and-year classes of review8); review9-kinds.json: the year's works
# and goals in local news, county summaries and park plans (review9's first class)
CASES = [case for name in ("goal-cues.json", "review8-kinds.json", "review9-kinds.json")
         for case in json.loads((KINDS / name).read_text(encoding="utf-8"))["cases"]]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_kind_and_year_of_every_named_value(case: dict[str, object]) -> None:
    records = extract_quantities(case["text"], doc=case["doc"])  # type: ignore[arg-type]
    for expected in case["expect"]:  # type: ignore[attr-defined]
        found = [r for r in records if r.value is not None and abs(r.value - expected["value"]) < 1e-6
                 and r.unit == expected["unit"]]
        assert found, expected
        assert {(r.kind, r.year) for r in found} == {(expected["kind"], expected["year"])}, (expected, found)


def test_a_goal_stretch_ends_with_its_paragraph() -> None:
    text = next(c["text"] for c in CASES if c["name"] == "goal-sentence-without-colon")
    ctx = DocumentContext(text, "county-2026")
    goals = text.index("主要预期目标是")
    after = text.index("他在回顾中说")
    assert (ctx.frame_at(goals + 10).kind, ctx.frame_at(goals + 10).year) == ("target", 2026)
    assert (ctx.frame_at(after + 8).kind, ctx.frame_at(after + 8).year) == ("result", 2025)


def test_cases_say_whether_they_are_constructed() -> None:
    assert all(isinstance(c["constructed"], bool) and c["source"] for c in CASES)
    assert all("constructed" in c["source"] for c in CASES if c["constructed"])


def test_a_goal_paragraph_carries_over_until_a_paragraph_looks_back() -> None:
    text = next(c["text"] for c in CASES if c["name"] == "goal-year-sentence-inside-a-paragraph-carries-to-the-tasks")
    ctx = DocumentContext(text, "x-2026")
    tasks = text.index("该县将重点抓好")
    back = text.index("去年，全县新增")
    assert (ctx.frame_at(tasks + 30).kind, ctx.frame_at(tasks + 30).year) == ("target", 2026)
    assert (ctx.frame_at(back + 8).kind, ctx.frame_at(back + 8).year) == ("result", 2025)


def test_a_heading_that_says_nothing_keeps_its_lists_target_frame() -> None:
    text = next(c["text"] for c in CASES if c["name"] == "later-headings-of-a-list-of-works-keep-its-year")
    ctx = DocumentContext(text, "x-2026")
    third = text.index("新建城区供热管网")
    frame = ctx.frame_at(third)
    assert (frame.kind, frame.year, frame.default) == ("target", 2026, False)


def test_the_default_frame_is_marked_so_a_clause_may_say_more() -> None:
    text = next(c["text"] for c in CASES if c["name"] == "a-clause-that-plans-where-nothing-else-frames")
    ctx = DocumentContext(text, "x-2026")
    frame = ctx.frame_at(text.index("计划增长"))
    assert (frame.kind, frame.year, frame.default) == ("result", 2025, True)
    goals = next(c["text"] for c in CASES if c["name"] == "goals-a-report-made-clear-for-its-year")
    ctx = DocumentContext(goals, "x-2026")
    assert not ctx.frame_at(goals.index("一般公共预算收入")).default
