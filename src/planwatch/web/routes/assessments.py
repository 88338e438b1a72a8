"""Assessments: every target's verdict with its evidence — one view for the page and ``GET /api/assessments``.

The rows are `planwatch.monitor.service.assessment_rows`, the same rows `planwatch assess
--format jsonl` prints, with the same filters, for one plan (default: the newest), one government, or, with an
indicator and neither, every plan (as `planwatch assess -i`), a page at a time.
"""

from __future__ import annotations

import io
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from planwatch.monitor.attainment import status_filter
from planwatch.store.schema import LEVELS, YEAR_MAX, YEAR_MIN
from planwatch.web import filters, paging, queries, schemas
from planwatch.web.deps import db, engine_of, require_reader
from planwatch.web.labels import assessment_statuses
from planwatch.web.render import page
from planwatch.web.status import words

router = APIRouter()
DbSession = Annotated[Session, Depends(db)]


PAGE_SIZE = 50
PLAN_CHOICES = 300  # plans offered in the filter (newest first, plus the chosen one); any plan works by URL


@page(router, "/assessments", "assessments.html", api="/api/assessments", tags=["monitoring"], model=schemas.AssessmentsPage)
def assessments(
    request: Request,
    session: DbSession,
    plan: Annotated[int | None, Query(description="Only this plan's targets.")] = None,
    status: Annotated[str | None, Query(
        description="met, missed, on_track, at_risk, conflict, no_data or absent (the codes the rows carry; the "
                    "words, \"no data\", are taken too).")] = None,
    government: Annotated[str | None, Query(description="Only this government's targets (its id or name, as "
                                                        "/api/governments lists them).")] = None,
    level: Annotated[str | None, Query(description="Only governments of this level: national, province, city, "
                                                   "district or county.")] = None,
    parent: Annotated[str | None, Query(description="Only the governments under this one (id or name), at any "
                                                    "depth: a province's cities and their counties.")] = None,
    indicator: Annotated[str | None, Query(
        description="Only this indicator, by any of its names (GDP, 国内生产总值, 地区生产总值 are one); with no plan or "
                    "government, every plan's targets for it (as `planwatch assess -i`), not the newest plan's.")] = None,
    year: Annotated[int | None, Query(description="Only targets for this year.")] = None,
    page: Annotated[int, Query(ge=1, description="Page number, from 1.")] = 1,
    size: Annotated[int, Query(ge=1, le=1000, description="Rows per page.")] = PAGE_SIZE,
) -> dict[str, Any]:
    """The targets of one plan (default: the newest, as on the home page; with `indicator`, every plan's, as
    `planwatch assess -i` gives them: `scope.every_plan`) or of one government's plans, each
    with its status, margin, the rule applied and the actual's evidence (quote, document, offsets; for a sum of
    yearly actuals each year's in `evidence_parts`), a page at a time; `level` and `parent` narrow them to the
    governments of a level or under one (the counties of 昆明市: `parent=昆明市&level=county`). Every plan at once (365,340 rows at
    6,500 plans: 133 MB, 22 s) is `planwatch assess --format jsonl`."""
    from planwatch.monitor.service import FIELDS, assessment_rows

    statuses = assessment_statuses()
    filters.known(session, plan=plan)
    status = status_filter(status)  # the code the rows carry, or its old words ("no data")
    filters.one_of("status", status, statuses)
    government = (government or "").strip() or None
    level, parent = level or None, (parent or "").strip() or None
    ids = filters.governments(session, government, level, parent)  # 404 for a government none stored
    indicator = (indicator or "").strip() or None
    every_plan, scope = False, plan
    if plan is None and ids is None and indicator is not None:  # every plan's, as `planwatch assess -i`
        every_plan, scope = True, None
        ids = _holding(engine_of(request), session, indicator)  # read only the governments that target it
    else:
        scope = plan if plan is not None or ids is not None else queries.latest_plan_id(session)
    rows = assessment_rows(engine_of(request), scope, status or None, government_ids=ids,  # no plan: none stored
                           indicator=indicator, year=year)
    page = paging.clamp(page, len(rows), size)  # past the last page: the last one
    shown = rows[(page - 1) * size: page * size]
    names = queries.plan_names(session, [*(r.actual_plan_id for r in shown),  # evidence by its plan's name
                                         *(p.get("plan_id") for r in shown for p in r.evidence_parts)])
    listed = [words(dict(r.to_dict(), actual_document_name=names.get(r.actual_plan_id, r.actual_document),
                         evidence_parts=[dict(p, document_name=_named(names, p))
                                         for p in r.evidence_parts]))  # a sum: each year's actual, its plan by name
              for r in shown]  # rule_text, basis_text, gap_text: the explanations in the interface language
    return {"fields": list(FIELDS), "assessments": listed, "total": len(rows),
            "paging": paging.paging(page, len(rows), size),
            "scope": {"plan": scope, "government": government, "newest": plan is None and ids is None and not every_plan,
                      "every_plan": every_plan},
            "filters": {"plan": plan, "status": status, "government": government, "level": level, "parent": parent,
                        "indicator": indicator, "year": year},
            "choices": {"plans": queries.plan_choices(session, PLAN_CHOICES, scope),
                        "statuses": statuses, "levels": list(LEVELS)}}


def _holding(engine: Engine, session: Session, indicator: str) -> list[int] | None:
    """The governments with a target (or result) of the indicator a filter names (any of its names), so that an
    indicator filter over every plan assesses only them; None (every government) when the registry knows no such
    name (the rows are then kept by the name as shown)."""
    from sqlalchemy import select

    from planwatch.monitor.service import indicator_ids
    from planwatch.store.schema import Plan, Record

    found = indicator_ids(engine, indicator)
    if not found:
        return None
    return sorted(set(session.scalars(select(Plan.government_id).join(Record, Record.plan_id == Plan.id)
                                      .where(Record.indicator_id.in_(found)).distinct())))


def _named(names: dict[int | None, str], part: dict[str, Any]) -> str:
    """A part's plan by its name (`queries.plan_names`), else the document as stored."""
    plan_id = part.get("plan_id")
    return (names.get(plan_id) if isinstance(plan_id, int) else None) or part.get("document") or ""


@router.get("/actuals/template.xlsx", tags=["actuals"],
            summary="A spreadsheet with one row per actual the stored targets need (fill it in, then import it).",
            response_class=Response, responses=schemas.download("The template workbook.", schemas.XLSX))
def actuals_template(request: Request, session: DbSession,
                     government: Annotated[int | None, Query(description="Only this government's targets (id).")] = None,
                     year: Annotated[int | None, Query(ge=YEAR_MIN, le=YEAR_MAX, description="Only targets of this year.")] = None,
                     plan: Annotated[int | None, Query(description="Only this plan's targets.")] = None) -> Response:
    """The actuals template as XLSX (the rows of `planwatch actuals template`), headed in Chinese (指标, 政府 …), of
    one government, year and/or plan when given; /actuals/import reads it back."""
    from openpyxl import Workbook

    from planwatch.store.actuals import TEMPLATE_HEADER, template_cells, template_rows
    from planwatch.store.schema import Government

    require_reader(request)
    filters.known(session, government=government, plan=plan)
    name = session.get(Government, government).name if government is not None else None  # type: ignore[union-attr]
    book = Workbook(write_only=True)
    sheet = book.create_sheet("实际值")
    sheet.append(list(TEMPLATE_HEADER))
    for row in template_rows(session, name, year, plan):
        sheet.append(template_cells(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return Response(buffer.getvalue(),
                    media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": 'attachment; filename="actuals-template.xlsx"'})
