"""A time budget per document: extraction checks it as it goes and stops with one DocumentError.

The budget counts the CPU time of the thread doing the work, not the wall clock: a worker
that shares its core (a loaded machine, or the lower priority bulk-ingest workers run at)
is not made to refuse a document that costs no more than on an idle machine. `check()`
reads the cheap monotonic clock; only when the wall-clock deadline has passed does it read
the thread's CPU clock, and moves the deadline on by the CPU time still left.

The budget is a context variable, so nested stages (quantities inside tasks, both inside an
ingest) share the one that is already running, and each thread or task has its own:

    with time_budget("plan.txt"):          # setting document_seconds (default 120 s)
        quantities = extract_quantities(text)
        tasks = extract_tasks(text, quantities=quantities)

`check()` is cheap (one clock read); loops over candidates and records call it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from planwatch.errors import DocumentError

__all__ = ["Budget", "check", "time_budget"]


@dataclass(slots=True)
class Budget:
    """The document being worked on: its CPU-second limit, when it started, and a wall-clock deadline to look again."""

    name: str
    seconds: float
    deadline: float  # time.monotonic() before which no CPU time can have run out
    started: float = 0.0  # time.thread_time() when the work began


_current: ContextVar[Budget | None] = ContextVar("planwatch_document_budget", default=None)


def _default_seconds() -> float:
    from planwatch.settings import get_settings

    return get_settings().document_seconds


@contextmanager
def time_budget(name: str, seconds: float | None = None) -> Iterator[Budget]:
    """Work on document `name` for at most `seconds`; an enclosing budget already running is kept."""
    running = _current.get()
    if running is not None:
        yield running
        return
    limit = _default_seconds() if seconds is None else seconds
    budget = Budget(name, limit, time.monotonic() + limit, time.thread_time())
    token = _current.set(budget)
    try:
        yield budget
    finally:
        _current.reset(token)


def check() -> None:
    """Raise DocumentError when the running document's CPU time is spent (no budget: nothing to do)."""
    budget = _current.get()
    if budget is None or time.monotonic() <= budget.deadline:
        return
    left = budget.seconds - (time.thread_time() - budget.started)
    if left > 0:  # the thread waited for a core part of the time: look again once the rest could be spent
        budget.deadline = time.monotonic() + left
        return
    raise DocumentError(
        f"{budget.name}: extraction took more than {budget.seconds:g} CPU s (setting PLANWATCH_DOCUMENT_SECONDS); "
        "the document is unusually dense or malformed: split it, or raise the limit",
        reason="time_budget", seconds=f"{budget.seconds:g}",
    )
