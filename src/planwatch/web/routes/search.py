"""Search page: plans, records and tasks matching a Chinese query."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.orm import Session

from planwatch.store.search_index import index_kind
from planwatch.web import schemas
from planwatch.web import search as engine
from planwatch.web.deps import db, settings_of
from planwatch.web.paging import last_page
from planwatch.web.render import page

router = APIRouter()
DbSession = Annotated[Session, Depends(db)]


@page(router, "/search", "search.html", tags=["search"], model=schemas.SearchPage)
def search(request: Request, session: DbSession,
           q: Annotated[str, Query(max_length=200, description="Words to find (Chinese needs no spaces).")] = "",
           limit: Annotated[int, Query(ge=1, le=500, description="Most hits per kind (the page size).")] = 50,
           page: Annotated[int, Query(ge=1, le=10_000, description="Page number, from 1 (for each kind).")] = 1,
           size: Annotated[int | None, Query(ge=1, le=500, description="Page size, as on every list (`limit` "
                                             "is its older name; `size` wins when both are given).")] = None,
           ) -> dict[str, Any]:
    """Full-text search over plan texts, extracted records and tasks, best match first, a page at a time: `paging`
    says for each kind how many hits there are in all (`totals`, counted up to 1000: `capped` past it), how many
    pages they fill (`pages`) and whether a next page has more (`more`)."""
    limit = size or limit
    q = engine.clean_query(q)
    words = engine.terms(q)
    result: dict[str, Any] = {"q": q, "terms": words, "plans": [], "records": [], "tasks": [], "indicators": [],
                              "paging": {"page": page, "size": limit, "more": {k: False for k in engine.SEARCHES},
                                         "totals": {k: 0 for k in engine.SEARCHES},
                                         "capped": {k: False for k in engine.SEARCHES},
                                         "pages": {k: 1 for k in engine.SEARCHES}}}
    if not words:
        return result
    result["index"] = index_kind(session)
    lists, result["indicators"] = engine.variants(session, words)
    # the true number of hits (it read "记录 (50)" with 54 found and no way to the rest): counted, on the kind's own
    # connection, when they fill more than this page, up to COUNT_CAP ("1000+" past it); a page's own count otherwise
    found = engine.search_and_count_kinds(session, words, limit + 1, (page - 1) * limit, lists,
                                          settings_of(request).search_connections,
                                          engine.named_indicators(words, result["indicators"]))
    totals: dict[str, int] = {}
    for kind, (hits, counted) in found.items():
        result[kind] = hits[:limit]
        result["paging"]["more"][kind] = len(hits) > limit
        shown = (page - 1) * limit + len(result[kind])
        if counted is not None:
            totals[kind] = max(counted, shown + (1 if len(hits) > limit else 0) if result[kind] else 0)
        else:
            totals[kind] = shown
    result["paging"]["totals"] = totals
    result["paging"]["capped"] = {k: n > engine.COUNT_CAP for k, n in totals.items()}
    result["paging"]["pages"] = {k: last_page(min(n, engine.COUNT_CAP), limit) for k, n in totals.items()}
    return result
