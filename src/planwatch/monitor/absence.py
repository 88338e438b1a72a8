"""Explicitly absent targets: a standard indicator last year's plan targeted and this year's omits.

Researchers code such an omission as a signal (the State Council set no GDP target for
2020); planwatch flags it. Pure: plain values in, flags out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PlanTargets:
    """The indicators one plan set targets for."""

    plan_id: int
    government_id: int
    year: int | None
    kind: str
    indicator_ids: frozenset[int]


@dataclass(frozen=True, slots=True)
class Absence:
    """`indicator_id` was targeted by `previous_plan_id` (year N−1) but not by `plan_id` (year N)."""

    plan_id: int
    indicator_id: int
    previous_plan_id: int


def explicitly_absent(plans: Iterable[PlanTargets], standard: set[int]) -> list[Absence]:
    """Every standard indicator dropped from one year's plan to the next (same government and kind)."""
    by_key: dict[tuple[int, str, int], list[PlanTargets]] = {}
    plans = list(plans)
    for p in plans:
        if p.year is not None:
            by_key.setdefault((p.government_id, p.kind, p.year), []).append(p)
    found: list[Absence] = []
    for plan in plans:
        if plan.year is None:
            continue
        for previous in by_key.get((plan.government_id, plan.kind, plan.year - 1), []):
            for indicator_id in sorted((previous.indicator_ids & standard) - plan.indicator_ids):
                found.append(Absence(plan.plan_id, indicator_id, previous.plan_id))
    return found
