"""Paging shared by the lists (targets, indicators, plans, assessments, tasks, the audit log, actuals): how many
pages, which page to show, and the ``paging`` object the pages and their JSON carry.

One rule for every list: ``page`` (from 1) and ``size``; ``paging`` = {page, size, total, pages, total_capped}.
A page past the last is, in the JSON (``/api/…``, ``….json``), that page, empty, with the true total and pages,
so a client that pages "until empty" stops; in the browser it is the last page (a stale link, a typed number)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from math import ceil
from typing import Any

__all__ = ["clamp", "json_paging", "last_page", "paging"]

_JSON: ContextVar[bool] = ContextVar("planwatch_json_paging", default=False)


@contextmanager
def json_paging() -> Iterator[None]:
    """While a view's JSON is made: a page past the last stays that page (empty), not the last one."""
    token = _JSON.set(True)
    try:
        yield
    finally:
        _JSON.reset(token)


def last_page(total: int, size: int) -> int:
    """The number of pages `total` rows fill at `size` a page (1 for none: an empty list is one empty page)."""
    return max(1, ceil(total / size))


def clamp(page: int, total: int, size: int) -> int:
    """The page to show for `page`: the first below 1; past the last, the last one for a page in the browser (a
    stale link, a typed number) and `page` itself, empty, for JSON (`json_paging`)."""
    if _JSON.get():
        return max(page, 1)
    return min(max(page, 1), last_page(total, size))


def paging(page: int, total: int, size: int, capped: bool = False) -> dict[str, Any]:
    """The ``paging`` object: page, size, total, pages and whether the total stopped at a cap ("10000+")."""
    return {"page": page, "size": size, "total": total, "pages": last_page(total, size), "total_capped": capped}
