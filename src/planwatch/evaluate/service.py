"""The database edge of evaluation: load a system, gather a plan's facts, score it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from planwatch.evaluate.facts import assessment_rows, domains_of, plan_info, tasks_of
from planwatch.evaluate.scoring import Evaluation, evaluate_plan, rank_pool
from planwatch.evaluate.system import System, load_system
from planwatch.store.schema import Indicator, Plan


def system_for(engine: Engine, path: Path | str | None = None, missing: str | None = None) -> System:
    """The system file (else the `evaluation_system` setting, else the bundled one) checked against the registry."""
    from dataclasses import replace

    from planwatch.errors import ConfigError, ValidationError
    from planwatch.settings import get_settings

    with Session(engine) as session:
        known = set(session.scalars(select(Indicator.name)))
    configured = get_settings().evaluation_system if path is None else None
    try:
        system = load_system(path if path is not None else configured, known)
    except ValidationError as exc:
        if configured is None:  # a file given on the command line: the user's own input
            raise
        # the server's setting: the operator's to fix; the message keeps its one line (file, line, problem)
        raise ConfigError(f"PLANWATCH_EVALUATION_SYSTEM: {exc}") from None
    return replace(system, missing=missing) if missing else system


def check_configured_system(engine: Engine) -> str | None:
    """The problem of the configured system file (PLANWATCH_EVALUATION_SYSTEM) in one line, None when it reads (or none
    is set): what the server logs when it starts, so a broken file is seen before a visitor meets it."""
    from planwatch.errors import ConfigError

    try:
        system_for(engine)
    except ConfigError as exc:
        return str(exc)
    return None


def evaluate(engine: Engine, plan_id: int | None = None, system: System | None = None) -> Evaluation:
    """One plan's evaluation (the latest plan when None) under `system` (the bundled one when None)."""
    system = system or system_for(engine)
    plan = plan_info(engine, plan_id)
    rows = assessment_rows(engine, plan.id)
    tasks = tasks_of(engine, plan.id)
    domains = {d.title: d.tasks for d in domains_of(engine, plan.id, rows, tasks) if d.tasks}
    pool = rank_pool(assessment_rows(engine)) if _ranked(system) else {}
    return evaluate_plan(system, plan.id, plan.government, plan.year, rows, tasks, domains, pool)


def plan_ids(engine: Engine) -> list[int]:
    """Every stored plan's id, oldest first."""
    with Session(engine) as session:
        return list(session.scalars(select(Plan.id).order_by(Plan.year, Plan.id)))


def evaluate_all(engine: Engine, system: System | None = None,
                 tick: Callable[[int], None] | None = None) -> list[Evaluation]:
    """Every stored plan's evaluation, oldest first; `tick(plan_id)` after each (progress)."""
    system = system or system_for(engine)
    out = []
    for pid in plan_ids(engine):
        out.append(evaluate(engine, pid, system))
        if tick is not None:
            tick(pid)
    return out


def _ranked(system: System) -> bool:
    """Whether any item ranks governments (then every plan's actuals are needed)."""
    return any(i.rule == "rank" for d in system.dimensions for i in d.items)


__all__ = ["check_configured_system", "evaluate", "evaluate_all", "plan_ids", "system_for"]
