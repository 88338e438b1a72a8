"""Filters that name something: an id must name a stored row (else 404), a code must be one of its choices
(else 422), the same for every list, its page and its JSON — not an empty list that looks like "no data"."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from fastapi.exceptions import RequestValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from planwatch.errors import NotFoundError
from planwatch.store.schema import LEVELS, Government, Indicator, Plan

__all__ = ["government", "governments", "indicator", "known", "one_of"]

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


def government(session: Session, key: str | None, parameter: str = "government") -> int | None:
    """The id of the government a filter names, by its id or any of its names (昆明市宜良县, or the 宜良县 it was
    merged from: `store.governments.stored_government`); None for no filter, NotFoundError (404) for none stored."""
    from planwatch.store.governments import stored_government

    key = (key or "").strip()
    if not key:
        return None
    if key.isdigit():
        known(session, government=int(key))
        return int(key)
    found = stored_government(session, key)
    if found is None:
        raise NotFoundError(f"{parameter} {key}: no such government", kind="government", key=key)
    return found.id


def indicator(session: Session, key: str | None) -> int | None:
    """The id of the indicator a filter names, by its id or any of its names (粮食产量, GDP, 国内生产总值: the names
    `/api/assessments` and `planwatch assess -i` take, `monitor.service.indicator_ids`); None for no filter,
    NotFoundError (404) for a name the registry does not know."""
    from planwatch.monitor.service import indicator_ids

    key = (key or "").strip()
    if not key:
        return None
    if key.isdigit():
        known(session, indicator=int(key))
        return int(key)
    found = indicator_ids(session.get_bind(), key)  # type: ignore[arg-type]
    if not found:
        raise NotFoundError(f"indicator {key}: no such indicator", kind="indicator", key=key)
    return min(found)


def governments(session: Session, government_key: str | None = None, level: str | None = None,
                parent: str | None = None) -> list[int] | None:
    """The ids of the governments the filters `government` (id or name), `level` (national … county) and `parent`
    (id or name: every government under it, at any depth: a province's cities and their counties) leave; None
    when none is given (no filter). An unknown government or parent is 404, an unknown level 422."""
    one_of("level", level, LEVELS)
    own, above = government(session, government_key), government(session, parent, "parent")
    if own is None and not level and above is None:
        return None
    query = select(Government.id)
    if own is not None:
        query = query.where(Government.id == own)
    if level:
        query = query.where(Government.level == level)
    ids = set(session.scalars(query))
    if above is not None:
        ids &= _under(session, above)
    return sorted(ids)


def _under(session: Session, government_id: int) -> set[int]:
    """Every government under one, at any depth (not itself)."""
    below: set[int] = set()
    layer = {government_id}
    while layer:
        layer = set(session.scalars(select(Government.id).where(Government.parent_id.in_(layer)))) - below
        layer.discard(government_id)
        below |= layer
    return below
