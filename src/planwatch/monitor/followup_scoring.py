"""Score follow-up matching against reviewed true matches (tests/data/tasks/followup-gold.json).

For each chosen task of an earlier report the gold lists every sentence of the
later report's review that reports it (maybe none). The matcher runs on the two
whole documents, as at ingest; a proposal for a chosen task is right when its
achievement overlaps one of the task's gold sentences. Precision is over the
proposals for chosen tasks, recall over the gold sentences.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from planwatch.extract.records import Task
from planwatch.monitor.followup import match

__all__ = ["FollowupScore", "score_pair", "load_followup_gold"]

_LABEL = regex.compile(r"^[一二三四五六七八九十]+是")


@dataclass(slots=True)
class FollowupScore:
    """Proposals, right ones and gold sentences found, for one pair of documents (or a sum)."""

    gold: int = 0
    found: int = 0
    proposed: int = 0
    right: int = 0
    all_proposals: int = 0  # over every task of the pair, chosen or not
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.proposed if self.proposed else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    def add(self, other: FollowupScore) -> None:
        self.gold += other.gold
        self.found += other.found
        self.proposed += other.proposed
        self.right += other.right
        self.all_proposals += other.all_proposals
        self.wrong += other.wrong
        self.missed += other.missed


def load_followup_gold(path: Path) -> dict[str, Any]:
    """The gold file as a dict."""
    return json.loads(path.read_text(encoding="utf-8"))


def _flat(text: str) -> str:
    return "".join(text.split())


def _overlap(a: str, b: str) -> bool:
    """Whether two squeezed sentences share at least half of the shorter one (by longest common piece)."""
    short, long_ = sorted((a, b), key=len)
    need = max(4, len(short) // 2)
    return any(short[i:i + need] in long_ for i in range(0, len(short) - need + 1))


def score_pair(pair: dict[str, Any], tasks: list[Task], achievements: list[Task]) -> FollowupScore:
    """Figures for one gold pair, given the earlier report's tasks and the later one's achievements."""
    matches = match([(t.quote, list(t.entities), t.object) for t in tasks],
                    [(a.quote, list(a.entities), a.object) for a in achievements])
    by_task: dict[int, list[int]] = {}
    for m in matches:
        by_task.setdefault(m.task, []).append(m.achievement)
    result = FollowupScore(all_proposals=len(matches))
    flat_tasks = [_flat(t.quote) for t in tasks]
    for item in pair["tasks"]:
        snippet = _LABEL.sub("", _flat(item["task"]))  # "一是全面实施营改增": the list mark is not part of a task
        chosen = [i for i, q in enumerate(flat_tasks) if snippet in q or (len(q) >= 6 and q in snippet)]
        done = [_flat(d) for d in item["done"]]
        result.gold += len(done)
        hit = [False] * len(done)
        for i in chosen:
            for j in by_task.get(i, []):
                quote = _flat(achievements[j].quote)
                result.proposed += 1
                good = [k for k, d in enumerate(done) if _overlap(d, quote)]
                if good:
                    result.right += 1
                    for k in good:
                        hit[k] = True
                else:
                    result.wrong.append(f"{item['task']} ← {quote[:60]}")
        result.found += sum(hit)
        result.missed += [f"{item['task']} ← {d}" for d, h in zip(item["done"], hit, strict=True) if not h]
    return result
