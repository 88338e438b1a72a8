"""Paging shared by the lists (targets, indicators, plans, assessments, tasks, the audit log): how many pages,
which page to show, and the ``paging`` object the pages and their JSON carry."""

from __future__ import annotations

from math import ceil
from typing import Any

__all__ = ["clamp", "last_page", "paging"]


def last_page(total: int, size: int) -> int:
    """The number of pages `total` rows fill at `size` a page (1 for none: an empty list is one empty page)."""
    return max(1, ceil(total / size))


def clamp(page: int, total: int, size: int) -> int:
    """The page to show for `page`: the last one when past it (a stale link, a typed number), the first below 1."""
    return min(max(page, 1), last_page(total, size))


def paging(page: int, total: int, size: int, capped: bool = False) -> dict[str, Any]:
    """The ``paging`` object: page, size, total, pages and whether the total stopped at a cap ("10000+")."""
    return {"page": page, "size": size, "total": total, "pages": last_page(total, size), "total_capped": capped}
