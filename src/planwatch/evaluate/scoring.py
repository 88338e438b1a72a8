"""Scores of an indicator system for one plan, its domains and its responsible units (pure: facts in, scores out).

Per item 0–100 by its rule; a dimension is the weighted mean of its items, the total the
weighted mean of the dimensions. Missing data follows the system's `missing` setting:
``reweight`` drops what has no data and scales the other weights up, ``zero`` scores it 0.
The evaluation says how many items have data (`scored` of `item_count`); with none there is no
total (None, never 0). A task-completion item whose tasks nobody has reported on and none of which is
overdue in a supervised plan has no data. An indicator item scores a year's actual only: a part of the year
(上半年增长9%, monitoring's ``actual_period``) shows progress and is not scored, nor ranked against other governments.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from planwatch.evaluate.facts import AssessmentRow, TaskFacts, any_known, display_indicator
from planwatch.evaluate.system import Item, System
from planwatch.monitor.display import period_name
from planwatch.monitor.phrases import Phrase, number, quantity
from planwatch.monitor.rules import is_fall
from planwatch.monitor.vocabulary import COMPARATOR_SYMBOLS, VERDICT_ZH
from planwatch.store.units import PERIOD_FRACTION


class Detail(Phrase):
    """What an item's score was computed from, in the words of the report (the web words it from its parts)."""

    TEXTS = {
        "eval_no_target": "本计划未设该指标目标", "eval_conflict": "各来源实际值不一致，有待核实",
        "eval_judged": "{status}：目标{comparator}{value}，实际{actual}", "eval_judged_only": "{status}：已判定",
        "eval_judged_fall": "{status}：目标降幅{comparator}{fall}，实际降幅{actual}",
        "eval_judged_fall_rose": "{status}：目标降幅{comparator}{fall}，实际上升{actual}",
        "eval_judged_points": "{status}：目标{comparator}{value}，实际{actual}，在{points}个百分点容差内视为完成",
        "eval_judged_share": "{status}：目标{comparator}{value}，实际{actual}，在目标值±{share}%容差内视为完成",
        "eval_part_year": "{period}实际{actual}（{status}）：年内部分时期的数值只反映进度，不计年度得分",
        "eval_no_actual": "暂无实际值", "eval_linear": "实际{actual}，下限{floor}，目标{value}",
        "eval_no_peers": "暂无可比政府", "eval_rank": "{n}个政府中排第{rank}（{distinct}个不同取值）",
        "eval_no_tasks": "无对应任务", "eval_tasks": "已完成{done}项 / 应计{counted}项",
        "eval_no_reports": "应计{counted}项任务均未报送进展",
        "eval_task_rate": "任务完成率", "eval_task_rate_of": "任务完成率（{words}）",
        "eval_rule_tasks": "得分 = 100 × 已完成任务数 ÷ 应计任务数（不含取消）",
        "eval_rule_met": "完成目标得{met:g}分，未完成得{missed:g}分",
        "eval_rule_linear": "实际值在下限{floor}得0分、达到目标得100分，其间线性插值",
        "eval_rule_rank": "同一年度各政府按实际值排名：最优100分，最差0分，其间等距",
    }
    AMOUNTS = frozenset(("value", "actual", "floor", "fall"))  # in `unit`, as a report prints them: 1100万人, not 1.1e+07
    QUANTITY = staticmethod(quantity)  # Chinese words: 1100万人, 1.6个百分点
    WORDS = {"status": VERDICT_ZH, "comparator": COMPARATOR_SYMBOLS,  # 完成：目标≥8.5%, as the pages and the report
             "period": {code: period_name(code) for code in PERIOD_FRACTION}}  # H1 → 上半年

RankPool = dict[tuple[str, str, int], list[tuple[str, float]]]  # (indicator, measure, year) → (government, actual)


@dataclass(slots=True)
class ItemScore:
    """One item's score (None: no data), the rule, and what it was computed from."""

    label: str
    weight: float
    score: float | None
    rule: str
    detail: str
    share: float = 0.0  # its weight as a share of its dimension's items' (%): a system's weights are relative
    effective: float | None = None  # the share the score actually used (%): re-weighted over the items with data


@dataclass(slots=True)
class DimensionScore:
    """One dimension's score and its items."""

    name: str
    weight: float
    score: float | None
    items: list[ItemScore] = field(default_factory=list)
    scored: int = 0  # items with data (a dimension without any has no score to draw, even when `missing: zero`)
    share: float = 0.0  # its weight as a share of all dimensions' (%)
    effective: float | None = None  # the share the total actually used (%): re-weighted over the dimensions with data


@dataclass(slots=True)
class DomainRate:
    """Task completion in one domain of the plan."""

    domain: str
    counted: int
    completed: int
    late: int
    known: bool = True  # anything is known of its tasks (`facts.any_known`)

    @property
    def rate(self) -> float | None:
        """Completed ÷ counted (None without tasks, or when nothing is known of them: no data, not 0 %)."""
        return self.completed / self.counted if self.counted and self.known else None


@dataclass(slots=True)
class UnitScore:
    """One responsible unit: its tasks, the targets they state, and its score."""

    unit: str
    counted: int
    completed: int
    late: int
    target_score: float | None
    targets: int
    score: float | None
    known: bool = True  # anything is known of its tasks (`TaskFacts.known`); else its 逾期 count is not shown as one
    suggested: bool = False  # tasks only suggested to the unit (never assigned: it answers for none of them)


@dataclass(slots=True)
class Evaluation:
    """A plan's evaluation under a system."""

    plan_id: int
    government: str
    year: int | None
    system: str
    missing: str
    total: float | None
    dimensions: list[DimensionScore]
    domains: list[DomainRate]
    units: list[UnitScore]
    scored: int = 0  # items with data: the total rests on these (no total at all without any)
    item_count: int = 0  # every item of the system


def _shares(parts: list[ItemScore] | list[DimensionScore]) -> None:
    """Set each part's `share`: its weight over its siblings' total, in % (40 of 40+30+30+30 → 30.8). The weights of a
    system are relative (a dimension is the weighted mean of its items), so the pages show these, not the raw numbers."""
    total = sum(p.weight for p in parts)
    for p in parts:
        p.share = round(100 * p.weight / total, 1) if total else 0.0


def _effective(parts: Sequence[ItemScore | DimensionScore], missing: str) -> None:
    """Set each part's `effective` share (%): the weight `weighted` really gave it, so a total can be checked by hand.
    Under ``reweight`` a part without data has none (None) and the others share its weight (25 of 70 → 35.7); under
    ``zero`` every part keeps its share (one without data counts 0)."""
    used = [missing == "zero" or p.score is not None for p in parts]
    total = sum(p.weight for p, counts in zip(parts, used, strict=True) if counts)
    for p, counts in zip(parts, used, strict=True):
        p.effective = round(100 * p.weight / total, 1) if total and counts else None


def weighted(pairs: list[tuple[float, float | None]], missing: str) -> float | None:
    """Weighted mean of (weight, score); a None score is dropped (reweight) or counts as 0 (zero)."""
    if missing == "zero":
        total = sum(w for w, _s in pairs)
        return sum(w * (s or 0.0) for w, s in pairs) / total if total else None
    scored = [(w, s) for w, s in pairs if s is not None]
    total = sum(w for w, _s in scored)
    return sum(w * s for w, s in scored) / total if total else None


def _pick(rows: list[AssessmentRow], item: Item) -> AssessmentRow | None:
    """The plan's target for an item: same indicator (and measure), the plan year first, plan order."""
    found = [r for r in rows if r.indicator == item.indicator and r.status != "absent"
             and (item.measure is None or r.measure == item.measure)]
    found.sort(key=lambda r: (r.year != r.plan_year, r.position if r.position is not None else 0))
    return found[0] if found else None


def score_row(item: Item, row: AssessmentRow | None, pool: RankPool) -> tuple[float | None, str]:
    """An indicator item's score from its target row, and a line saying why."""
    if row is None:
        return None, Detail("eval_no_target")
    if row.status == "conflict":
        return None, Detail("eval_conflict")
    if row.actual_period and row.actual is not None:  # 上半年增长9%: how the year is going, not what it achieved
        return None, Detail("eval_part_year", period=row.actual_period, actual=row.actual, unit=row.unit,
                            status=row.status)
    if item.rule == "met" or (item.rule == "linear" and (row.value is None or row.value == item.floor)):
        if row.status in ("met", "on track"):
            return item.met, _judged(row)
        if row.status in ("missed", "at risk"):
            return item.missed, _judged(row)
        return None, Detail("eval_no_actual")
    if row.actual is None:
        return None, Detail("eval_no_actual")
    if item.rule == "linear":
        assert row.value is not None and item.floor is not None
        share = (row.actual - item.floor) / (row.value - item.floor)
        return round(100 * min(max(share, 0.0), 1.0), 4), Detail("eval_linear", actual=row.actual, floor=item.floor,
                                                                  value=row.value, unit=row.unit)
    peers = pool.get((row.indicator, row.measure, row.year or 0), [])
    if not peers:
        return None, Detail("eval_no_peers")
    lower = row.polarity == "lower"
    values = sorted({v for _g, v in peers}, reverse=not lower)
    n = len(peers)
    better = sum(1 for _g, v in peers if (v < row.actual if lower else v > row.actual))
    score = 100.0 if n == 1 else round(100 * (n - 1 - better) / (n - 1), 4)
    return score, Detail("eval_rank", n=n, rank=better + 1, distinct=len(values))


def _judged(row: AssessmentRow) -> Detail:
    """The status, with target and actual in a few words."""
    if row.value is not None and row.actual is not None and is_fall(row.measure, row.value, row.value_max):
        # 下降3.4%以上 is a fall of at least 3.4 %, not "≥ −3.4" (which −5 % would fail)
        # and the actual is worded the same way: 实际降幅5%, not 实际-5% beside 目标降幅 (a rise says so)
        if row.actual > 0:
            return Detail("eval_judged_fall_rose", status=row.status, comparator=row.comparator, fall=-row.value,
                          actual=row.actual, unit=row.unit)
        return Detail("eval_judged_fall", status=row.status, comparator=row.comparator, fall=-row.value,
                      actual=-row.actual, unit=row.unit)
    if row.value is not None and row.actual is not None and row.tolerance is not None and row.status == "met":
        # the tolerance decided it (增长10% at 9.8%): said, so 完成 beside a lower actual does not read as an error
        rate = row.measure in ("growth", "share", "points") or row.unit in ("%", "％")
        if rate or not row.value:
            return Detail("eval_judged_points", status=row.status, comparator=row.comparator, value=row.value,
                          actual=row.actual, unit=row.unit, points=number(row.tolerance))
        return Detail("eval_judged_share", status=row.status, comparator=row.comparator, value=row.value,
                      actual=row.actual, unit=row.unit, share=number(100 * row.tolerance / abs(row.value)))
    if row.value is not None and row.actual is not None:
        return Detail("eval_judged", status=row.status, comparator=row.comparator, value=row.value, actual=row.actual,
                      unit=row.unit)
    return Detail("eval_judged_only", status=row.status)


def task_rate(tasks: list[TaskFacts], words: tuple[str, ...]) -> tuple[float | None, str]:
    """Completion score of the tasks under a heading (of any level) that has one of `words` (all tasks when empty).

    Any level, not only the domains' own: a work report's "（三）深入实施创新驱动发展战略" sits under
    "三、2016年重点工作", and a plan's "1. 加强人才引进" under a domain that names neither."""
    if words:
        chosen = [t for t in tasks if any(w in (t.section or t.group) for w in words)]
    else:
        chosen = tasks
    counted = [t for t in chosen if t.state != "cancelled"]
    if not counted:
        return None, Detail("eval_no_tasks")
    if not any_known(counted):  # nobody has reported on them, none overdue in a supervised plan: no data, not 0 %
        return None, Detail("eval_no_reports", counted=len(counted))
    done = sum(1 for t in counted if t.state == "completed")
    return round(100 * done / len(counted), 4), Detail("eval_tasks", done=done, counted=len(counted))


def evaluate_plan(system: System, plan_id: int, government: str, year: int | None, rows: list[AssessmentRow],
                  tasks: list[TaskFacts], domains: dict[str, list[TaskFacts]], pool: RankPool) -> Evaluation:
    """Score one plan under `system`; `domains` maps the plan's domain headings to their tasks, in plan order."""
    dims: list[DimensionScore] = []
    for d in system.dimensions:
        items: list[ItemScore] = []
        for item in d.items:
            if item.tasks is not None:
                score, detail = task_rate(tasks, item.tasks)
            else:
                score, detail = score_row(item, _pick(rows, item), pool)
            label = display_indicator(item.label, government) if item.tasks is None else item.label
            items.append(ItemScore(label, item.weight, score, item.describe(), detail))
        scored = sum(1 for i in items if i.score is not None)
        dims.append(DimensionScore(d.name, d.weight, weighted([(i.weight, i.score) for i in items], system.missing),
                                   items, scored))
    for dim in dims:
        _shares(dim.items)
        _effective(dim.items, system.missing)
    _shares(dims)
    _effective(dims, system.missing)
    scored = sum(d.scored for d in dims)
    total = weighted([(d.weight, d.score) for d in dims], system.missing) if scored else None  # no data: no total
    rates = [DomainRate(title, sum(1 for t in ts if t.state != "cancelled"), sum(1 for t in ts if t.state == "completed"),
                        sum(1 for t in ts if t.state == "late"), any_known(ts))
             for title, ts in domains.items()]
    return Evaluation(plan_id, government, year, system.name, system.missing, total, dims, rates,
                      unit_scores(system, rows, tasks, pool), scored, sum(len(d.items) for d in dims))


def unit_scores(system: System, rows: list[AssessmentRow], tasks: list[TaskFacts], pool: RankPool) -> list[UnitScore]:
    """Per responsible unit: task completion and the scores of the targets its tasks state, blended by `units.tasks`."""
    items = {i.indicator: i for d in system.dimensions for i in d.items if i.tasks is None}
    by_position = {r.position: r for r in rows if r.position is not None}
    grouped: dict[tuple[str, bool], list[TaskFacts]] = defaultdict(list)
    for t in tasks:  # a unit's assigned tasks apart from those only suggested to it
        grouped[(t.unit or "未明确责任单位", not t.assigned and bool(t.unit))].append(t)
    out = []
    for (unit, suggested), ts in grouped.items():
        counted = [t for t in ts if t.state != "cancelled"]
        done = sum(1 for t in counted if t.state == "completed")
        linked = [by_position[p] for t in ts for p in t.records if p in by_position]
        scores = []
        for r in linked:
            item = items.get(r.indicator) or Item(1.0, r.indicator)
            s, _why = score_row(item, r, pool)
            if s is not None:
                scores.append(s)
        target_score = sum(scores) / len(scores) if scores else None
        known = any_known(counted)
        rate = 100 * done / len(counted) if known else None  # unreported, not due: no data
        if rate is not None and target_score is not None:
            score: float | None = system.unit_task_share * rate + (1 - system.unit_task_share) * target_score
        else:
            score = rate if rate is not None else target_score
        out.append(UnitScore(unit, len(counted), done, sum(1 for t in counted if t.state == "late"),
                             target_score, len(linked), None if score is None else round(score, 4), known, suggested))
    out.sort(key=lambda u: (u.suggested, -(u.score if u.score is not None else -1), u.unit))
    return out


def rank_pool(rows: list[AssessmentRow]) -> RankPool:
    """Actuals of every government's targets, by (indicator, measure, year), one per government."""
    pool: dict[tuple[str, str, int], dict[str, float]] = defaultdict(dict)
    for r in rows:
        if r.actual is not None and r.year is not None and r.status != "absent" and not r.actual_period:  # years only
            pool[(r.indicator, r.measure, r.year)].setdefault(r.government, r.actual)
    return {k: list(v.items()) for k, v in pool.items()}


__all__ = ["DimensionScore", "DomainRate", "Evaluation", "ItemScore", "UnitScore", "evaluate_plan", "rank_pool",
           "Detail", "score_row", "task_rate", "unit_scores", "weighted"]
