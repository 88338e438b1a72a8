"""Filters that name something: an id must name a stored row (else 404), a code must be one of its choices
(else 422), the same for every list, its page and its JSON — not an empty list that looks like "no data"."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fastapi.exceptions import RequestValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.errors import NotFoundError
from planwatch.store.schema import Government, Indicator, Plan

__all__ = ["known", "one_of"]

TABLES: dict[str, Any] = {"plan": Plan, "government": Government, "indicator": Indicator}


def known(session: Session, **ids: int | None) -> None:
    """Raise NotFoundError (worded by the edge: "规划 99999 不存在") for the first given id that names no stored
    plan, government or indicator (`known(session, plan=3, government=None)`); None is "no filter"."""
    for kind, key in ids.items():
        if key is None:
            continue
        table = TABLES[kind]
        if session.scalar(select(table.id).where(table.id == key)) is None:
            raise NotFoundError(f"{kind} {key}: no such {kind}", kind=kind, key=key)


def one_of(name: str, value: str | None, choices: Iterable[str]) -> None:
    """Refuse a query parameter `name` whose `value` is not one of `choices` (None and "" are "no filter"),
    as a request validation problem (422, "状态须为以下之一：…"), as if the parameter's type had said so."""
    allowed = list(choices)
    if value and value not in allowed:
        raise RequestValidationError([{
            "type": "literal_error", "loc": ("query", name), "input": value,
            "msg": f"Input should be one of {', '.join(allowed)}", "ctx": {"expected": ", ".join(allowed)},
        }])
