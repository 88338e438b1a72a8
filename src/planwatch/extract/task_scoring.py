"""Score extracted tasks against a reviewed gold file (tests/data/tasks/gold/*.json).

A gold file names its document, the government's level, the plan year and its
scopes: stretches of the text (from/to snippets) that are all tasks, all
achievements, or hold no commitment at all. Inside a task scope every task is
listed with its quote, action, object, named things and the lead units an
annotator accepts; `neutral` snippets (themes, purposes) are neither required
nor wrong. A predicted task matches a gold task when their texts overlap by at
least half of each (one to one). Pure: text and gold in, figures out.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from planwatch.extract.records import Task

__all__ = ["TaskScore", "load_gold", "score_tasks"]


@dataclass(slots=True)
class TaskScore:
    """Task precision/recall, unit accuracy and the rest for one document (or a sum of them)."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    unit_right: int = 0
    deadline_right: int = 0
    in_review: int = 0  # items extracted inside achievement scopes
    review_as_task: int = 0  # … of which wrongly kept as open tasks
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    wrong_units: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def unit_accuracy(self) -> float:
        return self.unit_right / self.matched if self.matched else 0.0

    @property
    def deadline_accuracy(self) -> float:
        return self.deadline_right / self.matched if self.matched else 0.0

    def add(self, other: TaskScore) -> None:
        """Add `other`'s counts (the lists too)."""
        for name in ("gold", "predicted", "matched", "unit_right", "deadline_right", "in_review", "review_as_task"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses += other.misses
        self.false_alarms += other.false_alarms
        self.wrong_units += other.wrong_units


def load_gold(path: Path) -> dict[str, Any]:
    """A gold file as a dict."""
    return json.loads(path.read_text(encoding="utf-8"))


def _squeezed(text: str) -> tuple[str, list[int]]:
    """`text` without whitespace, and for each original offset the squeezed offset before it."""
    out: list[str] = []
    index = [0] * (len(text) + 1)
    for i, ch in enumerate(text):
        index[i] = len(out)
        if not ch.isspace():
            out.append(ch)
    index[len(text)] = len(out)
    return "".join(out), index


def _span(flat: str, snippet: str, start: int = 0) -> tuple[int, int]:
    at = flat.find("".join(snippet.split()), start)
    if at < 0:
        raise ValueError(f"gold snippet not found in the document: {snippet!r}")
    return at, at + len("".join(snippet.split()))


def _in_scopes(flat: str, snippet: str, scopes: list[tuple[int, int, str]]) -> tuple[int, int]:
    """The first place of a gold task's quote inside a task scope (the same words may come earlier, in a
    review: 保障农民工工资支付工作考核…), else its first place in the text."""
    for a, b, kind in scopes:
        if kind == "task":
            try:
                span = _span(flat, snippet, a)
            except ValueError:
                continue
            if span[1] <= b:
                return span
    return _span(flat, snippet)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score_tasks(text: str, gold: dict[str, Any], tasks: list[Task],
                units: dict[int, str] | None = None, deadlines: dict[int, date | None] | None = None) -> TaskScore:
    """Figures for `tasks` extracted from `text` against `gold` (`units`/`deadlines` by id() of a task)."""
    flat, index = _squeezed(text)
    scopes = []
    for scope in gold["scopes"]:
        a = _span(flat, scope["from"])[0]
        b = _span(flat, scope["to"], a)[1]
        scopes.append((a, b, scope["kind"]))
    gold_tasks = []
    for item in gold["tasks"]:
        gold_tasks.append((_in_scopes(flat, item["quote"], scopes), item))
    neutral = [_span(flat, s) for s in gold.get("neutral", [])]
    default_deadline = f"{gold['year']}-12-31" if gold.get("year") else None
    result = TaskScore(gold=len(gold_tasks))
    taken: set[int] = set()
    for task in tasks:
        span = (index[task.start], index[task.end])
        kind = next((k for a, b, k in scopes if a <= span[0] < b), None)
        if kind is None:
            continue
        quote = flat[span[0]:span[1]]
        if kind == "achievement":
            result.in_review += 1
            if task.kind == "task":
                result.review_as_task += 1
                result.predicted += 1
                result.false_alarms.append(f"(review) {quote}")
            continue
        if task.kind != "task":
            continue
        length = max(1, span[1] - span[0])
        best, best_overlap = None, 0
        for i, (g_span, _item) in enumerate(gold_tasks):
            if i in taken:
                continue
            o = _overlap(span, g_span)
            if o * 2 >= length and o * 2 >= g_span[1] - g_span[0] and o > best_overlap:
                best, best_overlap = i, o
        if best is None:
            if any(_overlap(span, n) * 2 >= length for n in neutral):
                continue
            result.predicted += 1
            result.false_alarms.append(quote)
            continue
        taken.add(best)
        result.predicted += 1
        result.matched += 1
        item = gold_tasks[best][1]
        unit = (units or {}).get(id(task), "")
        if unit in item["unit"]:
            result.unit_right += 1
        else:
            result.wrong_units.append(f"{item['quote']} → {unit or '—'} (expected {' / '.join(item['unit'])})")
        expected = item.get("deadline", default_deadline)
        got = (deadlines or {}).get(id(task))
        if expected is None or (got is not None and got.isoformat() == expected):
            result.deadline_right += 1
    result.misses = [item["quote"] for i, (_s, item) in enumerate(gold_tasks) if i not in taken]
    return result
