"""Search page: plans, records and tasks matching a Chinese query."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.orm import Session

from planwatch.web import search as engine
from planwatch.web.deps import db
from planwatch.web.render import page

router = APIRouter()
DbSession = Annotated[Session, Depends(db)]


@page(router, "/search", "search.html", tags=["search"])
def search(request: Request, session: DbSession,
           q: Annotated[str, Query(max_length=200, description="Words to find (Chinese needs no spaces).")] = "",
           limit: Annotated[int, Query(ge=1, le=500, description="Most hits per kind.")] = 50) -> dict[str, Any]:
    """Full-text search over plan texts, extracted records and tasks."""
    words = engine.terms(q)
    result: dict[str, Any] = {"q": q, "terms": words, "plans": [], "records": [], "tasks": []}
    if not words:
        return result
    result["plans"] = engine.search_plans(session, words, limit)
    result["records"] = engine.search_records(session, words, limit)
    result["tasks"] = engine.search_tasks(session, words, limit)
    return result
