"""Indicators: the registry, and one indicator's series of targets against actuals across years."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.orm import Session

from planwatch.web import filters, paging, queries, schemas, status
from planwatch.web.deps import db
from planwatch.web.render import page

router = APIRouter()
DbSession = Annotated[Session, Depends(db)]
ACTUALS_SHOWN = 200  # the indicator page lists its newest actuals; /api/actuals pages through all of them


@page(router, "/indicators", "indicators.html", tags=["indicators"], model=schemas.IndicatorsPage)
def indicator_list(request: Request, session: DbSession,
                   q: Annotated[str | None, Query(description="Text in the name or an alias.")] = None,
                   page: Annotated[int, Query(ge=1)] = 1,
                   size: Annotated[int, Query(ge=1, le=1000)] = 200) -> dict[str, Any]:
    """Every indicator with its unit, polarity, domain and number of records."""
    text = (q or "").strip() or None
    items, total = queries.indicators(session, text, (page - 1) * size, size)
    if not items and page > 1 and paging.clamp(page, total, size) != page:  # past the last page: the last one
        page = paging.clamp(page, total, size)  # (in the browser; JSON keeps the page, empty)
        items, total = queries.indicators(session, text, (page - 1) * size, size)
    return {"indicators": items, "q": q or "", "paging": paging.paging(page, total, size)}


@page(router, "/indicators/{indicator_id:int}", "indicator.html", api="/api/indicators/{indicator_id:int}",
      tags=["indicators"], model=schemas.IndicatorPage)
def indicator_page(request: Request, indicator_id: int, session: DbSession,
                   government: Annotated[int | None, Query(description="Only this government's plans and actuals.")] = None,
                   page: Annotated[int, Query(ge=1, description="Page of the records list (newest first).")] = 1,
                   size: Annotated[int, Query(ge=1, le=1000, description="Records per page.")] = 100,
                   ) -> dict[str, Any]:
    """One indicator: aliases, unit, polarity; its records (newest first, paged), actuals, and the chart series."""
    from planwatch.web.indicator_series import CHOOSER_LIMIT, MAX_GOVERNMENTS, government_counts, indicator_series
    from planwatch.web.routes.actuals import entry_form_context

    info = queries.indicator(session, indicator_id)
    filters.known(session, government=government)
    counts = government_counts(session, indicator_id)  # the chooser's counts add up to the records list's total
    matching = sum(g["records"] for g in counts if government is None or g["id"] == government)
    page = paging.clamp(page, matching, size)  # past the last page: the last one
    flt = queries.RecordFilter(indicator_id=indicator_id, kind=None, government_id=government)
    records, total = queries.records(session, flt, "year", desc=True, offset=(page - 1) * size, limit=size,
                                     count=matching)
    status.attach(session, records)
    actuals, actuals_total = queries.newest_actuals(session, ACTUALS_SHOWN, indicator_id=indicator_id,
                                                    government_id=government)
    queries.name_actual_documents(session, actuals)  # notes cite the plan by its name, not its file's stem
    lanes = indicator_series(session, indicator_id, info["name"], government, counts)
    shown = sorted({g["government_id"] for lane in lanes for g in lane["governments"]})
    return {"indicator": info, "records": records, "actuals": actuals, "actuals_total": actuals_total,
            "series": lanes, "government": government,
            "chart_governments": {"shown": shown, "total": len(counts), "limit": MAX_GOVERNMENTS,
                                  "choices": counts[:CHOOSER_LIMIT]},
            "paging": paging.paging(page, total, size),
            **entry_form_context(request, session, indicator_id)}
