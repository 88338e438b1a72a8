"""``GET /api/governments``: the stored governments with their ids, level and the government above them — the ids the
entry grid, /api/targets and /api/assessments take (`government`, `parent`), a page at a time."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from planwatch.store.schema import LEVELS
from planwatch.web import filters, paging
from planwatch.web.deps import db, require_reader
from planwatch.web.render import json_response

router = APIRouter()
DbSession = Annotated[Session, Depends(db)]
PAGE_SIZE = 100


class GovernmentOut(BaseModel):
    """One stored government."""

    id: int
    name: str
    level: str | None = Field(description="national, province, city, district or county; null if unknown")
    parent_id: int | None = Field(description="the government above it (its id), null if none is stored")
    parent: str | None = Field(description="the government above it (its name)")
    plans: int = Field(description="how many of its plans are stored")
    aliases: list[str] = Field(description="its other names: an ingest or a filter under one lands on it")


class GovernmentPaging(BaseModel):
    """Which page this is."""

    page: int
    size: int
    total: int
    pages: int
    total_capped: bool


class GovernmentList(BaseModel):
    """The stored governments by id, a page at a time."""

    governments: list[GovernmentOut]
    total: int
    paging: GovernmentPaging
    filters: dict[str, str | None]


@router.get("/api/governments", tags=["governments"], response_model=GovernmentList,
            summary="The stored governments: id, name, level, the government above it, plan count, other names.")
def governments_api(
    request: Request,
    session: DbSession,
    level: Annotated[str | None, Query(description="Only governments of this level: national, province, city, "
                                                   "district or county.")] = None,
    parent: Annotated[str | None, Query(description="Only the governments under this one (id or name), at any "
                                                    "depth.")] = None,
    page: Annotated[int, Query(ge=1, description="Page number, from 1.")] = 1,
    size: Annotated[int, Query(ge=1, le=1000, description="Rows per page.")] = PAGE_SIZE,
) -> Response:
    """Every stored government by id (of one level, or under one government), with the id and name of the one above
    it, how many plans it has and its other names (`planwatch governments`)."""
    from planwatch.store.governments import government_rows

    require_reader(request)
    filters.one_of("level", level, LEVELS)
    ids = filters.governments(session, None, level or None, (parent or "").strip() or None)
    rows, _total = government_rows(session)
    if ids is not None:
        wanted = set(ids)
        rows = [r for r in rows if r.id in wanted]
    with paging.json_paging():
        page = paging.clamp(page, len(rows), size)
    shown = rows[(page - 1) * size: page * size]
    return json_response({
        "governments": [{"id": r.id, "name": r.name, "level": r.level, "parent_id": r.parent_id, "parent": r.parent,
                         "plans": r.plans, "aliases": list(r.aliases)} for r in shown],
        "total": len(rows), "paging": paging.paging(page, len(rows), size),
        "filters": {"level": level or None, "parent": parent or None},
    })
