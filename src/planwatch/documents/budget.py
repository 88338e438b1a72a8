"""A time budget per document: extraction checks it as it goes and stops with one DocumentError.

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


@dataclass(frozen=True, slots=True)
class Budget:
    """The deadline (time.monotonic) of the document being worked on."""

    name: str
    seconds: float
    deadline: float


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
    budget = Budget(name, limit, time.monotonic() + limit)
    token = _current.set(budget)
    try:
        yield budget
    finally:
        _current.reset(token)


def check() -> None:
    """Raise DocumentError when the running document's budget is spent (no budget: nothing to do)."""
    budget = _current.get()
    if budget is not None and time.monotonic() > budget.deadline:
        raise DocumentError(
            f"{budget.name}: extraction took more than {budget.seconds:g} s (setting PLANWATCH_DOCUMENT_SECONDS); "
            "the document is unusually dense or malformed: split it, or raise the limit"
        )
