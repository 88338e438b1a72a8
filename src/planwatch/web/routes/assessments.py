"""Assessments: every target's verdict with its evidence — one view for the page and ``GET /api/assessments``.

The rows are `planwatch.monitor.service.assessment_rows`, the same rows `planwatch assess
--format jsonl` prints, with the same filters.
"""

from __future__ import annotations

import io
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from planwatch.web.deps import db, engine_of, require_reader
from planwatch.web.render import page

router = APIRouter()
DbSession = Annotated[Session, Depends(db)]


@page(router, "/assessments", "assessments.html", api="/api/assessments", tags=["monitoring"])
def assessments(
    request: Request,
    plan: Annotated[int | None, Query(description="Only this plan's targets.")] = None,
    status: Annotated[str | None, Query(
        description="met, missed, on_track, at_risk, conflict, no_data or absent.")] = None,
    government: Annotated[str | None, Query(description="Only this government's targets (its name).")] = None,
    indicator: Annotated[str | None, Query(description="Only this indicator (name as shown).")] = None,
    year: Annotated[int | None, Query(description="Only targets for this year.")] = None,
) -> dict[str, Any]:
    """Every target with its status, margin, the rule applied and the actual's evidence (quote, document, offsets)."""
    from planwatch.monitor.service import FIELDS, assessment_rows

    rows = assessment_rows(engine_of(request), plan, status or None, government=government or None,
                           indicator=indicator or None, year=year)
    return {"fields": list(FIELDS), "assessments": [r.to_dict() for r in rows], "total": len(rows),
            "filters": {"plan": plan, "status": status, "government": government, "indicator": indicator,
                        "year": year}}


@router.get("/actuals/template.xlsx", tags=["actuals"],
            summary="A spreadsheet with one row per actual the stored targets need (fill it in, then import it).")
def actuals_template(request: Request, session: DbSession) -> Response:
    """The actuals template as XLSX (the same rows as `planwatch actuals template`)."""
    from openpyxl import Workbook

    from planwatch.store.actuals import COLUMNS, template_rows

    require_reader(request)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("actuals")
    sheet.append(list(COLUMNS))
    for row in template_rows(session):
        sheet.append([row.get(c, "") for c in COLUMNS])
    buffer = io.BytesIO()
    book.save(buffer)
    return Response(buffer.getvalue(),
                    media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": 'attachment; filename="actuals-template.xlsx"'})
